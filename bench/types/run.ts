/**
 * bench:types — `tsc --noEmit` on a generated 1,000-model project (one model per file, a chain of
 * belongsTo/hasMany, a query site per model, the `eloquent types` registry) against the eloquent-orm
 * types of this checkout ("inferred") and of the commit before the inferred types ("baseline"), same
 * source, same machine, runs alternating. Prints check time, total time and memory, and the ratios.
 *
 *   npm run bench:types                          (BENCH_MODELS=1000 BENCH_RUNS=3 BENCH_BASE=<commit> BENCH_KEEP=1)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE, REPO_ROOT, buildBaseline, extendedDiagnostics, writeModels, writeTsconfig } from "./generate";
import { median } from "../eager/harness";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_KEEP=1: keep the generated project (with BENCH_RUNS=0 it only generates; to profile: tsc -p <dir>/tsconfig.inferred.json --generateTrace t). */
const KEEP = process.env.BENCH_KEEP === "1";

interface Measure {
  check: number;
  total: number;
  memoryMb: number;
}

function measure(project: string): Measure {
  const figure = extendedDiagnostics(project);
  return { check: figure("Check time"), total: figure("Total time"), memoryMb: figure("Memory used") / 1024 };
}

function main(): void {
  const root = mkdtempSync(join(tmpdir(), "eloquent-bench-types-"));
  try {
    writeModels(join(root, "project"), MODELS);
    const baseline = buildBaseline(join(root, "baseline"));
    const variants = {
      baseline: join(root, "project", "tsconfig.baseline.json"),
      inferred: join(root, "project", "tsconfig.inferred.json"),
    };
    writeTsconfig(join(root, "project"), baseline, "tsconfig.baseline.json");
    writeTsconfig(join(root, "project"), join(REPO_ROOT, "runtime", "dist"), "tsconfig.inferred.json");

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
