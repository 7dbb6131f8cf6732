/**
 * Which TypeScript eloquent can run with, and the one line every front prints otherwise. TypeScript 7 is the
 * native (Go) compiler: it has no JavaScript compiler API, no `tsserver.js` and no plugin support, so the
 * editor plugin, tspc, ESLint's parser and `eloquent check` all need TypeScript 6 (or 5.x) installed beside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export const SUPPORTED_TYPESCRIPT_RANGE = ">=5.0 <7";

/** The install line that keeps TypeScript 7's native `tsc` and gives tools the TypeScript 6 API under `typescript`. */
export const TYPESCRIPT_FIX =
  'keep TypeScript 6 beside it: npm install --save-dev "typescript@npm:@typescript/typescript6@^6" "@typescript/native@npm:typescript@^7" (or pin "typescript": "^6")';

/**
 * The one-line message when `version` (of a loaded module, or read from its package.json) cannot be used,
 * undefined when it can. `tool` names the front ("eloquent check", "eslint-plugin-eloquent", ...).
 */
export function unsupportedTypeScriptMessage(tool: string, version: string | undefined, where?: string): string | undefined {
  const major = version === undefined ? undefined : Number(/^(\d+)\./.exec(version)?.[1]);
  if (major !== undefined && major >= 5 && major < 7) return undefined;
  const found = `TypeScript ${version ?? "(unknown version)"}${where ? ` (${where})` : ""}`;
  if (major !== undefined && major >= 7)
    return `${tool}: ${found} is the native compiler, which has no JavaScript API or plugins; ${TYPESCRIPT_FIX}.`;
  return `${tool}: ${found} is not supported; eloquent needs TypeScript ${SUPPORTED_TYPESCRIPT_RANGE}: npm install --save-dev typescript@^6.`;
}

/** The version of the `typescript` package resolved from `from`, without loading it (a TS 7 package may not load). */
export function typescriptPackageAt(from: string): { version: string | undefined; directory: string } | undefined {
  try {
    const manifest = require.resolve("typescript/package.json", { paths: [from] });
    const parsed = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version?: unknown };
    return { version: typeof parsed.version === "string" ? parsed.version : undefined, directory: path.dirname(manifest) };
  } catch {
    return undefined;
  }
}

/** Whether a loaded module looks like TypeScript's JavaScript API (a TS 7 package exports something else or nothing). */
export function hasCompilerApi(ts: unknown): boolean {
  const api = ts as { createProgram?: unknown; createSourceFile?: unknown; version?: unknown } | null;
  return !!api && typeof api.createProgram === "function" && typeof api.createSourceFile === "function" && typeof api.version === "string";
}

/** The one line for a `typescript` package whose module is not the compiler API (TypeScript 7, or a broken install). */
export function noCompilerApiMessage(tool: string, version: string | undefined, where: string): string {
  return `${tool}: the TypeScript at ${where} (${version ?? "unknown version"}) has no JavaScript compiler API (TypeScript 7 is native); ${TYPESCRIPT_FIX}.`;
}
