/**
 * JSON path where clauses, Laravel's arrow syntax: `where("meta->address->city", "Lisbon")` compares
 * the value at that path of a json column. The column must be a declared json column; path segments
 * are plain keys or array indexes. Values compare as the JSON scalar they are (strings, numbers,
 * booleans; null matches a missing or null value).
 */
import type { Dialect } from "./sql-connections";

export interface JsonPath {
  column: string;
  segments: string[];
}

const SEGMENT = /^[A-Za-z0-9_]+$/;

/** `"meta->a->b"` → { column: "meta", segments: ["a", "b"] }; undefined when it is not an arrow path. */
export function parseJsonPath(name: string): JsonPath | undefined {
  if (!name.includes("->")) return undefined;
  const [column, ...segments] = name.split("->").map((s) => s.trim());
  return { column: column!, segments };
}

export function badSegment(path: JsonPath): string | undefined {
  return path.segments.find((s) => !SEGMENT.test(s));
}

/** SQL (identifier as `??`, path as `?`) extracting the value as text (pg, mysql) or the SQL value (sqlite). */
export function jsonExtractSql(dialect: Dialect): string {
  switch (dialect) {
    case "pg":
      return "(?? #>> ?::text[])";
    case "mysql":
      return "JSON_UNQUOTE(JSON_EXTRACT(??, ?))";
    default:
      return "json_extract(??, ?)";
  }
}

export function jsonPathBinding(dialect: Dialect, path: JsonPath): string {
  if (dialect === "pg") return `{${path.segments.join(",")}}`;
  return "$" + path.segments.map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join("");
}

/** The comparison value in the shape the extraction yields. */
export function jsonScalar(dialect: Dialect, value: unknown): unknown {
  if (typeof value === "boolean") return dialect === "sqlite" ? (value ? 1 : 0) : String(value);
  if (typeof value === "number") return dialect === "sqlite" ? value : String(value);
  return value;
}

/** `"meta->…"` for the json columns of a schema type (any string when the schema type is not literal). */
export type JsonPathOf<S> = string extends keyof S
  ? string
  : { [K in keyof S]: S[K] extends import("eloquent-engine").ColumnDescriptor<"json"> ? `${K & string}->${string}` : never }[keyof S];
