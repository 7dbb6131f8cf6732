/**
 * The less common parts of a SQL query kept apart from query.ts: GROUP BY / HAVING, raw select /
 * order expressions with bindings, DISTINCT, random order and row locks. Raw SQL is only ever the
 * caller's literal string; values travel as bindings (`whereRaw("price > ?", [10])`).
 */
import type { Knex } from "knex";
import type { QueryContext } from "./sql-query";

export interface QueryExtras {
  distinct: boolean;
  groups: string[];
  havings: Array<(qb: Knex.QueryBuilder, ctx: QueryContext) => void>;
  selects: Array<readonly [string, Knex.Value[]]>;
  /** `["random", []]` is inRandomOrder (spelled per dialect). */
  orders: Array<readonly [string, Knex.Value[]]>;
  lock: "update" | "share" | undefined;
  joins: import("./joins").JoinSpec[];
  /** Global scopes this query removed (`true`: all). */
  withoutGlobal: ReadonlySet<string> | true | undefined;
}

export function emptyExtras(): QueryExtras {
  return { distinct: false, groups: [], havings: [], selects: [], orders: [], lock: undefined, withoutGlobal: undefined, joins: [] };
}

export function cloneExtras(e: QueryExtras | undefined): QueryExtras | undefined {
  if (!e) return undefined;
  return {
    distinct: e.distinct,
    groups: e.groups.slice(),
    havings: e.havings.slice(),
    selects: e.selects.slice(),
    orders: e.orders.slice(),
    lock: e.lock,
    withoutGlobal: e.withoutGlobal,
    joins: e.joins.slice(),
  };
}

/** Raw SQL must be a string and its bindings an array with one value per `?` (`??` binds an identifier). */
export function checkedBindings(
  model: string,
  method: string,
  sql: unknown,
  bindings: unknown,
  fail: (message: string) => Error,
): Knex.Value[] {
  if (typeof sql !== "string" || !sql.trim()) throw fail(`${model}.${method}(): expected an SQL string, got ${typeof sql}.`);
  if (!Array.isArray(bindings)) {
    throw fail(
      `${model}.${method}("${sql}", ...): bindings must be an array (one value per ?), got ${bindings === null ? "null" : typeof bindings}. Never build the SQL string from input.`,
    );
  }
  const placeholders = (sql.replace(/\\\?/g, "").match(/\?\??/g) ?? []).length;
  if (placeholders !== bindings.length) {
    throw fail(`${model}.${method}("${sql}", ...): ${placeholders} placeholder(s) but ${bindings.length} binding(s).`);
  }
  return bindings as Knex.Value[];
}

export function applySelectExtras(e: QueryExtras, qb: Knex.QueryBuilder, ctx: QueryContext): void {
  for (const [sql, bindings] of e.selects) qb.select(ctx.runner.raw(sql, bindings));
}

export function applyShapeExtras(e: QueryExtras, qb: Knex.QueryBuilder, ctx: QueryContext): void {
  if (e.distinct) qb.distinct();
  if (e.groups.length) qb.groupBy(e.groups);
  for (const having of e.havings) having(qb, ctx);
  for (const [sql, bindings] of e.orders) {
    if (sql === "random" && !bindings.length) qb.orderByRaw(ctx.dialect === "mysql" ? "RAND()" : "RANDOM()");
    else qb.orderByRaw(sql, bindings);
  }
  if (ctx.dialect !== "sqlite") {
    if (e.lock === "update") qb.forUpdate();
    else if (e.lock === "share") qb.forShare();
  }
}
