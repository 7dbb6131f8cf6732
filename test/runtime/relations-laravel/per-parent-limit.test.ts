/**
 * Laravel 11's eager limit (DatabaseEloquentIntegrationTest::testEagerLoadingWithLimit…): a limit in an
 * eager constraint applies to each parent, in one query per level (ROW_NUMBER() OVER (PARTITION BY …)).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlPost, RlRole, RlUser, registerRl } from "./models";

registerRl();

describe.each(sqlDialects())("per-parent eager limits on $name", (dialect) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_limits");
    await migrate([...RL_MODELS]);
    const users = await RlUser.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Cy" }]);
    const roles = await RlRole.createMany([{ name: "r1" }, { name: "r2" }, { name: "r3" }]);
    for (const [i, user] of users.entries()) {
      // Ada 5 posts, Bob 3, Cy 1; votes give each post a distinct rank
      const n = [5, 3, 1][i]!;
      await user.related("posts").createMany(Array.from({ length: n }, (_, k) => ({ title: `${user.name}${k}`, votes: k })));
      await user.related("roles").attach(roles.slice(0, 3 - i).map((r) => r.id));
    }
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  it("hasMany: limit and order apply per parent, in one query for the level", async () => {
    const { result: users, count } = await withQueryCount(() =>
      RlUser.with({ posts: (q) => q.orderBy("votes", "desc").limit(2) })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(2);
    expect(users.map((u) => (u.posts ?? []).map((p) => p.title))).toEqual([["Ada4", "Ada3"], ["Bob2", "Bob1"], ["Cy0"]]);
  });

  it("offset counts per parent too; without an order the primary key decides", async () => {
    const users = await RlUser.with({ posts: (q) => q.offset(1).limit(2) })
      .orderBy("id")
      .get();
    expect(users.map((u) => (u.posts ?? []).map((p) => p.title))).toEqual([["Ada1", "Ada2"], ["Bob1", "Bob2"], []]);
  });

  it("the where clauses and soft deletes apply before the window", async () => {
    const ada4 = (await RlPost.where("title", "Ada4").first())!;
    await ada4.delete();
    try {
      const users = await RlUser.with({ posts: (q) => q.where("votes", "<", 3).orderBy("votes", "desc").limit(1) })
        .orderBy("id")
        .get();
      expect(users.map((u) => (u.posts ?? []).map((p) => p.title))).toEqual([["Ada2"], ["Bob2"], ["Cy0"]]);
      const top = await RlUser.with({ posts: (q) => q.orderBy("votes", "desc").limit(1) })
        .orderBy("id")
        .get();
      expect(top[0]!.posts!.map((p) => p.title)).toEqual(["Ada3"]);
    } finally {
      await ada4.restore();
    }
  });

  it("belongsToMany: per-parent limit through the pivot join, pivots kept, one query", async () => {
    const { result: users, count } = await withQueryCount(() =>
      RlUser.with({ roles: (q) => q.orderBy("name", "desc").limit(2) })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(2);
    expect(users.map((u) => (u.roles ?? []).map((r) => r.name))).toEqual([["r3", "r2"], ["r2", "r1"], ["r1"]]);
    expect(users[0]!.roles![0]!.pivot?.rl_user_id).toBe(users[0]!.id);
  });

  it("nested levels: one query per level, each limited per its own parent", async () => {
    const { result: roles, count } = await withQueryCount(() =>
      RlRole.with({ users: (q) => q.orderBy("id").limit(1), "users.posts": (q) => q.orderBy("votes", "desc").limit(1) })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(3);
    expect(roles.map((r) => r.users!.map((u) => [u.name, u.posts!.map((p) => p.title)]))).toEqual([
      [["Ada", ["Ada4"]]],
      [["Ada", ["Ada4"]]],
      [["Ada", ["Ada4"]]],
    ]);
  });

  it("a lazy related().limit() is still a plain limit", async () => {
    const ada = (await RlUser.where("name", "Ada").first())!;
    expect((await ada.related("posts").orderBy("votes").limit(2)).map((p) => p.title)).toEqual(["Ada0", "Ada1"]);
  });
});
