/**
 * Polymorphic queries on Mongo (contract suite: embedded store, or MONGODB_URL's server), translated
 * from the SQL tests in relations-laravel/morph-loading.test.ts: whereHasMorph and its OR / negated
 * forms (per type, the parents' keys read first, then matched with $in/$nin), "*", and morphWith /
 * morphWithCount / loadMorph / loadMorphCount on a morphTo eager load. Query counts come from the
 * command events.
 */
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  getMongoConnection,
  loadMorph,
  loadMorphCount,
  MongoModel,
  registerModels,
  relation,
  RelationError,
  SqlModel,
} from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "./target";

class MqUser extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = { name: column("string", 50) };
}

class MqPost extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = {
    title: column("string", 50),
    user_id: column("objectId"),
    deleted_at: column("softDeletes"),
    user: relation("belongsTo", "MqUser", { foreignKey: "user_id" }),
    likes: relation("hasMany", "MqLike", { foreignKey: "post_id" }),
    comments: relation("morphMany", "MqComment", { morphName: "commentable" }),
  };
}

class MqLike extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = { post_id: column("objectId") };
}

class MqVideo extends MongoModel<any> {
  static connectionName = "mongo";
  static morphAlias = "mq_video";
  static schema = { title: column("string", 50) };
}

class MqComment extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = {
    body: column("string", 50),
    commentable_type: column("string", 50),
    commentable_id: column("objectId"),
    commentable: relation("morphTo", "MqPost", { morphName: "commentable" }),
    post: relation("belongsTo", "MqPost", { foreignKey: "commentable_id" }),
  };
}

/** Parent types that cannot be matched from MqComment's connection: another store, another Mongo connection. */
class MqSqlPage extends SqlModel<any> {
  static connectionName = "mq_sql";
  static tableName = "mq_sql_pages";
  static schema = { id: column("increments", undefined, { primary: true }) };
}
class MqElsewhere extends MongoModel<any> {
  static connectionName = "mongo_elsewhere";
  static schema = { title: column("string", 50) };
}

registerModels([MqUser, MqPost, MqLike, MqVideo, MqComment, MqSqlPage, MqElsewhere], { logger: false, strict: false });

const bodies = (rows: any[]) => rows.map((r) => r.body);

describe.each(mongoTargets())("polymorphic queries on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    teardown = await useMongo("morph_queries", target);
    const [ann, bob] = await MqUser.createMany([{ name: "ann" }, { name: "bob" }]);
    Object.assign(ids, { ann: ann!.id, bob: bob!.id });
    const [p1, p2, gone] = await MqPost.createMany([
      { title: "p1", user_id: ann!.id },
      { title: "p2", user_id: bob!.id },
      { title: "gone", user_id: ann!.id },
    ]);
    await gone!.delete(); // soft-deleted: a comment on it has no existing parent
    await MqLike.createMany([{ post_id: p1!.id }, { post_id: p1!.id }, { post_id: p2!.id }]);
    const [v1] = await MqVideo.createMany([{ title: "v" }]);
    await MqComment.createMany([
      { body: "c1", commentable_type: "MqPost", commentable_id: p1!.id },
      { body: "c2", commentable_type: "MqPost", commentable_id: p2!.id },
      { body: "c3", commentable_type: "mq_video", commentable_id: v1!.id },
      { body: "c4", commentable_type: "MqPost", commentable_id: gone!.id },
    ]);
    // Written by another program, with the ObjectId the objectId column declares (a hex string there is not
    // matched: key filters carry the declared type's form only, see key-lists.test.ts).
    await getMongoConnection("mongo")
      .db.collection(MqComment.query().collection().collectionName)
      .insertOne({ body: "c5", commentable_type: "mq_video", commentable_id: new ObjectId(v1!.id) });
    // No parent at all (type and id null).
    await MqComment.create({ body: "c6" });
  });
  afterAll(() => teardown());

  it("whereHasMorph / whereDoesntHaveMorph: per type, with the type name passed to the callback", async () => {
    const { result, count } = await withCommands(() => MqComment.whereHasMorph("commentable", ["MqPost", "MqVideo"]).orderBy("body").get());
    // one key query per type, then the comments
    expect(count).toBe(3);
    expect(bodies(result)).toEqual(["c1", "c2", "c3", "c5"]);
    const seen: string[] = [];
    const filtered = await MqComment.whereHasMorph("commentable", ["MqPost", "mq_video"], (q: any, type: string) => {
      seen.push(type);
      if (type === "MqPost") q.where("user_id", ids.ann);
    })
      .orderBy("body")
      .get();
    expect(bodies(filtered)).toEqual(["c1", "c3", "c5"]);
    expect(seen).toEqual(["MqPost", "MqVideo"]);
    // c4's post is soft-deleted, so it has no matching parent either
    expect(
      bodies(
        await MqComment.whereDoesntHaveMorph("commentable", "MqPost", (q: any) => q.where("user_id", ids.ann))
          .orderBy("body")
          .get(),
      ),
    ).toEqual(["c2", "c4"]);
    expect(await MqComment.whereHasMorph("commentable", []).count()).toBe(0);
  });

  it("orWhereHasMorph / orWhereDoesntHaveMorph OR with the other clauses; a group keeps them inside", async () => {
    const byAnn = (q: any) => q.where("user_id", ids.ann);
    expect(bodies(await MqComment.where("body", "c2").orWhereHasMorph("commentable", "MqPost", byAnn).orderBy("body").get())).toEqual([
      "c1",
      "c2",
    ]);
    expect(
      bodies(await MqComment.where("body", "c1").orWhereDoesntHaveMorph("commentable", "MqPost", byAnn).orderBy("body").get()),
    ).toEqual(["c1", "c2", "c4"]);
    // AND outside, OR inside the group: (post by ann OR a video) AND not c5
    const grouped = await MqComment.query()
      .where((q) => q.whereHasMorph("commentable", "MqPost", byAnn).orWhereHasMorph("commentable", "mq_video"))
      .where("body", "!=", "c5")
      .orderBy("body")
      .get();
    expect(bodies(grouped)).toEqual(["c1", "c3"]);
  });

  it('whereHasMorph(relation, "*"): the types are the distinct values of the type field, read when the query runs', async () => {
    const seen: string[] = [];
    const q = MqComment.whereHasMorph("commentable", "*", (inner: any, type: string) => {
      seen.push(type);
      if (type === "MqPost") inner.where("user_id", ids.ann);
    }).orderBy("body");
    const { result, commands } = await withCommands(() => q.get());
    expect(bodies(result)).toEqual(["c1", "c3", "c5"]);
    expect(seen.sort()).toEqual(["MqPost", "MqVideo"]);
    // the distinct types (one aggregate), one key query per type, then the comments
    expect(commands.map((c) => c.collection)).toEqual(["mq_comments", "mq_posts", "mq_videos", "mq_comments"]);
    expect(await q.count()).toBe(3);
    // whereDoesntHaveMorph("*") also matches a document whose type is null (it points at no parent), as Laravel
    expect(
      bodies(
        await MqComment.whereDoesntHaveMorph("commentable", "*", (inner: any) => inner.where("title", "none"))
          .orderBy("body")
          .get(),
      ),
    ).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(bodies(await MqComment.whereDoesntHaveMorph("commentable", "*").orderBy("body").get())).toEqual(["c4", "c6"]);
    // a type that appears only later is found by the next run
    const v2 = await MqVideo.create({ title: "later" });
    const late = await MqComment.create({ body: "c7", commentable_type: "mq_video", commentable_id: v2.id });
    expect(bodies(await MqComment.whereHasMorph("commentable", "*").orderBy("body").get())).toEqual(["c1", "c2", "c3", "c5", "c7"]);
    await late.delete();
    // unlike SQL (one statement), a nested query reads its own types first: "*" works inside whereHas too
    const byBob = (inner: any, type: string) => (type === "MqPost" ? inner.where("user_id", ids.bob) : inner.where("title", "none"));
    const posts = await MqPost.whereHas("comments", (cq: any) => cq.whereHasMorph("commentable", "*", byBob)).get();
    expect(posts.map((p: any) => p.title)).toEqual(["p2"]);
  });

  it("refuses what it cannot answer, saying what to do instead", () => {
    expect(() => MqComment.whereHasMorph("post", "MqPost")).toThrow(
      /MqComment\.post is a belongsTo relation: whereHasMorph\(\) works on morphTo relations; use whereHas\(\)/,
    );
    expect(() => MqComment.whereHasMorph("commentable", "Nope")).toThrow(RelationError);
    expect(() => MqComment.whereHasMorph("commentable", "Nope")).toThrow(/no known model has morph alias 'Nope'/);
    expect(() => MqComment.whereHasMorph("commentable", "MqSqlPage")).toThrow(
      /parent type MqSqlPage lives on the sql store, not on MqComment's Mongo connection "mongo".*whereIn\("commentable_id", keys\)/,
    );
    expect(() => MqComment.whereDoesntHaveMorph("commentable", ["MqPost", "MqElsewhere"])).toThrow(
      /whereDoesntHaveMorph\('commentable'\): parent type MqElsewhere lives on Mongo connection "mongo_elsewhere"/,
    );
    expect(() => MqComment.whereHasMorph("commentable", [42] as never)).toThrow(/types must be a model name/);
    // whereHas on a morphTo points at whereHasMorph
    expect(() => MqComment.whereHas("commentable")).toThrow(/morphTo relation: whereHas\(\) needs a single target\. Use whereHasMorph/);
  });

  it("morphWith / morphWithCount in a morphTo eager constraint: nested loads and counts per parent type", async () => {
    const { result: comments, count } = await withCommands(() =>
      MqComment.where("body", "<=", "c3")
        .with({ commentable: (morphTo: any) => morphTo.morphWith({ MqPost: ["user"] }).morphWithCount({ MqPost: "likes" }) })
        .orderBy("body")
        .get(),
    );
    // comments, posts, videos, then users and likes counts for the posts only: one command each
    expect(count).toBe(5);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.user.name)).toEqual(["ann", "bob"]);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.likes_count)).toEqual([2, 1]);
    expect(comments[2]!.commentable.relationLoaded("user")).toBe(false);
    expect(comments[2]!.commentable.getAttributes().likes_count).toBeUndefined();
    // a morph alias works as the key; an unknown type or a wrong shape is a clear error
    const byAlias = await MqComment.where("body", "<=", "c3")
      .with({ commentable: (m: any) => m.morphWith({ mq_video: [] }) })
      .get();
    expect(byAlias).toHaveLength(3);
    await expect(MqComment.with({ commentable: (m: any) => m.morphWith({ Nope: ["user"] }) }).get()).rejects.toThrow(/Nope/);
    await expect(MqComment.with({ commentable: (m: any) => m.morphWith(["user"]) }).get()).rejects.toThrow(/expects \{ Type/);
  });

  it("loadMorph / loadMorphCount: nested loads and counts per parent type, one query per relation", async () => {
    const comments = await MqComment.where("body", "<=", "c3").orderBy("body").get();
    const { count } = await withCommands(() => loadMorph(comments, "commentable", { MqPost: ["user"] }));
    // commentable: one query per parent type (2), then MqPost.user once for both posts
    expect(count).toBe(3);
    expect(comments.map((c: any) => c.commentable.relationLoaded("user"))).toEqual([true, true, false]);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.user.name)).toEqual(["ann", "bob"]);
    const counted = await withCommands(() => loadMorphCount(comments, "commentable", { MqPost: ["likes"] }));
    expect(counted.count).toBe(1);
    expect(comments.slice(0, 2).map((c: any) => c.commentable.likes_count)).toEqual([2, 1]);
    expect(comments[2]!.commentable.getAttributes().likes_count).toBeUndefined();
  });

  it("the raw filter: one branch per type, the ids in the form the morph id column stores (ObjectIds)", async () => {
    const q = MqComment.whereHasMorph("commentable", "mq_video");
    await q.resolve();
    const filter = q.toFilter() as any;
    expect(filter.commentable_type).toEqual({ $eq: "mq_video" });
    const forms = filter.commentable_id.$in as unknown[];
    expect(forms).toHaveLength(await MqVideo.query().count());
    expect(forms.every((f) => f instanceof ObjectId)).toBe(true);
  });
});
