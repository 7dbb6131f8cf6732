/**
 * The conformance corpus as real projects on disk: every fixture file is its own graph (as the runtime
 * corpus test registers each file's classes on their own), so each gets a directory with a
 * tsconfig.json and a copy of the fixture. ESLint and `eloquent check` find those tsconfigs like a
 * user's tooling would. Diagnostics are mapped back to the original fixture paths for comparison.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fixtureFiles } from "../fixtures/relations/expectations";

export const REPO_ROOT = resolve(__dirname, "../..");

export interface CorpusProjects {
  root: string;
  /** Copy path → original fixture path. */
  originals: Map<string, string>;
  dirs: string[];
  cleanup(): void;
}

export const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "node16",
    moduleResolution: "node16",
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    // No lib files: each corpus project gets its own Program, and none needs the DOM or ES typings.
    noLib: true,
  },
  include: ["*.ts"],
};

/** A temp directory whose node_modules resolves the repo's packages (eslint, the plugin, the parser). */
export function makeTempRoot(prefix: string): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  return root;
}

export function createCorpusProjects(
  files: readonly string[] = fixtureFiles(),
  prefix = "eloquent-corpus-",
  tsconfig: object = TSCONFIG,
): CorpusProjects {
  const root = makeTempRoot(prefix);
  const originals = new Map<string, string>();
  const dirs: string[] = [];
  for (const fixture of files) {
    const name = basename(fixture, ".ts");
    const dir = join(root, name);
    mkdirSync(dir);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const copy = join(dir, `${name}.ts`);
    cpSync(fixture, copy);
    originals.set(copy, fixture);
    dirs.push(dir);
  }
  return { root, originals, dirs, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Copies a directory's .ts files (one project, its own tsconfig) into a fresh temp root. */
export function copyAsProject(sourceDir: string, prefix: string): { root: string; originals: Map<string, string>; cleanup(): void } {
  const root = makeTempRoot(prefix);
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, include: ["**/*.ts"] }, null, 2));
  const originals = new Map<string, string>();
  for (const name of readdirSync(sourceDir).filter((f) => f.endsWith(".ts"))) {
    cpSync(join(sourceDir, name), join(root, name));
    originals.set(join(root, name), join(sourceDir, name));
  }
  return { root, originals, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Writes a small project (file name → text) with a tsconfig into a fresh temp root. */
export function writeProject(files: Record<string, string>, prefix = "eloquent-project-"): { root: string; cleanup(): void } {
  const root = makeTempRoot(prefix);
  writeFileSync(join(root, "tsconfig.json"), JSON.stringify({ ...TSCONFIG, include: ["**/*.ts"] }, null, 2));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function read(file: string): string {
  return readFileSync(file, "utf8");
}
