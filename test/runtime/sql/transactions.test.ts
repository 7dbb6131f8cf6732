/**
 * Transactions that settle honestly, on every dialect: work scheduled inside a transaction that runs
 * after it settled uses the pool (or the still-open outer transaction); a transaction the database
 * gave up on (PostgreSQL after a caught statement error, MariaDB after a deadlock) throws.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  dropTables,
  getConnection,
  inTransaction,
  migrate,
  onQuery,
  transaction,
  TransactionAbortedError,
  type QueryEvent,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { Account, INTEGRITY, registerIntegrity } from "./integrity-models";

registerIntegrity();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const opts = { connection: "test" };

describe.each(sqlDialects())("transactions on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "transactions");
    await migrate([...INTEGRITY]);
  });
  afterAll(async () => {
    await dropTables([...INTEGRITY]);
    await teardown();
  });
  beforeEach(async () => {
    await Account.query().forceDelete();
  });

  it("work scheduled inside transaction() that runs after the commit uses the pool", async () => {
    let later: Promise<unknown> | undefined;
    await transaction(async () => {
      await Account.create({ name: "inside" });
      later = sleep(30).then(async () => {
        expect(inTransaction("test")).toBe(false);
        return Account.create({ name: "after commit" });
      });
    }, opts);
    await later;
    expect(await Account.query().orderBy("id").pluck("name")).toEqual(["inside", "after commit"]);
  });

  it("work scheduled inside a savepoint that runs after its release joins the still-open outer transaction", async () => {
    let later: Promise<unknown> | undefined;
    await expect(
      transaction(async () => {
        await transaction(async () => {
          later = sleep(20).then(() => Account.create({ name: "scheduled in savepoint" }));
        }, opts);
        await later;
        expect(await Account.count()).toBe(1);
        throw new Error("roll back the outer transaction");
      }, opts),
    ).rejects.toThrow(/roll back the outer/);
    expect(await Account.count()).toBe(0); // it was part of the outer transaction
  });

  it("a statement error caught inside transaction(): PostgreSQL throws (no silent ROLLBACK), the others commit", async () => {
    const unit = transaction(async (trx) => {
      await Account.create({ name: "before the error" });
      await trx.raw("select * from no_such_table_h12").catch(() => undefined);
      if (dialect.name === "pg") {
        await expect(Account.count()).rejects.toThrow(TransactionAbortedError); // at once, not "current transaction is aborted"
      }
    }, opts);
    if (dialect.name === "pg") {
      const error = await unit.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TransactionAbortedError);
      expect((error as Error).message).toMatch(
        /connection 'test' \(PostgreSQL\) was rolled back.*no_such_table_h12.*nested transaction\(\) \(a savepoint\)/,
      );
      expect((error as TransactionAbortedError).cause.message).toMatch(/no_such_table_h12/);
      expect(await Account.count()).toBe(0);
    } else {
      await unit;
      expect(await Account.count()).toBe(1);
    }
  });

  it("a failing statement inside a nested transaction() (savepoint) leaves the outer one committable", async () => {
    await transaction(async () => {
      await Account.create({ name: "kept" });
      await transaction(async (trx) => {
        await trx.raw("select * from no_such_table_h12");
      }, opts).catch(() => undefined);
      await transaction(async (trx) => {
        await trx.raw("select * from no_such_table_h12").catch(() => undefined); // caught inside the savepoint
      }, opts).catch(() => undefined);
      await Account.create({ name: "also kept" });
    }, opts);
    expect(await Account.query().orderBy("id").pluck("name")).toEqual(["kept", "also kept"]);
  });

  it("onQuery reports BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO and COMMIT as transaction events", async () => {
    const events: QueryEvent[] = [];
    const stop = onQuery((e) => events.push(e));
    try {
      await transaction(async () => {
        await Account.create({ name: "t" });
        await transaction(async () => void (await Account.count()), opts);
        await transaction(async () => {
          throw new Error("to the savepoint");
        }, opts).catch(() => undefined);
      }, opts);
      await transaction(async () => {
        throw new Error("whole");
      }, opts).catch(() => undefined);
    } finally {
      stop();
    }
    const control = events
      .filter((e) => e.kind === "transaction")
      .map((e) =>
        e.sql
          .replace(/\s*\w*trx\d+;?$/, "")
          .replace(/;$/, "")
          .toUpperCase(),
      );
    expect(control).toEqual([
      "BEGIN",
      "SAVEPOINT",
      "RELEASE SAVEPOINT",
      "SAVEPOINT",
      "ROLLBACK TO SAVEPOINT",
      "COMMIT",
      "BEGIN",
      "ROLLBACK",
    ]);
    expect(events.filter((e) => e.kind === "query").map((e) => e.sql.split(" ")[0]!.toLowerCase())).toEqual(["insert", "select"]);
    expect(events.every((e) => e.connection === "test")).toBe(true);
  });

  it.runIf(dialect.name === "mysql")(
    "a deadlock caught inside transaction() makes the unit throw (the server rolled it back)",
    async () => {
      const [a, b] = await Account.createMany([{ name: "a" }, { name: "b" }]);
      let lockedA!: () => void;
      let lockedB!: () => void;
      const aHeld = new Promise<void>((r) => (lockedA = r));
      const bHeld = new Promise<void>((r) => (lockedB = r));
      const caught: unknown[] = [];
      const unit = (first: number, second: number, held: () => void, other: Promise<void>) =>
        transaction(async () => {
          await Account.where("id", first).update({ role: "x" });
          held();
          await other;
          try {
            await Account.where("id", second).update({ role: "y" });
          } catch (e) {
            caught.push(e); // user code that swallows the deadlock and goes on
          }
        }, opts);
      const results = await Promise.allSettled([unit(a!.id!, b!.id!, lockedA, bHeld), unit(b!.id!, a!.id!, lockedB, aHeld)]);
      expect(caught).toHaveLength(1);
      expect((caught[0] as { errno?: number }).errno).toBe(1213);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(TransactionAbortedError);
      expect((rejected[0]!.reason as Error).message).toMatch(
        /MySQL\/MariaDB\) was rolled back by the server: deadlock \(errno 1213\).*Retry the whole transaction/,
      );
      // exactly the winner's two updates are stored
      const roles = (await Account.query().orderBy("id").pluck("role")) as string[];
      expect(roles.sort()).toEqual(["x", "y"]);
      expect(getConnection("test").dialect).toBe("mysql");
    },
  );
});
