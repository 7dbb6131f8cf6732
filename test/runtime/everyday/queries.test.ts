/** Aggregates, value/sole/findMany/destroy, orderByDesc, when, whereBetween, or-forms, counters — every dialect. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate, ModelNotFoundError, MultipleRecordsFoundError, transaction } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { EVERYDAY, EvProduct, EvShop, EvTag, registerEveryday } from "./models";

registerEveryday();

describe.each(sqlDialects())("everyday queries on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let north: EvShop;
  let south: EvShop;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_q");
    await migrate([...EVERYDAY]);
  });
  afterAll(async () => {
    await dropTables([...EVERYDAY]);
    await teardown();
  });
  beforeEach(async () => {
    await EvProduct.query().withTrashed().forceDelete();
    await north?.related("tags").detach();
    await EvShop.query().forceDelete();
    await EvTag.query().forceDelete();
    north = await EvShop.create({ name: "North" });
    south = await EvShop.create({ name: "South" });
    await EvProduct.createMany([
      { shop_id: north.id, sku: "a", name: "Axe", price: 10, stock: 1, released_at: new Date("2024-01-01T00:00:00Z") },
      { shop_id: north.id, sku: "b", name: "Bow", price: 25, stock: 0, released_at: new Date("2024-06-01T00:00:00Z") },
      { shop_id: south.id, sku: "c", name: "Cap", price: 4, stock: 7, released_at: null },
    ]);
  });

  it("sum/avg/min/max over the query: Laravel's results, soft-deleted rows excluded", async () => {
    expect(await EvProduct.sum("price")).toBe(39);
    expect(await EvProduct.query().where("shop_id", north.id).avg("price")).toBe(17.5);
    expect(await EvProduct.query().average("stock")).toBeCloseTo(8 / 3);
    expect(await EvProduct.min("price")).toBe(4);
    expect(await EvProduct.max("price")).toBe(25);
    expect(await EvProduct.max("name")).toBe("Cap");
    const latest = await EvProduct.max("released_at");
    expect(latest).toBeInstanceOf(Date);
    expect((latest as Date).toISOString()).toBe("2024-06-01T00:00:00.000Z");
    // no rows: sum is 0, the others null
    const none = EvProduct.query().where("price", ">", 1000);
    expect(await none.clone().sum("price")).toBe(0);
    expect(await none.clone().avg("price")).toBeNull();
    expect(await none.clone().min("price")).toBeNull();
    expect(await none.clone().max("price")).toBeNull();
    await (await EvProduct.query().where("sku", "b").firstOrFail()).delete();
    expect(await EvProduct.sum("price")).toBe(14);
    expect(await EvProduct.query().withTrashed().sum("price")).toBe(39);
    await expect(EvProduct.sum("prise" as never)).rejects.toThrow(/EvProduct\.sum\(\): unknown column 'prise'.*Did you mean 'price'/);
  });

  it("aggregates on relation queries apply to the related rows only", async () => {
    expect(await north.related("products").sum("price")).toBe(35);
    expect(await north.related("products").where("stock", ">", 0).sum("price")).toBe(10);
    expect(await south.related("products").max("price")).toBe(4);
    expect(await north.related("products").count()).toBe(2);
    const empty = await EvShop.create({ name: "Empty" });
    expect(await empty.related("products").sum("price")).toBe(0);
    expect(await empty.related("products").avg("price")).toBeNull();
    const cap = await EvProduct.query().where("sku", "c").firstOrFail();
    expect(await cap.related("shop").max("name")).toBe("South");
    const [t1, t2] = await EvTag.createMany([
      { name: "x", weight: 3 },
      { name: "y", weight: 4 },
    ]);
    await EvTag.create({ name: "z", weight: 100 });
    await north.related("tags").attach([t1!.id, t2!.id]);
    expect(await north.related("tags").sum("weight")).toBe(7);
    expect(await south.related("tags").sum("weight")).toBe(0);
  });

  it("value, sole, findMany, destroy", async () => {
    expect(await EvProduct.query().where("sku", "b").value("price")).toBe(25);
    expect(await EvProduct.query().where("sku", "zz").value("price")).toBeNull();
    expect((await EvProduct.query().where("sku", "a").sole()).name).toBe("Axe");
    await expect(EvProduct.query().where("sku", "zz").sole()).rejects.toThrow(ModelNotFoundError);
    await expect(EvProduct.query().where("shop_id", north.id).sole()).rejects.toThrow(MultipleRecordsFoundError);
    const ids = await EvProduct.query().orderBy("sku").pluck("id");
    const found = await EvProduct.findMany([ids[0], ids[2], 999_999]);
    expect(found.map((p) => p.sku).sort()).toEqual(["a", "c"]);
    expect(await EvProduct.findMany([])).toEqual([]);
    expect(await EvProduct.destroy([ids[0], 999_999])).toBe(1);
    expect(await EvProduct.destroy(ids[1])).toBe(1);
    expect(await EvProduct.query().pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().onlyTrashed().count()).toBe(2); // destroy deletes softly, as delete() does
  });

  it("orderByDesc, when/unless, whereBetween, orWhereNull/NotNull/In/NotIn", async () => {
    expect(await EvProduct.orderByDesc("price").pluck("sku")).toEqual(["b", "a", "c"]);
    const search = (term: string | undefined) =>
      EvProduct.query()
        .when(term, (q, t) => q.where("name", "like", `${t}%`))
        .orderBy("sku")
        .pluck("sku");
    expect(await search("B")).toEqual(["b"]);
    expect(await search(undefined)).toEqual(["a", "b", "c"]);
    expect(
      await EvProduct.query()
        .unless(
          true,
          (q) => q.where("sku", "a"),
          (q) => q.where("sku", "c"),
        )
        .pluck("sku"),
    ).toEqual(["c"]);
    expect(await EvProduct.whereBetween("price", [5, 25]).orderBy("sku").pluck("sku")).toEqual(["a", "b"]);
    expect(await EvProduct.query().whereNotBetween("price", [5, 25]).pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().where("sku", "a").orWhereBetween("price", [1, 5]).orderBy("sku").pluck("sku")).toEqual(["a", "c"]);
    const range = new Date("2023-12-01T00:00:00Z");
    expect(
      await EvProduct.query()
        .whereBetween("released_at", [range, new Date("2024-02-01T00:00:00Z")])
        .pluck("sku"),
    ).toEqual(["a"]);
    expect(await EvProduct.query().where("sku", "a").orWhereNull("released_at").orderBy("sku").pluck("sku")).toEqual(["a", "c"]);
    expect(await EvProduct.query().where("sku", "c").orWhereNotNull("released_at").count()).toBe(3);
    expect(await EvProduct.query().where("sku", "a").orWhereNotIn("sku", ["a", "b"]).orderBy("sku").pluck("sku")).toEqual(["a", "c"]);
    // or-clauses stay grouped: the soft-delete scope still applies to every branch
    await (await EvProduct.query().where("sku", "c").firstOrFail()).delete();
    expect(await EvProduct.query().where("sku", "a").orWhereNull("released_at").pluck("sku")).toEqual(["a"]);
    expect(() => EvProduct.query().whereBetween("price", [1] as never)).toThrow(/expected \[low, high\]/);
  });

  it('where on a JSON path ("settings->a->b") compares the scalar there', async () => {
    await EvShop.query()
      .where("id", north.id)
      .update({ settings: { theme: "dark", size: 3, beta: true, address: { city: "Lisbon" }, tags: ["a", "b"] } });
    await EvShop.query()
      .where("id", south.id)
      .update({ settings: { theme: "light", size: 10, beta: false } });
    const names = (q: PromiseLike<EvShop[]>) => Promise.resolve(q).then((rows) => rows.map((r) => r.name).sort());
    expect(await names(EvShop.where("settings->theme", "dark"))).toEqual(["North"]);
    expect(await names(EvShop.where("settings->address->city", "Lisbon"))).toEqual(["North"]);
    expect(await names(EvShop.where("settings->tags->1", "b"))).toEqual(["North"]);
    expect(await names(EvShop.where("settings->beta", false))).toEqual(["South"]);
    expect(await names(EvShop.where("settings->size", 10))).toEqual(["South"]);
    expect(await names(EvShop.where("settings->theme", "!=", "dark"))).toEqual(["South"]);
    expect(await names(EvShop.where("settings->address->city", null))).toEqual(["South"]);
    expect(await names(EvShop.where("settings->theme", "light").orWhere("settings->beta", true))).toEqual(["North", "South"]);
    expect(() => EvShop.where("name->x" as never, 1)).toThrow(/'name' is not a json column/);
    expect(() => EvShop.where("settings->a b" as never, 1)).toThrow(/path segment 'a b'/);
    expect(() => EvShop.where("setings->theme" as never, 1)).toThrow(/unknown column 'setings'.*Did you mean 'settings'/);
  });

  it("join/leftJoin another model's table; joined columns are checked too", async () => {
    const shops = EvShop.meta().table;
    const products = EvProduct.meta().table;
    const joined = EvProduct.query().join(EvShop, `${shops}.id`, "=", `${products}.shop_id`);
    expect(
      await joined
        .clone()
        .where(`${shops}.name` as never, "North")
        .orderBy("sku")
        .pluck("sku"),
    ).toEqual(["a", "b"]);
    const rows = await joined.clone().orderBy("sku").get();
    expect(rows.map((p) => p.sku)).toEqual(["a", "b", "c"]);
    expect(rows[0]!.name).toBe("Axe"); // the product's own columns, not the shop's name
    expect(
      await joined
        .clone()
        .where(`${shops}.name` as never, "South")
        .sum("price"),
    ).toBe(4);
    await EvProduct.create({ sku: "o", name: "Orphan", price: 1, shop_id: null });
    const left = await EvProduct.query()
      .leftJoin("EvShop", `${shops}.id`, "=", `${products}.shop_id`)
      .whereNull(`${shops}.id` as never)
      .pluck("sku");
    expect(left).toEqual(["o"]);
    expect(() => EvProduct.query().join(EvShop, `${shops}.nam`, "=", `${products}.shop_id`)).toThrow(
      /unknown column 'nam' on joined table .*Did you mean 'name'/,
    );
    expect(() => EvProduct.query().join("EvShoop", `${shops}.id`, "=", `${products}.shop_id`)).toThrow(
      /registered model name\. Did you mean 'EvShop'/,
    );
    expect(() => EvProduct.query().where("ev_nothing.id" as never, 1)).toThrow(/unknown column/);
  });

  it("whereDate/whereYear/whereMonth/whereDay compare in UTC", async () => {
    await EvProduct.query()
      .where("sku", "c")
      .update({ released_at: new Date("2023-12-31T23:30:00Z") });
    expect(await EvProduct.query().whereDate("released_at", "2024-06-01").pluck("sku")).toEqual(["b"]);
    expect(await EvProduct.query().whereDate("released_at", new Date("2023-12-31T23:59:00Z")).pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().whereDate("released_at", "<", "2024-01-01").pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().whereYear("released_at", 2024).orderBy("sku").pluck("sku")).toEqual(["a", "b"]);
    expect(await EvProduct.query().whereYear("released_at", "<", 2024).pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().whereMonth("released_at", ">", 3).orderBy("sku").pluck("sku")).toEqual(["b", "c"]);
    expect(await EvProduct.query().whereDay("released_at", 31).pluck("sku")).toEqual(["c"]);
    expect(await EvProduct.query().where("sku", "a").orWhereDate("released_at", "2024-06-01").orderBy("sku").pluck("sku")).toEqual([
      "a",
      "b",
    ]);
    if (dialect.name === "pg") {
      // the session's time zone does not move the date (23:30 UTC is already Jan 1st in Auckland)
      await transaction(
        async (trx) => {
          await trx.raw("SET LOCAL TIME ZONE 'Pacific/Auckland'");
          expect(await EvProduct.query().whereDate("released_at", "2023-12-31").pluck("sku")).toEqual(["c"]);
        },
        { connection: "test" },
      );
    }
    expect(() => EvProduct.query().whereDate("released_at", "June 1st")).toThrow(/expected a Date or a "YYYY-MM-DD" string/);
    expect(() => EvProduct.query().whereYear("released_at", "like", 2024)).toThrow(/comparison operator/);
  });

  it("increment/decrement are atomic updates, with extra columns, and update the model", async () => {
    const axe = await EvProduct.query().where("sku", "a").firstOrFail();
    const stale = await EvProduct.findOrFail(axe.id);
    const { queries } = await withQueryCount(() => axe.increment("views"));
    expect(queries).toHaveLength(1);
    expect(queries[0]!.sql.toLowerCase()).toMatch(/^update .* set .*views.* = .*views.* \+/);
    expect(axe.views).toBe(1);
    expect(axe.isDirty()).toBe(false);
    await stale.increment("views", 5, { name: "Axe II" }); // a stale copy still adds to the stored value
    const fresh = await axe.fresh();
    expect(fresh!.views).toBe(6);
    expect(fresh!.name).toBe("Axe II");
    await fresh!.decrement("stock", 3);
    expect(fresh!.stock).toBe(-2);
    expect((await EvProduct.findOrFail(axe.id)).stock).toBe(-2);
    expect(await EvProduct.query().where("shop_id", north.id).increment("price", 10)).toBe(2);
    expect(await EvProduct.query().orderBy("sku").pluck("price")).toEqual([20, 35, 4]);
    await expect(EvProduct.query().increment("price", Number.NaN)).rejects.toThrow(/the amount must be a finite number/);
  });

  it("touch() sets updated_at and saves", async () => {
    const shop = await EvShop.findOrFail(north.id);
    const old = new Date("2020-01-01T00:00:00Z");
    await EvShop.query()
      .where("id", shop.id)
      .update({ updated_at: old } as never);
    await shop.refresh();
    expect(await shop.touch()).toBe(true);
    const reread = await EvShop.findOrFail(shop.id);
    expect(reread.updated_at!.getTime()).toBeGreaterThan(old.getTime());
    expect(await new EvTag({ name: "t" }).touch()).toBe(false); // no timestamps
  });
});

describe.each(sqlDialects())("grouping and raw SQL on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_group");
    await migrate([...EVERYDAY]);
    const [a, b] = await EvShop.createMany([{ name: "A" }, { name: "B" }]);
    await EvProduct.createMany([
      { shop_id: a!.id, sku: "g1", name: "one", price: 10, stock: 10 },
      { shop_id: a!.id, sku: "g2", name: "two", price: 20, stock: 5 },
      { shop_id: b!.id, sku: "g3", name: "three", price: 5, stock: 5 },
      { shop_id: null, sku: "g4", name: "four", price: 1, stock: 0 },
    ]);
  });
  afterAll(async () => {
    await dropTables([...EVERYDAY]);
    await teardown();
  });

  it("groupBy + selectRaw + having (column) / havingRaw + orderByRaw, values bound", async () => {
    const rows = await EvProduct.query()
      .select("shop_id")
      .selectRaw("sum(price) as total, count(*) as n")
      .whereNotNull("shop_id")
      .groupBy("shop_id")
      .having("shop_id", ">", 0)
      .havingRaw("sum(price) > ?", [6])
      .orderByRaw("sum(price) desc")
      .get();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.get("total"))).toBe(30);
    expect(Number(rows[0]!.get("n"))).toBe(2);
    const viaRaw = await EvProduct.query().select("shop_id").groupBy("shop_id").havingRaw("count(*) > ?", [1]).pluck("shop_id");
    expect(viaRaw).toHaveLength(1);
    expect(() => EvProduct.query().groupBy("shop" as never)).toThrow(/unknown column 'shop'/);
    expect(() => EvProduct.query().having("stok" as never, ">", 1)).toThrow(/having\(\): unknown column 'stok'.*Did you mean 'stock'/);
  });

  it("whereRaw/orWhereRaw bind values; a placeholder/binding mismatch is an error, not interpolation", async () => {
    expect(await EvProduct.query().whereRaw("price > ?", [9]).orderBy("sku").pluck("sku")).toEqual(["g1", "g2"]);
    expect(await EvProduct.query().where("sku", "g4").orWhereRaw("stock = ?", [10]).orderBy("sku").pluck("sku")).toEqual(["g1", "g4"]);
    const evil = "0; drop table ev_products";
    expect(await EvProduct.query().whereRaw("name = ?", [evil]).count()).toBe(0);
    expect(() => EvProduct.query().whereRaw("price > ?", [])).toThrow(/1 placeholder\(s\) but 0 binding\(s\)/);
    expect(() => EvProduct.query().whereRaw("price > 1", "x" as never)).toThrow(/bindings must be an array/);
    expect(await EvProduct.count()).toBe(4);
  });

  it("distinct, whereColumn, inRandomOrder, locks inside a transaction", async () => {
    expect(await EvProduct.query().select("stock").distinct().orderBy("stock").pluck("stock")).toEqual([0, 5, 10]);
    const distinctRows = await EvProduct.query().select("stock").distinct().get();
    expect(distinctRows).toHaveLength(3);
    expect(await EvProduct.query().select("stock").distinct().count()).toBe(3); // counts the distinct rows
    expect(await EvProduct.query().select("shop_id").groupBy("shop_id").count()).toBe(3); // counts the groups (null is one)
    expect(await EvProduct.query().whereColumn("price", "stock").pluck("sku")).toEqual(["g1", "g3"]);
    expect(await EvProduct.query().whereColumn("price", ">", "stock").orderBy("sku").pluck("sku")).toEqual(["g2", "g4"]);
    expect(() => EvProduct.query().whereColumn("price", "like", "stock")).toThrow(/comparison operator/);
    const shuffled = await EvProduct.query().inRandomOrder().pluck("sku");
    expect([...shuffled].sort()).toEqual(["g1", "g2", "g3", "g4"]);
    await transaction(
      async () => {
        const locked = await EvProduct.query().where("sku", "g1").lockForUpdate().firstOrFail();
        await locked.increment("stock");
        expect(await EvProduct.query().where("sku", "g2").sharedLock().value("price")).toBe(20);
      },
      { connection: "test" },
    );
    const sql = EvProduct.query().lockForUpdate().toKnex().toSQL().sql.toLowerCase();
    if (dialect.name === "sqlite") expect(sql).not.toContain("for update");
    else expect(sql).toContain("for update");
  });
});
