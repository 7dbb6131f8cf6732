/**
 * Laravel's shorthand existence forms, translated: whereDoesntHaveRelation / orWhereDoesntHaveRelation,
 * whereMorphRelation and its OR / negated forms, hasMorph / orHasMorph / doesntHaveMorph / orDoesntHaveMorph
 * (with counts), whereAttachedTo — each one statement on SQL (plus the type read for "*"), and on Mongo where
 * the store can match keys.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, MongoModel, registerModels, relation, RelationError, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { mongoTargets, useMongo } from "../mongo/target";

class EfUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ef_users";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 50) };
}

class EfTag extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ef_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("belongsToMany", "EfPost", { pivotTable: "ef_post_tag", pivotLocalKey: "tag_id", pivotForeignKey: "post_id" }),
  };
}

class EfPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ef_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int", undefined, { nullable: true }),
    title: column("string", 50),
    votes: column("int", undefined, { default: 0 }),
    deleted_at: column("softDeletes"),
    user: relation("belongsTo", "EfUser", { foreignKey: "user_id" }),
    tags: relation("belongsToMany", "EfTag", { pivotTable: "ef_post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
    // a second relation toward EfTag: whereAttachedTo(tag) must be told which one
    labels: relation("belongsToMany", "EfTag", { pivotTable: "ef_post_label", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
  };
}

class EfVideo extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ef_videos";
  static morphAlias = "video";
  static schema = { id: column("increments", undefined, { primary: true }), title: column("string", 50) };
}

class EfComment extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "ef_comments";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("string", 50),
    commentable_type: column("string", 50, { nullable: true }),
    commentable_id: column("int", undefined, { nullable: true }),
    commentable: relation("morphTo", "EfPost", { morphName: "commentable" }),
  };
}

const MODELS = [EfUser, EfTag, EfPost, EfVideo, EfComment];
registerModels(MODELS, { logger: false, strict: false });

const bodies = (rows: readonly { body?: unknown }[]) => rows.map((r) => r.body).sort();
const names = (rows: readonly { name?: unknown }[]) => rows.map((r) => r.name).sort();
const titles = (rows: readonly { title?: unknown }[]) => rows.map((r) => r.title).sort();

describe.each(sqlDialects())("shorthand existence forms on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let red: EfTag, blue: EfTag, green: EfTag;
  let hello: EfPost;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "ef_exists");
    await migrate(MODELS);
    const [ann] = await EfUser.createMany([{ name: "ann" }]);
    [red, blue, green] = (await EfTag.createMany([{ name: "red" }, { name: "blue" }, { name: "green" }])) as EfTag[];
    const [p1, p2, p3] = await EfPost.createMany([
      { title: "hello", votes: 5, user_id: ann!.id },
      { title: "world", votes: 1 },
      { title: "gone", votes: 9 },
      { title: "empty", votes: 0 },
    ]);
    hello = p1!;
    await p1!.related("tags").attach([red!.id, blue!.id]);
    await p2!.related("tags").attach([blue!.id]);
    await p3!.related("tags").attach([red!.id, green!.id]);
    await p2!.related("labels").attach([red!.id]);
    await p3!.delete();
    const [v1] = await EfVideo.createMany([{ title: "clip" }]);
    await EfComment.createMany([
      { body: "c1", commentable_type: "EfPost", commentable_id: p1!.id },
      { body: "c2", commentable_type: "EfPost", commentable_id: p2!.id },
      { body: "c3", commentable_type: "video", commentable_id: v1!.id },
      // a trashed parent, no parent at all, a parent that does not exist
      { body: "c4", commentable_type: "EfPost", commentable_id: p3!.id },
      { body: "c5", commentable_type: null, commentable_id: null },
      { body: "c6", commentable_type: "EfPost", commentable_id: 999 },
    ]);
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  it("whereDoesntHaveRelation / orWhereDoesntHaveRelation (static too, a callback too): one statement", async () => {
    const { result, count } = await withQueryCount(() => EfPost.whereDoesntHaveRelation("tags", "name", "red").get());
    expect([titles(result), count]).toEqual([["empty", "world"], 1]);
    expect(titles(await EfPost.whereDoesntHaveRelation("tags", "name", "!=", "blue").get())).toEqual(["empty", "world"]);
    expect(titles(await EfPost.whereDoesntHaveRelation("tags", (q: any) => q.whereIn("name", ["red", "blue"])).get())).toEqual(["empty"]);
    expect(titles(await EfPost.query().where("title", "hello").orWhereDoesntHaveRelation("tags", "name", "blue").get())).toEqual([
      "empty",
      "hello",
    ]);
    expect(titles(await EfPost.orWhereDoesntHaveRelation("tags", "name", "blue").get())).toEqual(["empty"]);
    // whereRelation's callback form, as Laravel's whereRelation($relation, Closure)
    expect(titles(await EfPost.whereRelation("tags", (q: any) => q.where("name", "red")).get())).toEqual(["hello"]);
    expect(titles(await EfPost.orWhereRelation("tags", "name", "blue").get())).toEqual(["hello", "world"]);
    expect(() => (EfPost.whereRelation as any)("tags", "name")).toThrow(/EfPost.whereRelation\('tags', "name"\): a column needs a value/);
    expect(() => EfPost.whereDoesntHaveRelation("tags", "nam", "red")).toThrow(
      /unknown column 'nam' on table ef_tags. Did you mean 'name'\?/,
    );
  });

  it("whereMorphRelation and its OR / negated forms: per type, soft-deleted and missing parents do not match", async () => {
    const { result, count } = await withQueryCount(() => EfComment.whereMorphRelation("commentable", ["EfPost"], "votes", ">", 2).get());
    expect([bodies(result), count]).toEqual([["c1"], 1]);
    expect(bodies(await EfComment.whereMorphRelation("commentable", ["EfPost", "video"], "title", "like", "%l%").get())).toEqual([
      "c1",
      "c2",
      "c3",
    ]);
    // the callback form gets the type's name
    const byType = await EfComment.whereMorphRelation("commentable", ["EfPost", "EfVideo"], (q: any, type: string) =>
      q.where("title", type === "EfPost" ? "world" : "clip"),
    ).get();
    expect(bodies(byType)).toEqual(["c2", "c3"]);
    expect(bodies(await EfComment.whereMorphRelation("commentable", "*", "title", "clip").get())).toEqual(["c3"]);
    expect(bodies(await EfComment.query().where("body", "c5").orWhereMorphRelation("commentable", "video", "title", "clip").get())).toEqual(
      ["c3", "c5"],
    );
    expect(bodies(await EfComment.whereMorphDoesntHaveRelation("commentable", ["EfPost"], "votes", ">", 2).get())).toEqual([
      "c2",
      "c4",
      "c6",
    ]);
    expect(
      bodies(await EfComment.query().where("body", "c3").orWhereMorphDoesntHaveRelation("commentable", "EfPost", "votes", ">", 2).get()),
    ).toEqual(["c2", "c3", "c4", "c6"]);
    expect(() => EfComment.whereMorphRelation("commentable", ["EfPost"], "vots", 1)).toThrow(/unknown column 'vots' on table ef_posts/);
    expect(() => EfPost.whereMorphRelation("tags", ["EfTag"], "name", "red")).toThrow(
      /EfPost.tags is a belongsToMany relation: whereHasMorph\(\) works on morphTo relations/,
    );
  });

  it("hasMorph / orHasMorph / doesntHaveMorph / orDoesntHaveMorph, and counts over a morphTo (0 or 1 parent)", async () => {
    const { result, count } = await withQueryCount(() => EfComment.hasMorph("commentable", ["EfPost", "video"]).get());
    expect([bodies(result), count]).toEqual([["c1", "c2", "c3"], 1]);
    expect(bodies(await EfComment.query().where("body", "c5").orHasMorph("commentable", "video").get())).toEqual(["c3", "c5"]);
    expect(bodies(await EfComment.doesntHaveMorph("commentable", "EfPost").get())).toEqual(["c4", "c6"]);
    // "*": a row without a type points at no parent, so it has none (Laravel's checkMorphNull)
    const star = await withQueryCount(() => EfComment.doesntHaveMorph("commentable", "*").get());
    expect([bodies(star.result), star.count]).toEqual([["c4", "c5", "c6"], 2]);
    expect(bodies(await EfComment.query().where("body", "c1").orDoesntHaveMorph("commentable", "EfPost").get())).toEqual([
      "c1",
      "c4",
      "c6",
    ]);
    expect(bodies(await EfComment.hasMorph("commentable", "EfPost", "=", 1).get())).toEqual(["c1", "c2"]);
    expect(bodies(await EfComment.hasMorph("commentable", "EfPost", ">=", 0).get())).toEqual(["c1", "c2", "c4", "c6"]);
    expect(bodies(await EfComment.hasMorph("commentable", "EfPost", ">", 1).get())).toEqual([]);
    expect(bodies(await EfComment.hasMorph("commentable", "*", "<", 1).get())).toEqual(["c4", "c5", "c6"]);
    expect(bodies(await EfComment.hasMorph("commentable", "*", ">=", 0).get())).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
    expect(bodies(await EfComment.hasMorph("commentable", "EfPost", ">=", 1, (q: any) => q.where("votes", 1)).get())).toEqual(["c2"]);
    expect(() => EfComment.hasMorph("commentable", "EfPost", "like", 1)).toThrow(/the operator must be one of =, !=, <, <=, >, >=/);
    expect(() => EfComment.hasMorph("commentable", "EfPost", ">=", -1)).toThrow(/the count must be a non-negative integer/);
    expect(() => EfComment.hasMorph("commentabl" as never, "EfPost")).toThrow(
      /EfComment has no relation 'commentabl'. Did you mean 'commentable'\?/,
    );
  });

  it("whereAttachedTo: rows attached to the model(s) through the belongsToMany toward their class", async () => {
    const { result, count } = await withQueryCount(() => EfPost.whereAttachedTo(red, "tags").get());
    expect([titles(result), count]).toEqual([["hello"], 1]);
    expect(titles(await EfPost.whereAttachedTo([red, blue], "tags").get())).toEqual(["hello", "world"]);
    expect(titles(await EfPost.whereAttachedTo(red, "labels").get())).toEqual(["world"]);
    expect(titles(await EfPost.whereAttachedTo(green, "tags").get())).toEqual([]); // its only post is trashed
    // the only belongsToMany toward EfPost is found without a name
    expect(names(await EfTag.whereAttachedTo(hello).get())).toEqual(["blue", "red"]);
    expect(names(await EfTag.query().where("name", "green").whereAttachedTo(hello).get())).toEqual([]);
    expect(() => EfPost.whereAttachedTo(red)).toThrow(/EfPost has several relations toward EfTag \(tags, labels\); name one/);
    expect(() => EfUser.whereAttachedTo(red)).toThrow(/EfUser has no belongsToMany relation toward EfTag/);
    expect(() => EfPost.whereAttachedTo([], "tags")).toThrow(/the list of models may not be empty/);
    expect(() => EfPost.whereAttachedTo(new EfTag({ name: "new" }), "tags")).toThrow(/every EfTag must be saved/);
    expect(() => EfPost.whereAttachedTo(new EfUser(), "user")).toThrow(
      /EfPost.user is a belongsTo relation; whereAttachedTo\(\) needs a belongsToMany/,
    );
    expect(() => EfPost.whereAttachedTo(hello, "tags")).toThrow(/EfPost.tags targets EfTag, but the models are EfPosts/);
    expect(() => EfPost.whereAttachedTo(red, "tagz" as never)).toThrow(RelationError);
  });
});

// ---- Mongo: the same forms where the store matches keys (no counts beyond "some" / "none") ------------------

class MfPost extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = {
    title: column("string", 50),
    votes: column("int"),
    tag_ids: column("json"),
    tags: relation("belongsToMany", "MfTag", { foreignKey: "tag_ids" }),
  };
}
class MfTag extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = { name: column("string", 50) };
}
class MfVideo extends MongoModel<any> {
  static connectionName = "mongo";
  static morphAlias = "mvideo";
  static schema = { title: column("string", 50) };
}
class MfComment extends MongoModel<any> {
  static connectionName = "mongo";
  static schema = {
    body: column("string", 50),
    commentable_type: column("string", 50, { nullable: true }),
    commentable_id: column("string", 50, { nullable: true }),
    commentable: relation("morphTo", "MfPost", { morphName: "commentable" }),
  };
}
registerModels([MfPost, MfTag, MfVideo, MfComment], { logger: false, strict: false });

describe.each(mongoTargets())("shorthand existence forms on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let red: MfTag, blue: MfTag;

  beforeAll(async () => {
    teardown = await useMongo("ef_mongo", target);
    [red, blue] = (await MfTag.createMany([{ name: "red" }, { name: "blue" }])) as MfTag[];
    const [p1, p2] = await MfPost.createMany([
      { title: "hello", votes: 5, tag_ids: [red!.id, blue!.id] },
      { title: "world", votes: 1, tag_ids: [blue!.id] },
      { title: "empty", votes: 0, tag_ids: [] },
    ]);
    const [v1] = await MfVideo.createMany([{ title: "clip" }]);
    await MfComment.createMany([
      { body: "c1", commentable_type: "MfPost", commentable_id: String(p1!.id) },
      { body: "c2", commentable_type: "MfPost", commentable_id: String(p2!.id) },
      { body: "c3", commentable_type: "mvideo", commentable_id: String(v1!.id) },
      { body: "c5", commentable_type: null, commentable_id: null },
      { body: "c6", commentable_type: "MfPost", commentable_id: "000000000000000000000000" },
    ]);
  });
  afterAll(() => teardown());

  it("whereDoesntHaveRelation / orWhereDoesntHaveRelation over an id array", async () => {
    expect(titles(await MfPost.whereDoesntHaveRelation("tags", "name", "red").get())).toEqual(["empty", "world"]);
    expect(titles(await MfPost.query().where("title", "hello").orWhereDoesntHaveRelation("tags", "name", "blue").get())).toEqual([
      "empty",
      "hello",
    ]);
    expect(titles(await MfPost.whereRelation("tags", (q: any) => q.where("name", "red")).get())).toEqual(["hello"]);
  });

  it("whereMorphRelation, hasMorph and friends", async () => {
    expect(bodies(await MfComment.whereMorphRelation("commentable", ["MfPost"], "votes", ">", 2).get())).toEqual(["c1"]);
    expect(
      bodies(await MfComment.query().where("body", "c5").orWhereMorphRelation("commentable", "mvideo", "title", "clip").get()),
    ).toEqual(["c3", "c5"]);
    expect(bodies(await MfComment.whereMorphDoesntHaveRelation("commentable", "MfPost", "votes", ">", 2).get())).toEqual(["c2", "c6"]);
    expect(bodies(await MfComment.hasMorph("commentable", ["MfPost", "mvideo"]).get())).toEqual(["c1", "c2", "c3"]);
    expect(bodies(await MfComment.doesntHaveMorph("commentable", "*").get())).toEqual(["c5", "c6"]);
    expect(bodies(await MfComment.query().where("body", "c1").orDoesntHaveMorph("commentable", "MfPost").get())).toEqual(["c1", "c6"]);
    expect(bodies(await MfComment.hasMorph("commentable", "MfPost", ">=", 0).get())).toEqual(["c1", "c2", "c6"]);
    expect(bodies(await MfComment.query().where("body", "c3").orHasMorph("commentable", "MfPost", ">", 1).get())).toEqual(["c3"]);
  });

  it("whereAttachedTo over an id array", async () => {
    expect(titles(await MfPost.whereAttachedTo(red).get())).toEqual(["hello"]);
    expect(titles(await MfPost.whereAttachedTo([red, blue], "tags").get())).toEqual(["hello", "world"]);
  });
});
