/**
 * The real ESLint binary on the playground: the broken models report exactly their `// expect:`
 * annotations (all of broken/ one graph, as test/engine/playground.test.ts registers them), both as
 * `eslint --plugin eloquent --rule ...` and with the flat config; the corrected models lint clean,
 * in place (the playground's own tsconfig) and as a copy with the flat config.
 */
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics } from "../fixtures/relations/expectations";
import { copyAsProject, REPO_ROOT } from "./corpus-projects";
import { FLAT_CONFIG } from "./project-fixture";
import { ESLINT10, parseEslintJson, run, type EslintFileResult } from "./run";
import plugin = require("eslint-plugin-eloquent");

const BROKEN = join(REPO_ROOT, "playground", "broken");
const MODELS = join(REPO_ROOT, "playground", "models");
const brokenFiles = readdirSync(BROKEN)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts")
  .map((f) => join(BROKEN, f));
const ALL_RULES = JSON.stringify(Object.fromEntries(Object.keys(plugin.rules).map((id) => [`eloquent/${id}`, "error"])));
const PLUGIN_ARGS = [
  "--no-config-lookup",
  "--plugin",
  "eloquent",
  "--parser",
  "@typescript-eslint/parser",
  "--ext",
  ".ts",
  "--rule",
  ALL_RULES,
];

let broken: ReturnType<typeof copyAsProject>;
beforeAll(() => {
  // A copy, so broken/ is one project of its own (in place, the playground tsconfig also holds models/).
  broken = copyAsProject(BROKEN, "eloquent-playground-broken-");
  writeFileSync(join(broken.root, "eslint.config.mjs"), FLAT_CONFIG);
});
afterAll(() => broken?.cleanup());

function actual(files: EslintFileResult[], originals: Map<string, string>) {
  return files.flatMap((file) =>
    file.messages.map((m) => ({
      file: originals.get(file.filePath) ?? file.filePath,
      line: m.line,
      ruleId: m.ruleId?.startsWith("eloquent/") ? m.ruleId.slice("eloquent/".length) : `(not eloquent) ${m.ruleId}: ${m.message}`,
      message: m.message,
    })),
  );
}

describe("playground through the eslint binary", () => {
  const expected = () => brokenFiles.flatMap((file) => expectedDiagnostics(file));

  it("has annotated mistakes to find", () => {
    expect(expected().length).toBeGreaterThan(20);
  });

  it("broken/: `eslint --plugin eloquent --rule ...` reports exactly the annotations", () => {
    const result = run(ESLINT10, [...PLUGIN_ARGS, "--format", "json", "."], broken.root);
    expect(result.status).toBe(1);
    expect(compareDiagnostics(expected(), actual(parseEslintJson(result), broken.originals)).report).toBe("");
  });

  it("broken/: the flat `recommended` config reports exactly the annotations", () => {
    const result = run(ESLINT10, ["--format", "json", "."], broken.root);
    expect(compareDiagnostics(expected(), actual(parseEslintJson(result), broken.originals)).report).toBe("");
  });

  it("models/: clean in place with `--plugin eloquent` (the playground's tsconfig) and as a copy with the flat config", () => {
    const inPlace = run(ESLINT10, [...PLUGIN_ARGS, "--format", "json", "playground/models"], REPO_ROOT);
    const inPlaceFiles = parseEslintJson(inPlace);
    expect(inPlaceFiles.length).toBeGreaterThanOrEqual(8);
    expect(inPlaceFiles.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
    expect(inPlace.status).toBe(0);

    const copy = copyAsProject(MODELS, "eloquent-playground-models-");
    try {
      writeFileSync(join(copy.root, "eslint.config.mjs"), FLAT_CONFIG);
      const result = run(ESLINT10, ["--format", "json", "."], copy.root, { ELOQUENT_ESLINT_TRACE: "1" });
      const files = parseEslintJson(result);
      expect(files.flatMap((f) => f.messages.map((m) => `${f.filePath}:${m.line} ${m.ruleId} ${m.message}`))).toEqual([]);
      // All eight models in one graph (cross-file targets resolved, not silently missing).
      expect(result.stderr).toMatch(/eloquent: untyped graph \(8 models\)/);
    } finally {
      copy.cleanup();
    }
  });
});
