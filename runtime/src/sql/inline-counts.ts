/**
 * `withCount` of the direct-child kinds (hasMany, hasOne, morphMany, morphOne) as correlated subqueries in the
 * parent query's select list, as Laravel writes them: one statement returns the page and its counts, instead of one
 * more grouped query per counted relation. The child's key column and morph filter are the ones every load of the
 * relation uses (has-shared.ts). What cannot be one correlated subquery falls back to the grouped query: another
 * kind, another store or connection, a constraint with a limit/offset/join/grouping, or key columns of different
 * types (PostgreSQL refuses `integer = varchar`; the grouped query converts the keys first).
 */
import type { Knex } from "knex";
import type { ModelMeta } from "../model/meta";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "../relations/adapter";
import { childColumn, morphFilter } from "../relations/has-shared";
import { resolveRelation } from "../relations/resolve";
import type { QueryContext, SqlQuery } from "./sql-query";

const INLINE_KINDS = new Set(["hasMany", "hasOne", "morphMany", "morphOne"]);

const KEY_FAMILY: Record<string, string> = {
  increments: "integer",
  bigIncrements: "integer",
  int: "integer",
  bigint: "integer",
  smallint: "integer",
  string: "text",
  char: "text",
  uuid: "text",
  ulid: "text",
};

function sameKeyFamily(a: ModelMeta, aColumn: string, b: ModelMeta, bColumn: string): boolean {
  const fa = KEY_FAMILY[a.columns.get(aColumn)?.type ?? ""];
  return fa !== undefined && fa === KEY_FAMILY[b.columns.get(bColumn)?.type ?? ""];
}

export interface CountSpec {
  relation: string;
  constraint?: QueryConstraint;
}

/** Builds a query of `model` under `alias`; given by sql-query.ts (this module cannot import the class). */
export type QueryFactory = (model: ModelClass, alias: string) => SqlQuery;

/**
 * Adds a `(select count(*) …) as <alias>` per inlinable spec to `qb`; returns the aliases it added (their values
 * arrive with the parent rows).
 */
export function inlineCounts(
  parent: { meta: ModelMeta; qualifier: string },
  specs: ReadonlyMap<string, CountSpec>,
  qb: Knex.QueryBuilder,
  ctx: QueryContext,
  newQuery: QueryFactory,
): Set<string> {
  const inlined = new Set<string>();
  let n = 0;
  for (const [alias, spec] of specs) {
    const relation = resolveRelation(parent.meta.model as never, spec.relation);
    const target = relation.target;
    if (!INLINE_KINDS.has(relation.kind) || relation.ofMany || target === undefined || target.store !== "sql") continue;
    const targetMeta = modelMeta(target);
    const column = childColumn(relation);
    if (targetMeta.connection !== parent.meta.connection || !sameKeyFamily(targetMeta, column, parent.meta, relation.localKey)) continue;
    const inner = `elq_count_${n++}`; // the child table under its own name: self-relations count too
    const sub = newQuery(target, inner);
    for (const [c, v] of Object.entries(morphFilter(relation) ?? {})) sub.whereKeyEquals(c, v);
    if (spec.constraint) spec.constraint(sub as never);
    if (!sub.isPlainFilter()) continue;
    const count = sub
      .base(ctx)
      .whereRaw("?? = ??", [`${inner}.${column}`, `${parent.qualifier}.${relation.localKey}`])
      .count("*");
    qb.select(count.as(alias));
    inlined.add(alias);
  }
  return inlined;
}
