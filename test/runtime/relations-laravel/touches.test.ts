/** Laravel's $touches (DatabaseEloquentIntegrationTest::testTouchingParent…), translated. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlComment, RlPost, RlUser, registerRl } from "./models";

registerRl();

const past = new Date("2001-01-01T00:00:00Z");

describe.each(sqlDialects())("touches on $name", (dialect) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_touch");
    await migrate([...RL_MODELS]);
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  it("saving a child sets its parents' updated_at (belongsTo, then morphTo up the chain)", async () => {
    const ada = await RlUser.create({ name: "Ada" });
    const post = await ada.related("posts").create({ title: "p" });
    await RlUser.query().update({ updated_at: past });
    await RlPost.query().update({ updated_at: past });
    const comment = new RlComment();
    comment.body = "c";
    comment.related("commentable").associate(post);
    const { count } = await withQueryCount(() => comment.save());
    expect(count).toBe(2); // insert + touch the post (a query update fires no model events, so not the user)
    expect((await RlPost.findOrFail(post.id)).updated_at!.getTime()).toBeGreaterThan(past.getTime());
    expect((await RlUser.findOrFail(ada.id)).updated_at!.getTime()).toBe(past.getTime());
    await post.update({ title: "p2" });
    expect((await RlUser.findOrFail(ada.id)).updated_at!.getTime()).toBeGreaterThan(past.getTime());
  });

  it("deleting touches too; an unchanged save does not", async () => {
    const bob = await RlUser.create({ name: "Bob" });
    const post = await bob.related("posts").create({ title: "q" });
    await RlUser.where("id", bob.id).update({ updated_at: past });
    const { count } = await withQueryCount(() => post.save());
    expect(count).toBe(0);
    await post.delete();
    expect((await RlUser.findOrFail(bob.id)).updated_at!.getTime()).toBeGreaterThan(past.getTime());
  });

  it("touching a to-many relation is an error naming the fix", async () => {
    class Bad extends RlUser {
      static tableName = "rl_users";
      static touches = ["posts"];
    }
    const bad = new Bad();
    bad.name = "x";
    await expect(bad.save()).rejects.toThrow(/touches names 'posts', a hasMany relation: only belongsTo, morphTo and belongsToMany/);
    expect(await RlUser.where("name", "x").count()).toBe(0); // checked before the write
  });
});
