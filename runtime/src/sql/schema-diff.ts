/**
 * The difference between what the models need and what the live database has, as migration
 * operations: create missing tables, add missing columns, indexes and foreign keys — an index (and
 * a foreign key) under every relation key by default, so eager loads never scan. Dropping a column
 * the models no longer declare is destructive: only with `allowDestructive`, else it is listed as
 * skipped.
 */
import {
  familiesCanMatch,
  type ColumnDescriptor,
  type ForeignKeyMeta,
  type IndexMeta,
  type LiveColumnFamily,
  type LiveSchema,
  type LiveTable,
} from "eloquent-engine";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { resolveRelation } from "../relations/resolve";
import { byConnection, specsFor, type TableSpec } from "./migrate";
import { introspect } from "./introspect";
import { getConnection, type Dialect } from "./sql-connections";
import { typeChange } from "./type-change";

export type MigrationOperation =
  | {
      op: "createTable";
      table: string;
      columns: Array<[string, ColumnDescriptor]>;
      primary: string[];
      unique: IndexMeta[];
      indexes: IndexMeta[];
      foreignKeys: ForeignKeyMeta[];
    }
  | { op: "addColumn"; table: string; column: string; descriptor: ColumnDescriptor }
  | { op: "dropColumn"; table: string; column: string; previous: ColumnDescriptor }
  | { op: "alterColumn"; table: string; column: string; descriptor: ColumnDescriptor; previous: ColumnDescriptor }
  | { op: "addIndex"; table: string; index: IndexMeta & { name: string } }
  | { op: "addForeignKey"; table: string; foreignKey: ForeignKeyMeta & { name: string } };

export interface DiffOptions {
  /** The connection to compare with (default: every connection the models use must be one; else the default). */
  connection?: string;
  /** Drop columns the models no longer declare (default false: listed in `skipped`). */
  allowDestructive?: boolean;
  /** An index under every relation key (belongsTo, hasOne/hasMany, morphOne/morphMany foreign keys; default true). */
  relationIndexes?: boolean;
  /** A foreign-key constraint for every belongsTo between SQL models of one connection (default true). */
  relationForeignKeys?: boolean;
}

export interface SchemaDiff {
  connection: string;
  operations: MigrationOperation[];
  /** Steps not taken, each with the reason (destructive without the flag, or unsupported by the dialect). */
  skipped: string[];
}

/** The foreign-key constraint every belongsTo between SQL models of one connection should have, per table. */
function relationForeignKeys(models: readonly ModelClass[], options: DiffOptions): Map<string, ForeignKeyMeta[]> {
  const out = new Map<string, ForeignKeyMeta[]>();
  if (options.relationForeignKeys === false) return out;
  const tables = new Set(models.map((m) => modelMeta(m).table));
  for (const model of models) {
    const meta = modelMeta(model);
    for (const [name, rel] of meta.relations) {
      if (rel.kind !== "belongsTo") continue;
      const r = resolveRelation(model, name);
      if (!r.target || r.target.store !== "sql" || !meta.columns.has(r.foreignKey)) continue;
      const target = modelMeta(r.target);
      const entry = out.get(meta.table) ?? [];
      const sameConnection = (target.connection ?? null) === (meta.connection ?? null);
      if (sameConnection && tables.has(target.table) && r.ownerKey) {
        entry.push({
          name: `${meta.table}_${r.foreignKey}_foreign`,
          columns: [r.foreignKey],
          references: { table: target.table, columns: [r.ownerKey] },
        });
      }
      out.set(meta.table, entry);
    }
  }
  return out;
}

const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

function hasIndex(live: LiveTable, columns: readonly string[]): boolean {
  return sameColumns(live.primaryKey, columns) || live.indexes.some((i) => sameColumns(i.columns, columns));
}

function hasForeignKey(live: LiveTable, fk: ForeignKeyMeta): boolean {
  return live.foreignKeys.some((f) => f.references.table === fk.references.table && sameColumns(f.columns, fk.columns));
}

/** A column the database has but the models do not declare, described well enough to re-create it on rollback. */
function descriptorOf(live: LiveTable, column: string): ColumnDescriptor {
  const c = live.columns[column]!;
  const type = {
    integer: "int",
    decimal: "decimal",
    float: "float",
    string: "string",
    uuid: "uuid",
    boolean: "boolean",
    json: "json",
    datetime: "timestamp",
    binary: "binary",
    other: "text",
  }[c.family];
  return { __eloquent: "column", type, options: { nullable: true } } as ColumnDescriptor;
}

const AUTO_INCREMENT = new Set(["increments", "bigIncrements"]);

/**
 * Columns that reference an auto-increment key get its unsigned integer type (MySQL refuses a foreign
 * key between int and int unsigned). Decided here so a migration file's operations are self-contained.
 */
function withUnsignedKeys(
  columns: Map<string, ColumnDescriptor>,
  foreignKeys: readonly ForeignKeyMeta[],
  specs: ReadonlyMap<string, TableSpec>,
): Array<[string, ColumnDescriptor]> {
  return [...columns].map(([name, c]) => {
    const referencesAuto = foreignKeys.some((fk) => {
      const i = fk.columns.indexOf(name);
      return i >= 0 && AUTO_INCREMENT.has(specs.get(fk.references.table)?.columns.get(fk.references.columns[i] ?? "")?.type ?? "");
    });
    return referencesAuto && (c.type === "int" || c.type === "bigint")
      ? [name, { ...c, options: { ...c.options, unsigned: true } }]
      : [name, c];
  });
}

export function diffAgainst(
  models: readonly ModelClass[],
  live: LiveSchema,
  connection: string,
  dialect: string,
  options: DiffOptions = {},
): SchemaDiff {
  const specs = specsFor(models, { relationIndexes: options.relationIndexes !== false });
  const specsByTable = new Map(specs.map((s) => [s.table, s]));
  const extra = relationForeignKeys(models, options);
  const operations: MigrationOperation[] = [];
  const skipped: string[] = [];
  // The relation indexes are already in the specs (specsFor); the belongsTo foreign keys are added here.
  const withRelationKeys = (spec: TableSpec) => {
    const foreignKeys = [...spec.foreignKeys];
    for (const fk of extra.get(spec.table) ?? []) if (!foreignKeys.some((x) => sameColumns(x.columns, fk.columns))) foreignKeys.push(fk);
    return { indexes: spec.indexes, foreignKeys };
  };
  for (const spec of specs) {
    const { indexes, foreignKeys } = withRelationKeys(spec);
    const liveTable = live.tables[spec.table];
    if (!liveTable) {
      const columns = withUnsignedKeys(spec.columns, foreignKeys, specsByTable);
      operations.push({ op: "createTable", table: spec.table, columns, primary: spec.primary, unique: spec.unique, indexes, foreignKeys });
      continue;
    }
    for (const [name, descriptor] of withUnsignedKeys(spec.columns, foreignKeys, specsByTable)) {
      if (!(name in liveTable.columns)) operations.push({ op: "addColumn", table: spec.table, column: name, descriptor });
      else alterations(spec, name, descriptor, liveTable, dialect as Dialect, options, operations, skipped);
    }
    for (const name of Object.keys(liveTable.columns)) {
      if (spec.columns.has(name)) continue;
      if (options.allowDestructive)
        operations.push({ op: "dropColumn", table: spec.table, column: name, previous: descriptorOf(liveTable, name) });
      else skipped.push(`drop column ${spec.table}.${name} (the models no longer declare it; pass --allow-destructive to drop it)`);
    }
    for (const index of [...spec.unique.map((u) => ({ ...u, unique: true })), ...indexes]) {
      if (hasIndex(liveTable, index.columns)) continue;
      const name = index.name ?? `${spec.table}_${index.columns.join("_")}_${"unique" in index ? "unique" : "index"}`;
      operations.push({ op: "addIndex", table: spec.table, index: { ...index, name } });
    }
    for (const fk of foreignKeys) {
      if (hasForeignKey(liveTable, fk)) continue;
      const name = fk.name ?? `${spec.table}_${fk.columns.join("_")}_foreign`;
      // SQLite cannot add a constraint to an existing table without rebuilding it.
      const mismatch = typeMismatch(live, spec.table, fk);
      if (dialect === "sqlite")
        skipped.push(`foreign key ${name} on existing table ${spec.table} (SQLite adds foreign keys only when it creates a table)`);
      else if (mismatch) skipped.push(`foreign key ${name}: ${mismatch} — change the column's type first`);
      else operations.push({ op: "addForeignKey", table: spec.table, foreignKey: { ...fk, name } });
    }
  }
  return { connection, operations, skipped };
}

/** The database family a declared column type is stored as (what introspection reports back). */
const DECLARED_FAMILY: Record<string, LiveColumnFamily> = {
  increments: "integer",
  bigIncrements: "integer",
  int: "integer",
  smallint: "integer",
  bigint: "integer",
  decimal: "decimal",
  float: "float",
  string: "string",
  char: "string",
  text: "string",
  enum: "string",
  objectId: "string",
  uuid: "uuid",
  ulid: "string",
  binary: "binary",
  date: "datetime",
  datetime: "datetime",
  boolean: "boolean",
  // MariaDB stores json as longtext: a json column reads back as a string family there.
  json: "json",
  timestamp: "datetime",
  timestamps: "datetime",
  softDeletes: "datetime",
};

/**
 * A column both sides have: its type and nullability follow the model. Widening (a wider integer, a
 * longer string, NOT NULL → NULL) is written; narrowing or a change of family may lose values or fail on
 * existing rows, so it needs allowDestructive and is named in `skipped` otherwise. The operation keeps
 * the live definition as `previous`, so rollback restores the old type and nullability.
 */
function alterations(
  spec: TableSpec,
  name: string,
  descriptor: ColumnDescriptor,
  liveTable: LiveTable,
  dialect: Dialect,
  options: DiffOptions,
  operations: MigrationOperation[],
  skipped: string[],
): void {
  const live = liveTable.columns[name]!;
  if (spec.primary.includes(name) || AUTO_INCREMENT.has(descriptor.type)) return;
  const declared = DECLARED_FAMILY[descriptor.type] ?? "other";
  const compatible = familiesCanMatch(declared, live.family) || (declared === "json" && live.family === "string");
  const change = typeChange(descriptor, live, dialect, !compatible);
  const nullable = descriptor.options?.nullable === true;
  if (change.kind === "same" && nullable === live.nullable) return;
  const destructive: string[] = [];
  const target = `${descriptor.type}${descriptor.length ? `(${descriptor.length})` : ""}`;
  if (change.kind === "narrow")
    destructive.push(
      `narrow ${spec.table}.${name} from ${live.type} to ${target} (longer or larger stored values would be cut or refused)`,
    );
  if (change.kind === "lossy")
    destructive.push(`change type of ${spec.table}.${name} from ${live.type} to ${target} (the stored values may not convert)`);
  if (!nullable && live.nullable) destructive.push(`make ${spec.table}.${name} NOT NULL (rows holding NULL would fail)`);
  if (destructive.length && !options.allowDestructive) {
    for (const step of destructive) skipped.push(`${step}; pass --allow-destructive to alter it`);
    return;
  }
  const previousType = change.kind === "same" ? { type: descriptor.type, length: descriptor.length } : change.previous;
  const { unsigned, ...type } = previousType as typeof previousType & { unsigned?: boolean };
  const previous = {
    ...descriptor,
    ...type,
    ...(type.length === undefined ? { length: undefined } : {}),
    options: { ...descriptor.options, nullable: live.nullable, ...(unsigned ? { unsigned } : {}) },
  } as ColumnDescriptor;
  operations.push({ op: "alterColumn", table: spec.table, column: name, descriptor, previous });
}

/** Why an existing column cannot take the foreign key: its live type differs from the referenced key's. */
function typeMismatch(live: LiveSchema, table: string, fk: ForeignKeyMeta): string | undefined {
  for (let i = 0; i < fk.columns.length; i++) {
    const from = live.tables[table]?.columns[fk.columns[i]!];
    const to = live.tables[fk.references.table]?.columns[fk.references.columns[i] ?? ""];
    if (from && to && from.type !== to.type)
      return `${table}.${fk.columns[i]} is ${from.type} but ${fk.references.table}.${fk.references.columns[i]} is ${to.type}`;
  }
  return undefined;
}

/** Introspects the connection and diffs the models' SQL schema against it. */
export async function diffSchema(models: readonly ModelClass[], options: DiffOptions = {}): Promise<SchemaDiff> {
  const groups = byConnection(models, options.connection);
  const name = options.connection ?? [...groups.keys()][0];
  if (name === undefined) throw new Error("diffSchema(): none of the given models is a SQL model.");
  const conn = getConnection(name);
  const group = groups.get(name);
  if (!group) {
    throw new Error(
      `diffSchema(): no SQL model uses connection '${name}' (the models use ${[...groups.keys()].map((k) => `'${k}'`).join(", ") || "none"}).`,
    );
  }
  return diffAgainst(group, await introspect(name), name, conn.dialect, options);
}
