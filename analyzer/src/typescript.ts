/**
 * The TypeScript instance to parse with: the one typescript-eslint's parser uses (so syntax kinds match
 * the Program it hands us), else the one next to this plugin.
 */
import type * as TS from "typescript";
import * as path from "node:path";

let cached: typeof TS | undefined;

export function loadTypeScript(): typeof TS {
  if (cached) return cached;
  const attempts: string[] = [];
  for (const from of parserLocations()) {
    try {
      cached = require(require.resolve("typescript", { paths: [from] })) as typeof TS;
      return cached;
    } catch (error) {
      attempts.push(`${from}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  throw new Error(
    `eloquent's static checks need the 'typescript' package (npm install --save-dev typescript). Looked from: ${attempts.join("; ")}`,
  );
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
