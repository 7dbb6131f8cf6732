/**
 * `npm run bench:eager [-- W1 W3] [--runs 7]`: for every workload in ./workloads, prepares the
 * data, runs each implementation in a child process, checks that all produce the same result,
 * then prints median wall time, ratio to each floor, queries per run and peak RSS side by side.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, type ChildReport, type Workload } from "./harness";

const args = process.argv.slice(2);
const runsAt = args.indexOf("--runs");
const roundsAt = args.indexOf("--rounds");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 10;
const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 3;
const only = args
  .filter((a, i) => !a.startsWith("--") && (runsAt < 0 || i !== runsAt + 1) && (roundsAt < 0 || i !== roundsAt + 1))
  .map((a) => a.toUpperCase());

const workloadDir = join(__dirname, "workloads");
const files = readdirSync(workloadDir)
  .filter((f) => /\.(ts|js)$/.test(f))
  .sort();

function runChild(file: string, impl: string, context: unknown): ChildReport {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", join(__dirname, "child.ts"), file, impl, JSON.stringify(context), String(runs)],
    {
      encoding: "utf8",
      cwd: join(__dirname, "../.."), // `--import tsx` resolves from the repository root
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`${file} / ${impl} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop()!) as ChildReport;
}

const pad = (s: string, n: number) => s.padEnd(n);
const num = (n: number, d = 1) => n.toFixed(d).padStart(9);

async function main() {
  let failures = 0;
  console.log(
    `eager-loading bench: ${rounds} rounds × ${runs} timed runs per implementation (after a warm-up run), ` +
      `each round in a fresh child process; implementations alternate round by round so machine noise hits all alike\n`,
  );
  for (const f of files) {
    const file = join(workloadDir, f);
    const mod = (await import(pathToFileURL(file).href)) as { default: Workload | { default: Workload } };
    const w = ("implementations" in mod.default ? mod.default : (mod.default as { default: Workload }).default) as Workload;
    if (only.length && !only.includes(w.id.toUpperCase())) continue;
    const dir = mkdtempSync(join(tmpdir(), `eloquent-bench-${w.id}-`));
    try {
      const context = await w.setup(dir);
      const skip = (context as { skip?: unknown } | undefined)?.skip;
      if (typeof skip === "string") {
        console.log(`${w.id} ${w.title}\n  SKIPPED: ${skip}\n`);
        continue;
      }
      const names = Object.keys(w.implementations);
      const perImpl = new Map<string, ChildReport[]>(names.map((n) => [n, []]));
      for (let round = 0; round < rounds; round++) for (const impl of names) perImpl.get(impl)!.push(runChild(file, impl, context));
      const reports: ChildReport[] = names.map((impl) => {
        const all = perImpl.get(impl)!;
        const times = all.flatMap((r) => r.timesMs);
        return {
          ...all[0]!,
          medianMs: median(times),
          minMs: Math.min(...times),
          timesMs: times,
          cpuMs: all.flatMap((r) => r.cpuMs),
          peakRssMb: Math.max(...all.map((r) => r.peakRssMb)),
          digest: all.every((r) => r.digest === all[0]!.digest) ? all[0]!.digest : "inconsistent",
        };
      });
      const subject = reports.find((r) => r.implementation === w.subject)!;
      const same = reports.every((r) => r.digest === subject.digest);
      console.log(`${w.id} ${w.title}`);
      if (!same) {
        failures++;
        console.log(`  RESULTS DIFFER — not timing it: ${reports.map((r) => `${r.implementation}=${r.digest.slice(0, 12)}`).join(" ")}\n`);
        continue;
      }
      console.log(`  same result from all ${reports.length} implementations (sha256 ${subject.digest.slice(0, 12)})`);
      console.log(
        `  ${pad("implementation", 16)}${"wall med".padStart(9)}${"wall min".padStart(9)}${"CPU med".padStart(9)}${"queries".padStart(9)}${"RSS MB".padStart(9)}  ${w.subject} ÷ floor: wall median (CPU median)`,
      );
      const cpuOf = (r: ChildReport) => median(r.cpuMs);
      for (const r of reports) {
        const target = w.targets?.[r.implementation];
        const wallRatio = subject.medianMs / r.medianMs;
        const cpuRatio = cpuOf(subject) / cpuOf(r);
        const ratio =
          r === subject
            ? ""
            : `${wallRatio.toFixed(2)}× (${cpuRatio.toFixed(2)}×)` +
              (target ? `  target ≤ ${target}×: ${wallRatio <= target ? "met" : "MISSED"}` : "");
        console.log(
          `  ${pad(r.implementation, 16)}${num(r.medianMs)}${num(r.minMs)}${num(cpuOf(r))}${num(r.queriesPerRun, 0)}${num(r.peakRssMb, 0)}  ${ratio}`,
        );
      }
      console.log("");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (failures) process.exitCode = 1;
}

void main();
