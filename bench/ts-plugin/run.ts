/**
 * bench:ts-plugin — tsserver with and without eloquent-ts-plugin, same machine, same run, through the protocol:
 *   cold: open a model file → first semanticDiagnosticsSync response (project load included)
 *   edit: one-character edit to a model file (its table name literal) → semanticDiagnosticsSync latency
 * on generated projects of 100 and 1,000 models (one file each). Prints medians and the overhead.
 * Edits alternate between the two servers so machine noise hits both alike.
 *
 *   npm run bench:ts-plugin                     (builds the plugin first)
 *   BENCH_SIZES=100 BENCH_EDITS=10 BENCH_COLD_RUNS=3 BENCH_TS=6 npm run bench:ts-plugin
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { TsServer, TYPESCRIPT_VERSIONS, locate } from "../../test/ts-plugin/tsserver-client";
import { generateProject } from "./generate";

const SIZES = (process.env.BENCH_SIZES ?? "100,1000").split(",").map(Number);
const EDITS = Number(process.env.BENCH_EDITS ?? 30);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 3);
const TSSERVER = TYPESCRIPT_VERSIONS[process.env.BENCH_TS === "6" ? 1 : 0].tsserver;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The plugin's own time for the last semanticDiagnostics request, measured inside tsserver (eloquentStats). */
async function pluginSelfTime(server: TsServer): Promise<number> {
  const stats = (await server.request<Record<string, number[]>>("eloquentStats")) ?? {};
  const durations = Object.values(stats).flat();
  return durations[durations.length - 1] ?? NaN;
}

async function cold(file: string, withPlugin: boolean): Promise<{ ms: number; server: TsServer; eloquent: number }> {
  const server = new TsServer({ tsserver: TSSERVER, globalPlugin: withPlugin });
  // Warm the process itself (module loading) so "cold" measures the project, not node start-up.
  await server.request("status");
  const start = performance.now();
  server.open(file);
  const diagnostics = await server.semanticDiagnostics(file);
  return { ms: performance.now() - start, server, eloquent: diagnostics.filter((d: any) => d.source === "eloquent").length };
}

async function main(): Promise<void> {
  console.log(`tsserver ${TSSERVER.includes("typescript6") ? "6.0" : "5.9"} · ${EDITS} edits · ${COLD_RUNS} cold runs per mode\n`);
  const rows: string[][] = [["models", "measure", "plain tsserver", "with plugin", "overhead", "ratio"]];
  for (const size of SIZES) {
    const project = generateProject(size);
    try {
      const target = project.files[Math.floor(size / 2)]!;
      const coldPlain: number[] = [];
      const coldPlugin: number[] = [];
      const coldSelf: number[] = [];
      const editSelf: number[] = [];
      let servers: { plain?: TsServer; plugin?: TsServer } = {};
      for (let run = 0; run < COLD_RUNS; run++) {
        const plain = await cold(target, false);
        const plugin = await cold(target, true);
        if (plugin.eloquent !== 0 || plain.eloquent !== 0) throw new Error("the generated project must be clean");
        coldPlain.push(plain.ms);
        coldPlugin.push(plugin.ms);
        coldSelf.push(await pluginSelfTime(plugin.server));
        if (run < COLD_RUNS - 1) {
          await plain.server.close();
          await plugin.server.close();
        } else servers = { plain: plain.server, plugin: plugin.server };
      }
      const text = readFileSync(target, "utf8");
      const at = locate(text, `static tableName = "m_${Math.floor(size / 2)}`, `static tableName = "m_${Math.floor(size / 2)}`.length);
      const editPlain: number[] = [];
      const editPlugin: number[] = [];
      for (let i = 0; i < EDITS; i++) {
        for (const [server, sink] of [
          [servers.plain!, editPlain],
          [servers.plugin!, editPlugin],
        ] as const) {
          // Insert a character into the table name, then remove it: each edit changes the model graph.
          if (i % 2 === 0) server.change(target, at.line, at.offset, at.line, at.offset, "x");
          else server.change(target, at.line, at.offset, at.line, at.offset + 1, "");
          const start = performance.now();
          await server.semanticDiagnostics(target);
          sink.push(performance.now() - start);
          if (server === servers.plugin) editSelf.push(await pluginSelfTime(server));
        }
      }
      await servers.plain!.close();
      await servers.plugin!.close();
      const row = (measure: string, plain: number[], plugin: number[]) => {
        const p = median(plain);
        const q = median(plugin);
        rows.push([
          String(size),
          measure,
          `${p.toFixed(1)} ms`,
          `${q.toFixed(1)} ms`,
          `${(q - p).toFixed(1)} ms`,
          `${(q / p).toFixed(2)}×`,
        ]);
      };
      row("cold → first diagnostics (median)", coldPlain, coldPlugin);
      row("edit → semanticDiagnosticsSync (median)", editPlain, editPlugin);
      // Wall-clock medians on a shared machine carry noise in both columns; the plugin's own time,
      // measured inside tsserver, is the overhead without it.
      rows.push([
        String(size),
        "plugin's own time: first diagnostics (median)",
        "",
        `${median(coldSelf).toFixed(1)} ms`,
        `${median(coldSelf).toFixed(1)} ms`,
        `${((median(coldPlain) + median(coldSelf)) / median(coldPlain)).toFixed(2)}×`,
      ]);
      rows.push([
        String(size),
        "plugin's own time: per edit (median)",
        "",
        `${median(editSelf).toFixed(2)} ms`,
        `${median(editSelf).toFixed(2)} ms`,
        `${((median(editPlain) + median(editSelf)) / median(editPlain)).toFixed(2)}×`,
      ]);
    } finally {
      project.cleanup();
    }
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((r) => r[column]!.length)));
  for (const r of rows) console.log(r.map((cell, column) => cell.padEnd(widths[column]!)).join("  "));
  console.log("\nTargets (1,000 models): edit overhead ≤ 10 ms median (≤ 1.2×), cold overhead ≤ 500 ms.");
  console.log("'plugin's own time' rows: ratio = (plain median + plugin's own median) / plain median.");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
