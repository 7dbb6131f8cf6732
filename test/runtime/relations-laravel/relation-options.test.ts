/**
 * Laravel's relation-definition modifiers, as declarative options of `relation(...)`, translated from its tests
 * (DatabaseEloquentIntegrationTest, EloquentBelongsToManyTest wherePivot / as, SoftDeletesIntegrationTest
 * withTrashed relations, EloquentRelationshipsTest where-constrained relations): `where`, `withTrashed`,
 * `withoutGlobalScopes`, `wherePivot` and `as` hold for every read through the relation — lazy, eager,
 * has/whereHas (nested too), withCount/withExists/withSum, whereHasMorph, allRelatedIds, writes and touch().
 * On SQLite, PostgreSQL and MariaDB.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  dropTables,
  migrate,
  registerModels,
  relation,
  RelationError,
  SqlModel,
  type ModelClass,
  type SqlQuery,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

class RoUser extends SqlModel<{ id?: number; name?: string; deleted_at?: Date | null }> {
  static connectionName = "test";
  static tableName = "ro_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 40),
    deleted_at: column("softDeletes"),
    posts: relation("hasMany", "RoPost", { foreignKey: "ro_user_id" }),
    publishedPosts: relation("hasMany", "RoPost", { foreignKey: "ro_user_id", where: ["published", true] }),
    approvedComments: relation("hasManyThrough", "RoComment", {
      through: "RoPost",
      firstKey: "ro_user_id",
      secondKey: "ro_post_id",
      where: ["approved", true],
    }),
  };
}

type PostAttrs = { id?: number; ro_user_id?: number; title?: string; published?: boolean; deleted_at?: Date | null };

class RoPost extends SqlModel<PostAttrs> {
  static connectionName = "test";
  static tableName = "ro_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    ro_user_id: column("int"),
    title: column("string", 40),
    published: column("boolean", undefined, { default: false }),
    deleted_at: column("softDeletes"),
    author: relation("belongsTo", "RoUser", { foreignKey: "ro_user_id", withTrashed: true }),
    activeAuthor: relation("belongsTo", "RoUser", { foreignKey: "ro_user_id" }),
    comments: relation("hasMany", "RoComment", { foreignKey: "ro_post_id" }),
    approvedComments: relation("hasMany", "RoComment", { foreignKey: "ro_post_id", where: ["approved", true] }),
    longComments: relation("hasMany", "RoComment", { foreignKey: "ro_post_id", where: ["votes", ">=", 5] }),
    allComments: relation("hasMany", "RoComment", { foreignKey: "ro_post_id", withTrashed: true }),
    unscopedComments: relation("hasMany", "RoComment", { foreignKey: "ro_post_id", withoutGlobalScopes: true }),
    tags: relation("belongsToMany", "RoTag", {
      pivotTable: "ro_post_tag",
      pivotLocalKey: "ro_post_id",
      pivotForeignKey: "ro_tag_id",
      pivotColumns: ["flag"],
    }),
    featuredTags: relation("belongsToMany", "RoTag", {
      pivotTable: "ro_post_tag",
      pivotLocalKey: "ro_post_id",
      pivotForeignKey: "ro_tag_id",
      pivotColumns: ["flag"],
      wherePivot: ["flag", "featured"],
      as: "tagging",
    }),
    plainTags: relation("belongsToMany", "RoTag", {
      pivotTable: "ro_post_tag",
      pivotLocalKey: "ro_post_id",
      pivotForeignKey: "ro_tag_id",
      pivotColumns: ["flag"],
      wherePivot: ["flag", "!=", "featured"],
    }),
    images: relation("morphMany", "RoImage", { morphName: "imageable" }),
    labels: relation("morphToMany", "RoLabel", { morphName: "labellable", pivotColumns: ["role"] }),
    primaryLabels: relation("morphToMany", "RoLabel", { morphName: "labellable", pivotColumns: ["role"], wherePivot: ["role", "primary"] }),
  };
}

class RoLabel extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "ro_labels";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 40),
    primaryPosts: relation("morphedByMany", "RoPost", { morphName: "labellable", pivotColumns: ["role"], wherePivot: ["role", "primary"] }),
  };
}

type CommentAttrs = {
  id?: number;
  ro_post_id?: number;
  body?: string;
  approved?: boolean;
  votes?: number;
  hidden?: boolean;
  deleted_at?: Date | null;
};

class RoComment extends SqlModel<CommentAttrs> {
  static connectionName = "test";
  static tableName = "ro_comments";
  static globalScopes = { visible: (q: SqlQuery) => q.where("hidden", false) };
  static schema = {
    id: column("increments", undefined, { primary: true }),
    ro_post_id: column("int"),
    body: column("string", 40),
    approved: column("boolean", undefined, { default: false }),
    votes: column("int", undefined, { default: 0 }),
    hidden: column("boolean", undefined, { default: false }),
    deleted_at: column("softDeletes"),
  };
}

class RoTag extends SqlModel<{ id?: number; name?: string; updated_at?: Date; created_at?: Date }> {
  static connectionName = "test";
  static tableName = "ro_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 40),
    timestamps: column("timestamps"),
  };
}

class RoImage extends SqlModel<{ id?: number; url?: string; imageable_type?: string; imageable_id?: number }> {
  static connectionName = "test";
  static tableName = "ro_images";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    url: column("string", 40),
    imageable_type: column("string", 40),
    imageable_id: column("int"),
    imageable: relation("morphTo", "RoPost", { morphName: "imageable" }),
    anyImageable: relation("morphTo", "RoPost", { morphName: "imageable", withTrashed: true }),
    publishedImageable: relation("morphTo", "RoPost", { morphName: "imageable", where: ["published", true] }),
  };
}

const MODELS: ModelClass[] = [RoUser, RoPost, RoComment, RoTag, RoImage, RoLabel];
registerModels(MODELS, { logger: false });

const bodies = (value: unknown) => (value as RoComment[]).map((c) => c.body).sort();
const names = (value: unknown) => (value as RoTag[]).map((t) => t.name).sort();
const titles = (value: unknown) => (value as RoPost[]).map((p) => p.title).sort();

describe.each(sqlDialects())("relation-definition options on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let first: RoPost;
  let second: RoPost;
  let third: RoPost;
  let tagA: RoTag;
  let tagB: RoTag;
  let tagC: RoTag;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "relation_options");
    await dropTables(MODELS);
    await migrate(MODELS);
    const [ada, bob] = await RoUser.createMany([{ name: "Ada" }, { name: "Bob" }]);
    [first, second, third] = await RoPost.createMany([
      { ro_user_id: ada!.id, title: "first", published: true },
      { ro_user_id: bob!.id, title: "second", published: false },
      { ro_user_id: ada!.id, title: "third", published: true },
    ]);
    await RoComment.createMany([
      { ro_post_id: first!.id, body: "approved", approved: true, votes: 7 },
      { ro_post_id: first!.id, body: "pending", approved: false, votes: 1 },
      { ro_post_id: first!.id, body: "trashed", approved: true, votes: 9 },
      { ro_post_id: first!.id, body: "hidden", approved: true, hidden: true },
      { ro_post_id: second!.id, body: "lonely", approved: false },
    ]);
    await RoComment.query().where("body", "trashed").delete();
    await bob!.delete();
    await third!.delete();
    [tagA, tagB, tagC] = await RoTag.createMany([{ name: "a" }, { name: "b" }, { name: "c" }]);
    await first!
      .related("tags")
      .attach({ [tagA!.id!]: { flag: "featured" }, [tagB!.id!]: { flag: "plain" }, [tagC!.id!]: { flag: "featured" } });
    await second!.related("tags").attach({ [tagB!.id!]: { flag: "featured" } });
    const [news, misc] = await RoLabel.createMany([{ name: "news" }, { name: "misc" }]);
    await first!.related("labels").attach({ [news!.id!]: { role: "primary" }, [misc!.id!]: { role: "extra" } });
    await second!.related("labels").attach({ [misc!.id!]: { role: "primary" } });
    await RoImage.createMany([
      { url: "one.png", imageable_type: "RoPost", imageable_id: first!.id },
      { url: "three.png", imageable_type: "RoPost", imageable_id: third!.id },
      { url: "two.png", imageable_type: "RoPost", imageable_id: second!.id },
    ]);
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  describe("where", () => {
    it("lazy: only the related rows matching the condition (the target's own scopes still apply)", async () => {
      expect(bodies(await first.related("comments"))).toEqual(["approved", "pending"]);
      expect(bodies(await first.related("approvedComments"))).toEqual(["approved"]);
      expect(bodies(await first.related("longComments"))).toEqual(["approved"]);
      expect(await first.related("approvedComments").count()).toBe(1);
    });

    it("a caller's orWhere cannot widen the relation past its condition or its parent", async () => {
      const either = (q: SqlQuery) => q.where("body", "approved").orWhere("body", "pending");
      expect(bodies(await first.related("approvedComments").where("body", "approved").orWhere("body", "pending"))).toEqual(["approved"]);
      expect(bodies(await first.related("comments").where("body", "approved").orWhere("body", "pending"))).toEqual(["approved", "pending"]);
      expect(bodies(await second.related("approvedComments").orWhere("body", "approved"))).toEqual([]);
      expect(bodies((await RoPost.with({ approvedComments: either }).where("title", "first"))[0]!.getRelation("approvedComments"))).toEqual(
        ["approved"],
      );
      expect(bodies(await first.related("approvedComments").where("votes", ">", 100))).toEqual([]);
    });

    it("eager: one query per level, per parent", async () => {
      const { result, count } = await withQueryCount(() => RoPost.with("approvedComments", "longComments").orderBy("id"));
      expect(count).toBe(3);
      expect(result.map((p) => [p.title, bodies(p.getRelation("approvedComments")), bodies(p.getRelation("longComments"))])).toEqual([
        ["first", ["approved"], ["approved"]],
        ["second", [], []],
      ]);
      const constrained = await RoPost.with({
        approvedComments: (q: SqlQuery) => q.where("votes", "<", 100).orWhere("body", "lonely"),
      }).orderBy("id");
      expect(constrained.map((p) => bodies(p.getRelation("approvedComments")))).toEqual([["approved"], []]);
    });

    it("whereHas / has / doesntHave, nested too", async () => {
      expect(titles(await RoPost.whereHas("approvedComments"))).toEqual(["first"]);
      expect(titles(await RoPost.query().doesntHave("approvedComments"))).toEqual(["second"]);
      expect(titles(await RoPost.query().has("approvedComments", ">=", 2))).toEqual([]);
      expect(titles(await RoPost.query().has("comments", ">=", 2))).toEqual(["first"]);
      expect(
        titles(await RoPost.whereHas("approvedComments", (q: SqlQuery) => q.where("votes", ">", 100).orWhere("body", "lonely"))),
      ).toEqual([]);
      expect(titles(await RoPost.whereHas("comments", (q: SqlQuery) => q.where("votes", ">", 100).orWhere("body", "lonely")))).toEqual([
        "second",
      ]);
      expect((await RoUser.whereHas("publishedPosts.approvedComments")).map((u) => u.name)).toEqual(["Ada"]);
      expect((await RoUser.query().withTrashed().whereHas("publishedPosts")).map((u) => u.name)).toEqual(["Ada"]);
      expect(
        (
          await RoUser.query()
            .withTrashed()
            .whereHas("posts", (q: SqlQuery) => q.whereHas("approvedComments"))
        ).map((u) => u.name),
      ).toEqual(["Ada"]);
    });

    it("withCount / withExists / withSum (inline and grouped counts alike)", async () => {
      const posts = await RoPost.query()
        .withCount("approvedComments as approved_count", "longComments as long_count")
        .withExists("approvedComments as approved_exists")
        .orderBy("id");
      const counts = posts.map((p) => [p.get("approved_count"), p.get("long_count"), p.get("approved_exists")]);
      expect(counts).toEqual([
        [1, 1, true],
        [0, 0, false],
      ]);
      const sums = await RoPost.query().withSum("approvedComments as approved_votes", "votes").orderBy("id");
      expect(sums.map((p) => Number(p.get("approved_votes")))).toEqual([7, 0]);
      // a distinct parent query keeps the grouped count path
      const grouped = await RoPost.query().distinct().withCount("approvedComments as approved_count").orderBy("id");
      expect(grouped.map((p) => p.get("approved_count"))).toEqual([1, 0]);
    });

    it("relation aggregates and writes reach only the constrained rows", async () => {
      expect(await first.related("approvedComments").sum("votes")).toBe(7);
      expect(await first.related("approvedComments").max("votes")).toBe(7);
    });

    it("morphTo: applied to each parent type's query, lazily, eagerly and in whereHasMorph", async () => {
      const images = await RoImage.query().orderBy("id");
      const [one, three, two] = images;
      expect((await one!.related<RoPost | null>("publishedImageable"))?.title).toBe("first");
      expect(await two!.related("publishedImageable")).toBeNull();
      const eager = await RoImage.with("publishedImageable").orderBy("id");
      expect(eager.map((i) => (i.getRelation("publishedImageable") as RoPost | null)?.title ?? null)).toEqual(["first", null, null]);
      expect((await RoImage.query().whereHasMorph("publishedImageable", "RoPost")).map((i) => i.url)).toEqual(["one.png"]);
      expect((await RoImage.query().whereHasMorph("imageable", "RoPost")).map((i) => i.url).sort()).toEqual(["one.png", "two.png"]);
      void three;
    });
  });

  describe("withTrashed", () => {
    it("belongsTo: a soft-deleted parent is still found, lazily and eagerly", async () => {
      expect((await second.related<RoUser | null>("author"))?.name).toBe("Bob");
      expect(await second.related("activeAuthor")).toBeNull();
      const eager = await RoPost.with("author", "activeAuthor").orderBy("id");
      expect(
        eager.map((p) => [
          (p.getRelation("author") as RoUser | null)?.name,
          (p.getRelation("activeAuthor") as RoUser | null)?.name ?? null,
        ]),
      ).toEqual([
        ["Ada", "Ada"],
        ["Bob", null],
      ]);
    });

    it("whereHas and withCount include trashed targets", async () => {
      expect(titles(await RoPost.whereHas("author"))).toEqual(["first", "second"]);
      expect(titles(await RoPost.whereHas("activeAuthor"))).toEqual(["first"]);
      const posts = await RoPost.query().withCount("allComments as all_count", "comments as visible_count").orderBy("id");
      expect(posts.map((p) => [p.get("all_count"), p.get("visible_count")])).toEqual([
        [3, 2],
        [1, 1],
      ]);
      expect(titles(await RoPost.query().has("allComments", ">=", 3))).toEqual(["first"]);
    });

    it("hasMany lazy / eager include trashed children; a caller's onlyTrashed() still narrows", async () => {
      expect(bodies(await first.related("allComments"))).toEqual(["approved", "pending", "trashed"]);
      expect(bodies(await first.related("allComments").onlyTrashed())).toEqual(["trashed"]);
      const [post] = await RoPost.with("allComments").where("title", "first");
      expect(bodies(post!.getRelation("allComments"))).toEqual(["approved", "pending", "trashed"]);
    });

    it("morphTo: a trashed parent is found through the withTrashed relation only", async () => {
      const [, three] = await RoImage.query().orderBy("id");
      expect(await three!.related("imageable")).toBeNull();
      expect((await three!.related<RoPost | null>("anyImageable"))?.title).toBe("third");
      const eager = await RoImage.with("anyImageable").orderBy("id");
      expect(eager.map((i) => (i.getRelation("anyImageable") as RoPost).title)).toEqual(["first", "third", "second"]);
      expect((await RoImage.query().whereHasMorph("anyImageable", "RoPost")).map((i) => i.url).sort()).toEqual([
        "one.png",
        "three.png",
        "two.png",
      ]);
    });
  });

  describe("withoutGlobalScopes", () => {
    it("drops the target's global scopes (soft deletes included) everywhere", async () => {
      expect(bodies(await first.related("unscopedComments"))).toEqual(["approved", "hidden", "pending", "trashed"]);
      const [post] = await RoPost.with("unscopedComments").where("title", "first");
      expect(bodies(post!.getRelation("unscopedComments"))).toEqual(["approved", "hidden", "pending", "trashed"]);
      const counted = await RoPost.query().withCount("unscopedComments as unscoped_count").orderBy("id");
      expect(counted.map((p) => p.get("unscoped_count"))).toEqual([4, 1]);
      expect(titles(await RoPost.query().has("unscopedComments", ">=", 4))).toEqual(["first"]);
      expect(await first.related("unscopedComments").count()).toBe(4);
    });
  });

  describe("wherePivot and as", () => {
    it("lazy: only the pivot rows matching, the pivot exposed under the `as` name", async () => {
      const featured = await first.related<RoTag[]>("featuredTags");
      expect(names(featured)).toEqual(["a", "c"]);
      const tagging = (featured[0] as unknown as { tagging: { flag: string } }).tagging;
      expect(tagging.flag).toBe("featured");
      expect(Object.keys(JSON.parse(JSON.stringify(featured[0])) as object)).toContain("tagging");
      expect(names(await first.related("plainTags"))).toEqual(["b"]);
      expect(await first.related("featuredTags").count()).toBe(2);
      // a relation query's own as() still renames
      const renamed = await first.related<RoTag[]>("featuredTags").as("link");
      expect((renamed[0] as unknown as { link: { flag: string } }).link.flag).toBe("featured");
    });

    it("eager: one query per level, per parent", async () => {
      const { result, count } = await withQueryCount(() => RoPost.with("featuredTags", "plainTags").orderBy("id"));
      expect(count).toBe(3);
      expect(result.map((p) => [names(p.getRelation("featuredTags")), names(p.getRelation("plainTags"))])).toEqual([
        [["a", "c"], ["b"]],
        [["b"], []],
      ]);
      const tag = (result[1]!.getRelation("featuredTags") as RoTag[])[0] as unknown as { tagging: { flag: string } };
      expect(tag.tagging.flag).toBe("featured");
    });

    it("whereHas / has / withCount / withExists", async () => {
      expect(titles(await RoPost.whereHas("plainTags"))).toEqual(["first"]);
      expect(titles(await RoPost.query().has("featuredTags", ">=", 2))).toEqual(["first"]);
      expect(titles(await RoPost.query().doesntHave("plainTags"))).toEqual(["second"]);
      const posts = await RoPost.query()
        .withCount("featuredTags as featured_count", "plainTags as plain_count", "tags as tag_count")
        .withExists("plainTags as plain_exists")
        .orderBy("id");
      expect(posts.map((p) => [p.get("featured_count"), p.get("plain_count"), p.get("tag_count"), p.get("plain_exists")])).toEqual([
        [2, 1, 3, true],
        [1, 0, 1, false],
      ]);
    });

    it("allRelatedIds reads only the matching pivot rows", async () => {
      expect((await first.related("featuredTags").allRelatedIds()).map(Number).sort()).toEqual([tagA.id, tagC.id].sort());
      expect((await first.related("plainTags").allRelatedIds()).map(Number)).toEqual([tagB.id]);
    });

    it("touch() sets updated_at on the related rows the relation reads, no others", async () => {
      const old = new Date("2020-01-01T00:00:00.000Z");
      await RoTag.query().update({ updated_at: old });
      await first.related("featuredTags").touch();
      const touched = (await RoTag.query().orderBy("id")).map((t) => t.updated_at!.getTime() > old.getTime());
      expect(touched).toEqual([true, false, true]);
    });

    it("detach / sync through the relation only reach its own pivot rows", async () => {
      expect(await first.related("featuredTags").detach()).toBe(2);
      expect(names(await first.related("tags"))).toEqual(["b"]);
      // sync compares against the relation's rows: the plain 'b' row is not detached by syncing featured tags
      await first.related("featuredTags").sync({ [tagA.id!]: { flag: "featured" } });
      expect(names(await first.related("tags"))).toEqual(["a", "b"]);
      expect(names(await first.related("featuredTags"))).toEqual(["a"]);
    });
  });

  it("where on a hasManyThrough: lazy, eager, whereHas, withCount", async () => {
    const users = await RoUser.query().withTrashed().with("approvedComments").withCount("approvedComments as approved_count").orderBy("id");
    expect(users.map((u) => [u.name, bodies(u.getRelation("approvedComments")), u.get("approved_count")])).toEqual([
      ["Ada", ["approved"], 1],
      ["Bob", [], 0],
    ]);
    expect(bodies(await users[0]!.related("approvedComments"))).toEqual(["approved"]);
    expect((await RoUser.query().withTrashed().whereHas("approvedComments")).map((u) => u.name)).toEqual(["Ada"]);
  });

  describe("wherePivot on the polymorphic many-to-many kinds", () => {
    it("morphToMany: lazy, eager, whereHas, withCount", async () => {
      const labelNames = (value: unknown) => (value as RoLabel[]).map((l) => l.name).sort();
      expect(labelNames(await first.related("primaryLabels"))).toEqual(["news"]);
      expect(labelNames(await first.related("labels"))).toEqual(["misc", "news"]);
      const eager = await RoPost.with("primaryLabels").orderBy("id");
      expect(eager.map((p) => labelNames(p.getRelation("primaryLabels")))).toEqual([["news"], ["misc"]]);
      expect(titles(await RoPost.query().has("primaryLabels", ">=", 1))).toEqual(["first", "second"]);
      expect(titles(await RoPost.query().has("labels", ">=", 2))).toEqual(["first"]);
      expect(titles(await RoPost.query().has("primaryLabels", ">=", 2))).toEqual([]);
      const counted = await RoPost.query().withCount("primaryLabels as primary_count").orderBy("id");
      expect(counted.map((p) => p.get("primary_count"))).toEqual([1, 1]);
    });

    it("morphedByMany: the inverse honours its own wherePivot", async () => {
      const [news, misc] = await RoLabel.query().orderBy("id");
      expect(titles(await news!.related("primaryPosts"))).toEqual(["first"]);
      expect(titles(await misc!.related("primaryPosts"))).toEqual(["second"]);
      expect((await RoLabel.whereHas("primaryPosts", (q: SqlQuery) => q.where("title", "first"))).map((l) => l.name)).toEqual(["news"]);
    });
  });

  it("mass writes through a where relation reach only its rows", async () => {
    expect(await first.related("approvedComments").update({ votes: 8 })).toBe(1);
    expect((await first.related<RoComment[]>("comments").orderBy("id")).map((c) => c.votes)).toEqual([8, 1]);
  });

  it("a malformed option is refused on first use, naming the relation and the fix", () => {
    class RoBroken extends SqlModel {
      static connectionName = "test";
      static tableName = "ro_broken";
      static schema = {
        id: column("increments", undefined, { primary: true }),
        tags: relation("hasMany", "RoComment", { foreignKey: "ro_post_id", where: ["approved", "===", true] as never }),
      };
    }
    registerModels([RoBroken], { logger: false, strict: false });
    expect(() => new RoBroken().related("tags")).toThrow(RelationError);
    expect(() => new RoBroken().related("tags")).toThrow(/RoBroken\.tags: where must be \[column, value\] or \[column, operator, value\]/);
  });
});
