/**
 * Whether changing a live column to the type a model declares keeps every stored value: widening
 * (smallint → int → bigint, a longer varchar, char → varchar, anything textual → text) always does;
 * narrowing (shorter, smaller) or a change of family (text → int) may not, so migrate:make writes
 * those only with --allow-destructive. Only integer widths and text capacities are ordered; other
 * types of one family (decimal, float, json, dates…) are left as they are.
 */
import type { ColumnDescriptor, LiveColumn } from "eloquent-engine";
import type { Dialect } from "./sql-connections";

type Shape = { kind: "int"; bytes: number } | { kind: "text"; fixed: boolean; capacity: number } | { kind: "other" };

/** The live column's type, as a declared type that re-creates it. */
export type PreviousType = Pick<ColumnDescriptor, "type" | "length"> & { unsigned?: boolean };

export type TypeChange = { kind: "same" } | { kind: "widen" | "narrow" | "lossy"; previous: PreviousType };

/** The shape of a column as the database reports it (`int(10) unsigned`, `character varying(80)`, `TEXT`). */
function liveShape(type: string): Shape {
  const t = type.toLowerCase();
  if (/^tinyint\(1\)/.test(t) || /^bool/.test(t)) return { kind: "other" };
  if (/^(smallint|int2\b|smallserial)/.test(t)) return { kind: "int", bytes: 2 };
  if (/^(bigint|int8\b|bigserial)/.test(t)) return { kind: "int", bytes: 8 };
  if (/^(int|integer|int4\b|serial|mediumint)/.test(t)) return { kind: "int", bytes: 4 };
  const sized = /^(character varying|varchar|character|char)\((\d+)\)/.exec(t);
  if (sized) return { kind: "text", fixed: !sized[1]!.includes("var"), capacity: Number(sized[2]) };
  if (/^tinytext/.test(t)) return { kind: "text", fixed: false, capacity: 255 };
  if (/^(text|mediumtext|longtext|clob)/.test(t)) return { kind: "text", fixed: false, capacity: Infinity };
  return { kind: "other" };
}

/** The shape a declared column is created with (SQLite creates smallint and int both as INTEGER). */
function declaredShape(c: ColumnDescriptor, dialect: Dialect): Shape {
  switch (c.type) {
    case "smallint":
      return { kind: "int", bytes: dialect === "sqlite" ? 4 : 2 };
    case "int":
      return { kind: "int", bytes: 4 };
    case "bigint":
      return { kind: "int", bytes: 8 };
    case "string":
      return { kind: "text", fixed: false, capacity: c.length ?? 255 };
    case "char":
      return { kind: "text", fixed: true, capacity: c.length ?? 255 };
    case "ulid":
      return { kind: "text", fixed: true, capacity: 26 };
    case "objectId":
      return { kind: "text", fixed: false, capacity: 24 };
    case "text":
      return { kind: "text", fixed: false, capacity: Infinity };
    default:
      return { kind: "other" };
  }
}

/** The declared type that re-creates a live shape (for rollback). */
function descriptorFor(shape: Shape, live: LiveColumn): PreviousType {
  const unsigned = /unsigned/i.test(live.type) || undefined;
  if (shape.kind === "int")
    return { type: shape.bytes === 2 ? "smallint" : shape.bytes === 8 ? "bigint" : "int", ...(unsigned ? { unsigned } : {}) };
  if (shape.kind === "text" && shape.capacity === Infinity) return { type: "text" };
  if (shape.kind === "text") return { type: shape.fixed ? "char" : "string", length: shape.capacity };
  return { type: "text" };
}

/**
 * How the live column would change to become `declared`. `lossyFamily`: the families cannot hold the
 * same values at all (the diff's compatibility check decides it).
 */
export function typeChange(declared: ColumnDescriptor, live: LiveColumn, dialect: Dialect, lossyFamily: boolean): TypeChange {
  const from = liveShape(live.type);
  const to = declaredShape(declared, dialect);
  if (lossyFamily) return { kind: "lossy", previous: descriptorFor(from, live) };
  if (from.kind === "int" && to.kind === "int") {
    if (from.bytes === to.bytes) return { kind: "same" };
    return { kind: to.bytes > from.bytes ? "widen" : "narrow", previous: descriptorFor(from, live) };
  }
  if (from.kind === "text" && to.kind === "text") {
    if (from.capacity === to.capacity && from.fixed === to.fixed) return { kind: "same" };
    // SQLite stores any text in any text column: only the declared name changes, never a value.
    return { kind: to.capacity >= from.capacity ? "widen" : "narrow", previous: descriptorFor(from, live) };
  }
  if (from.kind !== "other" && to.kind !== "other" && from.kind !== to.kind) return { kind: "lossy", previous: descriptorFor(from, live) };
  return { kind: "same" };
}
