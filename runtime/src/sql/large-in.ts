/**
 * `whereIn(column, values)` with more values than a statement may bind (PostgreSQL and MySQL 65,535
 * parameters, SQLite 32,766): the whole list travels as one bound value and the database unpacks it
 * — PostgreSQL `= ANY(?)` (an array), SQLite `json_each(?)`, MySQL/MariaDB `JSON_TABLE(?)`. The
 * values are still parameters, never SQL text.
 */
import type { Knex } from "knex";
import type { ColumnDescriptor } from "eloquent-engine";
import type { Dialect } from "./sql-connections";
import { sqliteDate } from "./sql-values";

type InMethod = "whereIn" | "whereNotIn" | "orWhereIn";

/** The SQL type JSON_TABLE extracts each value as: the column's own kind. */
function mysqlJsonType(column: ColumnDescriptor | undefined, values: readonly unknown[]): string {
  switch (column?.type) {
    case "increments":
    case "bigIncrements":
    case "int":
    case "bigint":
      return "BIGINT";
    case "decimal":
    case "float":
      return "DOUBLE";
    case "boolean":
      return "TINYINT";
    case "timestamp":
    case "timestamps":
    case "softDeletes":
      return "DATETIME(3)";
    default:
      return values.every((v) => typeof v === "number") ? "DOUBLE" : `VARCHAR(${Math.max(column?.length ?? 255, 1)})`;
  }
}

export function largeIn(
  qb: Knex.QueryBuilder,
  dialect: Dialect,
  method: InMethod,
  column: string,
  descriptor: ColumnDescriptor | undefined,
  values: readonly Knex.Value[],
): void {
  const raw = method === "orWhereIn" ? "orWhereRaw" : "whereRaw";
  const not = method === "whereNotIn";
  switch (dialect) {
    case "pg":
      qb[raw](not ? "?? <> ALL(?)" : "?? = ANY(?)", [column, values as unknown as Knex.Value]);
      return;
    case "sqlite":
      qb[raw](`?? ${not ? "NOT IN" : "IN"} (SELECT value FROM json_each(?))`, [column, JSON.stringify(values)]);
      return;
    case "mysql":
      qb[raw](
        `?? ${not ? "NOT IN" : "IN"} (SELECT v FROM JSON_TABLE(?, '$[*]' COLUMNS (v ${mysqlJsonType(descriptor, values)} PATH '$')) AS eloquent_in)`,
        [
          column,
          JSON.stringify(values.map((v) => (v instanceof Date ? sqliteDate(v) : v))), // UTC 'YYYY-MM-DD HH:MM:SS.sss', as the connection stores
        ],
      );
      return;
  }
}
