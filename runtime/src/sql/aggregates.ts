/**
 * sum/avg/min/max of one column over a query's rows (soft-deleted rows excluded unless withTrashed),
 * and `value(column)`. Laravel's results: sum is 0 when no rows match, avg/min/max are null.
 * Drivers return DECIMAL/BIGINT aggregates as strings (pg, mysql2): numeric results become numbers.
 */
import type { Knex } from "knex";
import type { QueryContext } from "./sql-query";

export type AggregateFn = "sum" | "avg" | "min" | "max";

function asNumber(value: unknown): unknown {
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (typeof value === "bigint") return Number(value);
  return value;
}

/** Runs one aggregate on `qb` (already FROM + WHERE) of the qualified `column`. */
export async function aggregate(
  fn: AggregateFn,
  qb: Knex.QueryBuilder,
  column: string,
  ctx: QueryContext,
  numeric: boolean,
): Promise<unknown> {
  void ctx;
  const rows = (await qb[fn]({ aggregate: column })) as Array<{ aggregate: unknown }>;
  const raw = rows[0]?.aggregate ?? null;
  if (raw === null) return fn === "sum" ? 0 : null;
  return numeric || fn === "sum" || fn === "avg" ? asNumber(raw) : raw;
}
