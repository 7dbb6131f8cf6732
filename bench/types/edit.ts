/**
 * bench:types:edit — what the inferred types cost an editor: tsserver's per-edit latency on the
 * generated project of bench:types, against the baseline types (the commit before the inferred
 * types) and this checkout's, same source, same machine, edits alternating between the two servers.
 *
 *   edit: one character typed into, then removed from, a query site of the middle model's file
 *         (the value of its `where("name", …)`) → semanticDiagnosticsSync latency
 *   cold: open that file → first semanticDiagnosticsSync response (project load included)
 *
 * Plain tsserver (no plugin): the plugin's own cost is bench:ts-plugin's.
 *
 *   npm run bench:types:edit        (BENCH_MODELS=1000 BENCH_EDITS=30 BENCH_COLD_RUNS=3 BENCH_BASE=<commit>)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { TsServer, TYPESCRIPT_VERSIONS, locate } from "../../test/ts-plugin/tsserver-client";
import { BASE, REPO_ROOT, buildBaseline, writeModels, writeTsconfig } from "./generate";
import { median } from "../eager/harness";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const TSSERVER = TYPESCRIPT_VERSIONS[0].tsserver;

async function cold(file: string): Promise<{ ms: number; server: TsServer }> {
  const server = new TsServer({ tsserver: TSSERVER });
  await server.request("status"); // module loading is not the project's cost
  const start = performance.now();
  server.open(file);
  const diagnostics = await server.semanticDiagnostics(file);
  if (diagnostics.length) throw new Error(`the generated project must be clean: ${JSON.stringify(diagnostics[0])}`);
  return { ms: performance.now() - start, server };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), "eloquent-bench-types-edit-"));
  const load = () => loadavg()[0]!.toFixed(2);
  console.log(`tsserver 5.9 · ${MODELS} models · ${EDITS} edits · ${COLD_RUNS} cold runs per variant · load ${load()} at start`);
  try {
    const baselineTypes = buildBaseline(join(root, "baseline-types"));
    // Two copies of one project: tsserver finds a file's project by its tsconfig.json.
    const variants = { baseline: join(root, "baseline"), inferred: join(root, "inferred") } as const;
    for (const [name, dir] of Object.entries(variants)) {
      mkdirSync(dir);
      writeModels(dir, MODELS);
      writeTsconfig(dir, name === "baseline" ? baselineTypes : join(REPO_ROOT, "runtime", "dist"));
    }
    const middle = Math.floor(MODELS / 2);
    const target = (name: keyof typeof variants) => join(variants[name], "models", `m${middle}.ts`);
    const needle = `.where("name", "x`;
    const at = locate(readFileSync(target("inferred"), "utf8"), needle, needle.length);

    const coldMs = { baseline: [] as number[], inferred: [] as number[] };
    const servers: Partial<Record<keyof typeof variants, TsServer>> = {};
    for (let run = 0; run < COLD_RUNS; run++) {
      for (const name of ["baseline", "inferred"] as const) {
        const { ms, server } = await cold(target(name));
        coldMs[name].push(ms);
        if (run < COLD_RUNS - 1) await server.close();
        else servers[name] = server;
      }
    }
    const editMs = { baseline: [] as number[], inferred: [] as number[] };
    for (let i = 0; i < EDITS; i++) {
      for (const name of ["baseline", "inferred"] as const) {
        const server = servers[name]!;
        if (i % 2 === 0) server.change(target(name), at.line, at.offset, at.line, at.offset, "y");
        else server.change(target(name), at.line, at.offset, at.line, at.offset + 1, "");
        const start = performance.now();
        await server.semanticDiagnostics(target(name));
        editMs[name].push(performance.now() - start);
      }
    }
    for (const server of Object.values(servers)) await server!.close();

    const rows = [["measure", "baseline types", "inferred types", "ratio"]];
    for (const [measure, values] of [
      ["cold → first diagnostics (median)", coldMs],
      ["edit → semanticDiagnosticsSync (median)", editMs],
    ] as const) {
      const b = median(values.baseline);
      const n = median(values.inferred);
      rows.push([measure, `${b.toFixed(1)} ms`, `${n.toFixed(1)} ms`, `${(n / b).toFixed(2)}×`]);
    }
    console.log(`baseline: eloquent-orm types at ${BASE}; load ${load()} at the end\n`);
    for (const row of rows) console.log(`| ${row.join(" | ")} |`);
    console.log("\nTarget (issue 15): per-edit latency unchanged within noise.");
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
