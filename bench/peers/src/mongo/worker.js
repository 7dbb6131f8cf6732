"use strict";
/**
 * One Mongo peer × workload × target, in its own process (run by mongo/run.js, one at a time):
 * open (untimed; the embedded store is seeded here) → priming run → gate run (canonical output
 * must equal the raw driver's on the same target, else WRONG and nothing is timed) → timed samples,
 * `gc()` between them. Each sample records wall time, this process's CPU time, and the server
 * process's CPU time when its pid is given (read from /proc: FerretDB's own work per load).
 * Prints one `RESULT {json}` line.
 */
const fs = require("node:fs");
const os = require("node:os");
const { performance } = require("node:perf_hooks");
const { MONGO_WORKLOADS } = require("./workloads");
const { loadMongoPeer } = require("./peers");
const { canonicalize, digest, firstDifference } = require("../canon");

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
};

function emit(result) {
  const load = Math.round(os.loadavg()[0] * 100) / 100;
  process.stdout.write(`RESULT ${JSON.stringify({ ...result, maxRssKb: process.resourceUsage().maxRSS, load })}\n`);
}

/** CPU milliseconds (user + system) of process `pid` so far, from /proc/<pid>/stat; null if unreadable. */
function processCpuMs(pid) {
  if (!pid) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ (100/s on Linux)
  } catch {
    return null;
  }
}

async function main() {
  const peerName = arg("peer");
  const workloadId = arg("workload");
  const target = arg("target", "server");
  const rounds = Number(arg("rounds", "5"));
  const warmup = Number(arg("warmup", "1"));
  const serverPid = Number(arg("server-pid", "0")) || null;
  const workload = MONGO_WORKLOADS[workloadId];
  if (!workload) throw new Error(`Unknown workload "${workloadId}". Expected one of: ${Object.keys(MONGO_WORKLOADS).join(", ")}.`);
  const peer = loadMongoPeer(peerName);
  if (!peer.targets.includes(target)) return emit({ status: "N/A", reason: `${peer.label} has no ${target} store` });
  const reason = peer.unavailable ? await peer.unavailable({ target }) : null;
  if (reason) return emit({ status: "SKIPPED", reason });

  const ctx = await peer.open({ target, url: arg("url"), database: arg("database"), workload });
  try {
    await peer.run(ctx, workloadId); // priming: connections, model metadata
    const gate = await peer.run(ctx, workloadId);
    const canonical = JSON.stringify(canonicalize(peer.plain ? peer.plain(gate) : gate, workload.shape));
    const writeExpected = arg("write-expected");
    if (writeExpected) {
      fs.writeFileSync(writeExpected, canonical);
      return emit({ status: "EXPECTED", digest: digest(canonical) });
    }
    const expected = fs.readFileSync(arg("expect"), "utf8");
    if (canonical !== expected) {
      return emit({ status: "WRONG", reason: `output differs from the raw driver's at ${firstDifference(JSON.parse(canonical), JSON.parse(expected))}` });
    }
    for (let i = 1; i < warmup; i++) await peer.run(ctx, workloadId);
    const samples = [];
    const cpuSamples = [];
    const serverCpuSamples = [];
    for (let i = 0; i < rounds; i++) {
      if (global.gc) global.gc();
      const s0 = processCpuMs(serverPid);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await peer.run(ctx, workloadId);
      samples.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuSamples.push((c.user + c.system) / 1000);
      const s1 = processCpuMs(serverPid);
      if (s0 !== null && s1 !== null) serverCpuSamples.push(s1 - s0);
    }
    emit({ status: "OK", samples, cpuSamples, serverCpuSamples });
  } finally {
    await peer.close(ctx);
  }
}

main().catch((error) => {
  emit({ status: "ERROR", reason: String((error && error.message) || error).split("\n")[0].slice(0, 300) });
  process.exitCode = 0;
});
