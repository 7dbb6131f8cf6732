/**
 * Schema from models: tables with their columns and primary keys, named foreign keys and composite
 * indexes from `static database`, and pivot tables from belongsToMany metadata, built with knex's
 * schema builder. `migrate()` creates what is missing; `{ dryRun: true }` returns the SQL instead.
 */
import type { Knex } from "knex";
import type { ColumnDescriptor, DatabaseMeta, ForeignKeyMeta, IndexMeta, TableMeta } from "eloquent-engine";
import { EloquentError } from "../model/errors";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { resolveRelation, type ResolvedRelation } from "../relations/resolve";
import { defaultConnectionName, getConnection } from "./sql-connections";

export interface MigrateOptions {
  /** Return the SQL without running it. */
  dryRun?: boolean;
  /** Only models on this connection (default: every connection the models use). */
  connection?: string;
}

export interface MigrationPlan {
  connection: string;
  /** Tables created (or that would be). */
  created: string[];
  /** Tables that already existed (left untouched). */
  skipped: string[];
  /** The statements (run, or to run on dry-run). */
  sql: string[];
}

export interface TableSpec {
  table: string;
  columns: Map<string, ColumnDescriptor>;
  primary: string[];
  foreignKeys: ForeignKeyMeta[];
  unique: IndexMeta[];
  indexes: IndexMeta[];
  /** Tables this one references (created first). */
  dependsOn: Set<string>;
}

const INT_KEYS = new Set(["increments", "bigIncrements"]);

function keyColumnFor(key: ColumnDescriptor | undefined): ColumnDescriptor {
  const type = key?.type;
  const base = { __eloquent: "column" as const, options: { notNull: true } };
  if (type === "increments" || type === "int") return { ...base, type: "int", options: { notNull: true, unsigned: type === "increments" } };
  if (type === "bigIncrements" || type === "bigint")
    return { ...base, type: "bigint", options: { notNull: true, unsigned: type === "bigIncrements" } };
  if (type === "uuid" || type === "ulid") return { ...base, type };
  return { ...base, type: "string", length: key?.length ?? 255 };
}

/**
 * An index under every key a relation loads by — the foreign key of a belongsTo (on the owner) and of
 * a hasOne/hasMany/morphOne/morphMany (on the target) — so eager loads and lazy reads never scan.
 */
function addRelationIndexes(models: readonly ModelClass[], specs: Map<string, TableSpec>): void {
  const add = (table: string, columns: string[]) => {
    const spec = specs.get(table);
    if (!spec || !columns.every((c) => spec.columns.has(c))) return;
    const covered = (cols: readonly string[]) => cols[0] === columns[0] && columns.every((c, i) => cols[i] === c);
    if (covered(spec.primary) || [...spec.indexes, ...spec.unique].some((i) => covered(i.columns))) return;
    spec.indexes.push({ name: `${table}_${columns.join("_")}_index`, columns });
  };
  for (const model of models) {
    const meta = modelMeta(model);
    for (const [name, rel] of meta.relations) {
      const r = resolveRelation(model, name);
      if (rel.kind === "belongsTo") add(meta.table, [r.foreignKey]);
      else if (r.target && r.target.store === "sql" && (rel.kind === "hasOne" || rel.kind === "hasMany"))
        add(modelMeta(r.target).table, [r.foreignKey]);
      else if (r.target && r.target.store === "sql" && (rel.kind === "morphOne" || rel.kind === "morphMany") && r.morphType && r.morphId) {
        add(modelMeta(r.target).table, [r.morphId, r.morphType]);
      }
    }
  }
}

/**
 * The models plus the `using` pivot models of their many-to-many relations (a pivot table is created from its
 * pivot model, typed, even when only the relation's owner is passed), each pivot model with the columns that
 * identify a row: its two keys and, for a morph pivot, the type column.
 */
function withPivotModels(models: readonly ModelClass[]): { models: ModelClass[]; pivotKeys: Map<ModelClass, string[]> } {
  const all = [...models];
  const pivotKeys = new Map<ModelClass, string[]>();
  for (const model of models) {
    for (const [name, rel] of modelMeta(model).relations) {
      if (rel.kind !== "belongsToMany" && rel.kind !== "morphToMany" && rel.kind !== "morphedByMany") continue;
      const pivot = resolveRelation(model, name).pivot;
      if (!pivot?.using) continue;
      if (!all.includes(pivot.using)) all.push(pivot.using);
      pivotKeys.set(pivot.using, [pivot.localKey, pivot.foreignKey, ...Object.keys(pivot.where ?? {})]);
    }
  }
  return { models: all, pivotKeys };
}

export function specsFor(given: readonly ModelClass[], options: { relationIndexes?: boolean } = {}): TableSpec[] {
  const specs = new Map<string, TableSpec>();
  const { models, pivotKeys } = withPivotModels(given);
  const modelTables = new Set(models.map((m) => modelMeta(m).table));
  for (const model of models) {
    const meta = modelMeta(model);
    const db: DatabaseMeta = (model.database ?? {}) as DatabaseMeta;
    const primary = [...meta.columns].filter(([, c]) => c.options.primary).map(([n]) => n);
    if (!primary.length && meta.columns.has(meta.primaryKey)) primary.push(meta.primaryKey);
    // A pivot model without a primary key of its own: its rows are identified by the two pivot keys.
    if (!primary.length && pivotKeys.has(model)) primary.push(...pivotKeys.get(model)!);
    const spec: TableSpec = {
      table: meta.table,
      columns: new Map(meta.columns),
      primary,
      foreignKeys: [...(db.foreignKeys ?? [])],
      unique: [...(db.unique ?? [])],
      indexes: [...(db.indexes ?? [])],
      dependsOn: new Set((db.foreignKeys ?? []).map((fk) => fk.references.table).filter((t) => t !== meta.table)),
    };
    specs.set(meta.table, spec);
    for (const [table, extra] of Object.entries(db.tables ?? {})) specs.set(table, tableMetaSpec(table, extra));
  }
  // Pivot tables of belongsToMany relations that no model or `static database.tables` describes.
  for (const model of models) {
    const meta = modelMeta(model);
    for (const [name, rel] of meta.relations) {
      if (rel.kind === "morphToMany" || rel.kind === "morphedByMany") {
        const r = resolveRelation(model, name);
        if (!specs.has(r.pivot!.table) && !modelTables.has(r.pivot!.table)) specs.set(r.pivot!.table, morphPivotSpec(r));
        continue;
      }
      if (rel.kind !== "belongsToMany") continue;
      const r = resolveRelation(model, name);
      const p = r.pivot!;
      if (specs.has(p.table) || modelTables.has(p.table)) continue;
      const target = modelMeta(r.target!);
      const columns = new Map<string, ColumnDescriptor>([
        [p.localKey, keyColumnFor(meta.columns.get(r.localKey))],
        [p.foreignKey, keyColumnFor(target.columns.get(r.ownerKey!))],
      ]);
      for (const c of p.columns) columns.set(c, { __eloquent: "column", type: "string", length: 255, options: { nullable: true } });
      for (const c of p.timestamps) columns.set(c, { __eloquent: "column", type: "timestamp", options: { nullable: true } });
      specs.set(p.table, {
        table: p.table,
        columns,
        primary: [p.localKey, p.foreignKey],
        foreignKeys: [
          {
            name: `${p.table}_${p.localKey}_foreign`,
            columns: [p.localKey],
            references: { table: meta.table, columns: [r.localKey] },
            onDelete: "cascade",
          },
          {
            name: `${p.table}_${p.foreignKey}_foreign`,
            columns: [p.foreignKey],
            references: { table: target.table, columns: [r.ownerKey!] },
            onDelete: "cascade",
          },
        ],
        unique: [],
        indexes: [{ name: `${p.table}_${p.foreignKey}_index`, columns: [p.foreignKey] }],
        dependsOn: new Set([meta.table, target.table]),
      });
    }
  }
  if (options.relationIndexes !== false) addRelationIndexes(models, specs);
  return order([...specs.values()]);
}

function tableMetaSpec(table: string, meta: TableMeta): TableSpec {
  return {
    table,
    columns: new Map(Object.entries(meta.columns)),
    primary: [...(meta.primary ?? [])],
    foreignKeys: [...(meta.foreignKeys ?? [])],
    unique: [...(meta.unique ?? [])],
    indexes: [...(meta.indexes ?? [])],
    dependsOn: new Set((meta.foreignKeys ?? []).map((fk) => fk.references.table).filter((t) => t !== table)),
  };
}

/** Referenced tables first (foreign keys need them); a cycle keeps declaration order. */
function order(specs: TableSpec[]): TableSpec[] {
  const byTable = new Map(specs.map((s) => [s.table, s]));
  const out: TableSpec[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (s: TableSpec) => {
    if (state.get(s.table)) return;
    state.set(s.table, "visiting");
    for (const dep of s.dependsOn) {
      const d = byTable.get(dep);
      if (d && !state.get(dep)) visit(d);
    }
    state.set(s.table, "done");
    out.push(s);
  };
  specs.forEach(visit);
  return out;
}

/** Columns that reference an auto-increment key must match its unsigned integer type (MySQL). */
function referencesUnsigned(spec: TableSpec, column: string, byTable: Map<string, TableSpec>): boolean {
  for (const fk of spec.foreignKeys) {
    const i = fk.columns.indexOf(column);
    if (i < 0) continue;
    const ref = byTable.get(fk.references.table)?.columns.get(fk.references.columns[i] ?? "");
    if (ref && INT_KEYS.has(ref.type)) return true;
  }
  return false;
}

export function addColumn(
  t: Knex.CreateTableBuilder,
  knex: Knex,
  name: string,
  c: ColumnDescriptor,
  spec: TableSpec,
  byTable: Map<string, TableSpec>,
): Knex.ColumnBuilder {
  const o = c.options ?? {};
  const single = spec.primary.length === 1 && spec.primary[0] === name;
  let col: Knex.ColumnBuilder;
  switch (c.type) {
    case "increments":
      col = t.increments(name, { primaryKey: single });
      break;
    case "bigIncrements":
      col = t.bigIncrements(name, { primaryKey: single });
      break;
    case "bigint":
      col = t.bigInteger(name);
      break;
    case "int":
      col = t.integer(name);
      break;
    case "smallint":
      col = t.smallint(name);
      break;
    case "uuid":
      col = t.uuid(name);
      break;
    case "ulid":
      // Laravel's ulid(): 26 fixed characters
      col = t.specificType(name, "char(26)");
      break;
    case "string":
      col = t.string(name, c.length ?? 255);
      break;
    case "char":
      col = t.specificType(name, `char(${charLength(c, spec, name)})`);
      break;
    case "enum":
      // PostgreSQL and SQLite: text with a CHECK constraint; MySQL/MariaDB: ENUM(...)
      col = t.enu(name, [...enumValues(c, spec, name)]);
      break;
    case "binary":
      col = c.length ? t.binary(name, c.length) : t.binary(name);
      break;
    case "date":
      col = t.date(name);
      break;
    case "datetime":
      col = t.datetime(name, { useTz: false, precision: 3 });
      break;
    case "objectId":
      col = t.string(name, 24);
      break;
    case "text":
      col = t.text(name);
      break;
    case "boolean":
      col = t.boolean(name);
      break;
    case "decimal":
      col = t.decimal(name, o.precision ?? 8, o.scale ?? 2);
      break;
    case "float":
      col = t.float(name);
      break;
    case "json":
      col = t.json(name);
      break;
    case "timestamp":
    case "timestamps":
    case "softDeletes":
      col = t.timestamp(name, { useTz: o.useTz ?? true, precision: 3 });
      break;
    default:
      throw new EloquentError(
        `Table ${spec.table}, column ${name}: unknown column type '${String(c.type)}'. Use one of the column() types.`,
      );
  }
  if ((o.unsigned || referencesUnsigned(spec, name, byTable)) && (c.type === "int" || c.type === "bigint" || c.type === "smallint"))
    col.unsigned();
  // Laravel's rule: NOT NULL unless the column says `nullable: true` (timestamps/softDeletes do).
  if (o.nullable && !o.primary && !o.notNull) col.nullable();
  else col.notNullable();
  if (o.defaultNow) col.defaultTo(knex.fn.now());
  else if (o.default !== undefined) col.defaultTo(o.default as Knex.Value);
  if (o.unique) col.unique();
  if (o.index) col.index();
  if (o.comment) col.comment(o.comment);
  return col;
}

function charLength(c: ColumnDescriptor, spec: TableSpec, name: string): number {
  const length = c.length ?? 255;
  if (!Number.isInteger(length) || length < 1 || length > 255)
    throw new EloquentError(
      `Table ${spec.table}, column ${name}: char length must be 1 to 255, got ${String(c.length)}. Use string or text for longer values.`,
    );
  return length;
}

function enumValues(c: ColumnDescriptor, spec: TableSpec, name: string): readonly string[] {
  const values = c.options?.values;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === "string"))
    throw new EloquentError(
      `Table ${spec.table}, column ${name}: an enum column needs its values, e.g. column("enum", { values: ["draft", "published"] }).`,
    );
  return values;
}

export function build(knex: Knex, spec: TableSpec, byTable: Map<string, TableSpec>): Knex.SchemaBuilder {
  return knex.schema.createTable(spec.table, (t) => {
    for (const [name, c] of spec.columns) addColumn(t, knex, name, c, spec, byTable);
    const auto = spec.primary.length === 1 && INT_KEYS.has(spec.columns.get(spec.primary[0]!)?.type ?? "");
    if (spec.primary.length && !auto) t.primary(spec.primary, `${spec.table}_pkey` as never);
    for (const u of spec.unique) t.unique([...u.columns], u.name ? { indexName: u.name } : undefined);
    for (const i of spec.indexes) t.index([...i.columns], i.name);
    for (const fk of spec.foreignKeys) {
      const f = t
        .foreign([...fk.columns], fk.name)
        .references([...fk.references.columns])
        .inTable(fk.references.table);
      if (fk.onDelete) f.onDelete(fk.onDelete.toUpperCase());
      if (fk.onUpdate) f.onUpdate(fk.onUpdate.toUpperCase());
    }
  });
}

export function byConnection(models: readonly ModelClass[], only?: string): Map<string, ModelClass[]> {
  const groups = new Map<string, ModelClass[]>();
  for (const m of models) {
    if (m.store !== "sql") continue;
    const name = modelMeta(m).connection ?? defaultConnectionName();
    if (only !== undefined && name !== only) continue;
    const g = groups.get(name);
    if (g) g.push(m);
    else groups.set(name, [m]);
  }
  return groups;
}

/** Creates the tables the models need that do not exist yet (or returns their SQL on dry-run). */
export async function migrate(models: readonly ModelClass[], options: MigrateOptions = {}): Promise<MigrationPlan[]> {
  const plans: MigrationPlan[] = [];
  for (const [name, group] of byConnection(models, options.connection)) {
    const { knex } = getConnection(name);
    const specs = specsFor(group);
    const byTable = new Map(specs.map((s) => [s.table, s]));
    const plan: MigrationPlan = { connection: name, created: [], skipped: [], sql: [] };
    for (const spec of specs) {
      if (await knex.schema.hasTable(spec.table)) {
        plan.skipped.push(spec.table);
        continue;
      }
      const builder = build(knex, spec, byTable);
      for (const q of builder.toSQL() as unknown as Array<{ sql: string }>) plan.sql.push(q.sql);
      if (!options.dryRun) await build(knex, spec, byTable);
      plan.created.push(spec.table);
    }
    plans.push(plan);
  }
  return plans;
}

/**
 * The pivot of a morphToMany / morphedByMany (Laravel's `$table->morphs('taggable')` plus the related key):
 * the morph id and type columns, the other side's key with its foreign key, one row per link. The morph id
 * gets no foreign key: it points into a different table per type.
 */
function morphPivotSpec(r: ResolvedRelation): TableSpec {
  const p = r.pivot!;
  const owner = r.ownerMeta;
  const target = modelMeta(r.target!);
  const typeColumn = Object.keys(p.where ?? {})[0]!;
  // morphToMany: the owner's key is the morph id; morphedByMany: the target's.
  const [morphId, plainKey, plain, plainColumn] =
    r.kind === "morphToMany" ? [p.localKey, p.foreignKey, target, r.ownerKey!] : [p.foreignKey, p.localKey, owner, r.localKey];
  const morphSide = r.kind === "morphToMany" ? owner.columns.get(r.localKey) : target.columns.get(r.ownerKey!);
  const columns = new Map<string, ColumnDescriptor>([
    [plainKey, keyColumnFor(plain.columns.get(plainColumn))],
    [morphId, keyColumnFor(morphSide)],
    [typeColumn, { __eloquent: "column", type: "string", length: 255, options: {} }],
  ]);
  for (const c of p.columns) columns.set(c, { __eloquent: "column", type: "string", length: 255, options: { nullable: true } });
  for (const c of p.timestamps) columns.set(c, { __eloquent: "column", type: "timestamp", options: { nullable: true } });
  return {
    table: p.table,
    columns,
    primary: [plainKey, morphId, typeColumn],
    foreignKeys: [
      {
        name: `${p.table}_${plainKey}_foreign`,
        columns: [plainKey],
        references: { table: plain.table, columns: [plainColumn] },
        onDelete: "cascade",
      },
    ],
    unique: [],
    indexes: [{ name: `${p.table}_${typeColumn}_${morphId}_index`, columns: [typeColumn, morphId] }],
    dependsOn: new Set([plain.table]),
  };
}

/** Drops the models' tables and pivot tables (dependants first). For tests and resets. */
export async function dropTables(models: readonly ModelClass[], options: { connection?: string } = {}): Promise<void> {
  for (const [name, group] of byConnection(models, options.connection)) {
    const { knex } = getConnection(name);
    for (const spec of specsFor(group).reverse()) await knex.schema.dropTableIfExists(spec.table);
  }
}
