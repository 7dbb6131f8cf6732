/** MongoModel.upsert (one ordered bulk write per chunk) and sum/avg/min/max, on the embedded store and a server. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { column, MongoModel, MongoUpsertError, registerModels } from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";

type StockAttrs = { id?: string; sku?: string; name?: string; qty?: number; price?: number; created_at?: Date; updated_at?: Date };
class EvStock extends MongoModel<StockAttrs> {
  static connectionName = "mongo";
  static schema = {
    sku: column("string", 40, { unique: true }),
    name: column("string", 255),
    qty: column("int", { default: 0 }),
    price: column("float", { nullable: true }),
    timestamps: column("timestamps"),
  };
}
type CounterAttrs = { id?: number; code?: string; hits?: number };
class EvCounted extends MongoModel<CounterAttrs> {
  static connectionName = "mongo";
  static schema = { id: column("increments", { primary: true }), code: column("string", 20), hits: column("int") };
}
registerModels([EvStock, EvCounted], { logger: false });

describe.each(mongoTargets())("MongoModel upsert and aggregates on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("ev_mongo_upsert", target);
  });
  afterAll(() => teardown());
  beforeEach(async () => {
    await EvStock.query().forceDelete();
    await EvCounted.query().forceDelete();
  });

  it("inserts new rows and updates matches in one bulk write; created_at only on insert", async () => {
    await EvStock.create({ sku: "A", name: "Anvil", qty: 1 });
    const before = (await EvStock.where("sku", "A").first())!;
    await new Promise((r) => setTimeout(r, 5));
    const run = await withCommands(() =>
      EvStock.upsert(
        [
          { sku: "A", name: "Anvil v2", qty: 5 },
          { sku: "B", name: "Bolt", qty: 7 },
        ],
        "sku",
      ),
    );
    expect(run.result).toBe(2);
    expect(run.commands.filter((c) => c.command === "update")).toHaveLength(1);
    const a = (await EvStock.where("sku", "A").first())!;
    expect([a.name, a.qty, a.id]).toEqual(["Anvil v2", 5, before.id]);
    expect(a.created_at).toEqual(before.created_at);
    expect(a.updated_at!.getTime()).toBeGreaterThan(before.updated_at!.getTime());
    const b = (await EvStock.where("sku", "B").first())!;
    expect(b.id).toMatch(/^[0-9a-f]{24}$/);
    expect([b.name, b.qty]).toEqual(["Bolt", 7]);
    expect(b.created_at).toBeInstanceOf(Date);
  });

  it("with update columns, only those change on a match; the rest is written on insert only", async () => {
    await EvStock.create({ sku: "A", name: "Anvil", qty: 1 });
    await EvStock.upsert(
      [
        { sku: "A", name: "ignored", qty: 9 },
        { sku: "C", name: "Cog", qty: 3 },
      ],
      ["sku"],
      ["qty"],
    );
    expect((await EvStock.where("sku", "A").first())!.name).toBe("Anvil");
    expect((await EvStock.where("sku", "A").first())!.qty).toBe(9);
    expect((await EvStock.where("sku", "C").first())!.name).toBe("Cog");
    // update: [] inserts what is missing and leaves matches alone.
    await EvStock.upsert([{ sku: "A", name: "x", qty: 0 }], "sku", []);
    expect((await EvStock.where("sku", "A").first())!.qty).toBe(9);
  });

  it("counter ids for increments keys; upsert by id updates in place", async () => {
    await EvCounted.upsert(
      [
        { code: "x", hits: 1 },
        { code: "y", hits: 2 },
      ],
      "code",
    );
    const ids = (await EvCounted.query().orderBy("code").get()).map((m) => m.id);
    expect(ids.every((id) => typeof id === "number")).toBe(true);
    await EvCounted.upsert([{ id: ids[0], code: "x", hits: 10 }], "id");
    expect((await EvCounted.findOrFail(ids[0])).hits).toBe(10);
    expect(await EvCounted.count()).toBe(2);
  });

  it("names the row and column on bad input", async () => {
    await expect(EvStock.upsert([{ sku: "A", nam: "x" } as never], "sku")).rejects.toThrow(
      /row 0.*'nam' is not a column.*Did you mean 'name'/,
    );
    await expect(EvStock.upsert([{ name: "x" }], "sku")).rejects.toThrow(MongoUpsertError);
    await expect(EvStock.upsert([{ name: "x" }], "sku")).rejects.toThrow(/row 0 has no value for 'sku'/);
    await expect(EvStock.upsert([{ sku: "A" }], "skew" as never)).rejects.toThrow(/uniqueBy names 'skew'.*Did you mean 'sku'/);
    expect(await EvStock.upsert([], "sku")).toBe(0);
  });

  it("sum / avg / min / max over the matching documents, Laravel's empty results", async () => {
    expect(await EvStock.sum("qty")).toBe(0);
    expect(await EvStock.avg("qty")).toBeNull();
    expect(await EvStock.max("qty")).toBeNull();
    await EvStock.createMany([
      { sku: "A", name: "Anvil", qty: 2, price: 1.5 },
      { sku: "B", name: "Bolt", qty: 4, price: 2.5 },
      { sku: "C", name: "Cog", qty: 9 },
    ]);
    expect(await EvStock.sum("qty")).toBe(15);
    expect(await EvStock.query().where("qty", "<", 5).sum("qty")).toBe(6);
    expect(await EvStock.avg("qty")).toBe(5);
    expect(await EvStock.query().average("price")).toBe(2); // a missing value is skipped, as in SQL
    expect(await EvStock.min("qty")).toBe(2);
    expect(await EvStock.max("name")).toBe("Cog");
    expect(await EvStock.query().where("sku", "Z").min("qty")).toBeNull();
    await expect(EvStock.query().sum("qyt" as never)).rejects.toThrow(/qyt/);
  });
});
