"use strict";
/**
 * One peer × one workload, in its own process (run by run.js, never concurrently with another).
 *   1. open the peer (connect, define models) — untimed;
 *   2. one priming run, then the gate run with statement counting: canonical output must equal the raw better-sqlite3 floor's,
 *      else the cell is WRONG and nothing is timed;
 *   3. warm-up, then timed samples (gc between samples, outside the timed region, unless --no-gc);
 *   4. print one `RESULT {json}` line with samples, statement count and the process's peak RSS.
 */
const fs = require("node:fs");
const os = require("node:os");
const { performance } = require("node:perf_hooks");
const { WORKLOADS } = require("./workloads");
const { ensureDatabase } = require("./data");
const { canonicalize, digest, firstDifference } = require("./canon");
const { countStatements } = require("./counting");
const { loadPeer } = require("./peers");

const EXTRA_SAMPLE_BUDGET_MS = 5_000;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}

function emit(result) {
  // The 1-minute load average at the end of the cell: on shared machines it says how much to trust it.
  const load = Math.round(os.loadavg()[0] * 100) / 100;
  process.stdout.write(`RESULT ${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS, load })}\n`);
}

async function main() {
  const peerName = arg("peer");
  const workloadId = arg("workload");
  const rounds = Number(arg("rounds", "10"));
  const warmup = Number(arg("warmup", "1"));
  const expectFile = arg("expect");
  const writeExpected = arg("write-expected");
  const gcBetween = !process.argv.includes("--no-gc");
  const workload = WORKLOADS[workloadId];
  if (!workload) throw new Error(`Unknown workload "${workloadId}". Expected one of: ${Object.keys(WORKLOADS).join(", ")}.`);

  const peer = loadPeer(peerName);
  const reason = peer.unavailable ? await peer.unavailable() : null;
  if (reason) return emit({ status: "SKIPPED", reason });
  if (peer.unsupported && peer.unsupported[workloadId]) return emit({ status: "N/A", reason: peer.unsupported[workloadId] });

  const dbFile = ensureDatabase(workload.db);
  const ctx = await peer.open({ dbFile, workload, workloadId });
  try {
    const plain = (r) => (peer.plain ? peer.plain(r, workloadId) : r);

    // Priming run (the first warm-up): connections, metadata and statement caches get built here,
    // so the counted gate run below sees only the load's own statements.
    await peer.run(ctx, workloadId, workload);

    // Gate run: counted, untimed.
    const counting = countStatements(peer.driver, peer.resolveFrom);
    let gateResult;
    try {
      gateResult = await peer.run(ctx, workloadId, workload);
    } finally {
      counting.stop();
    }
    const statements = counting.counter.count;
    const canonical = JSON.stringify(canonicalize(plain(gateResult), workload.shape));
    gateResult = null;
    if (writeExpected) {
      fs.writeFileSync(writeExpected, canonical);
      return emit({ status: "EXPECTED", statements, digest: digest(canonical) });
    }
    if (expectFile) {
      const expected = fs.readFileSync(expectFile, "utf8");
      if (canonical !== expected) {
        const where = firstDifference(JSON.parse(canonical), JSON.parse(expected));
        return emit({ status: "WRONG", statements, reason: `output differs from raw better-sqlite3 at ${where}` });
      }
    }

    // Latency-bound workloads take up to rounds × samplesPerRound samples, but past the first
    // `rounds` ones only while the extra-sample budget lasts (slow peers would otherwise take minutes).
    const samplesPerRound = workload.samplesPerRound ?? 1;
    for (let i = 1; i < warmup * samplesPerRound; i++) await peer.run(ctx, workloadId, workload);
    const samples = [];
    const cpuSamples = [];
    const started = performance.now();
    for (let i = 0; i < rounds * samplesPerRound; i++) {
      if (i >= rounds && performance.now() - started > EXTRA_SAMPLE_BUDGET_MS) break;
      if (gcBetween && global.gc) global.gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await peer.run(ctx, workloadId, workload);
      samples.push(performance.now() - t0);
      // CPU time of the whole process (all threads): far less disturbed than wall time when the
      // machine's cores are shared, so it is reported next to it.
      const c = process.cpuUsage(c0);
      cpuSamples.push((c.user + c.system) / 1000);
      if (result === undefined) throw new Error(`${peerName} returned nothing for ${workloadId}`);
    }
    emit({ status: "OK", statements, samples, cpuSamples });
  } finally {
    await peer.close(ctx);
  }
}

main().catch((error) => {
  emit({ status: "ERROR", reason: String((error && error.message) || error).split("\n")[0].slice(0, 300) });
  process.exitCode = 0;
});
