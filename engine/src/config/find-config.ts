/**
 * Where the configuration lives: the nearest `eloquent.config.json`, or the `eloquent` key of the nearest
 * package.json that has one, walking up from a directory. File access is injected so the engine stays free of
 * Node: the analyzer (static fronts) and the runtime (`registerModels`) pass `fs.readFileSync` and `path`.
 */
import { EloquentConfigError } from "./rule-settings";

export const CONFIG_FILE_NAME = "eloquent.config.json";

export interface ConfigFileAccess {
  /** The file's text, or undefined when it does not exist. */
  readFile(file: string): string | undefined;
  join(directory: string, name: string): string;
  dirname(directory: string): string;
}

export interface FoundConfig {
  /** For messages: the file, and the key when it is package.json. */
  source: string;
  raw: unknown;
}

export function findConfig(start: string, access: ConfigFileAccess): FoundConfig | undefined {
  let directory = start;
  for (;;) {
    const own = access.join(directory, CONFIG_FILE_NAME);
    const text = access.readFile(own);
    if (text !== undefined) return { source: own, raw: parseJson(own, text) };
    const pkgFile = access.join(directory, "package.json");
    const pkg = access.readFile(pkgFile);
    if (pkg !== undefined) {
      const parsed = parseJson(pkgFile, pkg) as Record<string, unknown> | null;
      if (parsed && typeof parsed === "object" && "eloquent" in parsed)
        return { source: `${pkgFile} ("eloquent" key)`, raw: parsed.eloquent };
    }
    const parent = access.dirname(directory);
    if (parent === directory || /[\\/]node_modules$/.test(directory)) return undefined;
    directory = parent;
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new EloquentConfigError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
