/** Build time: `tspc` (ts-patch) with the eloquent program transformer fails on a broken project, passes on a clean one. */
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "./tsserver-client";

const TSPC = path.join(REPO_ROOT, "node_modules/ts-patch/bin/tspc.js");

function tspc(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSPC, "-p", path.join(REPO_ROOT, "test/fixtures/ts-plugin", project)], { cwd: REPO_ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

describe("tspc with eloquent-ts-plugin/transform", () => {
  it("fails the build with the engine's diagnostic on a broken project and passes on a clean one", async () => {
    const [broken, clean] = await Promise.all([tspc("build-broken"), tspc("build-clean")]);
    expect(broken.code).not.toBe(0);
    const errors = broken.output.split("\n").filter((line) => /error TS\d+/.test(line));
    // Exactly our diagnostic: the project is otherwise type-correct.
    expect(errors).toEqual([
      expect.stringMatching(/models\.ts\(17,35\): error TS102: Post\.author \(belongsTo 'Usr'\): target 'Usr' is not a declared model\. Did you mean 'User'\?/),
    ]);
    expect(broken.output).toContain("(eloquent/relation-target-exists)");
    expect(clean).toEqual({ code: 0, output: "" });
  });

  it("fails the build on upstream-style models: a foreign-key typo in a validate()-wrapped model, and a class not understood as a model", async () => {
    const broken = await tspc("build-seed-broken");
    expect(broken.code).not.toBe(0);
    const errors = broken.output.split("\n").filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([
      expect.stringMatching(/models\.ts\(13,91\): error TS203: Writer\.books \(hasMany 'Book'\) uses foreignKey 'writr_id', but Book has no column 'writr_id'/),
      expect.stringMatching(/models\.ts\(27,14\): error TS951: Shelf declares a static schema, but eloquent does not understand it as a model: its base `extends bases\[0\]` is a form eloquent cannot follow/),
    ]);
  });
});
