/**
 * bench:eslint — ESLint over the generated 1,000-model project (one model per file, bench/ts-plugin's
 * generator), with and without eslint-plugin-eloquent, same parser (@typescript-eslint/parser), same
 * machine, alternating runs. Prints median wall time, the overhead ratio and peak memory (max RSS of
 * each lint process). Target: ≤ 1.25× the parse-only baseline.
 *
 *   npm run bench:eslint                      (builds first)
 *   BENCH_MODELS=200 BENCH_RUNS=3 BENCH_TYPED=1 npm run bench:eslint
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateProject } from "../ts-plugin/generate";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TYPED = process.env.BENCH_TYPED === "1";

interface Measure {
  ms: number;
  /** CPU time of the lint (user + system): far less sensitive than wall time to other load on the machine. */
  cpuMs: number;
  maxRssMb: number;
  files: number;
  problems: number;
  firstProblem?: string;
  engineRuns: number;
}

const PARSER = `import parser from "@typescript-eslint/parser";`;
const typedOptions = (typed: boolean) => (typed ? `parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },` : "");

function configs(dir: string, typed: boolean): { baseline: string; plugin: string } {
  const baseline = join(dir, `baseline${typed ? "-typed" : ""}.config.mjs`);
  const plugin = join(dir, `plugin${typed ? "-typed" : ""}.config.mjs`);
  writeFileSync(baseline, `${PARSER}\nexport default [{ files: ["**/*.ts"], languageOptions: { parser, ${typedOptions(typed)} } }];\n`);
  writeFileSync(
    plugin,
    `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended, { files: ["**/*.ts"], languageOptions: { ${typedOptions(typed)} } }];\n`,
  );
  return { baseline, plugin };
}

function lintOnce(dir: string, config: string): Measure {
  const child = spawnSync(process.execPath, [join(__dirname, "lint-once.mjs"), dir, config], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ELOQUENT_ESLINT_TRACE: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as Measure;
  } catch {
    throw new Error(`lint run failed (exit ${child.status}):\n${child.stderr.slice(0, 4000)}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function main(): void {
  const project = generateProject(MODELS);
  try {
    const rows: string[][] = [["mode", "measure", "parse only", "with eloquent", "ratio"]];
    for (const typed of TYPED ? [false, true] : [false]) {
      const { baseline, plugin } = configs(project.dir, typed);
      const base: Measure[] = [];
      const withPlugin: Measure[] = [];
      // One warm-up each (disk cache, JIT of the parser), then alternate so noise hits both alike.
      lintOnce(project.dir, baseline);
      lintOnce(project.dir, plugin);
      for (let run = 0; run < RUNS; run++) {
        base.push(lintOnce(project.dir, baseline));
        withPlugin.push(lintOnce(project.dir, plugin));
      }
      const checked = withPlugin[0]!;
      if (checked.problems !== 0)
        throw new Error(`the generated project must lint clean, got ${checked.problems}: ${checked.firstProblem}`);
      if (checked.files !== MODELS) throw new Error(`expected ${MODELS} files linted, got ${checked.files}`);
      const mode = typed ? "typed (projectService)" : "untyped";
      const t0 = median(base.map((m) => m.ms));
      const t1 = median(withPlugin.map((m) => m.ms));
      const m0 = Math.max(...base.map((m) => m.maxRssMb));
      const m1 = Math.max(...withPlugin.map((m) => m.maxRssMb));
      const c0 = median(base.map((m) => m.cpuMs));
      const c1 = median(withPlugin.map((m) => m.cpuMs));
      rows.push([
        mode,
        `median wall time (${RUNS} runs)`,
        `${(t0 / 1000).toFixed(2)} s`,
        `${(t1 / 1000).toFixed(2)} s`,
        `${(t1 / t0).toFixed(2)}×`,
      ]);
      rows.push([
        mode,
        `median CPU time (${RUNS} runs)`,
        `${(c0 / 1000).toFixed(2)} s`,
        `${(c1 / 1000).toFixed(2)} s`,
        `${(c1 / c0).toFixed(2)}×`,
      ]);
      rows.push([mode, "peak memory (max RSS)", `${m0.toFixed(0)} MB`, `${m1.toFixed(0)} MB`, `${(m1 / m0).toFixed(2)}×`]);
      rows.push([mode, "engine runs per lint", "-", String(checked.engineRuns), ""]);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(
      `ESLint ${require("eslint/package.json").version} · ${MODELS} models (one file each) · @typescript-eslint/parser in both columns\n`,
    );
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
    console.log(
      `\ntarget: time ratio ≤ 1.25× the parse-only baseline · load average at the end: ${require("node:os").loadavg()[0].toFixed(1)} on ${require("node:os").cpus().length} CPUs`,
    );
  } finally {
    project.cleanup();
  }
}

main();
