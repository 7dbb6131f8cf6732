/**
 * `eloquent migrate <models-module>... [--dry-run] [--connection <name>]`: creates the tables of the SQL
 * models the modules export. The ORM is an optional peer of the CLI (check and graph never need it), so it
 * is loaded here, from the user's project first.
 */
import * as path from "node:path";
import type * as OrmModule from "eloquent-orm";
import { UsageError, USAGE } from "./args";
import type { CliIo } from "./io";

type Orm = typeof OrmModule;
type ModelClass = OrmModule.ModelClass;

function loadOrm(io: CliIo): Orm | undefined {
  for (const from of [io.cwd, __dirname]) {
    try {
      return require(require.resolve("eloquent-orm", { paths: [from] })) as Orm;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw error;
    }
  }
  io.stderr.write(
    "eloquent migrate: the ORM package 'eloquent-orm' is not installed in this project.\n" +
      "Install it next to the CLI:  npm install eloquent-orm\n",
  );
  return undefined;
}

interface MigrateArgs {
  modules: string[];
  dryRun: boolean;
  connection?: string;
}

function parseMigrateArgs(args: readonly string[]): MigrateArgs {
  const out: MigrateArgs = { modules: [], dryRun: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--dry-run") out.dryRun = true;
    else if (a === "--connection") {
      const v = args[++i];
      if (!v) throw new UsageError("--connection needs a connection name.");
      out.connection = v;
    } else if (a.startsWith("--connection=")) out.connection = a.slice("--connection=".length);
    else if (a.startsWith("-")) throw new UsageError(`unknown option '${a}'.`);
    else out.modules.push(a);
  }
  if (!out.modules.length) throw new UsageError("name the module(s) that export your models, e.g. `eloquent migrate ./dist/models.js`.");
  return out;
}

/** Model classes exported by a module (directly, or inside exported arrays/objects). */
export function collectModels(orm: Orm, exports: unknown): ModelClass[] {
  const found = new Set<ModelClass>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === "function" && value.prototype instanceof orm.Model) found.add(value as unknown as ModelClass);
    else if (depth < 2 && value && typeof value === "object") for (const v of Object.values(value)) visit(v, depth + 1);
  };
  visit(exports, 0);
  return [...found];
}

function loadModule(file: string, cwd: string): unknown {
  const full = path.resolve(cwd, file);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(full);
  } catch (error) {
    if (/\.[cm]?ts$/.test(full) && (error instanceof SyntaxError || (error as NodeJS.ErrnoException).code === "ERR_UNKNOWN_FILE_EXTENSION")) {
      throw new UsageError(`${file} is TypeScript: compile it first, or run the CLI through tsx: \`npx tsx node_modules/eloquent-cli/dist/bin.js migrate ${file}\`.`);
    }
    throw error;
  }
}

export async function runMigrate(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: MigrateArgs;
  try {
    parsed = parseMigrateArgs(args);
  } catch (error) {
    io.stderr.write(`eloquent migrate: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const orm = loadOrm(io);
  if (!orm) return 2;
  const { registerModels, migrate, closeAllConnections } = orm;
  try {
    const models: ModelClass[] = [];
    for (const m of parsed.modules) {
      const found = collectModels(orm, loadModule(m, io.cwd));
      if (!found.length) io.stderr.write(`eloquent migrate: ${m} exports no model classes.\n`);
      models.push(...found);
    }
    const sql = models.filter((m) => m.store === "sql");
    if (!sql.length) {
      io.stderr.write("eloquent migrate: no SQL models found; nothing to do.\n");
      return 1;
    }
    registerModels(sql, { logger: (line, d) => void (d.severity !== "info" && io.stderr.write(`${line}\n`)) });
    const plans = await migrate(sql, { dryRun: parsed.dryRun, ...(parsed.connection ? { connection: parsed.connection } : {}) });
    for (const plan of plans) {
      if (parsed.dryRun) {
        io.stdout.write(`-- connection ${plan.connection}: ${plan.created.length} table(s) to create` +
          (plan.skipped.length ? `, ${plan.skipped.length} already exist (${plan.skipped.join(", ")})` : "") + "\n");
        for (const s of plan.sql) io.stdout.write(`${s};\n`);
      } else {
        io.stdout.write(`connection ${plan.connection}: created ${plan.created.join(", ") || "nothing"}` +
          (plan.skipped.length ? `; already present: ${plan.skipped.join(", ")}` : "") + "\n");
      }
    }
    return 0;
  } catch (error) {
    io.stderr.write(`eloquent migrate: ${error instanceof UsageError ? error.message : (error as Error).stack ?? String(error)}\n`);
    return error instanceof UsageError ? 1 : 2;
  } finally {
    await closeAllConnections();
  }
}
