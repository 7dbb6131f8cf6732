/**
 * Query planning for the embedded store: mingo evaluates every filter, but it tests `$in` and `$nin`
 * by scanning the list for each document (quadratic: 10k ids × 100k documents takes minutes). Like a
 * server index, the planner picks one top-level equality / `$in` conjunct on scalar values and turns
 * it into a hash-set lookup, and turns every top-level `$nin` of scalars (whereNotIn, whereDoesntHave)
 * into a hash-set exclusion; conjuncts inside a top-level `$and` count as top-level. The rest of the
 * filter (the residual) is still evaluated by mingo, and anything the hash cannot decide exactly
 * (an odd value type in the document) is handed to mingo too.
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
  /** `$nin` conjuncts: a document matches none of their keys. */
  excluded: IndexedConjunct[];
  /** The filter without the planned conjuncts; undefined when nothing is left to test. */
  residual: Query | undefined;
}

/** A field's own value (a document without `constructor` does not have Object's). */
export function ownField(doc: Document, field: string): unknown {
  return Object.prototype.hasOwnProperty.call(doc, field) ? doc[field] : undefined;
}

function scalarKeys(list: unknown): Set<string> | undefined {
  if (!Array.isArray(list)) return undefined;
  const keys = new Set<string>();
  for (const v of list) {
    const k = scalarKey(v);
    if (k === undefined) return undefined; // null, regex, documents: mingo's semantics apply
    keys.add(k);
  }
  return keys;
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
  return ops[0] === "$in" ? scalarKeys(arg) : undefined;
}

function excludedKeysOf(condition: unknown): Set<string> | undefined {
  if (condition === null || typeof condition !== "object" || Array.isArray(condition)) return undefined;
  const ops = Object.keys(condition);
  return ops.length === 1 && ops[0] === "$nin" ? scalarKeys((condition as Document).$nin) : undefined;
}

/** Top-level conjuncts as single-field filters, with `$and` members lifted. */
function conjuncts(filter: Document, out: Document[] = []): Document[] {
  for (const field of Object.keys(filter)) {
    const condition = filter[field];
    if (field === "$and" && Array.isArray(condition) && condition.every((c) => c !== null && typeof c === "object" && !Array.isArray(c))) {
      for (const member of condition as Document[]) conjuncts(member, out);
    } else out.push({ [field]: condition });
  }
  return out;
}

const plannable = (field: string) => !field.startsWith("$") && !field.includes(".");

export function planFilter(filter: Document): QueryPlan {
  const parts = conjuncts(filter);
  let best: { index: number; field: string; keys: Set<string> } | undefined;
  const excluded: Array<{ index: number; field: string; keys: Set<string> }> = [];
  parts.forEach((part, index) => {
    const field = Object.keys(part)[0]!;
    if (!plannable(field)) return;
    const keys = keysOf(part[field]);
    if (keys) {
      if (!best || (field === "_id" && best.field !== "_id") || (best.field !== "_id" && keys.size < best.keys.size))
        best = { index, field, keys };
      return;
    }
    const out = excludedKeysOf(part[field]);
    if (out) excluded.push({ index, field, keys: out });
  });
  const planned = new Set<number>([...(best ? [best.index] : []), ...excluded.map((e) => e.index)]);
  const rest = parts.filter((_, i) => !planned.has(i));
  const conjunct = (c: { index: number; field: string; keys: Set<string> }): IndexedConjunct => ({
    field: c.field,
    keys: c.keys,
    fallback: new (mingo().Query)(parts[c.index]!, MINGO_OPTIONS),
  });
  return {
    indexed: best ? conjunct(best) : undefined,
    excluded: excluded.map(conjunct),
    residual: rest.length ? new (mingo().Query)(rest.length === 1 ? rest[0]! : { $and: rest }, MINGO_OPTIONS) : undefined,
  };
}

/** Whether `doc` satisfies the indexed conjunct. */
export function matchesIndexed(doc: Document, indexed: IndexedConjunct): boolean {
  const value = ownField(doc, indexed.field);
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

/** Whether `doc` satisfies a `$nin` conjunct: neither the value nor any array element is listed. */
export function matchesExcluded(doc: Document, excluded: IndexedConjunct): boolean {
  const value = ownField(doc, excluded.field);
  if (value === undefined || value === null) return true; // the list holds scalars only
  const key = scalarKey(value);
  if (key !== undefined) return !excluded.keys.has(key);
  if (Array.isArray(value)) {
    for (const element of value) {
      const k = scalarKey(element);
      if (k !== undefined) {
        if (excluded.keys.has(k)) return false;
      } else if (element !== null && typeof element === "object" && !isPlainContainer(element)) return excluded.fallback.test(doc);
    }
    return true;
  }
  if (isPlainContainer(value as object)) return true; // an embedded document never equals a scalar
  return excluded.fallback.test(doc);
}

function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function matches(doc: Document, plan: QueryPlan): boolean {
  if (plan.indexed && !matchesIndexed(doc, plan.indexed)) return false;
  for (const e of plan.excluded) if (!matchesExcluded(doc, e)) return false;
  return plan.residual === undefined || plan.residual.test(doc);
}
