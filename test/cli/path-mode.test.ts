/**
 * `eloquent check <paths>`: each file's project is the nearest tsconfig that includes it (through
 * references too), found with every tsconfig read once for the whole run — and the report is the one
 * `--project` gives for the same files.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findProjectConfigFor, loadTypeScript, projectConfigLookup } from "eloquent-analyzer";
import { writeProject } from "../eslint/corpus-projects";
import { PROJECT_EXPECTED, PROJECT_FILES } from "../eslint/project-fixture";
import { CLI, run } from "../eslint/run";

let project: { root: string; cleanup(): void };

beforeAll(() => {
  loadTypeScript(); // reading a tsconfig needs the analyzer's TypeScript (the CLI loads it itself)
  const files: Record<string, string> = { "packages/b/scripts/loose.ts": `export const loose = 1;\n` };
  for (const [name, text] of Object.entries(PROJECT_FILES)) files[`packages/a/${name}`] = text;
  files["packages/b/src/index.ts"] = `export const b = 2;\n`;
  project = writeProject(files, "eloquent-cli-path-mode-");
  writeFileSync(
    join(project.root, "tsconfig.json"),
    JSON.stringify({ files: [], references: [{ path: "./packages/a" }, { path: "./packages/b" }] }),
  );
  for (const name of ["a", "b"]) {
    writeFileSync(
      join(project.root, `packages/${name}/tsconfig.json`),
      JSON.stringify({ compilerOptions: { composite: true, strict: true, types: [] }, include: ["src"] }),
    );
  }
});
afterAll(() => project?.cleanup());

const diagnosticsOf = (args: string[]) => {
  const result = run(CLI, ["check", "--format", "json", ...args], project.root);
  const report = JSON.parse(result.stdout) as { diagnostics: Array<{ file: string; line: number; ruleId: string }> };
  return report.diagnostics.map((d) => `${d.file}:${d.line} ${d.ruleId}`).sort();
};

describe("eloquent check <paths>", () => {
  it("finds the same project for every file as a lookup per file (references, a file no tsconfig includes)", () => {
    const lookup = projectConfigLookup();
    const files = [
      ...Object.keys(PROJECT_FILES).map((name) => `packages/a/${name}`),
      "packages/b/src/index.ts",
      "packages/b/scripts/loose.ts",
    ].map((name) => join(project.root, name));
    const seen = files.map((file) => lookup(file)?.configFile);
    expect(seen).toEqual(files.map((file) => findProjectConfigFor(file)?.configFile));
    expect(seen.map((configFile) => configFile?.slice(project.root.length + 1))).toEqual([
      "packages/a/tsconfig.json",
      "packages/a/tsconfig.json",
      "packages/a/tsconfig.json",
      "packages/b/tsconfig.json",
      undefined,
    ]);
  });

  it("reports what --project reports on the same files", () => {
    // --project shows paths against the tsconfig's directory, path mode against the working directory.
    const expected = PROJECT_EXPECTED.map(([file, line, rule]) => `${file}:${line} ${rule}`).sort();
    expect(diagnosticsOf(["--project", "packages/a/tsconfig.json"])).toEqual(expected);
    expect(diagnosticsOf(["packages"])).toEqual(expected.map((line) => `packages/a/${line}`));
  });
});
