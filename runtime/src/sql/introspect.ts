/**
 * What the live database holds: tables, columns (type, nullability), primary keys, indexes and foreign
 * keys of the connection's current schema (PostgreSQL `current_schema()`, MySQL `database()`, SQLite
 * `main`). The engine's database rules and the migration diff both read this one picture.
 */
import { columnFamily, type LiveForeignKey, type LiveIndex, type LiveSchema, type LiveTable } from "eloquent-engine";
import type { Knex } from "knex";
import { getConnection, type Dialect } from "./sql-connections";

interface MutableTable {
  columns: Record<string, LiveTable["columns"][string]>;
  primaryKey: string[];
  indexes: LiveIndex[];
  foreignKeys: LiveForeignKey[];
}

/** Rows of a raw query, whatever the driver's result shape. */
function rowsOf(dialect: Dialect, result: unknown): Record<string, unknown>[] {
  if (dialect === "pg") return (result as { rows: Record<string, unknown>[] }).rows;
  if (dialect === "mysql") return (result as [Record<string, unknown>[]])[0];
  return result as Record<string, unknown>[];
}

async function query(knex: Knex, dialect: Dialect, sql: string, bindings: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
  return rowsOf(dialect, await knex.raw(sql, bindings as Knex.RawBinding[]));
}

const DIALECT_LABEL: Record<Dialect, string> = { sqlite: "SQLite", pg: "PostgreSQL", mysql: "MySQL/MariaDB" };

/** Introspects the named connection (default: the default connection). */
export async function introspect(connection?: string): Promise<LiveSchema> {
  const conn = getConnection(connection);
  const tables = new Map<string, MutableTable>();
  const table = (name: string): MutableTable => {
    let t = tables.get(name);
    if (!t) tables.set(name, (t = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] }));
    return t;
  };
  const read = { sqlite: readSqlite, pg: readPostgres, mysql: readMysql }[conn.dialect];
  await read(conn.knex, table);
  return { source: `connection '${conn.name}' (${DIALECT_LABEL[conn.dialect]})`, tables: Object.fromEntries(tables) };
}

type TableOf = (name: string) => MutableTable;

async function readSqlite(knex: Knex, table: TableOf): Promise<void> {
  const q = (sql: string) => query(knex, "sqlite", sql);
  const names = await q("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'");
  for (const { name } of names as { name: string }[]) {
    const t = table(name);
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const columns = (await q(`pragma table_info(${quoted})`)) as { name: string; type: string; notnull: number; pk: number }[];
    for (const c of columns)
      t.columns[c.name] = { type: c.type.toLowerCase(), family: columnFamily(c.type), nullable: c.notnull === 0 && c.pk === 0 };
    t.primaryKey.push(
      ...columns
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name),
    );
    for (const index of (await q(`pragma index_list(${quoted})`)) as { name: string; unique: number }[]) {
      const cols = (await q(`pragma index_info("${index.name.replace(/"/g, '""')}")`)) as { seqno: number; name: string }[];
      t.indexes.push({ name: index.name, unique: index.unique === 1, columns: cols.sort((a, b) => a.seqno - b.seqno).map((c) => c.name) });
    }
    const fks = new Map<number, LiveForeignKey & { columns: string[]; references: { table: string; columns: string[] } }>();
    for (const fk of (await q(`pragma foreign_key_list(${quoted})`)) as { id: number; table: string; from: string; to: string }[]) {
      const entry = fks.get(fk.id) ?? { columns: [], references: { table: fk.table, columns: [] } };
      entry.columns.push(fk.from);
      entry.references.columns.push(fk.to);
      fks.set(fk.id, entry);
    }
    t.foreignKeys.push(...fks.values());
  }
}

async function readPostgres(knex: Knex, table: TableOf): Promise<void> {
  const q = (sql: string) => query(knex, "pg", sql);
  for (const r of await q(
    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
  ))
    table(String(r.table_name));
  for (const r of await q(
    "select table_name, column_name, data_type, is_nullable, character_maximum_length from information_schema.columns where table_schema = current_schema() order by table_name, ordinal_position",
  )) {
    const type = r.character_maximum_length ? `${r.data_type}(${r.character_maximum_length})` : String(r.data_type);
    table(String(r.table_name)).columns[String(r.column_name)] = { type, family: columnFamily(type), nullable: r.is_nullable === "YES" };
  }
  const keyColumns = (rel: string, keys: string) =>
    `array_to_string(array(select a.attname from unnest(${keys}) with ordinality k(attnum, ord) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.attnum order by k.ord), ',')`;
  for (const r of await q(
    `select t.relname as table_name, i.relname as index_name, ix.indisunique as is_unique, ix.indisprimary as is_primary, ${keyColumns("t.oid", "ix.indkey")} as columns
     from pg_index ix join pg_class t on t.oid = ix.indrelid join pg_class i on i.oid = ix.indexrelid join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = current_schema()`,
  )) {
    const t = table(String(r.table_name));
    const columns = String(r.columns).split(",").filter(Boolean);
    if (r.is_primary) t.primaryKey.push(...columns);
    t.indexes.push({ name: String(r.index_name), unique: Boolean(r.is_unique), columns });
  }
  for (const r of await q(
    `select c.conname, t.relname as table_name, rt.relname as ref_table, ${keyColumns("c.conrelid", "c.conkey")} as columns, ${keyColumns("c.confrelid", "c.confkey")} as ref_columns
     from pg_constraint c join pg_class t on t.oid = c.conrelid join pg_class rt on rt.oid = c.confrelid join pg_namespace n on n.oid = t.relnamespace
     where c.contype = 'f' and n.nspname = current_schema()`,
  )) {
    table(String(r.table_name)).foreignKeys.push({
      name: String(r.conname),
      columns: String(r.columns).split(","),
      references: { table: String(r.ref_table), columns: String(r.ref_columns).split(",") },
    });
  }
}

async function readMysql(knex: Knex, table: TableOf): Promise<void> {
  const q = (sql: string) => query(knex, "mysql", sql);
  // information_schema column names come back upper-case on some servers: read them case-blind.
  const get = (r: Record<string, unknown>, key: string) => r[key] ?? r[key.toUpperCase()];
  for (const r of await q("select table_name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'"))
    table(String(get(r, "table_name")));
  for (const r of await q(
    "select table_name, column_name, column_type, is_nullable, column_key from information_schema.columns where table_schema = database() order by table_name, ordinal_position",
  )) {
    const type = String(get(r, "column_type"));
    table(String(get(r, "table_name"))).columns[String(get(r, "column_name"))] = {
      type,
      family: columnFamily(type),
      nullable: get(r, "is_nullable") === "YES",
    };
  }
  const indexes = new Map<string, LiveIndex & { columns: string[] }>();
  for (const r of await q(
    "select table_name, index_name, non_unique, column_name from information_schema.statistics where table_schema = database() order by table_name, index_name, seq_in_index",
  )) {
    const tableName = String(get(r, "table_name"));
    const name = String(get(r, "index_name"));
    const key = `${tableName}\u0000${name}`;
    const entry = indexes.get(key) ?? { name, unique: Number(get(r, "non_unique")) === 0, columns: [] };
    entry.columns.push(String(get(r, "column_name")));
    if (!indexes.has(key)) {
      indexes.set(key, entry);
      table(tableName).indexes.push(entry);
    }
    if (name === "PRIMARY") table(tableName).primaryKey.push(String(get(r, "column_name")));
  }
  const fks = new Map<string, LiveForeignKey & { columns: string[]; references: { table: string; columns: string[] } }>();
  for (const r of await q(
    "select constraint_name, table_name, column_name, referenced_table_name, referenced_column_name from information_schema.key_column_usage where table_schema = database() and referenced_table_name is not null order by table_name, constraint_name, ordinal_position",
  )) {
    const tableName = String(get(r, "table_name"));
    const name = String(get(r, "constraint_name"));
    const key = `${tableName}\u0000${name}`;
    let entry = fks.get(key);
    if (!entry) {
      entry = { name, columns: [], references: { table: String(get(r, "referenced_table_name")), columns: [] } };
      fks.set(key, entry);
      table(tableName).foreignKeys.push(entry);
    }
    entry.columns.push(String(get(r, "column_name")));
    entry.references.columns.push(String(get(r, "referenced_column_name")));
  }
}
