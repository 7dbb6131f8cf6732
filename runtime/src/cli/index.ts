/**
 * The `eloquent` command.
 *   eloquent migrate <models-module>... [--dry-run] [--connection <name>]
 *   eloquent check | graph ...   (delegated to eloquent-ts-plugin/cli, the static checker)
 */
import * as path from "node:path";
import { Model } from "../model/model";
import type { ModelClass } from "../model/types";
import { registerModels } from "../registry";
import { closeAllConnections } from "../sql/connections";
import { migrate } from "../sql/schema";

export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  cwd: string;
}

export const USAGE = `Usage:
  eloquent migrate <models-module>... [--dry-run] [--connection <name>]
      Creates the tables (columns, keys, foreign keys, indexes, pivot tables) of the SQL models
      exported by the given modules. --dry-run prints the SQL instead of running it.
      Connections come from the environment (DB_CONNECTION, DB_<NAME>_URL, DATABASE_URL).
  eloquent check [...]   Check relation declarations in TypeScript source (eloquent-ts-plugin).
  eloquent graph [...]   Draw the model graph (eloquent-ts-plugin).
`;

const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() });

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "migrate":
      return runMigrate(rest, io);
    case "check":
    case "graph":
      return delegateToPlugin(argv, io);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      io.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      io.stderr.write(`eloquent: unknown command '${command}'.\n\n${USAGE}`);
      return 1;
  }
}

async function delegateToPlugin(argv: readonly string[], io: CliIo): Promise<number> {
  let cli: { main(argv: readonly string[], io?: unknown): Promise<number> };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cli = require("eloquent-ts-plugin/cli");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "MODULE_NOT_FOUND" && String((error as Error).message).includes("eloquent-ts-plugin")) {
      io.stderr.write(
        `eloquent ${argv[0]}: this command comes from the static checker, which is not installed.\n` +
          `Install it next to eloquent-orm:  npm install --save-dev eloquent-ts-plugin typescript\n`,
      );
      return 2;
    }
    throw error;
  }
  return cli.main(argv);
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

class UsageError extends Error {}

/** Model classes exported by a module (directly, or inside exported arrays/objects). */
export function collectModels(exports: unknown): ModelClass[] {
  const found = new Set<ModelClass>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === "function" && value.prototype instanceof Model) found.add(value as unknown as ModelClass);
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
      throw new UsageError(`${file} is TypeScript: compile it first, or run the CLI through tsx: \`npx tsx node_modules/eloquent-orm/dist/cli/bin.js migrate ${file}\`.`);
    }
    throw error;
  }
}

async function runMigrate(args: readonly string[], io: CliIo): Promise<number> {
  let parsed: MigrateArgs;
  try {
    parsed = parseMigrateArgs(args);
  } catch (error) {
    io.stderr.write(`eloquent migrate: ${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  try {
    const models: ModelClass[] = [];
    for (const m of parsed.modules) {
      const found = collectModels(loadModule(m, io.cwd));
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
