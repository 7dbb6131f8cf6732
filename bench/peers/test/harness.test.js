"use strict";
// The harness's own checks (node:test, run with `npm test` in bench/peers): the pieces that decide
// what a cell reports must be right before any figure is believed.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const { canonicalize, firstDifference } = require("../src/canon");
const { summarize } = require("../src/stats");
const { chunks, WORKLOADS } = require("../src/workloads");
const { hasMany, belongsTo } = require("../src/stitch");

const WORKER = path.join(__dirname, "..", "src", "worker.js");
const result = (out) => JSON.parse(out.split("\n").find((l) => l.startsWith("RESULT ")).slice(7));
const worker = (...args) => result(execFileSync(process.execPath, ["--expose-gc", WORKER, ...args], { encoding: "utf8" }));

test("canonical form keeps only the shape's fields and sorts every list by id", () => {
  const rows = [
    { id: 2, name: "b", email: "e2", extra: 1, posts: [{ id: 9, user_id: 2, title: "t", views: 1 }, { id: 3, user_id: 2, title: "u", views: 2 }] },
    { id: 1, name: "a", email: "e1", posts: [] },
  ];
  const canon = canonicalize(rows, WORKLOADS.w1.shape);
  assert.deepEqual(canon.map((u) => u.id), [1, 2]);
  assert.deepEqual(canon[1].posts.map((p) => p.id), [3, 9]);
  assert.equal("extra" in canon[1], false);
});

test("a missing field or relation is visible in the canonical form, and named by firstDifference", () => {
  const good = canonicalize([{ id: 1, name: "a", email: "e", posts: [{ id: 1, user_id: 1, title: "t", views: 0 }] }], WORKLOADS.w1.shape);
  const bad = canonicalize([{ id: 1, name: "a", email: "e", posts: [{ id: 1, title: "t", views: 0 }] }], WORKLOADS.w1.shape);
  assert.notEqual(JSON.stringify(bad), JSON.stringify(good));
  assert.match(firstDifference(bad, good), /^\$\[0\]\.posts\[0\]\.user_id: got "<missing>", expected 1$/);
  assert.equal(firstDifference(good, structuredClone(good)), null);
});

test("bigint keys compare equal to numbers", () => {
  const a = canonicalize([{ id: 1n, name: "a", email: "e", posts: [] }], WORKLOADS.w1.shape);
  const b = canonicalize([{ id: 1, name: "a", email: "e", posts: [] }], WORKLOADS.w1.shape);
  assert.deepEqual(a, b);
});

test("summary statistics: median and quartiles interpolate", () => {
  const s = summarize([5, 1, 4, 2, 3]);
  assert.deepEqual([s.median, s.p25, s.p75, s.min, s.max, s.n], [3, 2, 4, 1, 5, 5]);
  assert.equal(summarize([1, 2]).median, 1.5);
});

test("IN lists are chunked below SQLite's bound-parameter limit", () => {
  const keys = Array.from({ length: 40_000 }, (_, i) => i);
  const parts = chunks(keys);
  assert.ok(parts.every((p) => p.length <= 32_766));
  assert.deepEqual(parts.flat(), keys);
});

test("stitching places children under their parent and owners under their children", () => {
  const users = hasMany([{ id: 1 }, { id: 2 }], [{ id: 10, user_id: 2 }, { id: 11, user_id: 2 }], "user_id", "posts");
  assert.deepEqual(users.map((u) => u.posts.length), [0, 2]);
  const posts = belongsTo([{ id: 10, user_id: 2 }, { id: 11, user_id: 3 }], [{ id: 2 }], "user_id", "user");
  assert.deepEqual(posts.map((p) => p.user), [{ id: 2 }, null]);
});

test("the gate: a peer matching the floor is timed, a mismatch is WRONG and not timed", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peers-gate-"));
  const expected = path.join(dir, "w6.json");
  const floor = worker("--peer", "raw-better-sqlite3", "--workload", "w6", "--write-expected", expected);
  assert.equal(floor.status, "EXPECTED");
  assert.equal(floor.statements, 2);

  const ok = worker("--peer", "raw-knex", "--workload", "w6", "--rounds", "1", "--expect", expected);
  assert.equal(ok.status, "OK");
  assert.equal(ok.statements, 2); // counted at the driver, through knex
  assert.ok(ok.samples.length >= 1 && ok.samples.every((ms) => ms > 0));

  const tampered = JSON.parse(fs.readFileSync(expected, "utf8"));
  tampered[0].posts[0].title = "not what the database holds";
  fs.writeFileSync(expected, JSON.stringify(tampered));
  const wrong = worker("--peer", "raw-knex", "--workload", "w6", "--rounds", "1", "--expect", expected);
  assert.equal(wrong.status, "WRONG");
  assert.match(wrong.reason, /\$\[0\]\.posts\[0\]\.title/);
  assert.equal(wrong.samples, undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

test("bad command-line input is named with what was expected", () => {
  const run = path.join(__dirname, "..", "src", "run.js");
  for (const [args, message] of [
    [["--only", "w9"], /Unknown workload: w9\. Expected some of: w1, w2/],
    [["--peers", "hibernate"], /Unknown peer: hibernate\. Expected some of: raw-better-sqlite3/],
    [["--rounds", "0"], /--rounds expects a whole number ≥ 1, got "0"/],
    [["--fast"], /Unknown option "--fast"/],
  ]) {
    assert.throws(() => execFileSync(process.execPath, [run, ...args], { encoding: "utf8", stdio: "pipe" }), (e) => message.test(e.stderr));
  }
});

test("the report flags every cell where a peer ORM beats eloquent, by wall and by CPU, and never a floor", () => {
  const { markdown, peerWins } = require("../src/report");
  const cell = (peer, wall, cpu) => ({ workloadId: "w1", peer, status: "OK", statements: 2, maxRssKb: 1024, stats: { median: wall, p25: wall, p75: wall }, cpu: { median: cpu } });
  const floor = cell("raw-better-sqlite3", 50, 50);
  const eloquent = cell("eloquent", 100, 100);
  const drizzle = cell("drizzle", 90, 120); // faster by wall only
  const objection = cell("objection", 150, 150);
  assert.deepEqual(peerWins(drizzle, eloquent), ["wall"]);
  assert.deepEqual(peerWins(cell("drizzle", 110, 80), eloquent), ["CPU"]);
  assert.deepEqual(peerWins(objection, eloquent), []);
  assert.deepEqual(peerWins(floor, eloquent), [], "a floor is the yardstick, not a peer");
  const md = markdown({
    opts: { only: ["w1"], warmup: 1, rounds: 1 },
    info: { date: "2026-12-02T00:00:00Z", cpu: "cpu", cores: 2, memoryGb: 1, platform: "linux", loadAverage: "0", node: "v20", sqlite: "3", revision: "x" },
    peers: ["raw-better-sqlite3", "eloquent", "objection", "drizzle"],
    cells: [floor, eloquent, drizzle, objection],
    versions: {},
    fmtMs: (n) => n.toFixed(1),
    floor: "raw-better-sqlite3",
    knexFloor: "raw-knex",
  });
  assert.match(md, /⚑ W1 hasMany: Drizzle[^\n]* beats eloquent by wall 90\.0 vs 100\.0 ms\n/);
  assert.doesNotMatch(md, /Objection[^\n]* beats eloquent/);
  assert.match(md, /\*\*1\.80×\*\* ⚑/, "the wall matrix marks Drizzle's cell");
  assert.match(md, /target ≤ 1\.10× CPU: MISSED/, "eloquent at 2× the floor's CPU misses the target");
});
