/**
 * Query planning for the embedded store: mingo evaluates every filter, but it tests `$in` by
 * scanning the list for each document (quadratic: 10k ids × 100k documents takes minutes). Like a
 * server index, the planner picks one top-level equality / `$in` conjunct on scalar values and turns
 * it into a hash-set lookup; the rest of the filter (the residual) is still evaluated by mingo.
 * Anything the hash cannot decide exactly (an odd value type in the document) is handed to mingo too.
 */
import type { Query } from "mingo";
import { mingo } from "./mingo";
import type { Document } from "mongodb";
import { scalarKey } from "./hash-key";

export const MINGO_OPTIONS = { idKey: "_id", scriptEnabled: false } as const;

export interface IndexedConjunct {
  field: string;
  keys: Set<string>;
  /** mingo's verdict on this conjunct alone, for documents the hash cannot decide. */
  fallback: Query;
}

export interface QueryPlan {
  indexed: IndexedConjunct | undefined;
  /** The filter without the indexed conjunct; undefined when nothing is left to test. */
  residual: Query | undefined;
}

function keysOf(condition: unknown): Set<string> | undefined {
  const direct = scalarKey(condition);
  if (direct !== undefined) return new Set([direct]);
  if (condition === null || typeof condition !== "object" || Array.isArray(condition)) return undefined;
  const ops = Object.keys(condition);
  if (ops.length !== 1) return undefined;
  const arg = (condition as Record<string, unknown>)[ops[0]!];
  if (ops[0] === "$eq") {
    const k = scalarKey(arg);
    return k === undefined ? undefined : new Set([k]);
  }
  if (ops[0] === "$in" && Array.isArray(arg)) {
    const keys = new Set<string>();
    for (const v of arg) {
      const k = scalarKey(v);
      if (k === undefined) return undefined; // null, regex, documents: mingo's semantics apply
      keys.add(k);
    }
    return keys;
  }
  return undefined;
}

export function planFilter(filter: Document): QueryPlan {
  let best: { field: string; keys: Set<string> } | undefined;
  for (const field of Object.keys(filter)) {
    if (field.startsWith("$") || field.includes(".")) continue;
    const keys = keysOf(filter[field]);
    if (!keys) continue;
    if (!best || field === "_id" || (best.field !== "_id" && keys.size < best.keys.size)) best = { field, keys };
    if (field === "_id") break;
  }
  if (!best) return { indexed: undefined, residual: Object.keys(filter).length ? new (mingo().Query)(filter, MINGO_OPTIONS) : undefined };
  const rest: Document = {};
  for (const field of Object.keys(filter)) if (field !== best.field) rest[field] = filter[field];
  return {
    indexed: { ...best, fallback: new (mingo().Query)({ [best.field]: filter[best.field] }, MINGO_OPTIONS) },
    residual: Object.keys(rest).length ? new (mingo().Query)(rest, MINGO_OPTIONS) : undefined,
  };
}

/** Whether `doc` satisfies the indexed conjunct. */
export function matchesIndexed(doc: Document, indexed: IndexedConjunct): boolean {
  const value = doc[indexed.field];
  if (value === undefined || value === null) return false; // a scalar never equals a missing or null field
  const key = scalarKey(value);
  if (key !== undefined) return indexed.keys.has(key);
  if (Array.isArray(value)) {
    // Equality on an array field matches when any element matches (one level deep).
    let undecided = false;
    for (const element of value) {
      const k = scalarKey(element);
      if (k !== undefined) {
        if (indexed.keys.has(k)) return true;
      } else if (element !== null && typeof element === "object" && !isPlainContainer(element)) undecided = true;
    }
    return undecided ? indexed.fallback.test(doc) : false;
  }
  if (isPlainContainer(value)) return false; // an embedded document never equals a scalar
  return indexed.fallback.test(doc);
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function matches(doc: Document, plan: QueryPlan): boolean {
  if (plan.indexed && !matchesIndexed(doc, plan.indexed)) return false;
  return plan.residual === undefined || plan.residual.test(doc);
}
