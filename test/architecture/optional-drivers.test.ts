/**
 * Drivers are optional peers: loading the ORM loads no driver, and a connection whose driver is not
 * installed fails with one error naming the package. Runs the built package in a child process, where
 * a resolver hook makes chosen packages "not installed".
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO_ROOT = join(__dirname, "../..");

/** Runs `body` in a fresh Node with `hidden` packages unresolvable; returns its stdout (JSON). */
function runWithout(hidden: string[], body: string): { out: unknown; stderr: string } {
  const script = `
    const Module = require("node:module");
    const hidden = new Set(${JSON.stringify(hidden)});
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request, ...rest) {
      if (hidden.has(request)) { const e = new Error("Cannot find module '" + request + "'"); e.code = "MODULE_NOT_FOUND"; throw e; }
      return resolve.call(this, request, ...rest);
    };
    (async () => { ${body} })().then((out) => process.stdout.write(JSON.stringify(out)), (e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
  `;
  const r = spawnSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return { out: JSON.parse(r.stdout), stderr: r.stderr };
}

const DRIVER_MODULES = /node_modules\/(better-sqlite3|pg|mysql2|mongodb|mingo|bson)\//;

describe("optional database drivers", () => {
  it("require('eloquent-orm') and 'eloquent-orm/Model' load no driver and no Mongo store", () => {
    const { out } = runWithout(
      [],
      `require("eloquent-orm"); require("eloquent-orm/Model");
       return Object.keys(require.cache).filter((f) => ${DRIVER_MODULES}.test(f));`,
    );
    expect(out).toEqual([]);
  });

  it("a SQL-only app runs without mongodb and mingo installed", () => {
    const { out } = runWithout(
      ["mongodb", "mingo"],
      `const { column, registerModels, closeAllConnections } = require("eloquent-orm");
       const { SqlModel } = require("eloquent-orm/Model");
       class Note extends SqlModel { static tableName = "notes"; static schema = { id: column("increments", undefined, { primary: true }), body: column("string") }; }
       registerModels([Note]);
       const { migrate } = require("eloquent-orm");
       await migrate([Note]);
       await Note.create({ body: "hi" });
       const n = await Note.count();
       await closeAllConnections();
       return n;`,
    );
    expect(out).toBe(1);
  });

  it.each([
    ["pg", `configureConnection("main", "postgres://user@127.0.0.1:1/db")`, "npm install pg"],
    ["mysql2", `configureConnection("main", "mysql://root@127.0.0.1:1/db")`, "npm install mysql2"],
    ["better-sqlite3", `configureConnection("main", { client: "sqlite", filename: ":memory:" })`, "npm install better-sqlite3"],
  ])("a connection whose driver (%s) is missing names the package to install", (driver, configure, fix) => {
    const { out } = runWithout(
      [driver],
      `const { configureConnection, getConnection } = require("eloquent-orm");
       ${configure};
       try { getConnection("main"); return "opened"; } catch (e) { return e.name + ": " + e.message; }`,
    );
    expect(out).toMatch(new RegExp(`^ConnectionError: Connection 'main' uses \\w+, whose driver '${driver}' is not installed\\..*${fix}`));
  });

  it("a Mongo model without the mongodb driver names the package to install", () => {
    const { out } = runWithout(
      ["mongodb"],
      `const { column } = require("eloquent-orm");
       const { MongoModel } = require("eloquent-orm/Model");
       const { configureMongoConnection } = require("eloquent-orm");
       configureMongoConnection("mongo", "mongodb://127.0.0.1:1/db");
       class Doc extends MongoModel { static tableName = "docs"; static schema = { title: column("string") }; }
       try { await Doc.create({ title: "x" }); return "created"; } catch (e) { return e.message; }`,
    );
    expect(out).toMatch(/Mongo models need the official MongoDB driver, which is not installed\..*npm install mongodb/);
  });
});
