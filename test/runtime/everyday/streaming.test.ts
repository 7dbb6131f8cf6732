/** chunk / chunkById / each / lazy / lazyById / cursor on every dialect. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { EVERYDAY, EvProduct, registerEveryday } from "./models";

registerEveryday();

describe.each(sqlDialects())("streaming reads on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_stream");
    await migrate([...EVERYDAY]);
  });
  afterAll(async () => {
    await dropTables([...EVERYDAY]);
    await teardown();
  });
  beforeEach(async () => {
    await EvProduct.query().withTrashed().forceDelete();
    await EvProduct.createMany(Array.from({ length: 25 }, (_, i) => ({ sku: `s${String(i).padStart(2, "0")}`, name: `p${i}`, price: i })));
  });

  it("chunk pages in order, one query per page; returning false stops", async () => {
    const pages: number[][] = [];
    const { result, count } = await withQueryCount(() =>
      EvProduct.query()
        .where("price", ">=", 6)
        .chunk(10, (models, page) => void pages.push([page, models.length])),
    );
    expect(result).toBe(true);
    expect(pages).toEqual([
      [1, 10],
      [2, 9],
    ]);
    expect(count).toBe(2); // the second page is short: no third query
    const seen: number[] = [];
    const stopped = await EvProduct.chunk(7, (models) => {
      seen.push(...models.map((m) => m.price!));
      return false;
    });
    expect(stopped).toBe(false);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
    await expect(EvProduct.chunk(0, () => undefined)).rejects.toThrow(/chunk size must be a positive integer/);
  });

  it("chunkById is safe while the callback changes the filtered column (chunk is not)", async () => {
    let processed = 0;
    await EvProduct.query()
      .where("stock", 0)
      .chunkById(10, async (models) => {
        processed += models.length;
        for (const m of models) await m.update({ stock: 1 });
      });
    expect(processed).toBe(25);
    expect(await EvProduct.query().where("stock", 0).count()).toBe(0);
    // Laravel's documented pitfall: offset paging over a shrinking result skips rows
    let viaChunk = 0;
    await EvProduct.query()
      .where("stock", 1)
      .chunk(10, async (models) => {
        viaChunk += models.length;
        await EvProduct.query()
          .whereIn(
            "id",
            models.map((m) => m.id!),
          )
          .update({ stock: 2 });
      });
    expect(viaChunk).toBeLessThan(25);
  });

  it("each visits every model and stops on false", async () => {
    const prices: number[] = [];
    await EvProduct.query()
      .orderByDesc("price")
      .each((m) => void prices.push(m.price!), 4);
    expect(prices).toEqual(Array.from({ length: 25 }, (_, i) => 24 - i));
    let n = 0;
    expect(await EvProduct.each(() => ++n < 3)).toBe(false);
    expect(n).toBe(3);
  });

  it("lazy, lazyById and cursor are async iterators holding one page at a time", async () => {
    const { result: viaLazy, count } = await withQueryCount(async () => {
      const out: number[] = [];
      for await (const m of EvProduct.query().where("price", "<", 12).lazy(5)) out.push(m.price!);
      return out;
    });
    expect(viaLazy).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(count).toBe(3); // 5 + 5 + 2 rows
    const byId: string[] = [];
    for await (const m of EvProduct.query().lazyById(10)) {
      byId.push(m.sku!);
      if (m.price! % 2 === 0) await m.delete(); // deleting while iterating by id skips nothing
    }
    expect(byId).toHaveLength(25);
    const cursor: number[] = [];
    for await (const m of EvProduct.cursor()) cursor.push(m.price!);
    expect(cursor).toEqual(Array.from({ length: 12 }, (_, i) => 2 * i + 1));
    // breaking out early runs no further page queries
    const early = await withQueryCount(async () => {
      for await (const m of EvProduct.query().withTrashed().lazy(5)) if (m.price === 1) break;
    });
    expect(early.count).toBe(1);
  });

  it("simplePaginate: one query per page, hasMorePages without a COUNT", async () => {
    const { result, count } = await withQueryCount(() => EvProduct.query().orderBy("price").simplePaginate(10, 3));
    expect(count).toBe(1);
    expect(result.data.map((p) => p.price)).toEqual([20, 21, 22, 23, 24]);
    expect(result.hasMorePages).toBe(false);
    const second = await EvProduct.query().orderBy("price").simplePaginate(10, "2");
    expect(second.hasMorePages).toBe(true);
    expect(second.currentPage).toBe(2);
  });

  it("cursorPaginate walks the query's order by keyset, ties broken by the key; a bad cursor is a clear error", async () => {
    await EvProduct.query().where("price", "<", 10).update({ stock: 3 }); // duplicates in the order column
    const seen: number[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = await EvProduct.query().orderByDesc("stock").orderBy("price").cursorPaginate(4, cursor);
      seen.push(...page.data.map((p) => p.price!));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(7);
    expect(seen).toEqual([...Array.from({ length: 10 }, (_, i) => i), ...Array.from({ length: 15 }, (_, i) => i + 10)]);
    const byDate: string[] = [];
    let c: string | null | undefined;
    do {
      const page = await EvProduct.query().orderBy("created_at").cursorPaginate(10, c);
      byDate.push(...page.data.map((p) => p.sku!));
      c = page.nextCursor;
    } while (c);
    expect(byDate.sort()).toEqual(Array.from({ length: 25 }, (_, i) => `s${String(i).padStart(2, "0")}`));
    await expect(EvProduct.query().cursorPaginate(5, "not-a-cursor")).rejects.toThrow(/invalid cursor/);
  });
});
