/**
 * The one TypeScript instance the analyzer (and the tsserver plugin) works with, set once by each front
 * (as GraphQLSP does) instead of threaded through every signature:
 *
 *   - the tsserver plugin: `init({ typescript })`, tsserver's own instance;
 *   - the tspc transformer: `extras.ts`;
 *   - `eloquent check` / `eloquent graph`: the CLI's `loadTypeScript(cwd)`;
 *   - ESLint: `loadTypeScript()` below sets it when it loads.
 *
 * `ts` is an ES-module live binding: `import { ts } from "./typescript"` compiles to a property read of
 * this module's exports, so every module sees the current value. Nothing is loaded implicitly: until a
 * front calls `useTypeScript`, the first use of `ts` throws an error naming
 * `useTypeScript(require("typescript"))` (no silent fallback to some other copy of TypeScript, whose
 * syntax kinds might not match the Program being analysed).
 *
 * `loadTypeScript()` picks the instance to parse with: the one typescript-eslint's parser uses (so syntax
 * kinds match the Program it hands us), else the one next to this plugin. An unsupported one
 * (TypeScript 7, native) is refused with one line saying how to fix it.
 */
import type * as TS from "typescript";
import * as path from "node:path";
import { hasCompilerApi, noCompilerApiMessage, typescriptPackageAt, unsupportedTypeScriptMessage } from "./typescript-support";

const UNSET_MESSAGE =
  'eloquent-analyzer: no TypeScript instance was set; call useTypeScript(require("typescript")) (from "eloquent-analyzer") before using the analyzer.';

/** Stands in for `ts` until a front sets it: any use throws UNSET_MESSAGE. */
const unset = new Proxy({} as typeof TS, {
  get() {
    throw new Error(UNSET_MESSAGE);
  },
  has() {
    throw new Error(UNSET_MESSAGE);
  },
});

/** The TypeScript instance in use (see the file comment); set with `useTypeScript`. */
export let ts: typeof TS = unset;

/** Sets the TypeScript instance every analyzer (and tsserver plugin) module reads through `ts`. */
export function useTypeScript(instance: typeof TS): void {
  ts = instance;
}

let cached: typeof TS | undefined;

/** Finds, loads and sets (`useTypeScript`) the TypeScript instance for the ESLint path. */
export function loadTypeScript(tool = "eslint-plugin-eloquent"): typeof TS {
  if (cached) {
    useTypeScript(cached);
    return cached;
  }
  const attempts: string[] = [];
  for (const from of parserLocations()) {
    const found = typescriptPackageAt(from);
    if (!found) {
      attempts.push(`${from}: not found`);
      continue;
    }
    const unsupported = unsupportedTypeScriptMessage(tool, found.version, found.directory);
    if (unsupported) throw new Error(unsupported);
    let loaded: unknown;
    try {
      loaded = require(found.directory);
    } catch (error) {
      attempts.push(`${from}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      continue;
    }
    if (!hasCompilerApi(loaded)) throw new Error(noCompilerApiMessage(tool, found.version, found.directory));
    cached = loaded as typeof TS;
    useTypeScript(cached);
    return cached;
  }
  throw new Error(`${tool} needs the 'typescript' package (npm install --save-dev typescript@^6). Looked from: ${attempts.join("; ")}`);
}

function parserLocations(): string[] {
  const locations: string[] = [];
  try {
    locations.push(path.dirname(require.resolve("@typescript-eslint/typescript-estree")));
  } catch {
    // not installed: fall through to our own resolution
  }
  locations.push(__dirname);
  return locations;
}
