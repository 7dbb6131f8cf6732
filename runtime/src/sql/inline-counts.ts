/**
 * `withCount` of the direct-child kinds (hasMany, hasOne, morphMany, morphOne) as correlated subqueries in the
 * parent query's select list, as Laravel writes them: one statement returns the page and its counts, instead of one
 * more grouped query per counted relation. The child's key column and morph filter are the ones every load of the
 * relation uses (has-shared.ts). What cannot be one correlated subquery falls back to the grouped query: another
 * kind, another store or connection, a constraint with a limit/offset/join/grouping, or key columns that do not
 * compare as they are (see comparableKeys; the grouped query converts the keys first).
 */
import type { Knex } from "knex";
import { keyFamily } from "eloquent-engine";
import type { ModelMeta } from "../model/meta";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { QueryConstraint } from "../relations/adapter";
import { childColumn, morphFilter } from "../relations/has-shared";
import { resolveRelation } from "../relations/resolve";
import { withDefinition } from "../relations/definition";
import type { QueryContext, SqlQuery } from "./sql-query";

const INLINE_KINDS = new Set(["hasMany", "hasOne", "morphMany", "morphOne"]);

/**
 * Whether `a.aColumn = b.bColumn` compares on every dialect without a conversion: integers of any width (the
 * engine's key families), else only the same column type (PostgreSQL refuses `uuid = varchar` as it does `integer = varchar`).
 */
function comparableKeys(a: ModelMeta, aColumn: string, b: ModelMeta, bColumn: string): boolean {
  const ta = a.columns.get(aColumn)?.type;
  const tb = b.columns.get(bColumn)?.type;
  if (ta === undefined || tb === undefined) return false;
  const family = keyFamily(ta);
  return family === keyFamily(tb) && (family === "integer" || (family === "string" && ta === tb));
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
    if (targetMeta.connection !== parent.meta.connection || !comparableKeys(targetMeta, column, parent.meta, relation.localKey)) continue;
    const inner = `elq_count_${n++}`; // the child table under its own name: self-relations count too
    const sub = newQuery(target, inner);
    for (const [c, v] of Object.entries(morphFilter(relation) ?? {})) sub.whereKeyEquals(c, v);
    withDefinition(relation, spec.constraint)?.(sub as never);
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
