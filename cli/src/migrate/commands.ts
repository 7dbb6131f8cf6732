/**
 * The migration commands:
 *   migrate <models>...          create the missing tables now (quick start; no migration files)
 *   migrate:make <name> <models>...   write a migration from the models ↔ database difference
 *   migrate:latest | migrate:rollback [--all] | migrate:status
 * Connections come from the environment (DB_CONNECTION, DB_<NAME>_URL, DATABASE_URL), as in the app.
 */
import { UsageError } from "../args";
import type { CliIo } from "../io";
import { assertConnection, loadOrm, type Orm } from "../orm";
import { loadModels } from "./load-models";

export const MIGRATE_COMMANDS = ["migrate", "migrate:make", "migrate:latest", "migrate:rollback", "migrate:status"] as const;
export type MigrateCommand = (typeof MIGRATE_COMMANDS)[number];

export const MIGRATE_USAGE = `Usage:
  eloquent migrate <models-module>... [--dry-run] [--connection <name>]
      Create the missing tables of the SQL models the modules export, now (no migration files).
  eloquent migrate:make <name> <models-module>... [--dir migrations] [--connection <name>] [--dry-run]
                        [--allow-destructive] [--no-relation-indexes] [--no-relation-foreign-keys]
      Write a migration with what the live database lacks: tables, columns, indexes, foreign keys (an index
      and a foreign key under every belongsTo by default). Dropping a column needs --allow-destructive.
  eloquent migrate:latest [--dir migrations] [--connection <name>]     Run the pending migrations.
  eloquent migrate:rollback [--dir migrations] [--connection <name>] [--all]   Revert the last batch (or all).
  eloquent migrate:status [--dir migrations] [--connection <name>]     List run and pending migrations.

Models modules may be JavaScript (CommonJS or ESM) or TypeScript (with tsx installed).
Connections come from the environment: DB_CONNECTION, DB_<NAME>_URL, DATABASE_URL.
`;

interface MigrateArgs {
  positional: string[];
  dryRun: boolean;
  all: boolean;
  allowDestructive: boolean;
  relationIndexes: boolean;
  relationForeignKeys: boolean;
  connection?: string;
  directory?: string;
  help: boolean;
}

const FLAGS: Record<MigrateCommand, readonly string[]> = {
  migrate: ["--dry-run", "--connection"],
  "migrate:make": ["--dry-run", "--connection", "--dir", "--allow-destructive", "--no-relation-indexes", "--no-relation-foreign-keys"],
  "migrate:latest": ["--connection", "--dir"],
  "migrate:rollback": ["--connection", "--dir", "--all"],
  "migrate:status": ["--connection", "--dir"],
};

function parse(command: MigrateCommand, args: readonly string[]): MigrateArgs {
  const out: MigrateArgs = {
    positional: [],
    dryRun: false,
    all: false,
    allowDestructive: false,
    relationIndexes: true,
    relationForeignKeys: true,
    help: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined || next.startsWith("-")) throw new UsageError(`${flag} needs a value.`);
      return next;
    };
    if (flag === "-h" || flag === "--help") out.help = true;
    else if (!flag.startsWith("-")) out.positional.push(arg);
    else if (!FLAGS[command].includes(flag)) throw new UsageError(`unknown option '${arg}' for 'eloquent ${command}'.`);
    else if (flag === "--dry-run") out.dryRun = true;
    else if (flag === "--all") out.all = true;
    else if (flag === "--allow-destructive") out.allowDestructive = true;
    else if (flag === "--no-relation-indexes") out.relationIndexes = false;
    else if (flag === "--no-relation-foreign-keys") out.relationForeignKeys = false;
    else if (flag === "--connection") out.connection = value();
    else if (flag === "--dir") out.directory = value();
  }
  return out;
}

export async function runMigrateCommand(command: MigrateCommand, args: readonly string[], io: CliIo): Promise<number> {
  let parsed: MigrateArgs;
  try {
    parsed = parse(command, args);
    if (parsed.help) {
      io.stdout.write(MIGRATE_USAGE);
      return 0;
    }
    if (command === "migrate" && !parsed.positional.length)
      throw new UsageError("name the module(s) that export your models, e.g. `eloquent migrate ./dist/models.js`.");
    if (command === "migrate:make" && parsed.positional.length < 2) {
      throw new UsageError(
        "name the migration and the module(s) that export your models, e.g. `eloquent migrate:make add_bio_to_users ./src/models.ts`.",
      );
    }
    if (command !== "migrate" && command !== "migrate:make" && parsed.positional.length)
      throw new UsageError(`'eloquent ${command}' takes no arguments, got '${parsed.positional[0]}'.`);
  } catch (error) {
    io.stderr.write(`eloquent ${command}: ${(error as Error).message}\n\n${MIGRATE_USAGE}`);
    return 2;
  }
  const orm = loadOrm(io, command);
  if (!orm) return 2;
  try {
    assertConnection(orm, parsed.connection);
    return await run(orm, command, parsed, io);
  } catch (error) {
    const known = error instanceof UsageError || error instanceof orm.EloquentError;
    io.stderr.write(`eloquent ${command}: ${known ? (error as Error).message : ((error as Error).stack ?? String(error))}\n`);
    return 2;
  } finally {
    await orm.closeAllConnections();
  }
}

async function run(orm: Orm, command: MigrateCommand, a: MigrateArgs, io: CliIo): Promise<number> {
  const where = { ...(a.connection ? { connection: a.connection } : {}), ...(a.directory ? { directory: a.directory } : {}) };
  const warn = (line: string) => void io.stderr.write(`eloquent ${command}: ${line}\n`);
  switch (command) {
    case "migrate": {
      const all = await loadModels(orm, a.positional, io.cwd, warn);
      const mongo = all.filter((m) => m.store === "mongo");
      if (!all.some((m) => m.store === "sql") && !mongo.length)
        throw new UsageError("no models found in the given modules; nothing to do.");
      const sql = all.some((m) => m.store === "sql") ? sqlModels(orm, all, a.connection) : [];
      orm.registerModels(all, { logger: (line, d) => void (d.severity !== "info" && warn(line)) });
      for (const plan of sql.length
        ? await orm.migrate(sql, { dryRun: a.dryRun, ...(a.connection ? { connection: a.connection } : {}) })
        : []) {
        if (a.dryRun) {
          io.stdout.write(
            `-- connection ${plan.connection}: ${plan.created.length} table(s) to create` +
              (plan.skipped.length ? `, ${plan.skipped.length} already exist (${plan.skipped.join(", ")})` : "") +
              "\n",
          );
          for (const s of plan.sql) io.stdout.write(`${s};\n`);
        } else {
          io.stdout.write(
            `connection ${plan.connection}: created ${plan.created.join(", ") || "nothing"}` +
              (plan.skipped.length ? `; already present: ${plan.skipped.join(", ")}` : "") +
              "\n",
          );
        }
      }
      // Mongo models: the indexes their relation keys and unique/indexed columns need (createIndex is idempotent).
      for (const spec of mongo.length ? await orm.ensureMongoIndexes(mongo, { dryRun: a.dryRun }) : []) {
        io.stdout.write(`${a.dryRun ? "-- " : ""}mongo ${spec.collection}: index ${spec.name}${spec.unique ? " (unique)" : ""}\n`);
      }
      return 0;
    }
    case "migrate:make": {
      const [name, ...modules] = a.positional as [string, ...string[]];
      const models = sqlModels(orm, await loadModels(orm, modules, io.cwd, warn), a.connection);
      orm.registerModels(models, { logger: (line, d) => void (d.severity !== "info" && warn(line)) });
      const made = await orm.makeMigration(name, models, {
        ...where,
        dryRun: a.dryRun,
        allowDestructive: a.allowDestructive,
        relationIndexes: a.relationIndexes,
        relationForeignKeys: a.relationForeignKeys,
      });
      for (const skipped of made.skipped) warn(`skipped: ${skipped}`);
      if (!made.operations.length) io.stdout.write("The database already matches the models: no migration written.\n");
      else if (a.dryRun) for (const s of made.sql) io.stdout.write(`${s};\n`);
      else
        io.stdout.write(
          `Wrote ${made.file} (${made.operations.length} operation${made.operations.length === 1 ? "" : "s"}). Run it with: eloquent migrate:latest\n`,
        );
      return 0;
    }
    case "migrate:latest": {
      const files = await orm.migrateLatest(where);
      io.stdout.write(
        files.length ? `Ran ${files.length} migration(s):\n${files.map((f) => `  ${f}\n`).join("")}` : "Already up to date.\n",
      );
      return 0;
    }
    case "migrate:rollback": {
      const files = await orm.migrateRollback({ ...where, all: a.all });
      io.stdout.write(
        files.length ? `Rolled back ${files.length} migration(s):\n${files.map((f) => `  ${f}\n`).join("")}` : "Nothing to roll back.\n",
      );
      return 0;
    }
    case "migrate:status": {
      const { completed, pending } = await orm.migrateStatus(where);
      for (const f of completed) io.stdout.write(`  ran      ${f}\n`);
      for (const f of pending) io.stdout.write(`  pending  ${f}\n`);
      io.stdout.write(`${completed.length} ran, ${pending.length} pending.\n`);
      return 0;
    }
  }
}

function sqlModels(orm: Orm, models: readonly import("../orm").ModelClass[], connection: string | undefined) {
  const sql = models.filter((m) => m.store === "sql");
  if (!sql.length) throw new UsageError("no SQL models found in the given modules; nothing to do.");
  if (connection !== undefined) {
    const on = sql.filter((m) => (orm.modelMeta(m).connection ?? orm.defaultConnectionName()) === connection);
    if (!on.length) throw new UsageError(`none of the SQL models uses connection '${connection}'.`);
  }
  return sql;
}
