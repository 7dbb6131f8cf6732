"use strict";
/**
 * Statement counting at the driver, identical for every peer on the same driver: each execution of
 * a statement (better-sqlite3 Statement#all/get/run/iterate, sqlite3 Statement#all/get/run/each and
 * Database#exec) adds one. Installed only for the untimed gate run, removed before timing.
 */
const path = require("node:path");

const PEERS_DIR = path.resolve(__dirname, "..");

function patch(proto, methods, counter) {
  const originals = {};
  for (const m of methods) {
    const original = proto[m];
    if (typeof original !== "function") continue;
    originals[m] = original;
    proto[m] = function countedStatement(...args) {
      counter.count++;
      return original.apply(this, args);
    };
  }
  return () => Object.assign(proto, originals);
}

/** Starts counting; returns { counter, stop }. `resolveFrom` picks the driver copy the peer loads. */
function countStatements(driver, resolveFrom = PEERS_DIR) {
  const counter = { count: 0 };
  const load = (name) => require(require.resolve(name, { paths: [resolveFrom] }));
  if (driver === "better-sqlite3") {
    const Database = load("better-sqlite3");
    const probe = new Database(":memory:");
    const statementProto = Object.getPrototypeOf(probe.prepare("SELECT 1"));
    probe.close();
    const undoStatement = patch(statementProto, ["all", "get", "run", "iterate"], counter);
    const undoExec = patch(Database.prototype, ["exec"], counter);
    return { counter, stop: () => (undoStatement(), undoExec()) };
  }
  if (driver === "sqlite3") {
    // Database#all/get/run/each delegate to a Statement, so counting Statement alone counts each once.
    const sqlite3 = load("sqlite3");
    const undoStatement = patch(sqlite3.Statement.prototype, ["all", "get", "run", "each"], counter);
    const undoExec = patch(sqlite3.Database.prototype, ["exec"], counter);
    return { counter, stop: () => (undoStatement(), undoExec()) };
  }
  throw new Error(`No statement counter for driver "${driver}" (expected better-sqlite3 or sqlite3).`);
}

module.exports = { countStatements, PEERS_DIR };
