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
