/** Runs one implementation of one workload: warm-up, timed runs, canonical digest, peak RSS. */
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { median, stableStringify, type ChildReport, type Workload } from "./harness";

async function main() {
  const [file, implName, contextJson, runsArg] = process.argv.slice(2);
  const mod = (await import(pathToFileURL(file!).href)) as { default: Workload | { default: Workload } };
  const workload = ("implementations" in mod.default ? mod.default : (mod.default as { default: Workload }).default) as Workload;
  const impl = workload.implementations[implName!];
  if (!impl) throw new Error(`${workload.id} has no implementation '${implName}'.`);
  const runner = await impl(JSON.parse(contextJson!));
  const runs = Number(runsArg ?? 5);
  const first = await runner.run(); // warm-up (also the result checked for correctness)
  const digest = createHash("sha256")
    .update(stableStringify(runner.canonical(first)))
    .digest("hex");
  runner.takeQueryCount();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await runner.run();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const queries = runner.takeQueryCount() / runs;
  await runner.close();
  const report: ChildReport = {
    workload: workload.id,
    implementation: implName!,
    medianMs: median(times),
    minMs: Math.min(...times),
    timesMs: times,
    cpuMs: cpu,
    runs,
    queriesPerRun: queries,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    digest,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
