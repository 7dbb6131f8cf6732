#!/usr/bin/env node
"use strict";
/**
 * Side-by-side relation loading: every peer × workload in its own child process, one at a time,
 * peers in rotated order per workload, each gated for correctness against raw better-sqlite3.
 *
 *   node src/run.js [--rounds 10] [--warmup 1] [--quick] [--only w1,w6] [--peers eloquent,objection]
 *                   [--timeout 300] [--out ../results]
 */
const fs = require("node:fs");
const path = require("node:path");
const { spawn } = require("node:child_process");

// bench/peers is its own npm package (kept out of the workspace so `npm test` never installs five ORMs).
if (!fs.existsSync(path.resolve(__dirname, "..", "node_modules", "knex"))) {
  console.error("bench/peers has no node_modules yet. Install it once with:\n  (cd bench/peers && npm ci)\nthen run this again.");
  process.exit(1);
}
const { WORKLOADS } = require("./workloads");
const { ensureDatabase, DATA_DIR } = require("./data");
const { PEERS, FLOOR, KNEX_FLOOR, loadPeer } = require("./peers");
const { summarize } = require("./stats");
const { machine, packageVersion } = require("./machine");
const { writeReport } = require("./report");

const USAGE = `usage: npm run bench:peers -- [--rounds N] [--warmup N] [--quick] [--only w1,w6] [--peers a,b] [--timeout SEC] [--out DIR] [--reuse FILE.json] [--passes N] [--no-gc]
  --render FILE.json: rewrite an earlier run's markdown and SVG from its JSON
  --passes: split the rounds over N passes through all peers (default 2) so load drift hits every peer alike
  --no-gc: no forced gc() before each timed sample (a server's steady state: the default forces one, which
           leaves sub-millisecond loads like W6 to run on a just-collected heap)
  --reuse: keep the cells of peers not run now from an earlier run's JSON (marked † in the report)
  workloads: ${Object.keys(WORKLOADS).join(", ")}
  peers:     ${PEERS.join(", ")}`;

function parseArgs(argv) {
  const opts = { rounds: 10, warmup: 1, quick: false, only: Object.keys(WORKLOADS), peers: PEERS, timeout: 300, out: null, reuse: null, passes: 2, gc: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    const list = (v, known, what) => {
      const items = v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
      const bad = items.filter((x) => !known.includes(x));
      if (bad.length) throw new Error(`Unknown ${what}: ${bad.join(", ")}. Expected some of: ${known.join(", ")}.`);
      return known.filter((k) => items.includes(k)); // keep the canonical order
    };
    const count = (v, min) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) throw new Error(`${a} expects a whole number ≥ ${min}, got "${v}".`);
      return n;
    };
    if (a === "--rounds") opts.rounds = count(value(), 1);
    else if (a === "--warmup") opts.warmup = count(value(), 0);
    else if (a === "--timeout") opts.timeout = count(value(), 1);
    else if (a === "--passes") opts.passes = count(value(), 1);
    else if (a === "--quick") opts.quick = true;
    else if (a === "--no-gc") opts.gc = false;
    else if (a === "--only") opts.only = list(value(), Object.keys(WORKLOADS), "workload");
    else if (a === "--peers") opts.peers = list(value(), PEERS, "peer");
    else if (a === "--out") opts.out = path.resolve(value());
    else if (a === "--reuse") opts.reuse = path.resolve(value());
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option "${a}".\n${USAGE}`);
  }
  if (opts.quick) {
    if (!argv.includes("--passes")) opts.passes = 1;
    if (!argv.includes("--rounds")) opts.rounds = 3;
    if (!argv.includes("--warmup")) opts.warmup = 1;
  }
  // Smoke runs land next to the data, full runs in bench/results (committed).
  if (!opts.out) opts.out = opts.quick ? path.join(DATA_DIR, "results") : path.resolve(__dirname, "..", "..", "results");
  return opts;
}

let currentChild = null;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (currentChild) currentChild.kill("SIGKILL"); // never leave a worker running on its own
    process.exit(130);
  });
}

function runCell(peer, workloadId, extraArgs, timeoutSec) {
  return new Promise((resolve) => {
    const args = ["--expose-gc", "--max-old-space-size=6144", path.join(__dirname, "worker.js"),
      "--peer", peer, "--workload", workloadId, ...extraArgs];
    const child = spawn(process.execPath, args, { cwd: path.resolve(__dirname, ".."), stdio: ["ignore", "pipe", "pipe"] });
    currentChild = child;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const started = Date.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutSec * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      currentChild = null;
      const wall = (Date.now() - started) / 1000;
      if (timedOut) return resolve({ status: "TIMEOUT", reason: `no result within ${timeoutSec}s`, wall });
      const line = stdout.split("\n").reverse().find((l) => l.startsWith("RESULT "));
      if (!line) {
        const last = stderr.trim().split("\n").filter(Boolean).slice(-3).join(" | ");
        return resolve({ status: "CRASH", reason: `exit ${code ?? signal}: ${last || "no output"}`.slice(0, 300), wall });
      }
      resolve({ ...JSON.parse(line.slice(7)), wall });
    });
  });
}

function fmtMs(ms) {
  if (!Number.isFinite(ms)) return "–";
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

async function main() {
  const argv = process.argv.slice(2);
  // --render FILE.json: rewrite the markdown and SVG of an earlier run from its JSON (no measuring).
  if (argv[0] === "--render") {
    const run = JSON.parse(fs.readFileSync(path.resolve(argv[1]), "utf8"));
    run.opts.out = path.dirname(path.resolve(argv[1]));
    run.opts.command ??= "npm run bench:peers";
    const peers = PEERS.filter((p) => run.cells.some((c) => c.peer === p));
    const files = writeReport({ ...run, peers, fmtMs, floor: FLOOR, knexFloor: KNEX_FLOOR });
    console.log(`re-rendered: ${files.mdPath}, ${files.svgPath}`);
    return;
  }
  const opts = parseArgs(argv);
  opts.command = `npm run bench:peers${argv.length ? " -- " + argv.join(" ") : ""}`;
  const peers = opts.peers.includes(FLOOR) ? opts.peers : [FLOOR, ...opts.peers]; // the floor is the yardstick
  const info = machine();
  console.log(`peers bench: ${info.cpu} × ${info.cores}, ${info.memoryGb} GB, Node ${info.node}, SQLite ${info.sqlite}`);
  console.log(`rounds ${opts.rounds} (after ${opts.warmup} warm-up + the gate run)${opts.quick ? " [quick smoke run]" : ""}; workloads ${opts.only.join(", ")}; peers ${peers.join(", ")}`);

  for (const db of new Set(opts.only.map((w) => WORKLOADS[w].db))) {
    const t0 = Date.now();
    ensureDatabase(db);
    console.log(`database ${db}: ready (${((Date.now() - t0) / 1000).toFixed(1)}s)`);
  }
  fs.mkdirSync(path.join(DATA_DIR, "expected"), { recursive: true });

  if (peers.includes("eloquent")) snapshotRuntime();

  const cells = [];
  for (const [index, workloadId] of opts.only.entries()) {
    const workload = WORKLOADS[workloadId];
    console.log(`\n${workload.title}: ${workload.description}`);
    const expectFile = path.join(DATA_DIR, "expected", `${workloadId}.json`);
    const expected = await runCell(FLOOR, workloadId, ["--write-expected", expectFile], opts.timeout);
    if (expected.status !== "EXPECTED") {
      console.log(`  floor failed (${expected.status}: ${expected.reason}); skipping ${workloadId}`);
      for (const peer of peers) cells.push({ workloadId, peer, status: "ERROR", reason: "raw better-sqlite3 floor failed" });
      continue;
    }
    // The rounds are split into passes; each pass runs every peer once (own process), in an order
    // rotated per workload and per pass. Load from other work drifts over minutes on a shared
    // machine: spreading each peer's samples over the whole workload spreads that drift evenly.
    const passes = Math.min(opts.passes, opts.rounds);
    const results = new Map(peers.map((p) => [p, []]));
    for (let pass = 0; pass < passes; pass++) {
      const rounds = Math.floor(opts.rounds / passes) + (pass < opts.rounds % passes ? 1 : 0);
      const shift = (index + pass * 3) % peers.length;
      const order = [...peers.slice(shift), ...peers.slice(0, shift)];
      for (const peer of order) {
        const earlier = results.get(peer);
        if (earlier.length && !earlier[0].samples) continue; // WRONG / ERROR / SKIPPED once is enough
        const r = await runCell(peer, workloadId,
          ["--rounds", String(rounds), "--warmup", String(opts.warmup), "--expect", expectFile, ...(opts.gc ? [] : ["--no-gc"])], opts.timeout);
        earlier.push(r);
        const s = r.samples ? summarize(r.samples) : null;
        const detail = s ? `pass ${pass + 1}/${passes}: median ${fmtMs(s.median)} ms over ${s.n} samples` : r.reason;
        console.log(`  ${peer.padEnd(20)} ${r.status.padEnd(8)} ${detail}  (${r.wall.toFixed(1)}s)`);
      }
    }
    for (const peer of peers) {
      const runs = results.get(peer);
      const failed = runs.find((r) => !r.samples) || null;
      const ok = runs.filter((r) => r.samples);
      const merged = failed && !ok.length
        ? failed
        : {
            ...ok[0],
            ...(failed ? { status: failed.status, reason: `${failed.reason} (in a later pass)` } : {}),
            samples: ok.flatMap((r) => r.samples),
            cpuSamples: ok.flatMap((r) => r.cpuSamples || []),
            maxRssKb: Math.max(...ok.map((r) => r.maxRssKb)),
            load: Math.max(...ok.map((r) => r.load ?? 0)),
            wall: ok.reduce((t, r) => t + r.wall, 0),
          };
      const cell = {
        workloadId, peer, ...merged,
        stats: merged.samples && !failed ? summarize(merged.samples) : null,
        cpu: merged.cpuSamples && merged.cpuSamples.length && !failed ? summarize(merged.cpuSamples) : null,
      };
      cells.push(cell);
      if (cell.stats) {
        console.log(`  = ${peer.padEnd(18)} median ${fmtMs(cell.stats.median)} ms${cell.cpu ? ` (CPU ${fmtMs(cell.cpu.median)})` : ""}  p25–p75 ${fmtMs(cell.stats.p25)}–${fmtMs(cell.stats.p75)}  statements ${cell.statements}  peak RSS ${Math.round(cell.maxRssKb / 1024)} MB`);
      }
    }
  }

  // Each cell remembers this run's floor medians, so its ratios stay right if a later run reuses it.
  for (const c of cells) {
    c.floorMedian = {};
    for (const floorPeer of [FLOOR, KNEX_FLOOR]) {
      const f = cells.find((x) => x.workloadId === c.workloadId && x.peer === floorPeer && x.stats);
      if (f) c.floorMedian[floorPeer] = f.stats.median;
      if (f && f.cpu) (c.floorCpuMedian ??= {})[floorPeer] = f.cpu.median;
    }
  }
  const versions = {};
  let reported = peers;
  if (opts.reuse) {
    const earlier = JSON.parse(fs.readFileSync(opts.reuse, "utf8"));
    const kept = earlier.cells.filter((c) => opts.only.includes(c.workloadId) && !peers.includes(c.peer));
    for (const c of kept) cells.push({ ...c, reusedFrom: c.reusedFrom || earlier.info.date });
    Object.assign(versions, earlier.versions);
    reported = PEERS.filter((p) => peers.includes(p) || kept.some((c) => c.peer === p));
    console.log(`reused ${kept.length} cells from ${path.relative(process.cwd(), opts.reuse)} (${earlier.info.date})`);
  }
  for (const peer of peers) {
    const mod = loadPeerSafely(peer);
    versions[peer] = mod ? (mod.versions ? mod.versions() : mod.packages.map((p) => `${p} ${packageVersion(p)}`).join(", ")) : "?";
  }
  const files = writeReport({ opts, info, peers: reported, cells, versions, fmtMs, floor: FLOOR, knexFloor: KNEX_FLOOR });
  console.log(`\n${files.markdown}`);
  console.log(`written: ${path.relative(process.cwd(), files.mdPath)}, ${path.relative(process.cwd(), files.svgPath)}, ${path.relative(process.cwd(), files.jsonPath)}`);
}

/**
 * Copies runtime/dist (+ package.json) into .data/runtime-snapshot and points the eloquent workers
 * at it: other work may rebuild runtime/dist while a long run is going. The copy resolves its
 * dependencies from bench/peers/node_modules first (same knex and better-sqlite3 versions), then
 * from the workspace's node_modules.
 */
function snapshotRuntime() {
  const runtime = path.resolve(__dirname, "..", "..", "..", "runtime");
  const dest = path.join(DATA_DIR, "runtime-snapshot");
  if (!fs.existsSync(path.join(runtime, "dist", "index.js"))) return; // the eloquent worker reports it as SKIPPED
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  fs.cpSync(path.join(runtime, "dist"), path.join(dest, "dist"), { recursive: true });
  fs.copyFileSync(path.join(runtime, "package.json"), path.join(dest, "package.json"));
  process.env.ELOQUENT_RUNTIME_DIR = dest;
  console.log(`eloquent: runtime/dist snapshot taken (${path.relative(process.cwd(), dest)})`);
}

function loadPeerSafely(peer) {
  try {
    return loadPeer(peer);
  } catch {
    return null;
  }
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
