/**
 * bench:eslint — ESLint with and without eslint-plugin-eloquent, same parser (@typescript-eslint/parser),
 * same machine, alternating runs, on:
 * - the generated 1,000-model project (one model per file, bench/ts-plugin's generator), untyped and
 *   typed (parserOptions.projectService);
 * - a no-tsconfig set: the TypeScript sources of the mongodb driver and bson (real code that never
 *   imports eloquent, as a project's tests and scripts outside its tsconfig), copied where no tsconfig
 *   covers them.
 * Prints median wall and CPU time, their ratio to parse-only and peak memory (max RSS of each lint
 * process). Target: ≤ 1.15× the parse-only baseline. A third column lints with one no-op rule: what any
 * plugin costs before doing anything (the last column divides by it).
 *
 *   npm run bench:eslint                      (builds first)
 *   BENCH_MODELS=200 BENCH_RUNS=3 BENCH_TYPED=0 BENCH_LOOSE=0 npm run bench:eslint
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { generateProject, REPO_ROOT } from "../ts-plugin/generate";

const MODELS = Number(process.env.BENCH_MODELS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const TYPED = process.env.BENCH_TYPED !== "0";
const LOOSE = process.env.BENCH_LOOSE !== "0";
const TARGET = 1.15;

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

/**
 * The floor of any plugin: the same parser plus ONE rule that does nothing. ESLint with no rule at all
 * skips work it does as soon as one rule is on (on the 1,000-model project a no-op rule alone costs ~1.1-1.25×
 * parse-only CPU), so "with eloquent ÷ one no-op rule" is the plugin's own cost.
 */
const NOOP_RULE = `const noop = { meta: { schema: [] }, create: () => ({ Program() {} }) };`;

function configs(dir: string, typed: boolean): { baseline: string; floor: string; plugin: string } {
  const baseline = join(dir, `baseline${typed ? "-typed" : ""}.config.mjs`);
  const floor = join(dir, `noop-rule${typed ? "-typed" : ""}.config.mjs`);
  const plugin = join(dir, `plugin${typed ? "-typed" : ""}.config.mjs`);
  writeFileSync(baseline, `${PARSER}\nexport default [{ files: ["**/*.ts"], languageOptions: { parser, ${typedOptions(typed)} } }];\n`);
  writeFileSync(
    floor,
    `${PARSER}\n${NOOP_RULE}\nexport default [{ files: ["**/*.ts"], plugins: { bench: { rules: { noop } } }, rules: { "bench/noop": "error" }, languageOptions: { parser, ${typedOptions(typed)} } }];\n`,
  );
  writeFileSync(
    plugin,
    `import eloquent from "eslint-plugin-eloquent";\nexport default [eloquent.configs.recommended, { files: ["**/*.ts"], languageOptions: { ${typedOptions(typed)} } }];\n`,
  );
  return { baseline, floor, plugin };
}

function lintOnce(dir: string, config: string, target: string): Measure {
  const child = spawnSync(process.execPath, [join(__dirname, "lint-once.mjs"), dir, config, target], {
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

/** The mongodb driver's and bson's own TypeScript sources, where no tsconfig covers them. */
function looseSet(): { dir: string; files: number; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "eloquent-bench-loose-"));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  for (const name of ["mongodb", "bson"]) {
    const source = join(REPO_ROOT, "node_modules", name, "src");
    if (!existsSync(source)) throw new Error(`${source} is missing: the no-tsconfig set copies the sources npm installs with ${name}`);
    cpSync(source, join(dir, "src", name), { recursive: true });
  }
  const files = (readdirSync(join(dir, "src"), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).length;
  return { dir, files, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

interface Case {
  mode: string;
  dir: string;
  target: string;
  files: number;
  typed: boolean;
  /** Problems the parse-only run reports too (eslint-disable comments naming rules this config lacks). */
  sameProblemsAsBaseline: boolean;
}

function measure(rows: string[][], c: Case): { wall: number; cpu: number } {
  const { baseline, floor, plugin } = configs(c.dir, c.typed);
  const base: Measure[] = [];
  const noop: Measure[] = [];
  const withPlugin: Measure[] = [];
  // One warm-up each (disk cache, JIT of the parser), then alternate so noise hits all three alike.
  lintOnce(c.dir, baseline, c.target);
  lintOnce(c.dir, floor, c.target);
  lintOnce(c.dir, plugin, c.target);
  for (let run = 0; run < RUNS; run++) {
    base.push(lintOnce(c.dir, baseline, c.target));
    noop.push(lintOnce(c.dir, floor, c.target));
    withPlugin.push(lintOnce(c.dir, plugin, c.target));
  }
  const checked = withPlugin[0]!;
  const expected = c.sameProblemsAsBaseline ? base[0]!.problems : 0;
  if (checked.problems !== expected)
    throw new Error(`${c.mode}: expected ${expected} problems (as parse-only), got ${checked.problems}: ${checked.firstProblem}`);
  if (checked.files !== c.files) throw new Error(`${c.mode}: expected ${c.files} files linted, got ${checked.files}`);
  const t0 = median(base.map((m) => m.ms));
  const t1 = median(withPlugin.map((m) => m.ms));
  const m0 = Math.max(...base.map((m) => m.maxRssMb));
  const m1 = Math.max(...withPlugin.map((m) => m.maxRssMb));
  const c0 = median(base.map((m) => m.cpuMs));
  const c1 = median(withPlugin.map((m) => m.cpuMs));
  const tn = median(noop.map((m) => m.ms));
  const cn = median(noop.map((m) => m.cpuMs));
  const mn = Math.max(...noop.map((m) => m.maxRssMb));
  const verdict = (ratio: number) => `${ratio.toFixed(2)}×${ratio <= TARGET ? "" : "  (over target)"}`;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  rows.push([
    c.mode,
    `median wall time (${RUNS} runs)`,
    seconds(t0),
    seconds(tn),
    seconds(t1),
    verdict(t1 / t0),
    `${(t1 / tn).toFixed(2)}×`,
  ]);
  rows.push([
    c.mode,
    `median CPU time (${RUNS} runs)`,
    seconds(c0),
    seconds(cn),
    seconds(c1),
    verdict(c1 / c0),
    `${(c1 / cn).toFixed(2)}×`,
  ]);
  rows.push([
    c.mode,
    "peak memory (max RSS)",
    `${m0.toFixed(0)} MB`,
    `${mn.toFixed(0)} MB`,
    `${m1.toFixed(0)} MB`,
    `${(m1 / m0).toFixed(2)}×`,
    `${(m1 / mn).toFixed(2)}×`,
  ]);
  rows.push([c.mode, "engine runs per lint", "-", "-", String(checked.engineRuns), "", ""]);
  return { wall: t1 / t0, cpu: c1 / c0 };
}

function main(): void {
  const loadAtStart = loadavg();
  const project = generateProject(MODELS);
  const loose = LOOSE ? looseSet() : undefined;
  try {
    const rows: string[][] = [["set · mode", "measure", "parse only", "one no-op rule", "with eloquent", "ratio", "÷ no-op rule"]];
    const cases: Case[] = [
      {
        mode: `${MODELS} models · untyped`,
        dir: project.dir,
        target: "models",
        files: MODELS,
        typed: false,
        sameProblemsAsBaseline: false,
      },
    ];
    if (TYPED) {
      cases.push({
        mode: `${MODELS} models · typed (projectService)`,
        dir: project.dir,
        target: "models",
        files: MODELS,
        typed: true,
        sameProblemsAsBaseline: false,
      });
    }
    if (loose) {
      cases.push({
        mode: `no tsconfig (mongodb + bson sources, ${loose.files} files) · untyped`,
        dir: loose.dir,
        target: "src",
        files: loose.files,
        typed: false,
        sameProblemsAsBaseline: true,
      });
    }
    for (const c of cases) {
      measure(rows, c);
      // Each set's rows as soon as they are measured (a loaded machine may not let the whole run finish).
      for (const row of rows.slice(-4)) console.log(`measured: ${row.join(" · ")}`);
    }
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(`ESLint ${require("eslint/package.json").version} · @typescript-eslint/parser in every column\n`);
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
    console.log(
      `\ntarget: time ratio ≤ ${TARGET}× the parse-only baseline · load average at the start: ${loadText(loadAtStart)}, at the end: ${loadText(
        loadavg(),
      )} on ${cpus().length} CPUs`,
    );
  } finally {
    project.cleanup();
    loose?.cleanup();
  }
}

function loadText(load: number[]): string {
  return load.map((l) => l.toFixed(1)).join(" ");
}

main();
