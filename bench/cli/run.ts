/**
 * bench:cli — `eloquent check <paths>` (path mode: each file's project found by walking up to the
 * nearest tsconfig that includes it) against `eloquent check --project tsconfig.json` on the same
 * generated tree of 2,000 files (models in nested directories, a tsconfig extending a base), same
 * machine, alternating runs. Prints median wall and CPU time and their ratio.
 * Target: path mode within 1.2× of --project.
 *
 *   npm run bench:cli                         (builds first)
 *   BENCH_FILES=500 BENCH_RUNS=3 npm run bench:cli
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "../ts-plugin/generate";

const FILES = Number(process.env.BENCH_FILES ?? 2000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PER_DIRECTORY = 20;

interface Measure {
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  code: number;
  output: string;
}

/** src/area{a}/part{p}/m{i}.ts: a chain of models (belongsTo the previous, hasMany the next), 20 per directory. */
function generateTree(count: number): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `eloquent-bench-cli-${count}-`));
  symlinkSync(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"), "dir");
  writeFileSync(
    join(dir, "tsconfig.base.json"),
    JSON.stringify({ compilerOptions: { target: "ES2022", module: "node16", moduleResolution: "node16", strict: true, noEmit: true } }),
  );
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ extends: "./tsconfig.base.json", include: ["src/**/*.ts"] }));
  for (let i = 0; i < count; i++) {
    const directory = join(dir, "src", `area${Math.floor(i / (PER_DIRECTORY * 10))}`, `part${Math.floor(i / PER_DIRECTORY) % 10}`);
    mkdirSync(directory, { recursive: true });
    const lines = [
      `import { column, relation } from "eloquent-orm";`,
      `import { SqlModel } from "eloquent-orm/Model";`,
      ``,
      `export class M${i} extends SqlModel {`,
      `  static tableName = "m_${i}";`,
      `  static schema = {`,
      `    id: column("increments", undefined, { primary: true }),`,
      ...(i > 0
        ? [`    m${i - 1}_id: column("int"),`, `    parent: relation("belongsTo", "M${i - 1}", { foreignKey: "m${i - 1}_id" }),`]
        : []),
      ...(i < count - 1 ? [`    children: relation("hasMany", "M${i + 1}", { foreignKey: "m${i}_id" }),`] : []),
      `  };`,
      `}`,
      ``,
    ];
    writeFileSync(join(directory, `m${i}.ts`), lines.join("\n"));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

function checkOnce(dir: string, args: string[]): Measure {
  const child = spawnSync(process.execPath, [join(__dirname, "check-once.mjs"), dir, ...args], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const marker = child.stdout.lastIndexOf("\nBENCH ");
  if (marker < 0) throw new Error(`eloquent check ${args.join(" ")} failed (exit ${child.status}):\n${child.stderr.slice(0, 4000)}`);
  return { ...(JSON.parse(child.stdout.slice(marker + 7)) as Omit<Measure, "output">), output: child.stdout.slice(0, marker) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function main(): void {
  const tree = generateTree(FILES);
  try {
    const project = ["--project", "tsconfig.json"];
    const paths = ["src"];
    checkOnce(tree.dir, project); // warm-up (disk cache)
    checkOnce(tree.dir, paths);
    const byProject: Measure[] = [];
    const byPaths: Measure[] = [];
    for (let run = 0; run < RUNS; run++) {
      byProject.push(checkOnce(tree.dir, project));
      byPaths.push(checkOnce(tree.dir, paths));
    }
    for (const measure of [...byProject, ...byPaths]) {
      if (measure.code !== 0)
        throw new Error(`the generated tree must check clean, got exit ${measure.code}:\n${measure.output.slice(0, 2000)}`);
    }
    const rows: string[][] = [["measure", "--project tsconfig.json", "check src (path mode)", "ratio"]];
    const row = (label: string, pick: (m: Measure) => number, unit: (v: number) => string) => {
      const a = median(byProject.map(pick));
      const b = median(byPaths.map(pick));
      rows.push([label, unit(a), unit(b), `${(b / a).toFixed(2)}×`]);
    };
    row(
      `median wall time (${RUNS} runs)`,
      (m) => m.ms,
      (v) => `${(v / 1000).toFixed(2)} s`,
    );
    row(
      `median CPU time (${RUNS} runs)`,
      (m) => m.cpuMs,
      (v) => `${(v / 1000).toFixed(2)} s`,
    );
    row(
      "peak memory (max RSS)",
      (m) => m.maxRssMb,
      (v) => `${v.toFixed(0)} MB`,
    );
    const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    console.log(`eloquent check · ${FILES} files in ${Math.ceil(FILES / PER_DIRECTORY)} directories · one tsconfig (extends a base)\n`);
    for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join("  "));
    console.log(
      `\ntarget: path mode within 1.2× of --project · load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
    );
  } finally {
    tree.cleanup();
  }
}

main();
