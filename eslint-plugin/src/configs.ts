/**
 * Ready-made configs. `recommended` (flat) also sets the TypeScript parser for .ts files, so
 * `export default [eloquent.configs.recommended]` is a complete eslint.config.mjs. Severities follow
 * the engine: error → "error", warning and info ("cannot verify") → "warn".
 */
import type { Severity } from "eloquent-engine";
import { RULE_METAS } from "./rules";

export const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
/** JavaScript model files, checked like their .ts twins (parsed without type information). */
export const JS_FILES = ["**/*.js", "**/*.cjs", "**/*.mjs", "**/*.jsx"];

export function eslintSeverity(severity: Severity): "error" | "warn" {
  return severity === "error" ? "error" : "warn";
}

export function recommendedRules(prefix = "eloquent"): Record<string, "error" | "warn"> {
  return Object.fromEntries(RULE_METAS.map((meta) => [`${prefix}/${meta.id}`, eslintSeverity(meta.defaultSeverity)]));
}

/** eslintrc (ESLint 9 with ESLINT_USE_FLAT_CONFIG=false): `"extends": ["plugin:eloquent/legacy-recommended"]`. */
export function legacyRecommended() {
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
