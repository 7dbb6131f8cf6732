/**
 * `tspc` on the other supported TypeScript versions (5.0, the oldest of the peer range, and 6.0): -p, --incremental
 * and -b fail on a broken project and pass on a clean one. (tspc.test.ts covers every build mode on 5.9.)
 * A file of its own so that it runs beside the build-mode tests instead of after them.
 */
import { afterEach, describe, expect, it } from "vitest";
import { TARGET_ERROR, TYPESCRIPTS, cleanupModelsProjects, errorLines, modelsProject, tspc } from "./tspc-project";

afterEach(cleanupModelsProjects);

const OTHER_VERSIONS = Object.entries(TYPESCRIPTS).filter(([version]) => version !== "5.9");

describe.each(OTHER_VERSIONS)("tspc on TypeScript %s", (version, typescript) => {
  it("-p, --incremental and -b fail on the broken project and pass on the clean one", async () => {
    const options = { composite: true, outDir: "out", rootDir: "src" };
    for (const args of [
      ["-p", "."],
      ["-p", ".", "--incremental"],
      ["-b", "."],
    ]) {
      // Fresh projects per mode: before 5.6, `tsc -b` takes a project a `tsc -p` left with errors as up to date.
      const broken = modelsProject(options);
      const clean = modelsProject(options, "User");
      const [b, c] = await Promise.all([tspc(args, broken.root, typescript), tspc(args, clean.root, typescript)]);
      expect(errorLines(b), `${version} ${args.join(" ")}`).toEqual([expect.stringMatching(TARGET_ERROR)]);
      expect(b.code).not.toBe(0);
      expect(c, `${version} ${args.join(" ")}`).toEqual({ code: 0, output: "" });
    }
  }, 180_000); // six builds on a shared machine
});
