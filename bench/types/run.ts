/**
 * bench:types — `tsc --noEmit` on a generated 1,000-model project (one model per file, a chain of
 * belongsTo/hasMany, a query site per model, the `eloquent types` registry) against the eloquent-orm
 * types of this checkout ("inferred") and of the commit before the inferred types ("baseline"), same
 * source, same machine, runs alternating. Prints check time, total time and memory, and the ratios.
 *
 *   npm run bench:types                          (BENCH_MODELS=1000 BENCH_RUNS=3 BENCH_BASE=<commit> BENCH_KEEP=1)
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { renderModelRegistry } from "../../cli/src/types-command";

const REPO_ROOT = resolve(__dirname, "../..");
const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_KEEP=1: keep the generated project (with BENCH_RUNS=0 it only generates; to profile: tsc -p <dir>/tsconfig.inferred.json --generateTrace t). */
const KEEP = process.env.BENCH_KEEP === "1";
/** The last commit before the inferred types (main before they landed). */
const BASE = process.env.BENCH_BASE ?? "971b73b";
const TSC = join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");

function modelSource(i: number, count: number): string {
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
    `  const found = await M${i}.query()${next ? `.with("children")` : ""}.where("name", "x").orderBy("id").first();`,
    `  await M${i}.create({ name: "n"${previous ? `, m${i - 1}_id: 1` : ""} });`,
    `  return [found, await M${i}.query().pluck("name")];`,
    `}`,
    ``,
  ].join("\n");
}

function generate(dir: string, runtimeTypes: string): void {
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
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
}

/** The base commit's engine and runtime, built (their declaration files are what a user compiles against). */
function buildBaseline(root: string): string {
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

interface Measure {
  check: number;
  total: number;
  memoryMb: number;
}

function measure(project: string): Measure {
  const out = execFileSync(process.execPath, [TSC, "-p", project, "--extendedDiagnostics"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (label: string) => Number(new RegExp(`${label}:\\s+([\\d.]+)s`).exec(out)?.[1]);
  const memory = Number(/Memory used:\s+(\d+)K/.exec(out)?.[1]) / 1024;
  return { check: seconds("Check time"), total: seconds("Total time"), memoryMb: memory };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), "eloquent-bench-types-"));
  try {
    const models = join(root, "project", "models");
    mkdirSync(models, { recursive: true });
    symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "project", "node_modules"), "dir");
    for (let i = 0; i < MODELS; i++) writeFileSync(join(models, `m${i}.ts`), modelSource(i, MODELS));
    const entries = Array.from({ length: MODELS }, (_, i) => ({
      name: `M${i}`,
      className: `M${i}`,
      file: join(models, `m${i}.ts`),
      exported: true,
    }));
    writeFileSync(join(models, "eloquent-models.d.ts"), renderModelRegistry(entries, models));

    const baseline = buildBaseline(join(root, "baseline"));
    const variants = {
      baseline: join(root, "project", "tsconfig.baseline.json"),
      inferred: join(root, "project", "tsconfig.inferred.json"),
    };
    generate(join(root, "project"), baseline);
    execFileSync("mv", [join(root, "project", "tsconfig.json"), variants.baseline]);
    generate(join(root, "project"), join(REPO_ROOT, "runtime", "dist"));
    execFileSync("mv", [join(root, "project", "tsconfig.json"), variants.inferred]);

    if (RUNS === 0) return void console.log(`BENCH_RUNS=0: generated only`);
    const results: Record<keyof typeof variants, Measure[]> = { baseline: [], inferred: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const name of ["baseline", "inferred"] as const) results[name].push(measure(variants[name]));
    }
    const m = (name: keyof typeof variants, key: keyof Measure) => median(results[name].map((r) => r[key]));
    const rows = [
      ["measure", "baseline", "inferred types", "ratio"],
      ...(["check", "total", "memoryMb"] as const).map((key) => [
        key === "memoryMb" ? "memory (MB)" : `${key} time (s)`,
        m("baseline", key).toFixed(2),
        m("inferred", key).toFixed(2),
        `${(m("inferred", key) / m("baseline", key)).toFixed(2)}×`,
      ]),
    ];
    console.log(`tsc --noEmit, ${MODELS} models, median of ${RUNS} alternating runs (baseline: eloquent-orm types at ${BASE})\n`);
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
  } finally {
    if (KEEP) console.log(`\nkept the generated project: ${join(root, "project")}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main();
