/**
 * belongsToMany eager loading on SQLite with statistics: the query must read the pivot through
 * its owner-key index and probe the target by primary key. With ANALYZE data and a few thousand
 * owner keys, `from tags join post_tags` makes SQLite scan every tag and probe the pivot per tag
 * and key (22× the floor in bench/eager W3); the runtime starts from the pivot and pins the order.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, getConnection, migrate } from "eloquent-orm";
import { useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, Post, registerBlog, Tag } from "./blog-models";

registerBlog();

const POSTS = 5_000;
const TAGS = 1_000;
const TAGS_PER_POST = 5;

async function plan(sql: string, bindings: readonly unknown[]): Promise<string[]> {
  const rows = (await getConnection("test").knex.raw(`explain query plan ${sql}`, bindings as never[])) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

describe("belongsToMany join order on an ANALYZEd SQLite database", () => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect({ name: "sqlite" }, "pivot_plan");
    await migrate([...BLOG]);
    const knex = getConnection("test").knex;
    await knex.transaction(async (trx) => {
      await trx("users").insert({ name: "Ada" });
      await trx.batchInsert(
        "tags",
        Array.from({ length: TAGS }, (_, i) => ({ name: `tag ${i + 1}` })),
        400,
      );
      await trx.batchInsert(
        "posts",
        Array.from({ length: POSTS }, (_, i) => ({ user_id: 1, title: `post ${i + 1}` })),
        300,
      );
      const pivot = [];
      for (let p = 1; p <= POSTS; p++)
        for (let j = 0; j < TAGS_PER_POST; j++) pivot.push({ post_id: p, tag_id: ((p * 7 + j * 131) % TAGS) + 1 });
      await trx.batchInsert("post_tags", pivot, 400);
    });
    await knex.raw("analyze"); // statistics, as long-lived databases have (PRAGMA optimize)
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });

  it("the fixture reproduces the trap: joining from the target scans it", async () => {
    const keys = Array.from({ length: POSTS }, (_, i) => i + 1);
    const old = getConnection("test")
      .knex("tags")
      .select("tags.*")
      .innerJoin("post_tags", "post_tags.tag_id", "tags.id")
      .whereIn("post_tags.post_id", keys)
      .toSQL();
    expect((await plan(old.sql, old.bindings)).join("\n")).toMatch(/^SCAN tags/m);
  });

  it("with('tags') searches the pivot by its owner key first and never scans the target", async () => {
    const { result, queries } = await withQueryCount(() => Post.query().with("tags").get());
    expect(result).toHaveLength(POSTS);
    expect((result[42]!.tags as Tag[]).length).toBe(TAGS_PER_POST);
    const join = queries.find((q) => /post_tags/.test(q.sql))!;
    const steps = await plan(join.sql, join.bindings);
    // every post is requested, so reading the whole pivot first is as good as searching it
    expect(steps[0]).toMatch(/^(SCAN post_tags|SEARCH post_tags USING .*\(post_id=\?\))/);
    expect(steps.join("\n")).toMatch(/SEARCH tags USING INTEGER PRIMARY KEY \(rowid=\?\)/);
    expect(steps.join("\n")).not.toMatch(/SCAN tags/);
  });

  it("withCount('tags') takes the same order", async () => {
    const { result, queries } = await withQueryCount(() => Post.query().withCount("tags").get());
    expect(result.every((p) => p.get("tags_count") === TAGS_PER_POST)).toBe(true);
    const count = queries.find((q) => /post_tags/.test(q.sql))!;
    const steps = await plan(count.sql, count.bindings);
    expect(steps[0]).toMatch(/^(SCAN post_tags|SEARCH post_tags USING .*\(post_id=\?\))/);
    expect(steps.join("\n")).not.toMatch(/SCAN tags/);
  });
});
