/**
 * A user's whereIn / whereNotIn / orWhereIn with more values than one statement may bind
 * (PostgreSQL/MySQL 65,535, SQLite 32,766) runs as one statement on every dialect, with the right rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, registerBlog, User } from "./blog-models";

registerBlog();

const N = 70_000;

describe.each(sqlDialects())("large IN lists on $name", (dialect) => {
  let teardown: () => Promise<void>;
  const ids: number[] = [];
  beforeAll(async () => {
    teardown = await useDialect(dialect, "largein");
    await migrate([...BLOG]);
    const users = await User.createMany(Array.from({ length: 5 }, (_, i) => ({ name: `u${i}`, email: `u${i}@x` })));
    for (const u of users) ids.push(u.id!);
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });

  it(`whereIn with ${N} integer values: one statement, the matching rows`, async () => {
    const values = Array.from({ length: N }, (_, i) => 1_000_000 + i);
    values.splice(12_345, 0, ids[1]!);
    values.push(ids[3]!);
    const { result, count } = await withQueryCount(() => User.whereIn("id", values).orderBy("id").pluck("name"));
    expect(result).toEqual(["u1", "u3"]);
    expect(count).toBe(1);
    expect(await User.query().whereNotIn("id", values).count()).toBe(3);
    expect(await User.where("name", "u0").orWhereIn("id", values).count()).toBe(3);
  });

  it(`whereIn with ${N} string values, hostile ones included, matches exactly`, async () => {
    const values = Array.from({ length: N }, (_, i) => `nobody-${i}'"\\,{}`);
    values.push("u2@x", "u4@x");
    expect(await User.whereIn("email", values).orderBy("name").pluck("name")).toEqual(["u2", "u4"]);
    expect(dialect.name).toBeTruthy();
  });
});
