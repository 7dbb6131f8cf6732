"use strict";
/** The workspace's eloquent runtime (runtime/dist) and its embedded store, shared by the peers that use them. */
const fs = require("node:fs");
const path = require("node:path");
const { seed } = require("../data");

const RUNTIME_DIR = process.env.ELOQUENT_RUNTIME_DIR || path.resolve(__dirname, "..", "..", "..", "..", "..", "runtime");
const DIST = path.join(RUNTIME_DIR, "dist", "index.js");

function runtimeUnavailable() {
  if (!fs.existsSync(DIST)) return `runtime not built: run \`npx tsc -b runtime\` at the repository root (${DIST} missing)`;
  const missing = ["MongoModel", "configureMongoConnection", "getMongoConnection"].filter((k) => !(k in require(DIST)));
  return missing.length ? `runtime/dist lacks ${missing.join(", ")}` : null;
}

const runtime = () => require(DIST);

/**
 * Connection `bench` on the target: the server's database, or a fresh embedded store seeded here
 * (it lives in this process only). Returns the connection's Db port.
 */
async function openBenchConnection({ target, url, database, workload }) {
  const api = runtime();
  api.configureMongoConnection("bench", { url: target === "embedded" ? `memory:bench-${process.pid}` : url, database });
  const conn = api.getMongoConnection("bench");
  if (target === "embedded") await seed(conn.db, workload.db, require(require.resolve("mongodb", { paths: [RUNTIME_DIR] })).ObjectId);
  return conn;
}

module.exports = { RUNTIME_DIR, runtime, runtimeUnavailable, openBenchConnection };
