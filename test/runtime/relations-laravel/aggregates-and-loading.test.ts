/**
 * Laravel's withSum/withAvg/withMin/withMax/withExists, loadMissing, collection loadCount and
 * refresh() reloading relations, translated; query counts per relation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, loadMissingRelations, loadRelationCounts, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlComment, RlPost, RlRole, RlUser, registerRl } from "./models";

registerRl();

describe.each(sqlDialects())("relation aggregates and loading on $name", (dialect) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_aggs");
    await migrate([...RL_MODELS]);
    const [ada, bob] = await RlUser.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Cy" }]);
    const posts = await ada!.related("posts").createMany([
      { title: "a1", votes: 2 },
      { title: "a2", votes: 5 },
    ]);
    await bob!.related("posts").create({ title: "b1", votes: 4 });
    await posts[0]!.related("comments").createMany([{ body: "x" }, { body: "y" }]);
    const [r1, r2] = await RlRole.createMany([{ name: "admin" }, { name: "dev" }]);
    await ada!.related("roles").attach([r1!.id, r2!.id]);
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  it("withSum / withAvg / withMin / withMax: Laravel's attribute names and empty results, one query each", async () => {
    const { result: users, count } = await withQueryCount(() =>
      RlUser.query()
        .withSum("posts", "votes")
        .withAvg("posts", "votes")
        .withMin("posts", "votes")
        .withMax({ "posts as best": (q) => q.where("votes", "<", 5) }, "votes")
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(5);
    expect(users.map((u) => [u.get("posts_sum_votes"), u.get("posts_avg_votes"), u.get("posts_min_votes"), u.get("best")])).toEqual([
      [7, 3.5, 2, 2],
      [4, 4, 4, 4],
      [0, null, null, null],
    ]);
    expect(() => RlUser.query().withSum("posts", "votez")).toThrow(/unknown column 'votez' on RlPost. Did you mean 'votes'\?/);
    expect(() => RlUser.query().withSum("postz" as never, "votes")).toThrow(/RlUser has no relation 'postz'/);
  });

  it("withSum over belongsToMany and withExists", async () => {
    const users = await RlUser.query().withMax("roles", "name").withExists("posts", "roles").orderBy("id").get();
    expect(users.map((u) => [u.get("roles_max_name"), u.get("posts_exists"), u.get("roles_exists")])).toEqual([
      ["dev", true, true],
      [null, true, false],
      [null, false, false],
    ]);
  });

  it("loadMissing loads only what is missing, level by level", async () => {
    const users = await RlUser.with("posts").orderBy("id").get();
    const { count } = await withQueryCount(() => loadMissingRelations(users, "posts", "posts.comments", "roles"));
    expect(count).toBe(2); // comments and roles; posts were loaded
    expect(
      users[0]!
        .posts!.find((p) => p.title === "a1")!
        .comments!.map((c) => c.body)
        .sort(),
    ).toEqual(["x", "y"]);
    const again = await withQueryCount(() => users[0]!.loadMissing("posts.comments", "roles"));
    expect(again.count).toBe(0);
  });

  it("collection loadCount: one query for all models", async () => {
    const users = await RlUser.query().orderBy("id").get();
    const { count } = await withQueryCount(() => loadRelationCounts(users, "posts", { "roles as role_total": true }));
    expect(count).toBe(2);
    expect(users.map((u) => [u.get("posts_count"), u.get("role_total")])).toEqual([
      [2, 2],
      [1, 0],
      [0, 0],
    ]);
  });

  it("refresh() re-reads the row and reloads the loaded relations", async () => {
    const ada = (await RlUser.with("posts").where("name", "Ada").first())!;
    await RlPost.create({ rl_user_id: ada.id, title: "a3" });
    await RlUser.where("name", "Ada").update({ name: "Ada L." });
    await ada.refresh();
    expect(ada.name).toBe("Ada L.");
    expect(ada.posts!.map((p) => p.title).sort()).toEqual(["a1", "a2", "a3"]);
    const comment = (await RlComment.with("commentable").first())!;
    await comment.refresh();
    expect((comment.commentable as RlPost).title).toBe("a1");
  });
});
