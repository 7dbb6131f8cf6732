/**
 * Bad values are one clear error on every dialect, not three different driver behaviours: find()
 * with a wrong key type, NaN/Infinity, functions as values; ilike everywhere; firstOrFail names the
 * query; paginate takes numeric strings.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, Post, registerBlog, User } from "./blog-models";

registerBlog();

describe.each(sqlDialects())("value checks on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "valuechecks");
    await migrate([...BLOG]);
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });
  beforeEach(async () => {
    await Post.query().withTrashed().forceDelete();
    await User.query().forceDelete();
  });

  it("find() with a value that cannot be an integer key is one clear error; digit strings work", async () => {
    const u = await User.create({ name: "Ada" });
    for (const bad of ["abc", Number.NaN, true, 1.5, "1 OR 1=1"]) {
      await expect(User.find(bad)).rejects.toThrow(
        /User\.find\(.*\): primary key 'id' is an integer column, so the id must be an integer or a string of digits/,
      );
    }
    await expect(User.findOrFail("abc")).rejects.toThrow(/primary key 'id' is an integer column/);
    expect((await User.find(String(u.id)))?.name).toBe("Ada");
  });

  it("NaN and Infinity are refused with a clear error, in writes and in where()", async () => {
    await expect(Post.create({ user_id: Number.NaN, title: "x" })).rejects.toThrow(
      /Post\.save\(\): got NaN for the int column.*finite number or null/,
    );
    await expect(Post.where("user_id", Number.POSITIVE_INFINITY).get()).rejects.toThrow(/got Infinity/);
    await expect(Post.whereIn("user_id", [1, Number.NEGATIVE_INFINITY]).get()).rejects.toThrow(/got -Infinity/);
    expect(await Post.query().withTrashed().count()).toBe(0);
  });

  it("a function passed as a value is refused, never run as a knex subquery", async () => {
    const u = await User.create({ name: "Ada" });
    const sub = (q: { select(s: string): { from(t: string): unknown } }) => q.select("id").from("users");
    await expect(User.where("id", sub as never).get()).rejects.toThrow(
      /User\.where\(\): got a function as a value.*never run as a subquery/,
    );
    await expect(User.where("id", "=", sub as never).count()).rejects.toThrow(/got a function/);
    await expect(User.whereIn("id", [sub] as never).get()).rejects.toThrow(/got a function/);
    await expect(
      User.query()
        .where("id", u.id)
        .update({ name: sub as never }),
    ).rejects.toThrow(/got a function/);
    expect((await User.findOrFail(u.id)).name).toBe("Ada");
  });

  it("ilike matches case-insensitively on every dialect", async () => {
    await User.createMany([{ name: "Ada Lovelace" }, { name: "grace HOPPER" }, { name: "Linus" }]);
    expect(await User.where("name", "ilike", "%LOVE%").pluck("name")).toEqual(["Ada Lovelace"]);
    expect(await User.where("name", "ilike", "GRACE%").count()).toBe(1);
    expect(await User.where("name", "Linus").orWhere("name", "ilike", "%hopper").count()).toBe(2);
    expect(await User.where("name", "ilike", "nobody%").count()).toBe(0);
  });

  it("firstOrFail() names the query it ran, not a primary key", async () => {
    const error = await User.where("name", "nobody")
      .firstOrFail()
      .then(
        () => undefined,
        (e: Error) => e,
      );
    expect(error?.message).toMatch(/^No User matched the query `select .*users.*name.*` with bindings \["nobody"\]\. .*use first\(\)/);
    expect(error?.message).not.toMatch(/primary key/);
  });

  it("limit and offset are validated integers written into the SQL, not bound (MySQL 8 prepared statements reject a DOUBLE there)", async () => {
    await User.createMany(Array.from({ length: 4 }, (_, i) => ({ name: `l${i}` })));
    const { result, queries } = await withQueryCount(() => User.query().orderBy("name").limit(2).offset(1).get());
    expect(result.map((u) => u.name)).toEqual(["l1", "l2"]);
    expect(queries[0]!.sql).toMatch(/limit 2/i);
    expect(queries[0]!.sql).toMatch(/offset 1/i);
    expect(queries[0]!.bindings).toEqual([]);
    const u = await User.where("name", "l3").firstOrFail();
    await u.refresh();
    expect(u.name).toBe("l3");
    expect(await User.where("name", "l0").exists()).toBe(true);
    expect(() => User.query().limit(-1)).toThrow(/limit\(-1\): expected a non-negative integer/);
    expect(() => User.query().offset("1; drop table users" as never)).toThrow(/expected a non-negative integer/);
  });

  it("paginate() accepts numeric strings (request parameters) and still rejects garbage", async () => {
    await User.createMany(Array.from({ length: 5 }, (_, i) => ({ name: `u${i}` })));
    const page = await User.query().orderBy("name").paginate("2", "2");
    expect(page.currentPage).toBe(2);
    expect(page.perPage).toBe(2);
    expect(page.data.map((u) => u.name)).toEqual(["u2", "u3"]);
    expect(() => User.query().paginate("2abc")).rejects.toThrow(/paginate\(page\)\("2abc"\): expected a non-negative integer/);
    expect(dialect.name).toBeTruthy();
  });
});
