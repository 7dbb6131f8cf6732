/**
 * Every package is publishable as it is: publint (package.json fields, files, exports) and
 * @arethetypeswrong/cli (types resolve under node10, node16 from CJS and ESM, and bundler resolution).
 * Both pack the package the way `npm publish` would, so this also proves `prepack` builds.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO_ROOT = join(__dirname, "../..");
const bin = (name: string) => join(REPO_ROOT, "node_modules/.bin", name);

/** Rules a package opts out of, each with the reason it cannot follow it. */
const ATTW_IGNORED: Record<string, string[]> = {
  // tsserver `require`s a plugin and calls module.exports: the plugin entry must be a CommonJS function export.
  "ts-plugin": ["cjs-only-exports-default"],
};

describe.each(["engine", "analyzer", "runtime", "ts-plugin", "eslint-plugin", "cli", "seed-compat"])("package %s", (dir) => {
  const cwd = join(REPO_ROOT, dir);

  it("passes publint --strict", () => {
    const r = spawnSync(bin("publint"), ["--strict"], { cwd, encoding: "utf8" });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).not.toMatch(/Errors:|Warnings:|Suggestions:/);
  });

  it("has types that resolve everywhere (@arethetypeswrong/cli)", () => {
    const ignore = ATTW_IGNORED[dir] ?? [];
    const r = spawnSync(bin("attw"), ["--pack", ".", "--format", "ascii", ...(ignore.length ? ["--ignore-rules", ...ignore] : [])], {
      cwd,
      encoding: "utf8",
    });
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
  });
});
