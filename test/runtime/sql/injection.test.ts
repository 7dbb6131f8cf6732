/**
 * Hostile strings through every API that takes user values, on every dialect — and on MariaDB/MySQL
 * under sql_mode NO_BACKSLASH_ESCAPES, where client-side escaping (mysql2's query()) lets
 * `\' OR 1=1 -- ` out of its string literal. Values must match nothing and round-trip exactly.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeConnection, configureConnection, dropTables, migrate, transaction } from "eloquent-orm";
import { sqlDialects, useDialect, type DialectTarget } from "../shared/dialects";
import { Account, Group, INTEGRITY, Note, registerIntegrity } from "./integrity-models";

registerIntegrity();

const HOSTILE = [
  "\\' OR 1=1 -- ",
  "\\\\' OR '1'='1",
  "'); DROP TABLE accounts; --",
  `" OR ""="`,
  "\\",
  "\\0\\n\\r\\Z\\x",
  "?? ? :name $1 %s",
  "%' OR name LIKE '%",
  "é😀\u2028",
];

async function seed(): Promise<void> {
  await Note.query().forceDelete();
  await Account.query().forceDelete();
  await Account.createMany([{ name: "alice" }, { name: "bob" }]);
}

/** Every read and write API that takes a value: nothing matches, every stored value reads back verbatim. */
async function assertHostileValuesInert(): Promise<void> {
  for (const evil of HOSTILE) {
    expect(await Account.where("name", evil).count()).toBe(0);
    expect(await Account.where("name", "=", evil).count()).toBe(0);
    expect(await Account.where("name", "like", `${evil}%`).count()).toBe(0);
    expect(await Account.where({ name: evil }).count()).toBe(0);
    expect(await Account.where("name", "nobody").orWhere("name", evil).count()).toBe(0);
    expect(await Account.whereIn("name", [evil, `${evil}x`]).count()).toBe(0);
    expect(await Account.query().whereNotIn("name", [evil]).count()).toBe(2);
    expect(await Account.query().where("name", evil).update({ role: "admin" })).toBe(0);
    expect(await Account.find(evil).catch(() => null)).toBeNull();
  }
  expect(await Account.where("role", "admin").count()).toBe(0);
  for (const evil of HOSTILE) {
    const a = await Account.create({ name: evil, meta: { evil } });
    expect((await Account.findOrFail(a.id)).name).toBe(evil);
    expect(await Account.where("name", evil).pluck("id")).toEqual([a.id]);
    await a.update({ role: evil.slice(0, 20) });
    expect((await Account.findOrFail(a.id)).role).toBe(evil.slice(0, 20));
    expect((await Account.findOrFail(a.id)).meta).toEqual({ evil });
    const note = (await a.related("notes").create({ body: evil, code: evil.slice(0, 20) })) as Note;
    expect((await a.related<Note[]>("notes").where("body", evil).first())?.id).toBe(note.id);
    const g = await Group.create({ name: evil });
    await a.related("groups").attach({ [g.id!]: { label: evil.slice(0, 50) } });
    const [joined] = await a.related<Group[]>("groups").where("name", evil);
    expect(joined?.pivot?.label).toBe(evil.slice(0, 50));
    await a.related("groups").detach();
    await g.delete();
    await note.delete();
    await a.delete();
  }
  expect(await Account.query().orderBy("name").pluck("name")).toEqual(["alice", "bob"]);
}

describe.each(sqlDialects())("injection on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "injection");
    await migrate([...INTEGRITY]);
  });
  afterAll(async () => {
    await dropTables([...INTEGRITY]);
    await teardown();
  });

  it("hostile strings match nothing and round-trip through every value-taking API", async () => {
    await seed();
    await assertHostileValuesInert();
  });

  it("hostile strings in relation constraints (whereHas, withCount, eager, lazy) match nothing", async () => {
    await seed();
    const alice = await Account.where("name", "alice").firstOrFail();
    await alice.related("notes").create({ body: "real" });
    for (const evil of HOSTILE) {
      expect(
        await Account.query()
          .whereHas("notes", (q) => q.where("body", evil))
          .count(),
      ).toBe(0);
      expect(
        await Account.query()
          .whereDoesntHave("notes", (q) => q.where("body", evil))
          .count(),
      ).toBe(2);
      const [counted] = await Account.query()
        .where("id", alice.id)
        .withCount({ notes: (q) => q.where("body", evil) })
        .get();
      expect(counted!.get("notes_count")).toBe(0);
      const [eager] = await Account.with({ notes: (q) => q.where("body", "like", `${evil}%`) })
        .where("id", alice.id)
        .get();
      expect(eager!.notes).toEqual([]);
      expect(await alice.related("notes").where("body", evil).count()).toBe(0);
    }
    expect(await alice.related("notes").count()).toBe(1);
  });

  it("hostile identifiers and directions are refused before any SQL is built", async () => {
    for (const evil of HOSTILE) {
      expect(() => Account.where(evil as never, "x")).toThrow(/unknown column/);
      expect(() => Account.query().orderBy(evil as never)).toThrow(/unknown column/);
      expect(() => Account.query().orderBy("name", evil as never)).toThrow(/direction must be "asc" or "desc"/);
      expect(() => Account.query().select(evil as never)).toThrow(/unknown column/);
      // @ts-expect-error -- an arbitrary string is no operator: compile-time check too
      expect(() => Account.where("name", evil, "x")).toThrow(/unknown operator/);
      expect(() => Account.query().with(evil as never)).toThrow();
      expect(() => Account.query().withCount(evil as never)).toThrow();
      await expect(Account.query().update({ [evil]: "x" } as never)).rejects.toThrow(/unknown column/);
    }
  });

  it("a NUL character is stored verbatim, or on PostgreSQL refused with a clear error", async () => {
    await seed();
    const nul = "a\u0000b";
    if (dialect.name === "pg") {
      await expect(Account.create({ name: nul })).rejects.toThrow(
        /Account\.save\(\): the string contains a NUL character.*PostgreSQL text cannot hold/,
      );
      await expect(Account.where("name", nul).count()).rejects.toThrow(/NUL character/);
    } else {
      const a = await Account.create({ name: nul });
      expect((await Account.findOrFail(a.id)).name).toBe(nul);
      expect(await Account.where("name", nul).count()).toBe(1);
    }
  });

  it.runIf(dialect.name === "mysql")("under SET SESSION sql_mode NO_BACKSLASH_ESCAPES, values are still bound, not spliced", async () => {
    await seed();
    await transaction(
      async (trx) => {
        // one connection for the whole unit: the session mode applies to every statement below
        await trx.raw("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
        const [[mode]] = (await trx.raw("select @@session.sql_mode as m")) as unknown as [[{ m: string }]];
        expect(mode.m).toContain("NO_BACKSLASH_ESCAPES");
        expect(await Account.where("name", "\\' OR 1=1 -- ").count()).toBe(0);
        const a = await Account.create({ name: "\\' OR 1=1 -- " });
        expect((await Account.findOrFail(a.id)).name).toBe("\\' OR 1=1 -- ");
        await a.forceDelete();
      },
      { connection: "test" },
    );
  });

  it.runIf(dialect.name === "mysql")(
    "with NO_BACKSLASH_ESCAPES on every pooled connection (afterCreate), every API stays inert",
    async () => {
      await reconfigureWithNoBackslashEscapes(dialect, "injection");
      await seed();
      const [[mode]] = (await Account.query().toKnex().client.raw("select @@session.sql_mode as m")) as unknown as [[{ m: string }]];
      expect(mode.m).toContain("NO_BACKSLASH_ESCAPES");
      await assertHostileValuesInert();
    },
  );
});

/** Re-opens connection "test" on the same isolated database with NO_BACKSLASH_ESCAPES set by afterCreate. */
async function reconfigureWithNoBackslashEscapes(target: DialectTarget, tag: string): Promise<void> {
  await closeConnection("test");
  const url = new URL(target.url!);
  url.pathname = `/${`${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "_")}`;
  configureConnection("test", {
    client: "mysql",
    url: url.toString(),
    knex: {
      pool: {
        min: 0,
        max: 4,
        afterCreate(conn: { query(sql: string, cb: (err: Error | null) => void): void }, done: (err: Error | null, conn: unknown) => void) {
          conn.query("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')", (err) => done(err, conn));
        },
      },
    },
  });
}
