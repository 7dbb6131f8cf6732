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
 * A calendar day as the Date of its UTC midnight. Drivers hand a DATE over as `YYYY-MM-DD` text or as a
 * Date at midnight: mysql2 (timezone Z) at UTC midnight, others at local midnight — the local calendar
 * day is then the stored one.
 */
export const toDay: ReadCast = (v) => {
  if (v === null || v === undefined) return v;
  if (v instanceof Date) {
    if (v.getUTCHours() === 0 && v.getUTCMinutes() === 0 && v.getUTCSeconds() === 0 && v.getUTCMilliseconds() === 0) return v;
    return new Date(Date.UTC(v.getFullYear(), v.getMonth(), v.getDate()));
  }
  if (typeof v === "string") {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
    return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : v;
  }
  return v;
};

/** Binary columns read as Buffers (the Mongo driver's Binary, a Uint8Array from elsewhere). */
const toBuffer: ReadCast = (v) => {
  if (v === null || v === undefined || Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  const bytes = (v as { buffer?: unknown }).buffer; // bson Binary
  if (bytes instanceof Uint8Array)
    return Buffer.from(bytes.buffer, bytes.byteOffset, (v as { position?: number }).position ?? bytes.byteLength);
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
export const NUMBER_SQL_TYPES: ReadonlySet<string> = new Set(["int", "smallint", "increments"]);

export function readCastFor(type: ColumnType | string): ReadCast | undefined {
  switch (type) {
    case "boolean":
      return toBoolean;
    case "json":
      return toJsonValue;
    case "datetime":
    case "timestamp":
    case "timestamps":
    case "softDeletes":
      return toDate;
    case "date":
      return toDay;
    case "binary":
      return toBuffer;
    default:
      return undefined;
  }
}
