/**
 * Build time: `tspc` (ts-patch) with the eloquent program transformer fails on a broken project and passes
 * on a clean one — in every build mode (`-p`, `--incremental`, `composite`, `-b` with several projects,
 * `--watch`), on the repository's TypeScript (5.9); tspc-versions.test.ts runs the other supported versions.
 */
import { afterEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "./tsserver-client";
import {
  COMPILER_OPTIONS,
  TARGET_ERROR,
  TSPC,
  errorLines,
  cleanupModelsProjects,
  modelsProject,
  postModel,
  tempProject,
  tspc,
  userModel,
  type TempProject,
} from "./tspc-project";

const projects: TempProject[] = [];
afterEach(() => {
  for (const project of projects.splice(0)) project.cleanup();
  cleanupModelsProjects();
});

describe("tspc with eloquent-ts-plugin/transform", () => {
  it("-p: fails the build with the engine's diagnostic on a broken project and passes on a clean one", async () => {
    const [broken, clean] = await Promise.all([
      tspc(["-p", path.join(REPO_ROOT, "test/fixtures/ts-plugin/build-broken")]),
      tspc(["-p", path.join(REPO_ROOT, "test/fixtures/ts-plugin/build-clean")]),
    ]);
    expect(broken.code).not.toBe(0);
    // Exactly our diagnostic: the project is otherwise type-correct.
    expect(errorLines(broken)).toEqual([
      expect.stringMatching(
        /models\.ts\(17,35\): error TS102: Post\.author \(belongsTo 'Usr'\): target 'Usr' is not a declared model\. Did you mean 'User'\?/,
      ),
    ]);
    expect(broken.output).toContain("(eloquent/relation-target-exists)");
    expect(clean).toEqual({ code: 0, output: "" });
  });

  it("--incremental: fails from a fresh and from a cached .tsbuildinfo, and follows a fix in a file the broken one does not import", async () => {
    const project = modelsProject({ noEmit: true, incremental: true, tsBuildInfoFile: "out/tsbuildinfo" });
    const first = await tspc(["-p", project.root], project.root);
    expect(first.code).not.toBe(0);
    expect(errorLines(first)).toEqual([expect.stringMatching(TARGET_ERROR)]);
    // Nothing changed: the builder answers from its cache, which must still hold our diagnostic.
    const cached = await tspc(["-p", project.root], project.root);
    expect(cached.code).not.toBe(0);
    expect(errorLines(cached)).toEqual([expect.stringMatching(TARGET_ERROR)]);
    // Rename User → Usr in user.ts only: post.ts is unchanged, yet its error must go.
    project.write("src/user.ts", userModel("Usr"));
    expect(await tspc(["-p", project.root], project.root)).toEqual({ code: 0, output: "" });
    // And back: the error returns without post.ts changing.
    project.write("src/user.ts", userModel("User"));
    const again = await tspc(["-p", project.root], project.root);
    expect(again.code).not.toBe(0);
    expect(errorLines(again)).toEqual([expect.stringMatching(TARGET_ERROR)]);
  });

  it("composite: fails on the broken project, passes on the clean one", async () => {
    const options = { composite: true, outDir: "out", rootDir: "src" };
    const broken = modelsProject(options);
    const clean = modelsProject(options, "User");
    const [b, c] = await Promise.all([tspc(["-p", broken.root], broken.root), tspc(["-p", clean.root], clean.root)]);
    expect(b.code).not.toBe(0);
    expect(errorLines(b)).toEqual([expect.stringMatching(TARGET_ERROR)]);
    expect(c).toEqual({ code: 0, output: "" });
  });

  it("-b: a solution of several projects fails when one is broken, passes when all are clean", async () => {
    const project = (): object => ({
      compilerOptions: { ...COMPILER_OPTIONS, composite: true, outDir: "out", rootDir: "src" },
      include: ["src"],
    });
    const solution = tempProject({
      "tsconfig.json": { files: [], references: [{ path: "./users" }, { path: "./posts" }] },
      "users/tsconfig.json": project(),
      "users/src/user.ts": userModel(),
      "users/src/post.ts": postModel("User"),
      "posts/tsconfig.json": project(),
      "posts/src/user.ts": userModel(),
      "posts/src/post.ts": postModel("Usr"),
    });
    projects.push(solution);
    const broken = await tspc(["-b", solution.root], solution.root);
    expect(broken.code).not.toBe(0);
    expect(errorLines(broken)).toEqual([expect.stringMatching(/posts[\\/]src[\\/]post\.ts\(9,35\): error TS102/)]);
    // Up to date but with errors: a second build must fail again.
    const rebuilt = await tspc(["-b", solution.root], solution.root);
    expect(rebuilt.code).not.toBe(0);
    expect(errorLines(rebuilt)).toEqual([expect.stringMatching(/posts[\\/]src[\\/]post\.ts\(9,35\): error TS102/)]);
    solution.write("posts/src/post.ts", postModel("User"));
    expect(await tspc(["-b", solution.root], solution.root)).toEqual({ code: 0, output: "" });
  });

  it("--watch: reports the error, clears it when another file fixes it, reports it again when it comes back", async () => {
    const project = modelsProject({ noEmit: true });
    const watcher = spawn(process.execPath, [TSPC, "-p", project.root, "--watch", "--preserveWatchOutput"], { cwd: project.root });
    let output = "";
    const cycles: string[] = [];
    const waiters: Array<() => void> = [];
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      // Each compilation ends with "Found N error(s). Watching for file changes."
      let end: number;
      while ((end = output.indexOf("Watching for file changes.")) !== -1) {
        cycles.push(output.slice(0, end));
        output = output.slice(end + "Watching for file changes.".length);
        waiters.shift()?.();
      }
    };
    watcher.stdout.on("data", onData);
    watcher.stderr.on("data", onData);
    const nextCycle = (): Promise<string> =>
      new Promise((resolve) => {
        const count = cycles.length;
        const check = (): void => (cycles.length > count ? resolve(cycles[count]!) : void waiters.push(check));
        check();
      });
    try {
      const first = await nextCycle();
      expect(first).toMatch(TARGET_ERROR);
      expect(first).toContain("Found 1 error");
      const fixed = nextCycle();
      project.write("src/user.ts", userModel("Usr"));
      const second = await fixed;
      expect(second).not.toMatch(/error TS/);
      expect(second).toContain("Found 0 errors");
      const broken = nextCycle();
      project.write("src/user.ts", userModel("User"));
      const third = await broken;
      expect(third).toMatch(TARGET_ERROR);
    } finally {
      watcher.kill();
    }
  }, 60_000);

  it("fails the build on upstream-style models: a foreign-key typo in a validate()-wrapped model, and a class not understood as a model", async () => {
    const broken = await tspc(["-p", path.join(REPO_ROOT, "test/fixtures/ts-plugin/build-seed-broken")]);
    expect(broken.code).not.toBe(0);
    const errors = broken.output.split("\n").filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([
      expect.stringMatching(
        /models\.ts\(13,91\): error TS203: Writer\.books \(hasMany 'Book'\) uses foreignKey 'writr_id', but Book has no column 'writr_id'/,
      ),
      expect.stringMatching(
        /models\.ts\(27,14\): error TS951: Shelf declares a static schema, but eloquent does not understand it as a model: its base `extends bases\[0\]` is a form eloquent cannot follow/,
      ),
    ]);
  });
});
