/**
 * Ready-made configs. `recommended` (flat) also sets the TypeScript parser for .ts files, so
 * `export default [eloquent.configs.recommended]` is a complete eslint.config.mjs.
 *
 * Severities are eloquent's one configuration (eloquent.config.json or package.json "eloquent", found from the
 * directory ESLint runs in) mapped onto ESLint's: a setting that fails `tspc` and `eloquent check` (error;
 * warning with "failOnWarnings") → "error", other warnings and info → "warn", "off" → "off" — so the same
 * configuration gives the same exit codes from every front.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import * as path from "node:path";
import { failsBuild, DEFAULT_CONFIG, type EloquentConfig, type RuleSetting } from "eloquent-engine";
import { loadEloquentConfig, typescriptPackageAt, unsupportedTypeScriptMessage } from "eloquent-analyzer";
import { RULE_METAS } from "./rules";

export const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
/** JavaScript model files, checked like their .ts twins (parsed without type information). */
export const JS_FILES = ["**/*.js", "**/*.cjs", "**/*.mjs", "**/*.jsx"];

export type EslintSetting = "error" | "warn" | "off";

export function eslintSetting(setting: RuleSetting, config: EloquentConfig = DEFAULT_CONFIG): EslintSetting {
  if (setting === "off") return "off";
  return failsBuild(setting, config) ? "error" : "warn";
}

/** The project's eloquent configuration; a broken one stops the lint with the reason (as a broken eslint.config would). */
export function projectConfig(directory = process.cwd()): EloquentConfig {
  const loaded = loadEloquentConfig(directory);
  if (loaded.error) throw new Error(`eslint-plugin-eloquent: ${loaded.error}`);
  return loaded.config;
}

export function recommendedRules(config: EloquentConfig = projectConfig(), prefix = "eloquent"): Record<string, EslintSetting> {
  return Object.fromEntries(
    RULE_METAS.map((meta) => [`${prefix}/${meta.id}`, eslintSetting(config.rules[meta.id] ?? meta.defaultSeverity, config)]),
  );
}

/**
 * `@typescript-eslint/parser` as the user's project resolves it (so a config that already set the user's parser
 * keeps that very module, and its version), else the copy this plugin depends on.
 */
export function typescriptParser(directory = process.cwd()): TSESLint.FlatConfig.Parser {
  for (const from of [path.join(directory, "noop.js"), __filename]) {
    try {
      return require(require.resolve("@typescript-eslint/parser", { paths: [path.dirname(from)] })) as TSESLint.FlatConfig.Parser;
    } catch {
      // not installed there: try the next location
    }
  }
  throw new Error("eslint-plugin-eloquent needs @typescript-eslint/parser: npm install --save-dev @typescript-eslint/parser");
}

/**
 * The one-line message when the project's TypeScript cannot be used (TypeScript 7: typescript-eslint's parser
 * loads TypeScript's JavaScript API on import, which the native compiler does not have).
 */
export function unsupportedTypeScript(directory = process.cwd()): string | undefined {
  const found = typescriptPackageAt(directory) ?? typescriptPackageAt(path.dirname(__filename));
  return found ? unsupportedTypeScriptMessage("eslint-plugin-eloquent", found.version, found.directory) : undefined;
}

/** eslintrc (ESLint 9 with ESLINT_USE_FLAT_CONFIG=false): `"extends": ["plugin:eloquent/legacy-recommended"]`. */
export function legacyRecommended(): TSESLint.ClassicConfig.Config {
  return {
    plugins: ["eloquent"],
    overrides: [
      {
        files: ["*.ts", "*.tsx", "*.mts", "*.cts"],
        parser: "@typescript-eslint/parser",
        rules: recommendedRules(),
      },
    ],
  };
}
