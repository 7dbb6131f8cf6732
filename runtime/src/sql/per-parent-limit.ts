/**
 * `with({ posts: q => q.latest().limit(3) })` limits each parent's posts, not the whole batch
 * (Laravel 11): the eager query numbers the rows of each parent with
 * `ROW_NUMBER() OVER (PARTITION BY <parent key column> ORDER BY …)` and keeps the numbers in the
 * limit/offset window. Still one query per level; SQLite ≥ 3.25, PostgreSQL and MariaDB ≥ 10.2 /
 * MySQL 8 all have window functions.
 */
import type { Knex } from "knex";
import type { QueryContext } from "./sql-query";

/** The row-number column; removed from the rows before they are hydrated. */
export const ROW_NUMBER = "__eloquent_row_number";

export interface PerParentWindow {
  /** The user's order (qualified columns); the row numbers follow it. */
  orders: ReadonlyArray<readonly [string, "asc" | "desc"]>;
  /** Ordering when the user gave none: the target's primary key, so the window is deterministic. */
  fallback: string;
  limit: number | undefined;
  offset: number;
}

/** Wraps `inner` (a select with the constraints, no order/limit) into the per-partition window. */
export function perParentWindow(
  ctx: QueryContext,
  inner: Knex.QueryBuilder,
  partition: string,
  window: PerParentWindow,
): Knex.QueryBuilder {
  const order = window.orders.length ? window.orders : ([[window.fallback, "asc"]] as const);
  // directions are validated "asc"/"desc"; identifiers are bound with ??
  const over = order.map(([, direction]) => `?? ${direction}`).join(", ");
  inner.select(
    ctx.runner.raw(`ROW_NUMBER() OVER (PARTITION BY ?? ORDER BY ${over}) AS ??`, [
      partition,
      ...order.map(([column]) => column),
      ROW_NUMBER,
    ]),
  );
  const outer = ctx.runner.select("*").from(inner.as("per_parent"));
  if (window.offset > 0) outer.where(ROW_NUMBER, ">", window.offset);
  if (window.limit !== undefined) outer.where(ROW_NUMBER, "<=", window.offset + window.limit);
  // within each parent, the row number is the user's order (matching groups rows per parent)
  return outer.orderBy(ROW_NUMBER, "asc");
}

export function stripRowNumbers(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  for (const row of rows) delete row[ROW_NUMBER];
  return rows;
}
