/**
 * The TypeScript instance to parse with: the one typescript-eslint's parser uses (so syntax kinds match
 * the Program it hands us), else the one next to this plugin. An unsupported one (TypeScript 7, native)
 * is refused with one line saying how to fix it.
 */
import type * as TS from "typescript";
import * as path from "node:path";
import { hasCompilerApi, noCompilerApiMessage, typescriptPackageAt, unsupportedTypeScriptMessage } from "./typescript-support";

let cached: typeof TS | undefined;

export function loadTypeScript(tool = "eslint-plugin-eloquent"): typeof TS {
  if (cached) return cached;
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
