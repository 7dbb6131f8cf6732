/** Models CRUD, casts, dirty tracking, soft deletes, query builder, query events — on every dialect. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dropTables, migrate, onQuery, SqlQuery } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, Post, registerBlog, User } from "./blog-models";

registerBlog();

describe.each(sqlDialects())("SQL models and queries on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "crud");
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

  it("creates, finds and types attributes; casts booleans, json and timestamps", async () => {
    const ada = await User.create({ name: "Ada", active: true, settings: { theme: "dark", n: [1, 2] } });
    expect(typeof ada.id).toBe("number");
    expect(ada.created_at).toBeInstanceOf(Date);
    const found = await User.findOrFail(ada.id);
    expect(found.name).toBe("Ada");
    expect(found.active).toBe(true);
    expect(found.settings).toEqual({ theme: "dark", n: [1, 2] });
    expect(found.created_at).toBeInstanceOf(Date);
    expect(Math.abs(found.created_at!.getTime() - ada.created_at!.getTime())).toBeLessThan(1000);
    expect(await User.find(999_999)).toBeNull();
    await expect(User.findOrFail(999_999)).rejects.toThrow(/User with primary key 999999 was not found/);
    expect(await User.find(undefined)).toBeNull();
    await expect(User.find({ id: 1 })).rejects.toThrow(
      /User\.find\(\): expected a value of primary key 'id' \(a number or string\), got an object/,
    );
    await expect(User.find([1, 2])).rejects.toThrow(/got an array\. For several ids use User\.whereIn\('id', ids\)/);
  });

  it("toJSON leaks no internals and Object.keys shows nothing internal", async () => {
    const u = await User.create({ name: "Grace", email: "g@example.com" });
    const json = JSON.parse(JSON.stringify(u));
    expect(Object.keys(json).sort()).toEqual(["created_at", "email", "id", "name", "updated_at"]);
    expect(Object.keys(u)).toEqual([]);
  });

  it("save() updates only the changed columns, and nothing when nothing changed", async () => {
    const u = await User.create({ name: "Linus", email: "l@example.com" });
    const { queries } = await withQueryCount(async () => {
      u.name = "Linus T.";
      expect(u.isDirty("name")).toBe(true);
      expect(u.isDirty("email")).toBe(false);
      await u.save();
    });
    expect(queries).toHaveLength(1);
    expect(queries[0]!.sql.toLowerCase()).toMatch(/^update/);
    expect(queries[0]!.sql).toContain("name");
    expect(queries[0]!.sql).not.toContain("email");
    expect(u.isDirty()).toBe(false);
    const none = await withQueryCount(() => u.save());
    expect(none.count).toBe(0);
    expect((await User.findOrFail(u.id)).name).toBe("Linus T.");
  });

  it("update, delete, refresh", async () => {
    const u = await User.create({ name: "Ken" });
    await u.update({ email: "k@example.com" });
    await User.query().where("id", u.id).update({ name: "Ken T." });
    await u.refresh();
    expect(u.name).toBe("Ken T.");
    expect(u.email).toBe("k@example.com");
    await u.delete();
    expect(await User.find(u.id)).toBeNull();
  });

  it("createMany inserts in one statement per run of rows with the same columns, and returns keys", async () => {
    const same = await withQueryCount(() =>
      User.createMany([
        { name: "x", email: "x@x" },
        { name: "y", email: "y@x" },
      ]),
    );
    expect(same.count).toBe(1);
    const { result, count } = await withQueryCount(() => User.createMany([{ name: "a" }, { name: "b", email: "b@x" }, { name: "c" }]));
    expect(count).toBe(3); // a row that omits a column must get the column's default, not NULL
    expect(result.map((u) => u.name)).toEqual(["a", "b", "c"]);
    const ids = result.map((u) => u.id);
    expect(new Set(ids).size).toBe(3);
    const names = await User.whereIn("id", ids).orderBy("id").pluck("name");
    expect(names).toEqual(["a", "b", "c"]);
  });

  it("soft deletes are filtered in SQL", async () => {
    const u = await User.create({ name: "Soft" });
    const keep = await Post.create({ user_id: u.id, title: "keep" });
    const gone = await Post.create({ user_id: u.id, title: "gone" });
    await gone.delete();
    expect(gone.isTrashed()).toBe(true);
    const { result, queries } = await withQueryCount(() => Post.query().get());
    expect(result.map((p) => p.id)).toEqual([keep.id]);
    expect(queries[0]!.sql).toMatch(/deleted_at.*is null/i);
    expect(await Post.query().withTrashed().count()).toBe(2);
    expect((await Post.query().onlyTrashed().get()).map((p) => p.id)).toEqual([gone.id]);
    await gone.restore();
    expect(await Post.count()).toBe(2);
    await gone.forceDelete();
    expect(await Post.query().withTrashed().count()).toBe(1);
  });

  it("where forms, grouped orWhere, whereIn, whereNull, orderBy, limit, offset, paginate, count, exists, pluck", async () => {
    await User.createMany(
      Array.from({ length: 12 }, (_, i) => ({
        name: `u${String(i).padStart(2, "0")}`,
        email: i % 3 === 0 ? null : `u${i}@x`,
        active: i % 2 === 0,
      })),
    );
    expect(await User.where("name", "u01").count()).toBe(1);
    expect(await User.where("name", ">=", "u10").count()).toBe(2);
    expect(await User.where({ active: true, email: null }).count()).toBe(2); // u00, u06
    expect(await User.query().whereNull("email").count()).toBe(4);
    expect(await User.query().whereNotNull("email").count()).toBe(8);
    // (active = false) AND (name = u00 OR name = u03): grouped, so the OR does not leak
    const grouped = await User.where("active", false)
      .where((q) => q.where("name", "u00").orWhere("name", "u03"))
      .pluck("name");
    expect(grouped).toEqual(["u03"]);
    const page = await User.query().orderBy("name", "desc").paginate(2, 5);
    expect(page.total).toBe(12);
    expect(page.lastPage).toBe(3);
    expect(page.data.map((u) => u.name)).toEqual(["u06", "u05", "u04", "u03", "u02"]);
    expect((await User.query().orderBy("name").offset(10).get()).map((u) => u.name)).toEqual(["u10", "u11"]);
    expect(await User.where("name", "nobody").exists()).toBe(false);
    expect(await User.where("name", "u11").exists()).toBe(true);
    expect(await User.whereIn("name", ["u01", "u02", "zz"]).count()).toBe(2);
    expect(await User.query().whereNotIn("name", ["u01"]).count()).toBe(11);
    expect((await User.where("name", "like", "u1%").orderBy("name").first())?.name).toBe("u10");
  });

  it("unknown columns and bad operators are clear errors, with did-you-mean", async () => {
    expect(() => User.where("nmae" as never, "x")).toThrow(/unknown column 'nmae' on table users\. Did you mean 'name'\?/);
    expect(() => User.query().orderBy("name; drop table users" as never)).toThrow(/unknown column/);
    expect(() => User.where("name", "=>" as never, "x")).toThrow(/unknown operator/);
    await expect(User.create({ name: "x", nickname: "y" } as never)).rejects.toThrow(/'nickname' is not a column of users/);
  });

  it("injection: hostile values are stored and read back verbatim", async () => {
    const evil = "'); DROP TABLE users; --";
    const weird = `Robert"); DELETE FROM posts WHERE ("1"="1 \\ \` ?? ? :name $1`;
    const u = await User.create({ name: evil, email: weird });
    const back = await User.where("name", evil).firstOrFail();
    expect(back.id).toBe(u.id);
    expect(back.name).toBe(evil);
    expect(back.email).toBe(weird);
    expect(await User.where({ email: weird }).count()).toBe(1);
    expect(await User.count()).toBeGreaterThan(0); // the table is still there
  });

  it("query events carry SQL, bindings and duration", async () => {
    const events: Array<{ sql: string; bindings: readonly unknown[]; durationMs: number; connection: string }> = [];
    const stop = onQuery((e) => events.push(e));
    await User.where("name", "event-check").get();
    stop();
    await User.count(); // after unsubscribe: not recorded
    expect(events).toHaveLength(1);
    expect(events[0]!.bindings).toContain("event-check");
    expect(events[0]!.sql).not.toContain("event-check");
    expect(events[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect(events[0]!.connection).toBe("test");
  });

  it("the query builder is a typed, awaitable object", async () => {
    await User.create({ name: "Await" });
    const q = User.where("name", "Await");
    expect(q).toBeInstanceOf(SqlQuery);
    const rows = await q;
    expect(rows[0]!.name).toBe("Await");
  });
});
