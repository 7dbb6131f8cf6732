/**
 * One rule for bigint and decimal columns on every dialect: they read as strings (typed `string`),
 * every digit kept — also above 2^53 on SQLite (safeIntegers) — while int columns stay numbers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";

type LedgerAttrs = { id?: string; big?: string | null; price?: string | null; qty?: number };

class Ledger extends SqlModel<LedgerAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("bigIncrements", undefined, { primary: true }),
    big: column("bigint", undefined, { nullable: true }),
    price: column("decimal", undefined, { precision: 12, scale: 2, nullable: true }),
    qty: column("int"),
  };
}
registerModels([Ledger], { logger: false });

const BEYOND_2_53 = "9007199254740993"; // 2^53 + 1: a JS number would read 9007199254740992

describe.each(sqlDialects())("bigint and decimal on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "exactnumbers");
    await migrate([Ledger]);
  });
  afterAll(async () => {
    await dropTables([Ledger]);
    await teardown();
  });

  it("bigint and decimal read as exact strings; int stays a number; ids too", async () => {
    const created = await Ledger.create({ big: BEYOND_2_53, price: "12.34", qty: 3 });
    expect(typeof created.id).toBe("string");
    const read = await Ledger.findOrFail(created.id);
    expect(read.id).toBe(created.id);
    expect(read.big).toBe(BEYOND_2_53);
    expect(read.price).toBe("12.34");
    expect(read.qty).toBe(3);
    expect(await Ledger.where("big", BEYOND_2_53).count()).toBe(1);
    expect(await Ledger.query().where("id", created.id).pluck("big")).toEqual([BEYOND_2_53]);
    await read.refresh();
    expect(read.big).toBe(BEYOND_2_53);
    const many = await Ledger.createMany([
      { big: "-9223372036854775808", qty: 1 },
      { big: "9223372036854775807", qty: 2 },
    ]);
    expect(many.every((m) => typeof m.id === "string")).toBe(true);
    expect(
      await Ledger.whereIn(
        "id",
        many.map((m) => m.id),
      )
        .orderBy("qty")
        .pluck("big"),
    ).toEqual(["-9223372036854775808", "9223372036854775807"]);
    expect(read.isDirty()).toBe(false);
    expect(dialect.name).toBeTruthy();
  });
});
