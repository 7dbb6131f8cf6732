/**
 * The dependency rules the package layout stands for (docs/architecture.md), checked on every run:
 * a package imports only what its package.json declares; the engine depends on nothing; the editor and
 * lint plugins never reach the ORM or a database driver; no value-level import cycle; the store-neutral
 * relation layer imports no store.
 */
import { execFileSync } from "node:child_process";
import { builtinModules } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cycles, importsOf, packageOf, REPO_ROOT, sourceFiles } from "./import-graph";

const PACKAGES = ["engine", "analyzer", "runtime", "ts-plugin", "eslint-plugin", "cli"] as const;
const DRIVERS = ["better-sqlite3", "pg", "mysql2", "mongodb", "mingo", "knex"];

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const manifest = (dir: string): Manifest => JSON.parse(readFileSync(join(REPO_ROOT, dir, "package.json"), "utf8"));
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe.each(PACKAGES)("package %s", (dir) => {
  const pkg = manifest(dir);
  const edges = sourceFiles(`${dir}/src`).flatMap(importsOf);

  it("imports only packages its package.json declares (dependencies or peers; type-only imports may use devDependencies)", () => {
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
    const dev = new Set(Object.keys(pkg.devDependencies ?? {}));
    const undeclared = edges
      .filter((e) => !e.specifier.startsWith(".") && !builtins.has(e.specifier))
      .filter((e) => {
        const name = packageOf(e.specifier);
        if (declared.has(name)) return false;
        return !(e.typeOnly && (dev.has(name) || dev.has(`@types/${name}`)));
      })
      .map((e) => `${e.from} → ${e.specifier}`);
    expect(undeclared).toEqual([]);
  });

  it("has no value-level import cycle", () => {
    expect(cycles(edges.filter((e) => !e.typeOnly))).toEqual([]);
  });
});

describe("dependency rules", () => {
  it("the engine has no dependencies and imports nothing but its own files", () => {
    const engine = manifest("engine");
    expect(engine.dependencies ?? {}).toEqual({});
    expect(engine.peerDependencies ?? {}).toEqual({});
    const outside = sourceFiles("engine/src")
      .flatMap(importsOf)
      .filter((e) => !e.specifier.startsWith("."));
    expect(outside.map((e) => `${e.from} → ${e.specifier}`)).toEqual([]);
  });

  it.each(["ts-plugin", "eslint-plugin", "analyzer"])(
    "%s installs neither the ORM nor a database driver (npm ls --omit=dev --all)",
    (dir) => {
      const name = manifest(dir).name;
      const tree = execFileSync("npm", ["ls", "--omit=dev", "--all", "--parseable", "--workspace", name], {
        cwd: REPO_ROOT,
        encoding: "utf8",
      });
      const names = tree
        .split("\n")
        .filter(Boolean)
        .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length));
      expect(names.filter((n) => n === "eloquent-orm" || DRIVERS.includes(n))).toEqual([]);
      expect(names.length).toBeGreaterThan(0);
    },
  );

  it("no package but the CLI (optionally, for migrate) depends on the ORM, and none depends on the CLI", () => {
    for (const dir of PACKAGES) {
      const pkg = manifest(dir);
      const deps = { ...pkg.dependencies, ...pkg.peerDependencies };
      if (dir !== "cli") expect(Object.keys(deps), dir).not.toContain("eloquent-orm");
      expect(Object.keys(deps), dir).not.toContain("eloquent-cli");
    }
  });

  it("the ORM's database drivers are optional peers", () => {
    const orm = manifest("runtime") as Manifest & { peerDependenciesMeta?: Record<string, { optional?: boolean }> };
    for (const driver of ["better-sqlite3", "pg", "mysql2", "mongodb", "mingo"]) {
      expect(orm.dependencies ?? {}, driver).not.toHaveProperty(driver);
      expect(orm.peerDependenciesMeta?.[driver]?.optional, driver).toBe(true);
    }
  });

  it("the store-neutral layers (model, relations, registry) import no store", () => {
    const neutral = ["runtime/src/model", "runtime/src/relations", "runtime/src/registry"].flatMap(sourceFiles);
    const toStore = neutral
      .flatMap(importsOf)
      .filter((e) => !e.typeOnly && e.target && /^runtime\/src\/(sql|mongo)\//.test(e.target))
      .map((e) => `${e.from} → ${e.target}`);
    expect(toStore).toEqual([]);
  });
});
