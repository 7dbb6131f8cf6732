/**
 * SQLite keeps one pooled connection; inside transaction() that connection is the transaction's.
 * A query sent to the pool from there would wait for the transaction forever (knex's 60 s acquire
 * timeout at best): it must fail at once with an error that names the fix, and lose nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeConnection, configureConnection, getConnection, inTransaction, transaction } from "eloquent-orm";

const NAME = "trxpool";

describe("a pool query inside a SQLite transaction", () => {
  beforeAll(async () => {
    configureConnection(NAME, { client: "sqlite", filename: ":memory:" });
    await getConnection(NAME).knex.raw("create table notes (id integer primary key, body text)");
  });
  afterAll(() => closeConnection(NAME));

  it("fails fast with an error naming trx.raw, and the transaction still commits its own work", async () => {
    let caught: unknown;
    await transaction(
      async (trx) => {
        await trx("notes").insert({ id: 1, body: "kept" });
        caught = await getConnection(NAME)
          .knex.raw("select count(*) as n from notes")
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        await trx("notes").insert({ id: 2, body: "also kept" });
      },
      { connection: NAME },
    );
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(/Connection 'trxpool' \(sqlite\) has a pool of one connection/);
    expect((caught as Error).message).toMatch(/trx\.raw\(/);
    expect(await getConnection(NAME).knex("notes").orderBy("id").pluck("body")).toEqual(["kept", "also kept"]);
  });

  it("the pool works again after the transaction, also from a continuation started inside it", async () => {
    let later: Promise<unknown> | undefined;
    await transaction(
      async () => {
        // not awaited here: runs once the transaction has released the connection
        later = new Promise((resolve) => setTimeout(resolve, 20)).then(() => getConnection(NAME).knex("notes").count({ n: "*" }));
      },
      { connection: NAME },
    );
    expect(inTransaction(NAME)).toBe(false);
    expect(await later).toEqual([{ n: 2 }]);
    expect(await getConnection(NAME).knex("notes").count({ n: "*" })).toEqual([{ n: 2 }]);
  });

  it("nested transaction() still uses a savepoint on the held connection", async () => {
    await transaction(
      async () => {
        await transaction(async (inner) => void (await inner("notes").insert({ id: 3, body: "nested" })), { connection: NAME });
      },
      { connection: NAME },
    );
    expect(await getConnection(NAME).knex("notes").pluck("id")).toEqual([1, 2, 3]);
  });
});
