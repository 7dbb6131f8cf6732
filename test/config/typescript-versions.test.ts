/**
 * `eloquent check` runs with the project's own TypeScript: the oldest of the peer range (5.0), 5.9 and 6.0
 * each give the same diagnostics. (tsserver and tspc are run on the three versions in test/ts-plugin.)
 */
import { mkdirSync, rmSync, symlinkSync } from "node:fs";
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../eslint/run";
import { REPO_ROOT } from "../ts-plugin/tsserver-client";
import { TYPESCRIPTS, postModel, tempProject, userModel, type TempProject } from "../ts-plugin/tspc-project";

const projects: TempProject[] = [];
afterAll(() => {
  for (const project of projects) project.cleanup();
});

/** A project whose node_modules/typescript is the given TypeScript (everything else from the repository). */
function projectWith(typescript: string): TempProject {
  const project = tempProject({
    "tsconfig.json": { compilerOptions: { strict: true, noEmit: true, types: [] }, include: ["src"] },
    "src/user.ts": userModel(),
    "src/post.ts": postModel("Usr"),
  });
  projects.push(project);
  const modules = path.join(project.root, "node_modules");
  rmSync(modules, { force: true });
  mkdirSync(modules);
  symlinkSync(typescript, path.join(modules, "typescript"), "dir");
  for (const name of ["eloquent-orm", "eloquent-engine", "eloquent-analyzer"])
    symlinkSync(path.join(REPO_ROOT, "node_modules", name), path.join(modules, name), "dir");
  return project;
}

describe("eloquent check on each supported TypeScript", () => {
  for (const [version, typescript] of Object.entries(TYPESCRIPTS)) {
    it(`TypeScript ${version}`, () => {
      const project = projectWith(typescript);
      const result = spawnSync(process.execPath, [CLI, "check", "--format", "json"], { cwd: project.root, encoding: "utf8" });
      expect(result.status, result.stderr).toBe(1);
      const report = JSON.parse(result.stdout) as { diagnostics: Array<{ ruleId: string; file: string; line: number }> };
      expect(report.diagnostics.map((d) => [d.ruleId, d.file, d.line])).toEqual([["relation-target-exists", "src/post.ts", 9]]);
    });
  }
});
