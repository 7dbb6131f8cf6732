/**
 * Store-neutral rules for values written to typed columns: an enum column takes only its values
 * (like a database ENUM or CHECK, but with a message naming the model, column and the allowed set);
 * a date column holds a calendar day, written as `YYYY-MM-DD` in UTC on every store.
 */
import type { ColumnDescriptor } from "eloquent-engine";
import { didYouMean, EloquentError } from "./errors";

/** Throws when `value` is not one of an enum column's values (null passes: nullability is the database's). */
export function assertEnumValue(column: ColumnDescriptor | undefined, name: string, value: unknown, where: string): void {
  if (column?.type !== "enum" || value === null || value === undefined) return;
  const values = column.options.values ?? [];
  if (typeof value === "string" && values.includes(value)) return;
  const shown = typeof value === "string" ? `'${value}'` : String(value);
  throw new EloquentError(
    `${where}: ${shown} is not a value of the enum column '${name}' (accepted: ${values.map((v) => `'${v}'`).join(", ")}).` +
      (typeof value === "string" ? didYouMean(value, values) : "") +
      ` Write one of them, or add it to the column's values (and migrate).`,
  );
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** A Date as the calendar day it falls on in UTC. */
export function utcDay(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}
