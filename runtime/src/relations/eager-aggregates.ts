/**
 * `withSum("posts", "votes")`, `withAvg`, `withMin`, `withMax` (attribute `posts_sum_votes`, …) and
 * `withExists("posts")` (`posts_exists`), Laravel's names and results: sum 0 and avg/min/max null
 * without related rows. One query per relation for all parents: a grouped aggregate when the store
 * offers one (`aggregateByKeys`, SQL hasOne/hasMany/morph*), otherwise the related rows are loaded
 * once (the relation's own eager query) and aggregated per parent.
 */
import { didYouMean } from "../model/errors";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "./adapter";
import { ensureAccessor, groupByClass } from "./eager";
import { distinctAttribute, keyNormalizer } from "./keys";
import { RELATION_HANDLERS } from "./kinds";
import { withDefinition } from "./definition";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";

export type AggregateFn = "sum" | "avg" | "min" | "max";

export interface AggregateSpec {
  relation: string;
  fn: AggregateFn | "exists";
  column?: string;
  constraint?: QueryConstraint;
}

/** Parses `withSum("posts", "votes")` / `withSum({ "posts as total": q => ... }, "votes")` into attribute → spec. */
export function parseAggregateSpecs(
  fn: AggregateFn | "exists",
  relations: string | Readonly<Record<string, QueryConstraint | true | undefined>> | readonly string[],
  column?: string,
): Map<string, AggregateSpec> {
  const out = new Map<string, AggregateSpec>();
  const method = fn === "exists" ? "withExists" : `with${fn[0]!.toUpperCase()}${fn.slice(1)}`;
  if (fn !== "exists" && (typeof column !== "string" || column === "")) {
    throw new TypeError(`${method}(relation, column): the column to aggregate is missing (e.g. ${method}("posts", "votes")).`);
  }
  const add = (raw: string, constraint?: QueryConstraint) => {
    const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/i.exec(raw);
    if (!m) throw new TypeError(`${method}(): '${raw}' is not a relation name (optionally "name as alias").`);
    const name = m[2] ?? (fn === "exists" ? `${m[1]}_exists` : `${m[1]}_${fn}_${column}`);
    out.set(name, { relation: m[1]!, fn, column, constraint });
  };
  if (typeof relations === "string") add(relations);
  else if (Array.isArray(relations)) for (const r of relations) add(r);
  else for (const [k, v] of Object.entries(relations)) add(k, typeof v === "function" ? v : undefined);
  return out;
}

/** Fails before any query: unknown relation, morphTo, or a column the target does not declare. */
export function checkAggregateSpecs(model: ModelClass, specs: ReadonlyMap<string, AggregateSpec>): void {
  for (const spec of specs.values()) {
    const relation = resolveRelation(model, spec.relation);
    if (spec.fn === "exists") continue;
    if (!relation.target) {
      throw new RelationError(`${relation.owner.name}.${relation.name} is a morphTo relation: with${spec.fn}() needs one target model.`);
    }
    const columns = [...modelMeta(relation.target).columns.keys()];
    if (!columns.includes(spec.column!)) {
      throw new RelationError(
        `with${spec.fn[0]!.toUpperCase()}${spec.fn.slice(1)}("${spec.relation}", "${spec.column}"): unknown column '${spec.column}' on ${relation.target.name}.` +
          didYouMean(spec.column!, columns) +
          ` Columns: ${columns.join(", ")}.`,
      );
    }
  }
}

export async function loadAggregates(models: readonly Model[], specs: ReadonlyMap<string, AggregateSpec>): Promise<void> {
  if (!models.length || !specs.size) return;
  for (const [cls, group] of groupByClass(models)) {
    checkAggregateSpecs(cls, specs);
    for (const [alias, spec] of specs) {
      const relation = resolveRelation(cls, spec.relation);
      const valueOf = await aggregateMatcher(group, relation, spec);
      ensureAccessor(cls, alias);
      for (const parent of group) parent.setComputed(alias, valueOf(parent));
    }
  }
}

async function aggregateMatcher(
  parents: readonly Model[],
  relation: ResolvedRelation,
  spec: AggregateSpec,
): Promise<(p: Model) => unknown> {
  const handler = RELATION_HANDLERS[relation.kind];
  if (spec.fn === "exists") {
    const countOf = await handler.count(parents, relation, spec.constraint);
    return (p) => countOf(p) > 0;
  }
  const fn = spec.fn;
  const empty = fn === "sum" ? 0 : null;
  const target = relation.target!;
  const grouped = target.adapter.aggregateByKeys;
  if (
    grouped &&
    (relation.kind === "hasOne" || relation.kind === "hasMany" || relation.kind === "morphOne" || relation.kind === "morphMany")
  ) {
    const keys = distinctAttribute(parents, relation.localKey);
    const column = relation.morphId ?? relation.foreignKey;
    const rows = keys.length
      ? await grouped.call(target.adapter, {
          model: target,
          column,
          values: keys,
          equals: relation.morphType ? { [relation.morphType]: relation.ownerMeta.morphAlias } : undefined,
          constraint: withDefinition(relation, spec.constraint), // a direct adapter call: the handlers' wrapping is not on this path
          fn,
          aggregated: spec.column!,
        })
      : [];
    const norm = keyNormalizer(keys, rows.length ? [rows[0]![0]] : []);
    const byKey = new Map(rows.map(([k, v]) => [norm(k), v] as const));
    return (p) => byKey.get(norm(p.get(relation.localKey))) ?? empty;
  }
  // any other kind or store: the relation's own eager query, aggregated here
  const fetched = await handler.fetch(parents, relation, spec.constraint);
  return (p) => {
    const value = fetched.resultFor(p);
    const rows = (Array.isArray(value) ? value : value == null ? [] : [value]) as Model[];
    return aggregateValues(
      fn,
      rows.map((m) => m.get(spec.column!)).filter((v) => v !== null && v !== undefined),
      empty,
    );
  };
}

function aggregateValues(fn: AggregateFn, values: unknown[], empty: unknown): unknown {
  if (!values.length) return empty;
  const numbers = values.map((v) => (typeof v === "number" ? v : Number(v)));
  switch (fn) {
    case "sum":
      return numbers.reduce((a, b) => a + b, 0);
    case "avg":
      return numbers.reduce((a, b) => a + b, 0) / numbers.length;
    case "min":
    case "max": {
      const numeric = numbers.every((n) => Number.isFinite(n)) && values.every((v) => typeof v !== "object");
      if (numeric) return fn === "min" ? Math.min(...numbers) : Math.max(...numbers);
      const sorted = values.slice().sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0));
      return fn === "min" ? sorted[0] : sorted[sorted.length - 1];
    }
  }
}
