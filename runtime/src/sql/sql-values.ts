/**
 * Values on their way to the database: every value is a bound parameter, converted to what the
 * dialect stores (SQLite has no boolean or date type; json columns hold JSON text).
 */
import type { ColumnDescriptor } from "eloquent-engine";
import { utcDay } from "../model/column-values";
import { EloquentError } from "../model/errors";
import type { Dialect } from "./sql-connections";

/** Column types stored as text: numbers written to them are converted to their decimal string. */
export const TEXT_TYPES: ReadonlySet<string> = new Set(["string", "char", "text", "enum", "uuid", "ulid", "objectId"]);

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `YYYY-MM-DD HH:MM:SS.sss` in UTC: sorts and compares as text, matches CURRENT_TIMESTAMP's shape. */
export function sqliteDate(d: Date): string {
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`
  );
}

/** A value compared or stored in a column (`where`, insert, update). */
export function toDatabase(
  dialect: Dialect,
  column: ColumnDescriptor | undefined,
  value: unknown,
  /** For error messages only (a function, so hot paths build no string). */
  whereLabel: string | (() => string),
): unknown {
  if (value === null || value === undefined) return null;
  const type = typeof value;
  if (column?.type === "json") {
    const where = typeof whereLabel === "string" ? whereLabel : whereLabel();
    return type === "string" && /(^|\.)(or)?where/i.test(where) ? value : JSON.stringify(value);
  }
  if (type === "string") {
    if (dialect === "pg" && (value as string).includes("\u0000")) {
      const where = typeof whereLabel === "string" ? whereLabel : whereLabel();
      throw new EloquentError(
        `${where}: the string contains a NUL character (\\u0000), which PostgreSQL text cannot hold. ` +
          `Strip it (value.replaceAll("\\u0000", "")) or store the bytes in a binary column.`,
      );
    }
    return value;
  }
  if (type === "number" && !Number.isFinite(value)) {
    const where = typeof whereLabel === "string" ? whereLabel : whereLabel();
    throw new EloquentError(
      `${where}: got ${String(value)}${column ? ` for the ${column.type} column` : ""}, which no SQL column stores. ` +
        `Check the computation that produced it (a division by zero, Number("") of bad input) and pass a finite number or null.`,
    );
  }
  if (type === "function" || type === "symbol") {
    const where = typeof whereLabel === "string" ? whereLabel : whereLabel();
    throw new EloquentError(
      `${where}: got a ${type} as a value. Values are strings, numbers, booleans, Dates, bigints or null ` +
        `(json columns also take objects); a function is never run as a subquery — use whereHas() or whereIn(column, values).`,
    );
  }
  if (type === "number") {
    // SQLite binds a JS number as REAL: a text column would store 1 as '1.0', and string keys
    // (a morph id) would never match again. Text columns get the number's own spelling everywhere.
    return column !== undefined && TEXT_TYPES.has(column.type) ? String(value) : value;
  }
  const where = () => (typeof whereLabel === "string" ? whereLabel : whereLabel());
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new EloquentError(`${where()}: invalid Date.`);
    // date: the UTC calendar day; datetime (no zone): UTC wall time, read back as UTC on every dialect.
    if (column?.type === "date") return utcDay(value);
    if (column?.type === "datetime" || column?.options.useTz === false) return sqliteDate(value);
    return dialect === "sqlite" ? sqliteDate(value) : value;
  }
  if (value instanceof Uint8Array && !Buffer.isBuffer(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === "boolean") return dialect === "sqlite" ? (value ? 1 : 0) : value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "object" && !Buffer.isBuffer(value)) {
    if (typeof (value as { toHexString?: unknown }).toHexString === "function") return String(value); // ObjectId → hex
    throw new EloquentError(
      `${where()}: got ${Array.isArray(value) ? "an array" : "an object"} for a ${column?.type ?? "non-json"} column. ` +
        `Only json columns store objects; use whereIn() for a list of values.`,
    );
  }
  return value;
}

/** Relation keys from another store or type, coerced to what the key column holds (PostgreSQL compares strictly). */
export function coerceKeys(column: ColumnDescriptor | undefined, values: readonly unknown[]): unknown[] {
  const type = column?.type;
  if (type !== undefined && TEXT_TYPES.has(type)) {
    return values.map((v) => (typeof v === "string" ? v : String(v)));
  }
  if (type === "int" || type === "smallint" || type === "increments" || type === "bigint" || type === "bigIncrements") {
    const out: unknown[] = [];
    for (const v of values) {
      if (typeof v === "number") out.push(v);
      else if (typeof v === "string" && /^-?\d+$/.test(v)) out.push(v.length < 16 ? Number(v) : v);
      // keys that cannot be integers cannot match an integer column: drop them rather than fail the query
    }
    return out;
  }
  return values.slice();
}
