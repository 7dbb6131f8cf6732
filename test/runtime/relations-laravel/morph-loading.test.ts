/**
 * Polymorphic loading, translated from Laravel's DatabaseEloquentCollectionLoadMorphTest /
 * loadMorphCount: nested loads (or counts) per parent type of a morphTo, one query per relation per type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, loadMorph, loadMorphCount, migrate, registerModels, relation, RelationError, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

class PiUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "pi_users";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 50) };
}

class PiPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "pi_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    user: relation("belongsTo", "PiUser", { foreignKey: "user_id" }),
    likes: relation("hasMany", "PiLike", { foreignKey: "post_id" }),
  };
}

class PiLike extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "pi_likes";
  static schema = { id: column("increments", undefined, { primary: true }), post_id: column("int") };
}

class PiVideo extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "pi_videos";
  static morphAlias = "video";
  static schema = { id: column("increments", undefined, { primary: true }), title: column("string", 50) };
}

class PiComment extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "pi_comments";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    // nullable, as Laravel's nullableMorphs(): a comment may point at no parent
    commentable_id: column("int", undefined, { nullable: true }),
    commentable_type: column("string", 50, { nullable: true }),
    commentable: relation("morphTo", "PiPost", { morphName: "commentable" }),
  };
}

registerModels([PiUser, PiPost, PiLike, PiVideo, PiComment], { logger: false, strict: false });

describe.each(sqlDialects())("loadMorph / loadMorphCount on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "pi_morph");
    await migrate([PiUser, PiPost, PiLike, PiVideo, PiComment]);
    const [ann, bob] = await PiUser.createMany([{ name: "ann" }, { name: "bob" }]);
    const [p1, p2] = await PiPost.createMany([{ user_id: ann!.id }, { user_id: bob!.id }]);
    await PiLike.createMany([{ post_id: p1!.id }, { post_id: p1!.id }, { post_id: p2!.id }]);
    const [v1] = await PiVideo.createMany([{ title: "v" }]);
    await PiComment.createMany([
      { commentable_id: p1!.id, commentable_type: "PiPost" },
      { commentable_id: p2!.id, commentable_type: "PiPost" },
      { commentable_id: v1!.id, commentable_type: "video" },
    ]);
  });
  afterAll(async () => {
    await dropTables([PiUser, PiPost, PiLike, PiVideo, PiComment]);
    await teardown();
  });

  it("testLoadMorph: loads the morphTo, then each listed type's relations in one query per relation", async () => {
    const comments = await PiComment.orderBy("id").get();
    const { count } = await withQueryCount(() => loadMorph(comments, "commentable", { PiPost: ["user"] }));
    // commentable: one query per parent type (2), then PiPost.user once for both posts.
    expect(count).toBe(3);
    expect(comments.map((c: any) => c.commentable.relationLoaded("user"))).toEqual([true, true, false]);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.user.name)).toEqual(["ann", "bob"]);
    // Already loaded: only the nested query runs.
    const again = await withQueryCount(() => loadMorph(comments, "commentable", { PiPost: "likes" }));
    expect(again.count).toBe(1);
    expect(comments[0]!.commentable.likes).toHaveLength(2);
  });

  it("testLoadMorphCount: counts on the listed types' parents only", async () => {
    const comments = await PiComment.with("commentable").orderBy("id").get();
    const { count } = await withQueryCount(() => loadMorphCount(comments, "commentable", { PiPost: ["likes"] }));
    expect(count).toBe(1);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.likes_count)).toEqual([2, 1]);
    expect(comments[2]!.commentable.getAttributes().likes_count).toBeUndefined();
  });

  it("morphWith / morphWithCount in a morphTo eager constraint: nested loads and counts per parent type", async () => {
    const { result: comments, count } = await withQueryCount(() =>
      PiComment.with({ commentable: (morphTo: any) => morphTo.morphWith({ PiPost: ["user"] }).morphWithCount({ PiPost: "likes" }) })
        .orderBy("id")
        .get(),
    );
    // comments, posts, videos, then users and likes counts for the posts only: one query each
    expect(count).toBe(5);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.user.name)).toEqual(["ann", "bob"]);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.likes_count)).toEqual([2, 1]);
    expect(comments[2]!.commentable.relationLoaded("user")).toBe(false);
    expect(comments[2]!.commentable.getAttributes().likes_count).toBeUndefined();
    // a morph alias works as the key; an unknown type or a wrong shape is a clear error
    const byAlias = await PiComment.with({ commentable: (m: any) => m.morphWith({ video: [] }) }).get();
    expect(byAlias).toHaveLength(3);
    await expect(PiComment.with({ commentable: (m: any) => m.morphWith({ Nope: ["user"] }) }).get()).rejects.toThrow(/Nope/);
    await expect(PiComment.with({ commentable: (m: any) => m.morphWith(["user"]) }).get()).rejects.toThrow(/expects \{ Type/);
  });

  it("refuses a relation that is not a morphTo", async () => {
    const posts = await PiPost.query().get();
    await expect(loadMorph(posts, "user", { PiUser: "x" })).rejects.toThrow(RelationError);
    await expect(loadMorph(posts, "user", { PiUser: "x" })).rejects.toThrow(/PiPost\.user is not a morphTo relation/);
  });

  it("whereHasMorph / whereDoesntHaveMorph: per type, with the type name passed to the callback", async () => {
    const ids = (rows: any[]) => rows.map((r) => r.id);
    expect(ids(await PiComment.whereHasMorph("commentable", ["PiPost", "PiVideo"]).orderBy("id").get())).toEqual([1, 2, 3]);
    const seen: string[] = [];
    const filtered = await PiComment.whereHasMorph("commentable", ["PiPost", "video"], (q: any, type: string) => {
      seen.push(type);
      if (type === "PiPost") q.where("user_id", 1);
    })
      .orderBy("id")
      .get();
    expect(ids(filtered)).toEqual([1, 3]);
    expect(seen).toEqual(["PiPost", "PiVideo"]);
    expect(ids(await PiComment.whereDoesntHaveMorph("commentable", "PiPost", (q: any) => q.where("user_id", 1)).get())).toEqual([2]);
  });

  it('whereHasMorph(relation, "*"): the types are the distinct values of the type column, read when the query runs', async () => {
    const ids = (rows: any[]) => rows.map((r) => r.id);
    const seen: string[] = [];
    const q = PiComment.whereHasMorph("commentable", "*", (inner: any, type: string) => {
      seen.push(type);
      if (type === "PiPost") inner.where("user_id", 1);
    }).orderBy("id");
    expect(ids(await q.get())).toEqual([1, 3]);
    expect(seen.sort()).toEqual(["PiPost", "PiVideo"]);
    expect(await q.count()).toBe(2);
    expect(
      ids(
        await PiComment.whereDoesntHaveMorph("commentable", "*", (inner: any) => inner.where("id", -1))
          .orderBy("id")
          .get(),
      ),
    ).toEqual([1, 2, 3]);
    // a row without a type points at no parent: whereDoesntHaveMorph("*") matches it, whereHasMorph("*") does not
    const orphan = await PiComment.create({ commentable_id: null, commentable_type: null });
    expect(ids(await PiComment.whereDoesntHaveMorph("commentable", "*").orderBy("id").get())).toEqual([orphan.id]);
    expect(ids(await PiComment.whereHasMorph("commentable", "*").orderBy("id").get())).toEqual([1, 2, 3]);
    await orphan.delete();
    // a type that appears only later is found by the next run
    const v2 = await PiVideo.create({ title: "later" });
    const late = await PiComment.create({ commentable_id: v2.id, commentable_type: "video" });
    expect(ids(await PiComment.whereHasMorph("commentable", "*").orderBy("id").get())).toEqual([1, 2, 3, late.id]);
    await late.delete();
    // inside a subquery the types cannot be read first: a clear error, not a wrong result
    expect(() => PiComment.whereHasMorph("commentable", "*").toKnex()).toThrow(/list them/);
  });
});
