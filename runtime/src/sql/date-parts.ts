/**
 * whereDate / whereYear / whereMonth / whereDay: compare one part of a timestamp column, in UTC on
 * every dialect (SQLite and MySQL store UTC; PostgreSQL timestamptz values are converted to UTC
 * first, so the session's time zone does not change the answer).
 */
import type { ColumnDescriptor } from "eloquent-engine";
import type { Dialect } from "./sql-connections";

const ZONELESS: ReadonlySet<string> = new Set(["date", "datetime"]);

export type DatePart = "date" | "year" | "month" | "day";

/** The SQL expression of `part` of the identifier bound as `??`. */
export function datePartSql(dialect: Dialect, part: DatePart, column: ColumnDescriptor | undefined): string {
  // Only timestamptz needs converting: datetime / date columns (and useTz: false) already hold UTC wall time.
  const zoned = column === undefined || (!ZONELESS.has(column.type) && (column.options as { useTz?: boolean }).useTz !== false);
  const utc = dialect === "pg" && zoned ? "(?? AT TIME ZONE 'UTC')" : "??";
  switch (dialect) {
    case "sqlite":
      return part === "date" ? "date(??)" : `CAST(strftime('${part === "year" ? "%Y" : part === "month" ? "%m" : "%d"}', ??) AS INTEGER)`;
    case "pg":
      return part === "date" ? `CAST(${utc} AS DATE)` : `CAST(EXTRACT(${part.toUpperCase()} FROM ${utc}) AS INTEGER)`;
    default:
      return `${part.toUpperCase()}(??)`;
  }
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The compared value: `YYYY-MM-DD` for dates (a Date is taken in UTC), an integer for the parts; undefined when unusable. */
export function datePartValue(part: DatePart, value: unknown): string | number | undefined {
  if (part === "date") {
    if (value instanceof Date && !Number.isNaN(value.getTime()))
      return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : undefined;
  }
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
}
