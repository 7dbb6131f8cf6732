/**
 * Migration files on knex's migrator (its migrations table and lock, up/down, latest, rollback,
 * status). `makeMigration` writes a file from the difference between the models and the live
 * database; the file holds the operations as data and runs them with `runMigration`, so one
 * interpreter (the same column builder `migrate()` uses) creates and reverts every change.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { ColumnDescriptor } from "eloquent-engine";
import type { Knex } from "knex";
import { EloquentError } from "../model/errors";
import type { ModelClass } from "../model/types";
import { getConnection, defaultConnectionName } from "./sql-connections";
import { addColumn, build, type TableSpec } from "./migrate";
import { diffSchema, type DiffOptions, type MigrationOperation } from "./schema-diff";

export class MigrationError extends EloquentError {}

export interface MigratorOptions {
  /** Connection to migrate (default: `DB_CONNECTION` or `sqlite`). */
  connection?: string;
  /** Folder of the migration files (default `./migrations`, from the working directory). */
  directory?: string;
}

/** knex's migrations table, named for this tool so it never mixes with another migrator's. */
export const MIGRATIONS_TABLE = "eloquent_migrations";

/** What generated migration files require to run their operations (resolved from the user's project). */
const ORM_PACKAGE = "eloquent-orm";

function migratorConfig(options: MigratorOptions): Knex.MigratorConfig {
  return { directory: path.resolve(options.directory ?? "migrations"), tableName: MIGRATIONS_TABLE, loadExtensions: [".js", ".cjs"] };
}

const tableSpec = (table: string, columns: TableSpec["columns"], primary: string[] = []): TableSpec => ({
  table,
  columns,
  primary,
  foreignKeys: [],
  unique: [],
  indexes: [],
  dependsOn: new Set(),
});

function apply(knex: Knex, op: MigrationOperation): Knex.SchemaBuilder {
  switch (op.op) {
    case "createTable":
      // The operation's columns already carry what the table needs (unsigned keys decided at diff time).
      return build(
        knex,
        { ...tableSpec(op.table, new Map(op.columns), op.primary), unique: op.unique, indexes: op.indexes, foreignKeys: op.foreignKeys },
        new Map(),
      );
    case "addColumn":
      return knex.schema.alterTable(op.table, (t) =>
        addColumn(
          t as unknown as Knex.CreateTableBuilder,
          knex,
          op.column,
          op.descriptor,
          tableSpec(op.table, new Map([[op.column, op.descriptor]])),
          new Map(),
        ),
      );
    case "dropColumn":
      return knex.schema.alterTable(op.table, (t) => void t.dropColumn(op.column));
    case "alterColumn": {
      // Only the column's own definition changes: its indexes stay as they are.
      const descriptor = {
        ...op.descriptor,
        options: { ...op.descriptor.options, unique: undefined, index: undefined },
      } as ColumnDescriptor;
      return knex.schema.alterTable(
        op.table,
        (t) =>
          void addColumn(
            t as unknown as Knex.CreateTableBuilder,
            knex,
            op.column,
            descriptor,
            tableSpec(op.table, new Map([[op.column, descriptor]])),
            new Map(),
          ).alter(),
      );
    }
    case "addIndex":
      return knex.schema.alterTable(op.table, (t) => {
        if ((op.index as { unique?: boolean }).unique) t.unique([...op.index.columns], { indexName: op.index.name });
        else t.index([...op.index.columns], op.index.name);
      });
    case "addForeignKey":
      return knex.schema.alterTable(op.table, (t) => {
        const f = t
          .foreign([...op.foreignKey.columns], op.foreignKey.name)
          .references([...op.foreignKey.references.columns])
          .inTable(op.foreignKey.references.table);
        if (op.foreignKey.onDelete) f.onDelete(op.foreignKey.onDelete.toUpperCase());
      });
  }
}

/** The operation that undoes `op`. */
function inverse(op: MigrationOperation): MigrationOperation | ((knex: Knex) => Knex.SchemaBuilder) {
  switch (op.op) {
    case "createTable":
      return (knex) => knex.schema.dropTableIfExists(op.table);
    case "addColumn":
      return { op: "dropColumn", table: op.table, column: op.column, previous: op.descriptor };
    case "dropColumn":
      return { op: "addColumn", table: op.table, column: op.column, descriptor: op.previous };
    case "alterColumn":
      return { ...op, descriptor: op.previous, previous: op.descriptor };
    case "addIndex":
      return (knex) =>
        knex.schema.alterTable(op.table, (t) => {
          if ((op.index as { unique?: boolean }).unique) t.dropUnique([...op.index.columns], op.index.name);
          else t.dropIndex([...op.index.columns], op.index.name);
        });
    case "addForeignKey":
      return (knex) => knex.schema.alterTable(op.table, (t) => void t.dropForeign([...op.foreignKey.columns], op.foreignKey.name));
  }
}

/** Runs a migration file's operations: `up` in order, `down` undone in reverse. */
export async function runMigration(knex: Knex, operations: readonly MigrationOperation[], direction: "up" | "down"): Promise<void> {
  if (direction === "up") {
    for (const op of operations) await apply(knex, op);
    return;
  }
  for (const op of [...operations].reverse()) {
    const undo = inverse(op);
    await (typeof undo === "function" ? undo(knex) : apply(knex, undo));
  }
}

/** The SQL the operations would run on the connection (for `--dry-run`). */
export function migrationSql(operations: readonly MigrationOperation[], connection?: string): string[] {
  const { knex } = getConnection(connection);
  return operations.flatMap((op) => (apply(knex, op).toSQL() as unknown as Array<{ sql: string }>).map((q) => q.sql));
}

export interface MakeMigrationOptions extends DiffOptions, MigratorOptions {
  /** Return the operations and their SQL without writing a file. */
  dryRun?: boolean;
  /** File timestamp (default: now); tests pass one. */
  now?: Date;
}

export interface MadeMigration {
  /** The file written (undefined on dry-run or when there is nothing to do). */
  file?: string;
  operations: MigrationOperation[];
  sql: string[];
  skipped: string[];
}

function timestamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`;
}

/** Writes a migration from the models ↔ database difference. Nothing to do → no file. */
export async function makeMigration(
  name: string,
  models: readonly ModelClass[],
  options: MakeMigrationOptions = {},
): Promise<MadeMigration> {
  if (!/^[a-z0-9_]+$/i.test(name))
    throw new MigrationError(`Migration name '${name}': use letters, digits and underscores, e.g. add_bio_to_users.`);
  const diff = await diffSchema(models, options);
  const sql = migrationSql(diff.operations, diff.connection);
  if (options.dryRun || diff.operations.length === 0) return { operations: diff.operations, sql, skipped: diff.skipped };
  const dir = path.resolve(options.directory ?? "migrations");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${timestamp(options.now ?? new Date())}_${name}.js`);
  const body =
    `// Generated by \`eloquent migrate:make ${name}\` from the difference between the models and connection '${diff.connection}'.\n` +
    `// The operations are data: edit them, or replace up/down with your own knex code.\n` +
    `const { runMigration } = require("${ORM_PACKAGE}");\n\n` +
    `exports.operations = ${JSON.stringify(diff.operations, null, 2)};\n\n` +
    `exports.up = (knex) => runMigration(knex, exports.operations, "up");\n` +
    `exports.down = (knex) => runMigration(knex, exports.operations, "down");\n`;
  fs.writeFileSync(file, body);
  return { file, operations: diff.operations, sql, skipped: diff.skipped };
}

function migratorOf(options: MigratorOptions): { knex: Knex; config: Knex.MigratorConfig; connection: string } {
  const connection = options.connection ?? defaultConnectionName();
  const config = migratorConfig(options);
  if (!fs.existsSync(config.directory as string)) {
    throw new MigrationError(
      `No migrations folder at ${config.directory as string}. Create one with \`eloquent migrate:make <name> <models module>\`, or pass --dir.`,
    );
  }
  return { knex: getConnection(connection).knex, config, connection };
}

/** Runs every pending migration; returns the files run. */
export async function migrateLatest(options: MigratorOptions = {}): Promise<string[]> {
  const { knex, config } = migratorOf(options);
  const [, files] = (await knex.migrate.latest(config)) as [number, string[]];
  return files;
}

/** Reverts the last batch (or every batch with `all`); returns the files reverted. */
export async function migrateRollback(options: MigratorOptions & { all?: boolean } = {}): Promise<string[]> {
  const { knex, config } = migratorOf(options);
  const [, files] = (await knex.migrate.rollback(config, options.all ?? false)) as [number, string[]];
  return files;
}

export interface MigrationStatus {
  completed: string[];
  pending: string[];
}

export async function migrateStatus(options: MigratorOptions = {}): Promise<MigrationStatus> {
  const { knex, config } = migratorOf(options);
  const [completed, pending] = (await knex.migrate.list(config)) as [Array<{ name: string } | string>, Array<{ file: string } | string>];
  const nameOf = (m: { name?: string; file?: string } | string) => (typeof m === "string" ? m : (m.name ?? m.file ?? ""));
  return { completed: completed.map(nameOf), pending: pending.map(nameOf) };
}
