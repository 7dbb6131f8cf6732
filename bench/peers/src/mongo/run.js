#!/usr/bin/env node
"use strict";
/**
 * The Mongo leg of bench/peers: eloquent vs Mongoose (`populate`, hydrated and `.lean()`) vs the raw
 * driver + Map stitching (the floor), on the MONGODB_URL server (FerretDB in CI) and, where it
 * applies, on eloquent's embedded store (eloquent and the raw calls only). Every cell runs in its
 * own child process, peers in an order rotated per workload; wall, client CPU and server CPU.
 *
 *   MONGODB_URL=mongodb://127.0.0.1:27017 node src/mongo/run.js [--rounds 5] [--only m1,m4]
 *       [--peers eloquent,mongoose] [--targets server,embedded] [--server-pid PID] [--quick] [--out DIR]
 */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn } = require("node:child_process");

if (!fs.existsSync(path.resolve(__dirname, "..", "..", "node_modules", "mongoose"))) {
  console.error("bench/peers has no mongoose installed yet. Install its packages once with:\n  (cd bench/peers && npm ci)\nthen run this again.");
  process.exit(1);
}
const { MONGO_WORKLOADS } = require("./workloads");
const { MONGO_PEERS, MONGO_FLOOR, loadMongoPeer } = require("./peers");
const { seed, COLLECTIONS } = require("./data");
const { summarize } = require("../stats");
const { machine, packageVersion } = require("../machine");

const DATA_DIR = path.resolve(__dirname, "..", "..", ".data", "mongo");
const TARGETS = ["server", "embedded"];
const USAGE = `usage: MONGODB_URL=… npm run bench:peers:mongo -- [--render FILE.json] [--rounds N] [--only ${Object.keys(MONGO_WORKLOADS).join(",")}] [--peers ${MONGO_PEERS.join(",")}] [--targets server,embedded] [--server-pid PID] [--quick] [--out DIR]`;

function parseArgs(argv) {
  const opts = { rounds: 5, only: Object.keys(MONGO_WORKLOADS), peers: MONGO_PEERS, targets: TARGETS, serverPid: null, quick: false, out: null, timeout: 600 };
  const list = (v, known, what) => {
    const items = v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    const bad = items.filter((x) => !known.includes(x));
    if (bad.length) throw new Error(`Unknown ${what}: ${bad.join(", ")}. Expected some of: ${known.join(", ")}.\n${USAGE}`);
    return known.filter((k) => items.includes(k));
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${a} needs a value.\n${USAGE}`);
      return v;
    };
    if (a === "--rounds") opts.rounds = Math.max(1, Number(value()) | 0);
    else if (a === "--only") opts.only = list(value(), Object.keys(MONGO_WORKLOADS), "workload");
    else if (a === "--peers") opts.peers = list(value(), MONGO_PEERS, "peer");
    else if (a === "--targets") opts.targets = list(value(), TARGETS, "target");
    else if (a === "--server-pid") opts.serverPid = Number(value());
    else if (a === "--out") opts.out = path.resolve(value());
    else if (a === "--quick") opts.quick = true;
    else if (a === "--help" || a === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`Unknown option "${a}".\n${USAGE}`);
  }
  if (opts.quick && !argv.includes("--rounds")) opts.rounds = 2;
  opts.out ??= opts.quick ? path.join(DATA_DIR, "results") : path.resolve(__dirname, "..", "..", "..", "results");
  return opts;
}

/** The pid of the FerretDB that scripts/ferretdb.sh started for this URL, so its CPU time can be read. */
function ferretdbPid(url) {
  const state = path.resolve(__dirname, "..", "..", "..", "..", ".cache", "ferretdb-run");
  try {
    if (fs.readFileSync(path.join(state, "url"), "utf8").trim() !== url) return null;
    return Number(fs.readFileSync(path.join(state, "pid"), "utf8").trim()) || null;
  } catch {
    return null;
  }
}

function runCell(args, timeoutSec) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", "--max-old-space-size=4096", path.join(__dirname, "worker.js"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const started = Date.now();
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutSec * 1000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const wall = (Date.now() - started) / 1000;
      const line = stdout.split("\n").reverse().find((l) => l.startsWith("RESULT "));
      if (!line) {
        const last = stderr.trim().split("\n").filter(Boolean).slice(-3).join(" | ");
        return resolve({ status: signal === "SIGKILL" ? "TIMEOUT" : "CRASH", reason: `exit ${code ?? signal}: ${last || "no output"}`.slice(0, 300), wall });
      }
      resolve({ ...JSON.parse(line.slice(7)), wall });
    });
  });
}

const fmt = (ms) => (!Number.isFinite(ms) ? "–" : ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "–");

function report({ opts, info, infoEnd, cells, versions, serverVersion }) {
  const lines = [
    `# bench/peers — Mongo leg (${info.date.slice(0, 10)})`,
    "",
    `Command: \`${opts.command}\``,
    "",
    `Machine: ${info.cpu} × ${info.cores}, ${info.memoryGb} GB, ${info.platform}, Node ${info.node}; revision ${info.revision}.`,
    `Load average (1, 5, 15 min): ${info.loadAverage} at the start, ${infoEnd.loadAverage} at the end (\`/proc/loadavg\`).`,
    `Server: ${serverVersion ?? "not used"}. Rounds: ${opts.rounds} timed samples per cell after a priming run and the gate run.`,
    "",
    "Versions: " + Object.entries(versions).map(([p, v]) => `${p}: ${v}`).join("; ") + ".",
    "",
    "Each cell is one child process; the gate compares its canonical output with the raw driver's on the same store (OK or WRONG).",
    "Wall and client CPU are medians over the samples; *server CPU* is the FerretDB process's CPU time during the samples",
    "(from `/proc/<pid>/stat`, 10 ms resolution), so client + server shows the whole work of a load. Ratios are ÷ the raw driver floor on the same store.",
    "",
  ];
  for (const target of opts.targets) {
    const rows = cells.filter((c) => c.target === target);
    if (!rows.length) continue;
    lines.push(`## ${target === "server" ? "On the server (MONGODB_URL)" : "On the embedded store (in process)"}`, "");
    lines.push("| workload | peer | gate | wall ms (p25–p75) | wall ÷ floor | client CPU ms | CPU ÷ floor | server CPU ms | client+server ÷ floor | peak RSS MB |");
    lines.push("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const w of opts.only) {
      const floor = rows.find((c) => c.workloadId === w && c.peer === MONGO_FLOOR && c.stats);
      const inOrder = rows.filter((x) => x.workloadId === w).sort((a, b) => MONGO_PEERS.indexOf(a.peer) - MONGO_PEERS.indexOf(b.peer));
      for (const c of inOrder) {
        const label = loadMongoPeer(c.peer).label;
        if (!c.stats) {
          lines.push(`| ${MONGO_WORKLOADS[w].title} | ${label} | ${c.status} | ${c.reason ?? ""} | | | | | | |`);
          continue;
        }
        const total = (x) => (x.cpu?.median ?? NaN) + (x.serverCpu?.median ?? 0);
        lines.push(
          `| ${MONGO_WORKLOADS[w].title} | ${label} | OK | ${fmt(c.stats.median)} (${fmt(c.stats.p25)}–${fmt(c.stats.p75)}) | ${ratio(c.stats.median, floor?.stats.median)} | ${fmt(c.cpu?.median)} | ${ratio(c.cpu?.median, floor?.cpu?.median)} | ${c.serverCpu ? fmt(c.serverCpu.median) : "–"} | ${c.serverCpu && floor?.serverCpu ? ratio(total(c), total(floor)) : "–"} | ${Math.round(c.maxRssKb / 1024)} |`,
        );
      }
    }
    lines.push("");
  }
  lines.push("Workloads: " + opts.only.map((w) => `${MONGO_WORKLOADS[w].title} — ${MONGO_WORKLOADS[w].description}`).join("; ") + ".", "");
  return lines.join("\n");
}

async function main() {
  const argv = process.argv.slice(2);
  // --render FILE.json: rewrite an earlier run's markdown from its JSON (no measuring).
  if (argv[0] === "--render") {
    const run = JSON.parse(fs.readFileSync(path.resolve(argv[1]), "utf8"));
    const mdPath = path.resolve(argv[1]).replace(/\.json$/, ".md");
    fs.writeFileSync(mdPath, report(run));
    console.log(`re-rendered: ${path.relative(process.cwd(), mdPath)}`);
    return;
  }
  const opts = parseArgs(argv);
  opts.command = `npm run bench:peers:mongo${argv.length ? " -- " + argv.join(" ") : ""}`;
  const url = process.env.MONGODB_URL?.trim();
  if (opts.targets.includes("server") && !url) {
    console.warn("!!! MONGODB_URL is not set: SKIPPING the server target (embedded store only). Start FerretDB with: eval \"$(npm run -s ferretdb start)\"");
    opts.targets = opts.targets.filter((t) => t !== "server");
  }
  const peers = opts.peers.includes(MONGO_FLOOR) ? opts.peers : [MONGO_FLOOR, ...opts.peers];
  const database = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_bench_peers_mongo`;
  const info = machine();
  fs.mkdirSync(path.join(DATA_DIR, "expected"), { recursive: true });
  let serverVersion = null;
  let serverPid = opts.serverPid;
  if (opts.targets.includes("server")) {
    const { MongoClient, ObjectId } = require("mongodb");
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
    const build = await client.db("admin").command({ buildInfo: 1 });
    serverVersion = build.ferretdb || build.ferretdbVersion ? `FerretDB ${build.ferretdbVersion ?? build.ferretdb.version} (MongoDB ${build.version} wire protocol)` : `MongoDB ${build.version}`;
    serverPid ??= ferretdbPid(url);
    console.log(`server: ${serverVersion} at ${url}${serverPid ? ` (pid ${serverPid}: its CPU time is measured)` : " (no pid: server CPU not measured)"}`);
    for (const db of new Set(opts.only.map((w) => MONGO_WORKLOADS[w].db))) {
      const t0 = Date.now();
      await seed(client.db(database), db, ObjectId);
      console.log(`seeded ${db} (${COLLECTIONS[db].join(", ")}) in ${database}: ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    }
    await client.close();
  }
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; rounds ${opts.rounds}; peers ${peers.join(", ")}; targets ${opts.targets.join(", ")}`);

  const cells = [];
  for (const [index, workloadId] of opts.only.entries()) {
    for (const target of opts.targets) {
      const w = MONGO_WORKLOADS[workloadId];
      console.log(`\n${w.title} on the ${target} store: ${w.description}`);
      const base = ["--workload", workloadId, "--target", target, "--url", url ?? "", "--database", database, ...(serverPid && target === "server" ? ["--server-pid", String(serverPid)] : [])];
      const expectFile = path.join(DATA_DIR, "expected", `${workloadId}-${target}.json`);
      const floor = await runCell(["--peer", MONGO_FLOOR, ...base, "--write-expected", expectFile], opts.timeout);
      if (floor.status !== "EXPECTED") {
        console.log(`  floor failed (${floor.status}: ${floor.reason}); skipping`);
        continue;
      }
      console.log(`  gate digest ${floor.digest.slice(0, 12)} (raw driver on the ${target} store)`);
      const shift = index % peers.length;
      for (const peer of [...peers.slice(shift), ...peers.slice(0, shift)]) {
        const r = await runCell(["--peer", peer, ...base, "--rounds", String(opts.rounds), "--expect", expectFile], opts.timeout);
        if (r.status === "N/A") continue;
        const cell = {
          workloadId, target, peer, ...r,
          stats: r.samples ? summarize(r.samples) : null,
          cpu: r.cpuSamples ? summarize(r.cpuSamples) : null,
          serverCpu: r.serverCpuSamples?.length ? summarize(r.serverCpuSamples) : null,
        };
        cells.push(cell);
        const detail = cell.stats
          ? `wall ${fmt(cell.stats.median)} ms, CPU ${fmt(cell.cpu.median)} ms${cell.serverCpu ? `, server CPU ${fmt(cell.serverCpu.median)} ms` : ""}`
          : r.reason;
        console.log(`  ${peer.padEnd(14)} ${r.status.padEnd(8)} ${detail}  (${r.wall.toFixed(1)}s, load ${r.load})`);
      }
      const floorCell = cells.find((c) => c.workloadId === workloadId && c.target === target && c.peer === MONGO_FLOOR && c.stats);
      for (const c of cells.filter((x) => x.workloadId === workloadId && x.target === target && x.stats && x.peer !== MONGO_FLOOR)) {
        if (floorCell) console.log(`  ${c.peer} ÷ raw driver: wall ${ratio(c.stats.median, floorCell.stats.median)}, CPU ${ratio(c.cpu.median, floorCell.cpu.median)}`);
      }
    }
  }
  const versions = {};
  for (const peer of peers) {
    const mod = loadMongoPeer(peer);
    versions[mod.label] = mod.versions ? mod.versions() : mod.packages.map((p) => `${p} ${packageVersion(p)}`).join(", ");
  }
  const infoEnd = machine();
  const markdown = report({ opts, info, infoEnd, cells, versions, serverVersion });
  fs.mkdirSync(opts.out, { recursive: true });
  const stem = path.join(opts.out, `peers-mongo-${info.date.slice(0, 10)}`);
  fs.writeFileSync(`${stem}.md`, markdown);
  // The output folder relative to the repository root: no machine paths in a committed file.
  const saved = { ...opts, out: path.relative(path.resolve(__dirname, "..", "..", "..", ".."), opts.out) };
  fs.writeFileSync(`${stem}.json`, JSON.stringify({ opts: saved, info, infoEnd, serverVersion, versions, cells }, null, 1) + "\n");
  console.log(`\n${markdown}\nwritten: ${path.relative(process.cwd(), stem)}.{md,json}`);
}

main().catch((e) => {
  console.error(e.message || e);
  process.exit(1);
});
