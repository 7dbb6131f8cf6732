/**
 * The conformance corpus through the CI fronts — ESLint 10 with and without type information and
 * `eloquent check --format json` — must give exactly the annotated diagnostics (rule id + line), the
 * same set the runtime's registerModels reports (test/engine/corpus.test.ts).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics, fixtureFiles, type ActualDiagnostic } from "../fixtures/relations/expectations";
import { createCorpusProjects, type CorpusProjects } from "./corpus-projects";
import { CLI, ESLINT10, parseEslintJson, run } from "./run";

let projects: CorpusProjects;
const expected = () => fixtureFiles().flatMap((file) => expectedDiagnostics(file));

beforeAll(() => {
  projects = createCorpusProjects();
});
afterAll(() => projects?.cleanup());

function eslintDiagnostics(configName: string, config: string): { actual: ActualDiagnostic[]; stderr: string } {
  writeFileSync(join(projects.root, configName), config);
  const result = run(ESLINT10, ["--config", configName, "--format", "json", "."], projects.root, { ELOQUENT_ESLINT_TRACE: "1" });
  const files = parseEslintJson(result);
  const actual = files.flatMap((file) =>
    file.messages.map((message) => {
      // A parse error or a crash has no eloquent rule id: it must show up as unexpected, not vanish.
      const ruleId = message.ruleId?.startsWith("eloquent/")
        ? message.ruleId.slice("eloquent/".length)
        : `(not eloquent) ${message.ruleId}`;
      return { file: projects.originals.get(file.filePath) ?? file.filePath, line: message.line, ruleId, message: message.message };
    }),
  );
  return { actual, stderr: result.stderr };
}

describe("conformance corpus through ESLint 10 and the CLI", () => {
  it("ESLint without type information reports exactly the annotated diagnostics", () => {
    const { actual, stderr } = eslintDiagnostics(
      "untyped.config.mjs",
      `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`,
    );
    expect(stderr).toContain("eloquent: untyped graph");
    expect(stderr).not.toContain("eloquent: typed graph");
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  });

  it("ESLint with type information (parser services' Program) reports exactly the annotated diagnostics", () => {
    const { actual, stderr } = eslintDiagnostics(
      "typed.config.mjs",
      `import eloquent from "eslint-plugin-eloquent";
export default [
  eloquent.configs.recommended,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
];
`,
    );
    // Proves the typed path ran (no silent fallback to the untyped one).
    expect(stderr).toContain("eloquent: typed graph");
    expect(stderr).not.toContain("eloquent: untyped graph");
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  }, 180_000); // one Program per fixture project

  it("`eloquent check --format json` reports exactly the annotated diagnostics and exits 1", () => {
    const result = run(CLI, ["check", ...projects.dirs, "--format", "json"], projects.root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; ruleId: string; message: string }> };
    const actual = report.diagnostics.map((d) => ({
      file: projects.originals.get(join(projects.root, d.file)) ?? d.file,
      line: d.line,
      ruleId: d.ruleId,
      message: d.message,
    }));
    expect(compareDiagnostics(expected(), actual).report).toBe("");
  });
});
