/**
 * The model classes a user's modules export: CommonJS, ESM (also with top-level await) and TypeScript
 * (through tsx when the project has it), directly or inside exported arrays/objects.
 */
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { UsageError } from "../args";
import type { ModelClass, Orm } from "../orm";

export function collectModels(orm: Orm, exports: unknown): ModelClass[] {
  const found = new Set<ModelClass>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value === "function" && value.prototype instanceof orm.Model) found.add(value as unknown as ModelClass);
    else if (depth < 2 && value && typeof value === "object") for (const v of Object.values(value)) visit(v, depth + 1);
  };
  visit(exports, 0);
  return [...found];
}

const TYPESCRIPT = /\.[cm]?tsx?$/;
let tsxRegistered = false;

/** Registers tsx's require hook from the user's project, once (it compiles import/export syntax too). */
function registerTypeScript(cwd: string, file: string): void {
  if (tsxRegistered) return;
  let cjs: { register(): unknown };
  try {
    cjs = require(require.resolve("tsx/cjs/api", { paths: [cwd, __dirname] }));
  } catch {
    throw new UsageError(
      `${file} is TypeScript: install tsx to load it directly (npm install --save-dev tsx), or compile it and pass the .js file.`,
    );
  }
  cjs.register();
  tsxRegistered = true;
}

export async function loadModule(file: string, cwd: string): Promise<unknown> {
  const full = path.resolve(cwd, file);
  if (TYPESCRIPT.test(full)) registerTypeScript(cwd, file);
  try {
    return require(full);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ESM (and modules with top-level await) cannot be required: import them.
    if (code === "ERR_REQUIRE_ESM" || code === "ERR_REQUIRE_ASYNC_MODULE" || error instanceof SyntaxError)
      return import(pathToFileURL(full).href);
    if (code === "MODULE_NOT_FOUND" && String((error as Error).message).includes(full))
      throw new UsageError(`cannot find the models module ${file} (looked at ${full}).`);
    throw error;
  }
}

export async function loadModels(orm: Orm, modules: readonly string[], cwd: string, warn: (line: string) => void): Promise<ModelClass[]> {
  const models: ModelClass[] = [];
  for (const m of modules) {
    const found = collectModels(orm, await loadModule(m, cwd));
    if (!found.length) warn(`${m} exports no model classes.`);
    models.push(...found);
  }
  return models;
}
