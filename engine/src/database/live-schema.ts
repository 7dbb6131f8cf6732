/**
 * The live database as the engine sees it: what an introspection of the running system found. The
 * ORM fills it (eloquent-orm `introspect()`); the engine only reads it, so the checks of the truth of
 * the database are rules like any other — same ids, codes, messages and spans.
 */

/** Column types folded to the families that decide whether two keys can match. */
export type LiveColumnFamily = "integer" | "decimal" | "float" | "string" | "uuid" | "boolean" | "json" | "datetime" | "binary" | "other";

export interface LiveColumn {
  /** The database's own type name, as introspected (e.g. `integer`, `character varying(255)`, `int(10) unsigned`). */
  type: string;
  family: LiveColumnFamily;
  nullable: boolean;
}

export interface LiveIndex {
  name: string;
  columns: readonly string[];
  unique: boolean;
}

export interface LiveForeignKey {
  name?: string;
  columns: readonly string[];
  references: { table: string; columns: readonly string[] };
}

export interface LiveTable {
  columns: Readonly<Record<string, LiveColumn>>;
  /** Primary key columns, in order. */
  primaryKey: readonly string[];
  indexes: readonly LiveIndex[];
  foreignKeys: readonly LiveForeignKey[];
}

export interface LiveSchema {
  /** Which connection / database this came from, for messages ("connection 'main' (postgresql)"). */
  source: string;
  tables: Readonly<Record<string, LiveTable>>;
}

/** Folds a database type name (any dialect) to its family. */
export function columnFamily(type: string): LiveColumnFamily {
  const t = type.toLowerCase();
  if (/^(tiny|small|medium|big)?int(eger)?\b|^int[248]\b|^serial|^bigserial|^smallserial/.test(t))
    return t.startsWith("tinyint(1)") ? "boolean" : "integer";
  if (/^(decimal|numeric)/.test(t)) return "decimal";
  if (/^(real|float|double)/.test(t)) return "float";
  if (/^uuid/.test(t)) return "uuid";
  if (/^(bool)/.test(t)) return "boolean";
  if (/^json/.test(t)) return "json";
  if (/^(timestamp|datetime|date|time)/.test(t)) return "datetime";
  if (/^(bytea|blob|binary|varbinary)/.test(t)) return "binary";
  if (/char|text|^string|^clob|^enum|^set\b/.test(t)) return "string";
  return "other";
}

/** Key families that can hold the same values (an integer key and a string key never match in SQL). */
export function familiesCanMatch(a: LiveColumnFamily, b: LiveColumnFamily): boolean {
  if (a === b || a === "other" || b === "other") return true;
  const numeric = (f: LiveColumnFamily) => f === "integer" || f === "decimal";
  if (numeric(a) && numeric(b)) return true;
  const textual = (f: LiveColumnFamily) => f === "string" || f === "uuid";
  return textual(a) && textual(b);
}
