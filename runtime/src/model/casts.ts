/**
 * Read casts by column type: whatever a driver returns (SQLite 0/1 and JSON text, MySQL tinyint,
 * PostgreSQL native types, Mongo values) becomes one JavaScript shape per type.
 * Only columns whose type needs a cast get one, so hydration of plain rows does no work per column.
 */
import type { ColumnType } from "eloquent-engine";

export type ReadCast = (value: unknown) => unknown;

const toBoolean: ReadCast = (v) => {
  if (v === null || v === undefined || typeof v === "boolean") return v;
  if (typeof v === "string") return v !== "0" && v !== "" && v.toLowerCase() !== "false";
  return Boolean(Number(v));
};

const toJsonValue: ReadCast = (v) => {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return v; // a non-JSON string in a json column is returned as stored, never lost
  }
};

/** SQLite has no date type: `YYYY-MM-DD HH:MM:SS[.sss]` text is UTC (CURRENT_TIMESTAMP's format). */
const SQL_DATETIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/;

export const toDate: ReadCast = (v) => {
  if (v === null || v === undefined || v instanceof Date) return v;
  if (typeof v === "number") return new Date(v);
  if (typeof v === "string") {
    const m = SQL_DATETIME.exec(v);
    const d = m ? new Date(`${m[1]}T${m[2]}${m[3] ?? "Z"}`) : new Date(v);
    return Number.isNaN(d.getTime()) ? v : d;
  }
  return v;
};

/**
 * SQL bigint and decimal columns read as strings on every dialect: PostgreSQL returns them as
 * strings, MySQL returns bigints as numbers only while they are safe, SQLite returns numbers (and,
 * with safeIntegers, BigInts). A string never loses a digit; parse it where arithmetic is needed.
 */
export const toExactString: ReadCast = (v) => (typeof v === "number" || typeof v === "bigint" ? String(v) : v);

/** Integer columns read on a SQLite statement with safeIntegers (BigInt) back as numbers. */
export const toNumberFromBigInt: ReadCast = (v) => (typeof v === "bigint" ? Number(v) : v);

/** SQL column types read as exact strings (see toExactString). */
export const EXACT_SQL_TYPES: ReadonlySet<string> = new Set(["bigint", "bigIncrements", "decimal"]);
/** SQL integer types that stay numbers. */
export const NUMBER_SQL_TYPES: ReadonlySet<string> = new Set(["int", "increments"]);

export function readCastFor(type: ColumnType | string): ReadCast | undefined {
  switch (type) {
    case "boolean":
      return toBoolean;
    case "json":
      return toJsonValue;
    case "timestamp":
    case "timestamps":
    case "softDeletes":
      return toDate;
    default:
      return undefined;
  }
}
