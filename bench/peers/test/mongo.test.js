"use strict";
// The Mongo leg's own checks: ObjectId keys in the canonical form, and the gate on the embedded store
// (needs runtime/dist; the server target is exercised by `npm run bench:peers:mongo`).
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { ObjectId } = require("mongodb");
const { canonicalize } = require("../src/canon");
const { plainMongo } = require("../src/mongo/data");
const { MONGO_WORKLOADS } = require("../src/mongo/workloads");

const WORKER = path.join(__dirname, "..", "src", "mongo", "worker.js");
const DIST = path.join(__dirname, "..", "..", "..", "runtime", "dist", "index.js");
const worker = (...args) => {
  const out = execFileSync(process.execPath, ["--expose-gc", WORKER, ...args], { encoding: "utf8" });
  return JSON.parse(out.split("\n").find((l) => l.startsWith("RESULT ")).slice(7));
};

test("documents become plain rows: _id → id, ObjectIds → hex; lists sort by hex id", () => {
  const a = new ObjectId("010000000000000000000002");
  const b = new ObjectId("010000000000000000000001");
  const rows = plainMongo([
    { _id: a, name: "a", email: "x", posts: [{ _id: new ObjectId("02000000000000000000000b"), user_id: a, title: "t", views: 1 }] },
    { _id: b, name: "b", email: "y", posts: [] },
  ]);
  const canon = canonicalize(rows, MONGO_WORKLOADS.m1.shape);
  assert.deepEqual(canon.map((u) => u.id), [b.toHexString(), a.toHexString()]);
  assert.equal(canon[1].posts[0].user_id, a.toHexString());
});

test("the gate on the embedded store: eloquent matches the raw calls and is timed", { skip: !fs.existsSync(DIST) && "runtime/dist not built" }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peers-mongo-"));
  const expected = path.join(dir, "m4.json");
  const base = ["--workload", "m4", "--target", "embedded", "--database", "gate"];
  assert.equal(worker("--peer", "raw-driver", ...base, "--write-expected", expected).status, "EXPECTED");
  const r = worker("--peer", "eloquent", ...base, "--rounds", "1", "--expect", expected);
  assert.equal(r.status, "OK", r.reason);
  assert.equal(r.samples.length, 1);
  // A wrong answer is caught: the expected output with one chapter title changed.
  fs.writeFileSync(expected, fs.readFileSync(expected, "utf8").replace('"chapter 1"', '"chapter one"'));
  const wrong = worker("--peer", "eloquent", ...base, "--rounds", "1", "--expect", expected);
  assert.equal(wrong.status, "WRONG");
  assert.match(wrong.reason, /chapters/);
  assert.equal(worker("--peer", "mongoose", ...base).status, "N/A");
  fs.rmSync(dir, { recursive: true, force: true });
});
