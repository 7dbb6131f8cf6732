/**
 * eslint-plugin-eloquent: eloquent's relation rules in ESLint. Each rule is one rule of the shared
 * engine (same id, message and code as the editor, `tspc`, `eloquent check` and the runtime).
 *
 *   // eslint.config.mjs
 *   import eloquent from "eslint-plugin-eloquent";
 *   export default [eloquent.configs.recommended];
 *
 *   # or without a config file
 *   eslint --no-config-lookup --plugin eloquent --parser @typescript-eslint/parser --ext .ts \
 *     --rule 'eloquent/relation-target-exists: error' src
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { JS_FILES, legacyRecommended, recommendedRules, TS_FILES } from "./configs";
import { sourceParser } from "./source-parser";
import { rules } from "./rules";

const version = readVersion();

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** The TypeScript parser, loaded when a config asks for it (so `--plugin eloquent` on JS needs nothing more). */
function typescriptParser(): unknown {
  return require("@typescript-eslint/parser");
}

const plugin = {
  meta: { name: "eslint-plugin-eloquent", version, namespace: "eloquent" },
  rules,
  configs: {} as Record<string, unknown>,
};

Object.defineProperty(plugin.configs, "recommended", {
  enumerable: true,
  get: () => ({
    name: "eloquent/recommended",
    files: [...TS_FILES, ...JS_FILES],
    plugins: { eloquent: plugin },
    languageOptions: { parser: sourceParser(typescriptParser) },
    rules: recommendedRules(),
  }),
});
Object.defineProperty(plugin.configs, "all", {
  enumerable: true,
  get: () => ({
    name: "eloquent/all",
    files: TS_FILES,
    plugins: { eloquent: plugin },
    languageOptions: { parser: typescriptParser() },
    rules: Object.fromEntries(Object.keys(rules).map((id) => [`eloquent/${id}`, "error"])),
  }),
});
plugin.configs["legacy-recommended"] = legacyRecommended();

export = plugin;
