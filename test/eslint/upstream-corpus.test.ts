/**
 * The upstream-style corpus (code written for the seed package) through the CI fronts — ESLint 10 with and
 * without type information and `eloquent check --format json` — must give exactly the annotated diagnostics.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareDiagnostics, expectedDiagnostics, type ActualDiagnostic } from "../fixtures/relations/expectations";
import { upstreamFixtures } from "../fixtures/upstream";
import { createCorpusProjects, type CorpusProjects } from "./corpus-projects";
import { CLI, ESLINT10, parseEslintJson, run } from "./run";

let projects: CorpusProjects;
const expected = () => upstreamFixtures().flatMap((file) => expectedDiagnostics(file));

beforeAll(() => {
  projects = createCorpusProjects(upstreamFixtures(), "eloquent-upstream-");
});
afterAll(() => projects?.cleanup());

function eslintDiagnostics(configName: string, config: string): { actual: (ActualDiagnostic & { severity: number })[]; stderr: string } {
  writeFileSync(join(projects.root, configName), config);
  const result = run(ESLINT10, ["--config", configName, "--format", "json", "."], projects.root, { ELOQUENT_ESLINT_TRACE: "1" });
  const actual = parseEslintJson(result).flatMap((file) =>
    file.messages.map((message) => ({
      file: projects.originals.get(file.filePath) ?? file.filePath,
      line: message.line,
      ruleId: message.ruleId?.startsWith("eloquent/") ? message.ruleId.slice("eloquent/".length) : `(not eloquent) ${message.ruleId}`,
      message: message.message,
      severity: (message as { severity?: number }).severity ?? 0,
    })),
  );
  return { actual, stderr: result.stderr };
}

/** Every mutant has an error (ESLint severity 2) on one of its annotated lines. */
function expectErrorPerMutant(actual: readonly (ActualDiagnostic & { severity: number })[]): void {
  for (const file of upstreamFixtures("mutants")) {
    const lines = new Set(expectedDiagnostics(file).map((d) => d.line));
    expect(
      actual.some((d) => d.file === file && lines.has(d.line) && d.severity === 2),
      file,
    ).toBe(true);
  }
}

describe("upstream-style corpus through ESLint 10 and the CLI", () => {
  it("ESLint without type information reports exactly the annotated diagnostics", () => {
    const { actual, stderr } = eslintDiagnostics(
      "untyped.config.mjs",
      `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended];\n`,
    );
    expect(stderr).toContain("eloquent: untyped graph");
    expect(compareDiagnostics(expected(), actual).report).toBe("");
    expectErrorPerMutant(actual);
  });

  it("ESLint with type information reports exactly the annotated diagnostics", () => {
    const { actual, stderr } = eslintDiagnostics(
      "typed.config.mjs",
      `import eloquent from "eslint-plugin-eloquent";
export default [
  eloquent.configs.recommended,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
];
`,
    );
    expect(stderr).toContain("eloquent: typed graph");
    expect(stderr).not.toContain("eloquent: untyped graph");
    expect(compareDiagnostics(expected(), actual).report).toBe("");
    expectErrorPerMutant(actual);
  }, 180_000);

  it("`eloquent check --format json` reports exactly the annotated diagnostics, an error per mutant, nothing on the clean set", () => {
    const result = run(CLI, ["check", ...projects.dirs, "--format", "json"], projects.root);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as {
      diagnostics: Array<{ file: string; line: number; ruleId: string; message: string; severity: string }>;
    };
    const actual = report.diagnostics.map((d) => ({
      file: projects.originals.get(join(projects.root, d.file)) ?? d.file,
      line: d.line,
      ruleId: d.ruleId,
      message: d.message,
      severity: d.severity === "error" ? 2 : 1,
    }));
    expect(compareDiagnostics(expected(), actual).report).toBe("");
    expectErrorPerMutant(actual);
    const cleanDirs = projects.dirs.filter((dir) =>
      upstreamFixtures("clean").some((f) => f.endsWith(`/${dir.slice(dir.lastIndexOf("/") + 1)}.ts`)),
    );
    expect(cleanDirs.length).toBe(upstreamFixtures("clean").length);
    const clean = run(CLI, ["check", ...cleanDirs], projects.root);
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);
  });
});
