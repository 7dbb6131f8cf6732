/**
 * `withSum("posts", "votes")`, `withAvg`, `withMin`, `withMax` (attribute `posts_sum_votes`, …) and
 * `withExists("posts")` (`posts_exists`), Laravel's names and results: sum 0 and avg/min/max null
 * without related rows. One query per relation for all parents: a grouped aggregate when the store
 * offers one (`aggregateByKeys`, SQL hasOne/hasMany/morph*), otherwise the related rows are loaded
 * once (the relation's own eager query) and aggregated per parent.
 */
import { aggregateAttribute } from "eloquent-engine";
import { didYouMean } from "../model/errors";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { pivotColumnNames, type QueryConstraint } from "./adapter";
import { unknownPivotColumn } from "./pivot-queries";
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
  verb: AggregateVerb = "with",
): Map<string, AggregateSpec> {
  const out = new Map<string, AggregateSpec>();
  const method = methodName(verb, fn);
  if (fn !== "exists" && (typeof column !== "string" || column === "")) {
    throw new TypeError(`${method}(relation, column): the column to aggregate is missing (e.g. ${method}("posts", "votes")).`);
  }
  const add = (raw: string, constraint?: QueryConstraint) => {
    const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/i.exec(raw);
    if (!m) throw new TypeError(`${method}(): '${raw}' is not a relation name (optionally "name as alias").`);
    // Laravel's name (the engine's convention): posts_exists, roles_sum_role_userlevel.
    const name = m[2] ?? aggregateAttribute(m[1]!, fn, fn === "exists" ? undefined : column);
    out.set(name, { relation: m[1]!, fn, column, constraint });
  };
  if (typeof relations === "string") add(relations);
  else if (Array.isArray(relations)) for (const r of relations) add(r);
  else for (const [k, v] of Object.entries(relations)) add(k, typeof v === "function" ? v : undefined);
  return out;
}

/** Query methods say `withSum`, model methods `loadSum` (`model.loadSum("posts", "votes")`): errors name the one called. */
export type AggregateVerb = "with" | "load";

function methodName(verb: AggregateVerb, fn: AggregateFn | "exists"): string {
  return `${verb}${fn[0]!.toUpperCase()}${fn.slice(1)}`;
}

/**
 * Which column an aggregate reads: a target column (`votes`, or qualified `posts.votes`), or a pivot column
 * qualified by the pivot table (`role_user.level`, Laravel's form), read from each related row's pivot.
 */
function aggregatedColumn(
  relation: ResolvedRelation,
  spec: AggregateSpec,
  verb: AggregateVerb = "with",
): { on: "target" | "pivot"; column: string } {
  const method = `${methodName(verb, spec.fn)}("${spec.relation}", "${spec.column}")`;
  if (!relation.target) {
    throw new RelationError(`${relation.owner.name}.${relation.name} is a morphTo relation: ${method} needs one target model.`);
  }
  const target = modelMeta(relation.target);
  const dot = spec.column!.indexOf(".");
  const table = dot < 0 ? target.table : spec.column!.slice(0, dot);
  const column = dot < 0 ? spec.column! : spec.column!.slice(dot + 1);
  const pivot = relation.pivot;
  if (table === target.table) {
    const columns = [...target.columns.keys()];
    if (columns.includes(column)) return { on: "target", column };
    throw new RelationError(
      `${method}: unknown column '${column}' on ${relation.target.name}.` +
        didYouMean(column, columns) +
        ` Columns: ${columns.join(", ")}.`,
    );
  }
  if (pivot && table === pivot.table) {
    if (pivotColumnNames(pivot).includes(column)) return { on: "pivot", column };
    throw unknownPivotColumn(method, pivot, column);
  }
  throw new RelationError(
    `${method}: '${table}' is neither ${relation.target.name}'s table '${target.table}'${pivot ? ` nor the pivot '${pivot.table}'` : ""}. ` +
      `Write the column bare, or qualified by one of those tables.`,
  );
}

/** Fails before any query: unknown relation, morphTo, or a column the target (or the pivot) does not declare. */
export function checkAggregateSpecs(model: ModelClass, specs: ReadonlyMap<string, AggregateSpec>, verb: AggregateVerb = "with"): void {
  for (const spec of specs.values()) {
    const relation = resolveRelation(model, spec.relation);
    if (spec.fn !== "exists") aggregatedColumn(relation, spec, verb);
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
  const { on, column: aggregated } = aggregatedColumn(relation, spec);
  if (
    on === "target" &&
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
          aggregated,
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
      rows.map((m) => (on === "pivot" ? m.pivot?.[aggregated] : m.get(aggregated))).filter((v) => v !== null && v !== undefined),
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
