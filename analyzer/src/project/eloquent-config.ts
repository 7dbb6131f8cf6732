/**
 * The eloquent configuration of a project directory for the static fronts (tsserver, tspc, CLI, ESLint):
 * found and validated by the engine (`findConfig`, `parseEloquentConfig`); this module supplies the file
 * system and the rule ids the static fronts know.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DATABASE_RULES,
  DEFAULT_CONFIG,
  EloquentConfigError,
  RELATION_PATH_RULE,
  RULES,
  findConfig,
  mergeConfigs,
  parseEloquentConfig,
  type EloquentConfig,
} from "eloquent-engine";
import { SETUP_RULE } from "../setup/setup-rule";
import { MODEL_DECLARATION_RULE } from "../setup/model-forms";

export { CONFIG_FILE_NAME } from "eloquent-engine";

/** Every rule id a static front can report: the engine's, relation paths at query sites, plugin setup, and the database rules (`check --db`). */
export const STATIC_RULE_IDS: readonly string[] = [
  ...RULES.map((rule) => rule.id),
  RELATION_PATH_RULE.id,
  SETUP_RULE.id,
  MODEL_DECLARATION_RULE.id,
  ...DATABASE_RULES.map((rule) => rule.id),
];

export interface LoadedConfig {
  config: EloquentConfig;
  /** Where it came from, when a configuration was found. */
  source?: string;
  /** Why the configuration could not be used (then `config` is the default). */
  error?: string;
}

const access = {
  readFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  },
  join: path.join,
  dirname: path.dirname,
};

/**
 * The configuration for `directory`, with a plugin entry's options (tsserver `plugins` entry, tspc `transform`
 * entry) layered over it.
 */
export function loadEloquentConfig(
  directory: string,
  entryOptions?: unknown,
  entrySource = "the plugin entry in tsconfig.json",
): LoadedConfig {
  let source: string | undefined;
  try {
    const found = findConfig(path.resolve(directory), access);
    source = found?.source;
    const fromFile = found ? parseEloquentConfig(found.raw, found.source, STATIC_RULE_IDS) : DEFAULT_CONFIG;
    const entry = entryOptions && typeof entryOptions === "object" ? (entryOptions as Record<string, unknown>) : {};
    const fromEntry =
      entry.rules === undefined && entry.failOnWarnings === undefined
        ? DEFAULT_CONFIG
        : parseEloquentConfig({ rules: entry.rules, failOnWarnings: entry.failOnWarnings }, entrySource, STATIC_RULE_IDS);
    return { config: mergeConfigs(fromFile, fromEntry), ...(source ? { source } : {}) };
  } catch (error) {
    const message =
      error instanceof EloquentConfigError
        ? error.message
        : `${source ?? directory}: ${error instanceof Error ? error.message : String(error)}`;
    return { config: DEFAULT_CONFIG, ...(source ? { source } : {}), error: message };
  }
}
