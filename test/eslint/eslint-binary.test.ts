/**
 * The real ESLint binaries on a real project: `eslint --plugin eloquent` without a config file, the flat
 * `recommended` config on ESLint 10 and 9, the eslintrc `legacy-recommended` config on ESLint 9, `--fix`,
 * and one engine run per lint run whatever the number of files and rules.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeProject } from "./corpus-projects";
import { FLAT_CONFIG, PROJECT_EXPECTED, PROJECT_FILES } from "./project-fixture";
import { ensureEslint9, ESLINT10, parseEslintJson, run, type EslintFileResult } from "./run";

let project: { root: string; cleanup(): void };

beforeAll(() => {
  project = writeProject(PROJECT_FILES, "eloquent-eslint-bin-");
  writeFileSync(join(project.root, "eslint.config.mjs"), FLAT_CONFIG);
});
afterAll(() => project?.cleanup());

function triples(files: EslintFileResult[], root = project.root): Array<[string, number, string]> {
  return files
    .flatMap((file) =>
      file.messages.map((m): [string, number, string] => [relative(root, file.filePath), m.line, m.ruleId ?? `(no rule) ${m.message}`]),
    )
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2].localeCompare(b[2]));
}
const expected = PROJECT_EXPECTED.map(([file, line, rule]) => [file, line, `eloquent/${rule}`]);

describe("eslint binary", () => {
  it("ESLint 10: `--plugin eloquent --parser @typescript-eslint/parser --rule ...` without a config file", () => {
    const rules = JSON.stringify({
      "eloquent/relation-target-exists": "error",
      "eloquent/has-foreign-key": "error",
      "eloquent/belongs-to-foreign-key": "error",
      "eloquent/relation-path": "error",
    });
    const result = run(
      ESLINT10,
      [
        "--no-config-lookup",
        "--plugin",
        "eloquent",
        "--parser",
        "@typescript-eslint/parser",
        "--ext",
        ".ts",
        "--rule",
        rules,
        "--format",
        "json",
        "src",
      ],
      project.root,
    );
    expect(triples(parseEslintJson(result))).toEqual(expected);
    expect(result.status).toBe(1);
  });

  it("ESLint 10: stylish output names the rule and explains the fix", () => {
    const result = run(ESLINT10, ["src"], project.root);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /9:\d+\s+error\s+Post\.author \(belongsTo 'Usr'\): target 'Usr' is not a declared model\. Did you mean 'User'\?.*eloquent\/relation-target-exists/,
    );
    expect(result.stdout).toContain("potentially fixable with the `--fix` option");
  });

  it("ESLint 10 with the flat `recommended` config (TS parser set by the config)", () => {
    expect(run(ESLINT10, ["--version"], project.root).stdout).toMatch(/^v10\./);
    const result = run(ESLINT10, ["--format", "json", "."], project.root);
    expect(triples(parseEslintJson(result))).toEqual(expected);
  });

  it("ESLint 9 with the flat `recommended` config", () => {
    const eslint9 = ensureEslint9();
    if (!eslint9) return;
    expect(run(eslint9, ["--version"], project.root).stdout).toMatch(/^v9\./);
    expect(triples(parseEslintJson(run(eslint9, ["--format", "json", "."], project.root)))).toEqual(expected);
  }, 240_000); // the first run installs ESLint 9 into a cache

  it("ESLint 9 with eslintrc: `extends: plugin:eloquent/legacy-recommended`", () => {
    const ESLINT9 = ensureEslint9();
    if (!ESLINT9) return;
    const legacy = writeProject(PROJECT_FILES, "eloquent-eslint-legacy-");
    try {
      writeFileSync(join(legacy.root, ".eslintrc.json"), JSON.stringify({ root: true, extends: ["plugin:eloquent/legacy-recommended"] }));
      const result = run(ESLINT9, ["--format", "json", "--ext", ".ts", "src"], legacy.root, { ESLINT_USE_FLAT_CONFIG: "false" });
      const files = parseEslintJson(result);
      const found = files
        .flatMap((file) => file.messages.map((m) => [relative(legacy.root, file.filePath), m.line, m.ruleId] as [string, number, string]))
        .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1] || a[2].localeCompare(b[2]));
      expect(found).toEqual(expected);
    } finally {
      legacy.cleanup();
    }
  }, 240_000);

  it("one engine run for the whole lint run (3 files, every rule)", () => {
    const result = run(ESLINT10, ["--format", "json", "."], project.root, { ELOQUENT_ESLINT_TRACE: "1" });
    const engineRuns = result.stderr.split("\n").filter((line) => line.startsWith("eloquent: engine run"));
    expect(engineRuns).toEqual(["eloquent: engine run #1 (3 models, untyped)"]);
    expect(result.stderr.match(/eloquent: untyped graph \(3 models\)/g)).toHaveLength(3);
  });

  it("`eslint --fix` applies the did-you-mean fix and leaves suggestions for the editor", () => {
    const fixable = writeProject(PROJECT_FILES, "eloquent-eslint-fix-");
    try {
      writeFileSync(join(fixable.root, "eslint.config.mjs"), FLAT_CONFIG);
      run(ESLINT10, ["--fix", "src"], fixable.root);
      const post = readFileSync(join(fixable.root, "src/post.ts"), "utf8");
      expect(post).toContain('author: relation("belongsTo", "User", { foreignKey: "user_id" })');
      expect(readFileSync(join(fixable.root, "src/comment.ts"), "utf8")).toContain('Comment.with("post.author")');
      const after = triples(parseEslintJson(run(ESLINT10, ["--format", "json", "src"], fixable.root)), fixable.root);
      expect(after.map(([file, , rule]) => `${file} ${rule}`)).toEqual([
        "src/comment.ts eloquent/belongs-to-foreign-key",
        "src/post.ts eloquent/has-foreign-key",
      ]);
    } finally {
      fixable.cleanup();
    }
  });
});
