/**
 * A script that uses a connection and never closes it exits by itself once its work is done (the
 * pool's timer and idle sockets no longer hold the event loop), on every dialect.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlDialects, useDialect, type DialectTarget } from "../shared/dialects";

const root = resolve(__dirname, "../../..");
const tsx = join(root, "node_modules/.bin/tsx");
/** Generous next to the ~3 s a run takes here; without the fix SQLite never exits and pg/mysql wait 30 s. */
const KILL_AFTER_MS = 20_000;

const SCRIPT = `
import { column, configureConnection, migrate, SqlModel, transaction } from ${JSON.stringify(join(root, "runtime/src/index.ts"))};
configureConnection("main", JSON.parse(process.argv[2]!));
class Thing extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "main";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string") };
}
void (async () => {
  await migrate([Thing]);
  await transaction(async () => { await Thing.create({ name: "in a transaction" }); }, { connection: "main" });
  await new Promise((r) => setTimeout(r, 200)); // idle pool, then more work
  await Thing.create({ name: "after a pause" });
  console.log("things", await Thing.count());
  // no closeAllConnections(): the script just ends
})();
`;

function connectionConfig(target: DialectTarget, tag: string): object {
  const isolated = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  if (target.name === "sqlite") return { client: "sqlite", filename: ":memory:" };
  if (target.name === "pg") return { client: "pg", url: target.url, knex: { searchPath: [isolated] } };
  const url = new URL(target.url!);
  url.pathname = `/${isolated}`;
  return { client: "mysql", url: url.toString() };
}

describe.each(sqlDialects())("a script on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let dir: string;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "scriptexit");
    dir = mkdtempSync(join(tmpdir(), "eloquent-exit-"));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await teardown();
  });

  it("exits by itself without closeAllConnections()", () => {
    const file = join(dir, "script.ts"); // CommonJS (no package.json type): the runtime's source loads as it is built
    writeFileSync(file, SCRIPT);
    const run = spawnSync(tsx, [file, JSON.stringify(connectionConfig(dialect, "scriptexit"))], {
      cwd: root,
      encoding: "utf8",
      timeout: KILL_AFTER_MS,
    });
    expect(run.stderr).toBe("");
    expect(run.signal).toBeNull(); // not killed: it ended on its own
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("things 2");
  });
});
