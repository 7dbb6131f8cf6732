/**
 * bench:types:calls — what each query-site call costs the type checker, per model: the bench:types
 * project generated once per variant (every model's query site keeps one call, or none), compiled
 * against this checkout's types and the baseline's (the commit before the inferred types). The
 * variants are subtracted: `query()` and `create()` from the models-only variant, the builder calls
 * from the `query()` variant. Instantiations and types are exact counts (tsc --extendedDiagnostics),
 * so one run per variant is enough; they show where a change of the types moves the cost before a
 * noisy timed run can.
 *
 *   npx tsx bench/types/calls.ts          (BENCH_MODELS=1000 BENCH_BASE=<commit>)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BASE, REPO_ROOT, buildBaseline, extendedDiagnostics, writeModels, writeTsconfig, type QuerySite } from "./generate";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);

interface Counts {
  instantiations: number;
  types: number;
  memoryMb: number;
}

function counts(project: string): Counts {
  const figure = extendedDiagnostics(project);
  return { instantiations: figure("Instantiations"), types: figure("Types"), memoryMb: figure("Memory used") / 1024 };
}

/** Each measured call and the variant it is measured over. */
const CALLS: Array<{ site: QuerySite; label: string; over: QuerySite }> = [
  { site: "query", label: "query()", over: "none" },
  { site: "where", label: '.where("name", "x"), over query()', over: "query" },
  { site: "pluck", label: '.pluck("name"), over query()', over: "query" },
  { site: "with", label: '.with("children").first(), over query()', over: "query" },
  { site: "create", label: "create({...})", over: "none" },
  { site: "all", label: "the bench:types site (all of the above)", over: "none" },
];

function main(): void {
  const root = mkdtempSync(join(tmpdir(), "eloquent-bench-calls-"));
  try {
    const baselineTypes = buildBaseline(join(root, "baseline-types"));
    const measured = new Map<QuerySite, { inferred: Counts; baseline: Counts }>();
    for (const site of ["none", "query", "where", "pluck", "with", "create", "all"] as const) {
      const dir = join(root, site);
      writeModels(dir, MODELS, site);
      writeTsconfig(dir, join(REPO_ROOT, "runtime", "dist"), "tsconfig.inferred.json");
      writeTsconfig(dir, baselineTypes, "tsconfig.baseline.json");
      measured.set(site, { inferred: counts(join(dir, "tsconfig.inferred.json")), baseline: counts(join(dir, "tsconfig.baseline.json")) });
    }
    const perModel = (site: QuerySite, over: QuerySite, side: "inferred" | "baseline", key: keyof Counts) =>
      (measured.get(site)![side][key] - measured.get(over)![side][key]) / MODELS;
    console.log(`tsc --extendedDiagnostics, ${MODELS} models; baseline: eloquent-orm types at ${BASE}\n`);
    console.log("| call, per model | instantiations | baseline | ratio | types | baseline |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const { site, label, over } of CALLS) {
      const i = perModel(site, over, "inferred", "instantiations");
      const b = perModel(site, over, "baseline", "instantiations");
      const t = perModel(site, over, "inferred", "types");
      const tb = perModel(site, over, "baseline", "types");
      console.log(`| ${label} | ${i.toFixed(0)} | ${b.toFixed(0)} | ${(i / b).toFixed(2)}× | ${t.toFixed(0)} | ${tb.toFixed(0)} |`);
    }
    const none = measured.get("none")!;
    console.log(
      `\nmodels alone: ${none.inferred.instantiations} instantiations (baseline ${none.baseline.instantiations}), ` +
        `${none.inferred.types} types (baseline ${none.baseline.types})`,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
