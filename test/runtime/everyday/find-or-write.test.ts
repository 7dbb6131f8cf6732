/** firstOrNew / firstOrCreate / createOrFirst / updateOrCreate / upsert on every dialect. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate, transaction, UpsertError } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { EVERYDAY, EvAccount, EvProduct, EvShop, registerEveryday } from "./models";

registerEveryday();

describe.each(sqlDialects())("find-or-write and upsert on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_fow");
    await migrate([...EVERYDAY]);
  });
  afterAll(async () => {
    await dropTables([...EVERYDAY]);
    await teardown();
  });
  beforeEach(async () => {
    await EvProduct.query().withTrashed().forceDelete();
    await EvShop.query().forceDelete();
    await EvAccount.query().forceDelete();
  });

  it("firstOrNew returns the match, else an unsaved model of attributes + values", async () => {
    const shop = await EvShop.create({ name: "North" });
    const found = await EvShop.firstOrNew({ name: "North" });
    expect(found.id).toBe(shop.id);
    expect(found.isPersisted()).toBe(true);
    const made = await EvProduct.firstOrNew({ sku: "A-1" }, { name: "Anvil", price: 10 });
    expect(made.isPersisted()).toBe(false);
    expect(made.getAttributes()).toEqual({ sku: "A-1", name: "Anvil", price: 10 });
    expect(await EvProduct.count()).toBe(0);
  });

  it("firstOrCreate finds without writing, else creates once with attributes + values", async () => {
    const first = await EvProduct.firstOrCreate({ sku: "B-1" }, { name: "Bolt", price: 3 });
    expect(first.isPersisted()).toBe(true);
    expect(first.wasRecentlyCreated).toBe(true);
    expect(first.name).toBe("Bolt");
    const again = await withQueryCount(() => EvProduct.firstOrCreate({ sku: "B-1" }, { name: "Other", price: 99 }));
    expect(again.result.id).toBe(first.id);
    expect(again.result.name).toBe("Bolt");
    expect(again.result.wasRecentlyCreated).toBe(false);
    expect(again.count).toBe(1);
    expect(await EvProduct.count()).toBe(1);
    await expect(EvProduct.firstOrCreate({ skew: "x" } as never)).rejects.toThrow(/unknown column 'skew'.*Did you mean 'sku'/);
  });

  it("createOrFirst inserts, and on a unique violation returns the existing row", async () => {
    const a = await EvProduct.createOrFirst({ sku: "C-1" }, { name: "Cog" });
    expect(a.wasRecentlyCreated).toBe(true);
    const b = await EvProduct.createOrFirst({ sku: "C-1" }, { name: "Cog 2" });
    expect(b.id).toBe(a.id);
    expect(b.name).toBe("Cog");
    expect(b.wasRecentlyCreated).toBe(false);
    expect(await EvProduct.count()).toBe(1);
  });

  it("createOrFirst inside a transaction keeps the transaction usable (savepoint)", async () => {
    await EvProduct.create({ sku: "D-1", name: "Dial" });
    await transaction(
      async () => {
        const again = await EvProduct.createOrFirst({ sku: "D-1" }, { name: "Dial 2" });
        expect(again.name).toBe("Dial");
        await EvProduct.create({ sku: "D-2", name: "Disc" }); // PostgreSQL would reject this after an aborted statement
      },
      { connection: "test" },
    );
    expect(await EvProduct.query().orderBy("sku").pluck("sku")).toEqual(["D-1", "D-2"]);
  });

  it("updateOrCreate updates an existing match with the values, else creates", async () => {
    const created = await EvProduct.updateOrCreate({ sku: "E-1" }, { name: "Edge", price: 5 });
    expect(created.wasRecentlyCreated).toBe(true);
    const updated = await EvProduct.updateOrCreate({ sku: "E-1" }, { price: 7 });
    expect(updated.id).toBe(created.id);
    expect(updated.price).toBe(7);
    expect(updated.wasChanged("price")).toBe(true);
    expect((await EvProduct.findOrFail(created.id)).price).toBe(7);
    expect(await EvProduct.count()).toBe(1);
  });

  it("upsert inserts new rows and updates colliding ones in one statement, every non-unique column by default", async () => {
    await EvProduct.create({ sku: "U-1", name: "old", price: 1, stock: 1 });
    const { result, queries } = await withQueryCount(() =>
      EvProduct.upsert(
        [
          { sku: "U-1", name: "new", price: 2, stock: 5 },
          { sku: "U-2", name: "fresh", price: 3, stock: 6 },
        ],
        ["sku"],
      ),
    );
    expect(result).toBe(2);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.sql.toLowerCase()).toMatch(dialect.name === "mysql" ? /on duplicate key update/ : /on conflict .* do update/);
    const rows = await EvProduct.query().orderBy("sku").get();
    expect(rows.map((r) => [r.sku, r.name, r.price, r.stock])).toEqual([
      ["U-1", "new", 2, 5],
      ["U-2", "fresh", 3, 6],
    ]);
    expect(rows[1]!.created_at).toBeInstanceOf(Date);
  });

  it("upsert with update columns only changes those columns of existing rows", async () => {
    const created = await EvProduct.create({ sku: "V-1", name: "keep", price: 1, stock: 1 });
    const before = await EvProduct.findOrFail(created.id);
    await EvProduct.upsert([{ sku: "V-1", name: "ignored", price: 9, stock: 9 }], "sku", ["price"]);
    const after = await EvProduct.findOrFail(before.id);
    expect([after.name, after.price, after.stock]).toEqual(["keep", 9, 1]);
    expect(after.created_at!.getTime()).toBe(before.created_at!.getTime()); // created_at is never part of the update
  });

  it("upsert chunks below the parameter limit and generates uuid keys", async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => ({ sku: `W-${i}`, name: `n${i}`, price: i }));
    expect(await EvProduct.upsert(rows, ["sku"])).toBe(1200);
    expect(await EvProduct.count()).toBe(1200);
    expect(await EvProduct.sum("price")).toBe((1199 * 1200) / 2);
    await EvAccount.upsert([{ name: "a" }, { name: "b" }], ["id"]);
    const ids = await EvAccount.query().pluck("id");
    expect(ids).toHaveLength(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
  });

  it("upsert rejects bad input with errors naming the problem", async () => {
    expect(await EvProduct.upsert([], ["sku"])).toBe(0);
    await expect(EvProduct.upsert([{ sku: "x", name: "y" }], ["skew" as never])).rejects.toThrow(
      /uniqueBy names 'skew'.*Did you mean 'sku'/,
    );
    await expect(EvProduct.upsert([{ sku: "x", name: "y" }, { sku: "z" }], ["sku"])).rejects.toThrow(UpsertError);
    await expect(EvProduct.upsert([{ sku: "x", nme: "y" } as never], ["sku"])).rejects.toThrow(/'nme', which is not a column/);
  });
});
