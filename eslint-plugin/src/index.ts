/**
 * eslint-plugin-eloquent: eloquent's relation rules in ESLint. Each rule is one rule of the shared
 * engine (same id, message and code as the editor, `tspc`, `eloquent check` and the runtime).
 *
 *   // eslint.config.mjs
 *   import eloquent from "eslint-plugin-eloquent";
 *   export default [eloquent.configs.recommended];
 *
 *   // eslint.config.ts
 *   import tseslint from "typescript-eslint";
 *   import eloquent from "eslint-plugin-eloquent";
 *   export default tseslint.config(eloquent.configs.recommended);
 *
 *   # or without a config file
 *   eslint --no-config-lookup --plugin eloquent --parser @typescript-eslint/parser --ext .ts \
 *     --rule 'eloquent/relation-target-exists: error' src
 */
import type { TSESLint } from "@typescript-eslint/utils";
import * as fs from "node:fs";
import * as path from "node:path";
import { JS_FILES, legacyRecommended, recommendedRules, typescriptParser, unsupportedTypeScript, TS_FILES } from "./configs";
import { sourceParser } from "./source-parser";
import { EMPTY_PROGRAM_PARSER, unsupported } from "./unsupported-typescript";
import { rules } from "./rules";

const version = readVersion();

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

interface EloquentConfigs {
  /** Every rule at the severity eloquent's configuration gives it; the TypeScript parser for .ts files. */
  readonly recommended: TSESLint.FlatConfig.Config;
  /** Every rule as an error. */
  readonly all: TSESLint.FlatConfig.Config;
  /** eslintrc: `"extends": ["plugin:eloquent/legacy-recommended"]`. */
  readonly "legacy-recommended": TSESLint.ClassicConfig.Config;
}

interface EloquentPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: EloquentConfigs;
}

const configs = {} as EloquentConfigs;
/** Resolves once, on first use. */
function memoized<T>(load: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= load());
}

const plugin: EloquentPlugin = {
  meta: { name: "eslint-plugin-eloquent", version, namespace: "eloquent" },
  rules,
  configs,
};

// Getters: the parser and the project's configuration are read when a config is used, not at import.
/** Instead of a config that cannot work (TypeScript 7, a broken eloquent.config.json): one report of the problem and its fix, no crash. */
function unsupportedConfig(name: string, message: string): TSESLint.FlatConfig.Config {
  unsupported.message = message;
  return {
    name,
    files: TS_FILES,
    plugins: { eloquent: plugin as unknown as TSESLint.FlatConfig.Plugin },
    languageOptions: { parser: EMPTY_PROGRAM_PARSER },
    rules: { "eloquent/internal-error": "error" },
  };
}

Object.defineProperty(configs, "recommended", {
  enumerable: true,
  get: (): TSESLint.FlatConfig.Config => {
    const problem = unsupportedTypeScript();
    if (problem) return unsupportedConfig("eloquent/recommended", problem);
    let settings: ReturnType<typeof recommendedRules>;
    try {
      settings = recommendedRules();
    } catch (error) {
      // A broken eloquent.config.json: one report naming the file and the key, like the other fronts.
      return unsupportedConfig("eloquent/recommended", error instanceof Error ? error.message : String(error));
    }
    return {
      name: "eloquent/recommended",
      files: [...TS_FILES, ...JS_FILES],
      plugins: { eloquent: plugin as unknown as TSESLint.FlatConfig.Plugin },
      // The project's own @typescript-eslint/parser; JavaScript model files parsed without type information.
      languageOptions: { parser: sourceParser(memoized(typescriptParser)) },
      rules: settings,
    };
  },
});
Object.defineProperty(configs, "all", {
  enumerable: true,
  get: (): TSESLint.FlatConfig.Config => {
    const problem = unsupportedTypeScript();
    if (problem) return unsupportedConfig("eloquent/all", problem);
    return {
      name: "eloquent/all",
      files: TS_FILES,
      plugins: { eloquent: plugin as unknown as TSESLint.FlatConfig.Plugin },
      languageOptions: { parser: typescriptParser() },
      rules: Object.fromEntries(Object.keys(rules).map((id) => [`eloquent/${id}`, "error"])),
    };
  },
});
Object.defineProperty(configs, "legacy-recommended", { enumerable: true, get: legacyRecommended });

export = plugin;
// The same objects as named CommonJS exports, so Node sees them when an ES module writes
// `import { configs } from "eslint-plugin-eloquent"` (it cannot see the properties of `module.exports = plugin`).
module.exports.meta = plugin.meta;
module.exports.rules = plugin.rules;
module.exports.configs = plugin.configs;
