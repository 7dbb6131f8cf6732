"use strict";
/** Date, machine and versions stamped on every results file. */
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { PEERS_DIR } = require("./counting");

function packageVersion(name, from = PEERS_DIR) {
  try {
    const pkgPath = require.resolve(`${name}/package.json`, { paths: [from] });
    return JSON.parse(fs.readFileSync(pkgPath, "utf8")).version;
  } catch {
    // Packages without an exported package.json: walk node_modules by hand.
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "node_modules", name, "package.json");
      if (fs.existsSync(candidate)) return JSON.parse(fs.readFileSync(candidate, "utf8")).version;
      if (path.dirname(dir) === dir) return "not installed";
    }
  }
}

function gitRevision() {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: PEERS_DIR, encoding: "utf8" }).trim();
    // runtime/dist is built from the work tree: say so when the runtime differs from the commit.
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "../../runtime/src"], { cwd: PEERS_DIR, encoding: "utf8" }).trim();
    return dirty ? `${head} + uncommitted runtime/src changes` : head;
  } catch {
    return "unknown";
  }
}

function machine() {
  const cpus = os.cpus();
  let sqlite = "unknown";
  try {
    const Database = require("better-sqlite3");
    const db = new Database(":memory:");
    sqlite = db.prepare("SELECT sqlite_version() AS v").get().v;
    db.close();
  } catch {}
  return {
    date: new Date().toISOString(),
    cpu: cpus[0] ? cpus[0].model : "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(" "),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    sqlite,
    revision: gitRevision(),
  };
}

module.exports = { machine, packageVersion };
