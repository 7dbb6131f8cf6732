/**
 * Laravel's relation-query tests (DatabaseEloquentHasManyTest, BelongsToTest, BelongsToManyTest …),
 * translated: finders, find-or-write, create/save through the relation, mass writes, associate.
 */
import { afterAll, beforeEach, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate, ModelNotFoundError } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlComment, RlPost, RlRole, RlUser, registerRl } from "./models";

registerRl();

describe.each(sqlDialects())("relation writes on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ada: RlUser;
  let bob: RlUser;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_writes");
  });
  beforeEach(async () => {
    await dropTables([...RL_MODELS]);
    await migrate([...RL_MODELS]);
    ada = await RlUser.create({ name: "Ada" });
    bob = await RlUser.create({ name: "Bob" });
    await ada.related("posts").createMany([
      { title: "a1", votes: 3 },
      { title: "a2", votes: 5 },
    ]);
    await bob.related("posts").create({ title: "b1", votes: 7 });
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  it("find / findOrFail only see the parent's related rows", async () => {
    const b1 = (await RlPost.where("title", "b1").first())!;
    const a1 = (await RlPost.where("title", "a1").first())!;
    expect((await ada.related("posts").find(a1.id))?.title).toBe("a1");
    expect(await ada.related("posts").find(b1.id)).toBeNull();
    expect((await ada.related("posts").find([a1.id, b1.id])).map((p) => p.title)).toEqual(["a1"]);
    await expect(ada.related("posts").findOrFail(b1.id)).rejects.toThrow(ModelNotFoundError);
    await expect(ada.related("posts").findOrFail(b1.id)).rejects.toThrow(/RlUser#\d+\.related\("posts"\)\.find/);
  });

  it("firstOrFail throws naming the relation; first() gives null", async () => {
    expect((await ada.related("posts").where("votes", ">", 4).firstOrFail()).title).toBe("a2");
    await expect(ada.related("posts").where("votes", ">", 100).firstOrFail()).rejects.toThrow(/related\("posts"\)\.firstOrFail\(\)/);
    expect(await ada.related("posts").where("votes", ">", 100).first()).toBeNull();
  });

  it("firstOrNew / firstOrCreate / updateOrCreate look up among the related rows and fill the foreign key", async () => {
    const existing = await ada.related("posts").firstOrCreate({ title: "a1" });
    expect(existing.votes).toBe(3);
    // b1 exists, but not for Ada: a new post of Ada's is created
    const created = await ada.related("posts").firstOrCreate({ title: "b1" }, { votes: 1 });
    expect(created.rl_user_id).toBe(ada.id);
    expect(await RlPost.where("title", "b1").count()).toBe(2);
    const fresh = await ada.related("posts").firstOrNew({ title: "new" });
    expect(fresh.isPersisted()).toBe(false);
    expect(fresh.rl_user_id).toBe(ada.id);
    const updated = await ada.related("posts").updateOrCreate({ title: "a2" }, { votes: 50 });
    expect((await RlPost.findOrFail(updated.id)).votes).toBe(50);
    const made = await bob.related("posts").updateOrCreate({ title: "b9" }, { votes: 9 });
    expect([made.rl_user_id, made.votes]).toEqual([bob.id, 9]);
  });

  it("save / saveMany set the keys; morphMany sets the type too", async () => {
    const post = new RlPost();
    post.title = "orphan";
    await bob.related("posts").save(post);
    expect((await RlPost.findOrFail(post.id)).rl_user_id).toBe(bob.id);
    const [c1, c2] = [new RlComment(), new RlComment()];
    c1.body = "x";
    c2.body = "y";
    await post.related("comments").saveMany([c1, c2]);
    const stored = await RlComment.orderBy("id").get();
    expect(stored.map((c) => [c.commentable_type, c.commentable_id])).toEqual([
      ["RlPost", post.id],
      ["RlPost", post.id],
    ]);
    await expect(bob.related("posts").save(new RlComment() as never)).rejects.toThrow(/expected a RlPost, got RlComment/);
    await expect(new RlUser().related("posts").create({ title: "t" })).rejects.toThrow(/save the RlUser first/);
  });

  it("belongsToMany create / save attach with pivot values", async () => {
    const admin = await ada.related("roles").create({ name: "admin" }, { level: "3" });
    const editor = new RlRole();
    editor.name = "editor";
    await ada.related("roles").save(editor);
    const roles = await ada.related("roles").orderBy("name");
    expect(roles.map((r) => [r.name, r.pivot?.level ?? null])).toEqual([
      ["admin", "3"],
      ["editor", null],
    ]);
    expect((await ada.related("roles").find(admin.id))?.pivot?.level).toBe("3");
    expect(await bob.related("roles").find(admin.id)).toBeNull();
  });

  it("update / delete / restore / forceDelete through the relation touch only its rows, in one statement", async () => {
    const { result: n, count } = await withQueryCount(() => ada.related("posts").where("votes", "<", 5).update({ votes: 0 }));
    expect([n, count]).toEqual([1, 1]);
    expect((await RlPost.orderBy("title").get()).map((p) => [p.title, p.votes])).toEqual([
      ["a1", 0],
      ["a2", 5],
      ["b1", 7],
    ]);
    expect(await ada.related("posts").delete()).toBe(2);
    expect(await RlPost.count()).toBe(1);
    expect(await RlPost.query().onlyTrashed().count()).toBe(2);
    expect(await ada.related("posts").restore()).toBe(2);
    expect(await RlPost.count()).toBe(3);
    expect(await ada.related("posts").where("title", "a1").forceDelete()).toBe(1);
    expect(await RlPost.query().withTrashed().count()).toBe(2);
    const roleless = await RlRole.create({ name: "x" });
    await expect(roleless.related("users").restore()).rejects.toThrow(/RlUser has no softDeletes column/);
  });

  it("associate / dissociate (and assigning the accessor) set the foreign key; save persists it", async () => {
    const post = (await RlPost.where("title", "b1").first())!;
    post.related("user").associate(ada);
    expect(post.rl_user_id).toBe(ada.id);
    expect(post.user?.name).toBe("Ada");
    await post.save();
    expect((await RlPost.findOrFail(post.id)).rl_user_id).toBe(ada.id);
    post.user = bob;
    await post.save();
    expect((await RlPost.findOrFail(post.id)).rl_user_id).toBe(bob.id);
    post.related("user").dissociate();
    expect(post.user).toBeNull();
    await post.save();
    expect((await RlPost.findOrFail(post.id)).rl_user_id).toBeNull();
    // morphTo
    const comment = new RlComment();
    comment.body = "c";
    comment.related("commentable").associate(post);
    await comment.save();
    expect([comment.commentable_type, comment.commentable_id]).toEqual(["RlPost", post.id]);
    // assigning a to-many relation would save nothing: it throws instead
    expect(() => {
      ada.posts = [];
    }).toThrow(/RlUser\.posts = \.\.\.: a hasMany relation cannot be assigned.*related\("posts"\)\.save/);
    expect(() => ada.related("posts").associate(post)).toThrow(/only works on belongsTo\/morphTo/);
    expect(() => post.related("user").associate(new RlUser())).toThrow(/has no id yet; save it first/);
  });
});
