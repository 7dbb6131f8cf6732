"use strict";
/**
 * The Mongo leg's peers, in display order. A peer module exports: label, targets ("server" and/or
 * "embedded"), packages (for the versions line), unavailable?({ target }) -> reason,
 * open({ target, url, database, workload }) -> ctx, run(ctx, workloadId) (timed),
 * plain?(result) -> plain rows for the gate (untimed), close(ctx).
 */
const MONGO_PEERS = ["raw-driver", "eloquent", "mongoose", "mongoose-lean"];
const MONGO_FLOOR = "raw-driver";
const FILES = { "raw-driver": "raw-driver", eloquent: "eloquent", mongoose: "mongoose-hydrated", "mongoose-lean": "mongoose-lean" };

function loadMongoPeer(name) {
  if (!FILES[name]) throw new Error(`Unknown Mongo peer "${name}". Expected one of: ${MONGO_PEERS.join(", ")}.`);
  return require(`./${FILES[name]}`);
}

module.exports = { MONGO_PEERS, MONGO_FLOOR, loadMongoPeer };
