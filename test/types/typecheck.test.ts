/**
 * The type tests (test/types/*.types.ts: expectTypeOf and @ts-expect-error over the built eloquent-orm
 * types) pass under every TypeScript the fronts support: `tsc -p test/types` fails on a wrong inferred
 * type and on an unused @ts-expect-error. They run in their own program because their `Models`
 * registry (blog-models.ts) is global to a program and would retarget the other tests' "Post" or "User".
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const project = join(root, "test", "types");
const compilers = [
  { version: "5.9", tsc: join(root, "node_modules", "typescript", "bin", "tsc") },
  { version: "6.0", tsc: join(root, "node_modules", "typescript6", "bin", "tsc") },
  // the oldest TypeScript of the peer range
  { version: "5.0", tsc: join(root, "node_modules", "typescript5", "bin", "tsc") },
];

/** tsc's exit status and output (tsc exits 2 on type errors). */
function typecheck(tsc: string, tsconfig: string): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [tsc, "-p", tsconfig, "--pretty", "false"], { cwd: root, encoding: "utf8" });
    return { status: 0, output };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

describe.each(compilers)("type tests on TypeScript $version", ({ tsc }) => {
  it("every expectation in test/types holds", { timeout: 180_000 }, () => {
    const { status, output } = typecheck(tsc, project);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("the README example is typed without an Attrs generic (its own program: its own registry)", { timeout: 180_000 }, () => {
    const { status, output } = typecheck(tsc, join(project, "readme"));
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("a wrong expectation fails the check (the runner can fail)", { timeout: 180_000 }, () => {
    const dir = mkdtempSync(join(project, ".canary-"));
    try {
      writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "../tsconfig.json", include: ["./*.ts"], exclude: [] }));
      writeFileSync(
        join(dir, "canary.ts"),
        [
          `import { expectTypeOf } from "vitest";`,
          `import { User } from "../blog-models";`,
          `export async function canary(): Promise<void> {`,
          `  const user = await User.findOrFail(1);`,
          `  expectTypeOf(user.name).toEqualTypeOf<number>();`,
          `  // @ts-expect-error -- nothing is wrong here, so this directive is unused`,
          `  expectTypeOf(user.id).toEqualTypeOf<number>();`,
          `}`,
          ``,
        ].join("\n"),
      );
      const { status, output } = typecheck(tsc, join(dir, "tsconfig.json"));
      expect(status).not.toBe(0);
      expect(output).toMatch(/canary\.ts\(5,/);
      expect(output).toMatch(/canary\.ts\(6,\d+\): error TS2578/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
