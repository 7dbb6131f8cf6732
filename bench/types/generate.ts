/**
 * The generated project bench:types measures (one model per file, a chain of belongsTo/hasMany, a
 * query site per model, the `eloquent types` registry), and the eloquent-orm types it compiles against:
 * this checkout's build ("inferred") or a base commit's ("baseline"). Shared by run.ts (tsc) and
 * edit.ts (tsserver per-edit latency).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { renderModelRegistry } from "eloquent-analyzer";

export const REPO_ROOT = resolve(__dirname, "../..");
export const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
/** The last commit before the inferred types (main before they landed). */
export const BASE = process.env.BENCH_BASE ?? "971b73b";

/**
 * What each model's query site calls: `all` (the bench's site), `none`, or one call alone (bench/types/calls.ts
 * subtracts the variants to get what each call costs per model).
 */
export type QuerySite = "all" | "none" | "query" | "where" | "pluck" | "with" | "create";

function querySite(site: QuerySite, i: number, previous: string | undefined, next: string | undefined): string[] {
  const m = `M${i}`;
  const createInput = `{ name: "n"${previous ? `, m${i - 1}_id: 1` : ""} }`;
  switch (site) {
    case "all":
      return [
        `  const found = await ${m}.query()${next ? `.with("children")` : ""}.where("name", "x").orderBy("id").first();`,
        `  await ${m}.create(${createInput});`,
        `  return [found, await ${m}.query().pluck("name")];`,
      ];
    case "none":
      return [`  return undefined;`];
    case "query":
      return [`  return ${m}.query();`];
    case "where":
      return [`  return ${m}.query().where("name", "x");`];
    case "pluck":
      return [`  return await ${m}.query().pluck("name");`];
    case "with":
      return [`  return await ${m}.query()${next ? `.with("children")` : ""}.first();`];
    case "create":
      return [`  return await ${m}.create(${createInput});`];
  }
}

export function modelSource(i: number, count: number, site: QuerySite = "all"): string {
  const previous = i > 0 ? `M${i - 1}` : undefined;
  const next = i < count - 1 ? `M${i + 1}` : undefined;
  return [
    `import { column, relation } from "eloquent-orm";`,
    `import { SqlModel } from "eloquent-orm/Model";`,
    ``,
    `export class M${i} extends SqlModel {`,
    `  static tableName = "m_${i}";`,
    `  static schema = {`,
    `    id: column("increments", undefined, { primary: true }),`,
    `    name: column("string", 255),`,
    `    score: column("int", undefined, { nullable: true }),`,
    ...(previous
      ? [`    m${i - 1}_id: column("int"),`, `    parent: relation("belongsTo", "${previous}", { foreignKey: "m${i - 1}_id" }),`]
      : []),
    ...(next ? [`    children: relation("hasMany", "${next}", { foreignKey: "m${i}_id" }),`] : []),
    `  };`,
    `}`,
    ``,
    // A query site per model: the calls every app makes (valid under both type versions).
    `export async function use${i}(): Promise<unknown> {`,
    ...querySite(site, i, previous, next),
    `}`,
    ``,
  ].join("\n");
}

export function writeTsconfig(dir: string, runtimeTypes: string, name = "tsconfig.json"): void {
  const tsconfig = {
    compilerOptions: {
      target: "ES2022",
      module: "node16",
      moduleResolution: "node16",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      lib: ["ES2023"],
      types: ["node"],
      baseUrl: ".",
      paths: { "eloquent-orm": [`${runtimeTypes}/index.d.ts`], "eloquent-orm/Model": [`${runtimeTypes}/model-entry.d.ts`] },
    },
    include: ["models/*.ts"],
  };
  writeFileSync(join(dir, name), JSON.stringify(tsconfig, null, 2));
}

/** `tsc --extendedDiagnostics` on a project: the number it prints for `label` (seconds, a count, or K of memory). */
export function extendedDiagnostics(project: string): (label: string) => number {
  const out = execFileSync(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], { encoding: "utf8", maxBuffer: 1 << 28 });
  return (label) => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(out)?.[1]);
}

/** The base commit's engine and runtime, built (their declaration files are what a user compiles against). */
export function buildBaseline(root: string): string {
  const archive = execFileSync("git", ["archive", BASE, "engine", "runtime", "tsconfig.base.json"], { cwd: REPO_ROOT, maxBuffer: 1 << 30 });
  mkdirSync(root, { recursive: true });
  execFileSync("tar", ["-x", "-C", root], { input: archive });
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), "dir");
  // the runtime resolves eloquent-engine through node_modules: point it at the baseline engine
  mkdirSync(join(root, "runtime", "node_modules"), { recursive: true });
  symlinkSync(join(root, "engine"), join(root, "runtime", "node_modules", "eloquent-engine"), "dir");
  execFileSync(process.execPath, [TSC, "-b", "engine", "runtime"], { cwd: root, stdio: "inherit" });
  return join(root, "runtime", "dist");
}

/** Writes the models and their registry into `<dir>/models`. */
export function writeModels(dir: string, count: number, site: QuerySite = "all"): void {
  const models = join(dir, "models");
  mkdirSync(models, { recursive: true });
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  for (let i = 0; i < count; i++) writeFileSync(join(models, `m${i}.ts`), modelSource(i, count, site));
  const entries = Array.from({ length: count }, (_, i) => ({
    name: `M${i}`,
    className: `M${i}`,
    file: join(models, `m${i}.ts`),
    exported: true,
  }));
  writeFileSync(join(models, "eloquent-models.d.ts"), renderModelRegistry(entries, models));
}
