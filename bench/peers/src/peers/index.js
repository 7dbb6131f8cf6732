"use strict";
/**
 * Every peer the harness knows, in display order. A peer module exports:
 *   label, driver ("better-sqlite3" | "sqlite3"), packages (for the versions line), floor?,
 *   unavailable?() -> reason string when it cannot run here (checked in the child, printed as SKIPPED),
 *   unsupported?: { w5: "why" } for workloads the peer has no way to express,
 *   open({ dbFile, workload }) -> ctx, run(ctx, workloadId, workload) -> result (timed),
 *   plain?(result, workloadId) -> plain rows for the gate (untimed), close(ctx).
 */
const PEERS = [
  "raw-better-sqlite3",
  "raw-knex",
  "raw-sqlite3",
  "eloquent",
  "objection",
  "sequelize",
  "typeorm",
  "mikro-orm",
  "drizzle",
  "prisma",
];

const FLOOR = "raw-better-sqlite3";
const KNEX_FLOOR = "raw-knex";

function loadPeer(name) {
  if (!PEERS.includes(name)) {
    throw new Error(`Unknown peer "${name}". Expected one of: ${PEERS.join(", ")}.`);
  }
  return require(`./${name}`);
}

module.exports = { PEERS, FLOOR, KNEX_FLOOR, loadPeer };
