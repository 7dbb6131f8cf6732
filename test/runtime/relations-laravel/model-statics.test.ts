/**
 * Laravel's model statics and the relation option `inverse`, translated: `$with` / `$withCount` (static defaultWith /
 * defaultWithCount), `withoutTouching` / `withoutTouchingOn` / `isIgnoringTouch`, `->chaperone()` / `->inverse()`
 * (inverse: true / "name") and `Relation::morphMap` — on SQLite, PostgreSQL and MariaDB, with query counts.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, MongoModel, morphMap, registerModels, relation, SqlModel } from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

// The attributes these tests read are loaded relations and counts: loosely typed on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = Record<string, any>;

// ---- models: defaultWith / defaultWithCount ---------------------------------------------------------

class MsAuthor extends SqlModel<Any> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    articles: relation("hasMany", "MsArticle", { foreignKey: "author_id" }),
  };
}

class MsArticle extends SqlModel<Any> {
  static connectionName = "test";
  static defaultWith = ["author"];
  static defaultWithCount = ["notes"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int", undefined, { nullable: true }),
    title: column("string", 100),
    author: relation("belongsTo", "MsAuthor", { foreignKey: "author_id" }),
    notes: relation("hasMany", "MsNote", { foreignKey: "article_id" }),
  };
}

class MsNote extends SqlModel<Any> {
  static connectionName = "test";
  static defaultWith = ["likes"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    article_id: column("int"),
    body: column("string", 100),
    article: relation("belongsTo", "MsArticle", { foreignKey: "article_id" }),
    likes: relation("hasMany", "MsLike", { foreignKey: "note_id" }),
  };
}

class MsLike extends SqlModel<Any> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    note_id: column("int"),
    note: relation("belongsTo", "MsNote", { foreignKey: "note_id" }),
  };
}

// ---- models: inverse, touches, morphMap ------------------------------------------------------------

class MsUser extends SqlModel<Any> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    timestamps: column("timestamps"),
    posts: relation("hasMany", "MsPost", { foreignKey: "user_id", inverse: true }),
    profile: relation("hasOne", "MsProfile", { foreignKey: "user_id", inverse: "owner" }),
  };
}

class MsProfile extends SqlModel<Any> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int", undefined, { nullable: true }),
    bio: column("string", 100, { nullable: true }),
    owner: relation("belongsTo", "MsUser", { foreignKey: "user_id" }),
  };
}

class MsPost extends SqlModel<Any> {
  static connectionName = "test";
  static touches = ["user"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int", undefined, { nullable: true }),
    title: column("string", 100),
    timestamps: column("timestamps"),
    user: relation("belongsTo", "MsUser", { foreignKey: "user_id" }),
    comments: relation("morphMany", "MsComment", { morphName: "commentable", inverse: "commentable" }),
  };
}

class MsComment extends SqlModel<Any> {
  static connectionName = "test";
  static touches = ["commentable"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("string", 100),
    commentable_type: column("string", 50, { nullable: true }),
    commentable_id: column("int", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    commentable: relation("morphTo", "MsPost", { morphName: "commentable" }),
  };
}

// ---- Mongo models: the same statics and options on documents -----------------------------------------

class MgWriter extends MongoModel<Any> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 100),
    timestamps: column("timestamps"),
    books: relation("hasMany", "MgBook", { foreignKey: "writer_id", inverse: true }),
  };
}

class MgBook extends MongoModel<Any> {
  static connectionName = "mongo";
  static touches = ["writer"];
  static defaultWithCount = ["reviews"];
  static schema = {
    title: column("string", 100),
    writer_id: column("objectId", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    writer: relation("belongsTo", "MgWriter", { foreignKey: "writer_id" }),
    reviews: relation("morphMany", "MgReview", { morphName: "reviewable", inverse: true }),
  };
}

class MgReview extends MongoModel<Any> {
  static connectionName = "mongo";
  static defaultWith = ["reviewable"];
  static schema = {
    body: column("string", 100),
    reviewable_type: column("string", 50, { nullable: true }),
    reviewable_id: column("objectId", undefined, { nullable: true }),
    reviewable: relation("morphTo", "MgBook", { morphName: "reviewable" }),
  };
}

const MODELS = [MsAuthor, MsArticle, MsNote, MsLike, MsUser, MsProfile, MsPost, MsComment] as const;
const registered = registerModels([...MODELS, MgWriter, MgBook, MgReview], { logger: false });

// ---- models of the error cases ---------------------------------------------------------------------

class MsCycleA extends SqlModel<Any> {
  static connectionName = "test";
  static defaultWith = ["b"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    b: relation("hasMany", "MsCycleB", { foreignKey: "a_id" }),
  };
}
class MsCycleB extends SqlModel<Any> {
  static connectionName = "test";
  static defaultWith = ["a"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    a_id: column("int"),
    a: relation("belongsTo", "MsCycleA", { foreignKey: "a_id" }),
  };
}
registerModels([MsCycleA, MsCycleB], { logger: false });

class MsBadDefault extends SqlModel<Any> {
  static connectionName = "test";
  static defaultWith = ["autor"];
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int"),
    author: relation("belongsTo", "MsAuthor", { foreignKey: "author_id" }),
  };
}
registerModels([MsBadDefault], { logger: false });

class MsWrongInverse extends SqlModel<Any> {
  static connectionName = "test";
  static tableName = "ms_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    posts: relation("hasMany", "MsPost", { foreignKey: "user_id", inverse: "comments" }),
    profiles: relation("hasMany", "MsProfile", { foreignKey: "user_id", inverse: true }),
  };
}
registerModels([MsWrongInverse], { logger: false, strict: false });

const past = new Date("2001-01-01T00:00:00Z");

describe("the new statics and inverse are valid input for the registry", () => {
  it("registers without a diagnostic (defaultWith, defaultWithCount, inverse: true / a name)", () => {
    expect(registered.diagnostics.map((d) => d.message)).toEqual([]);
  });

  it("inverse: a value that is neither true nor a name is reported by the rule engine", () => {
    class MsBadInverse extends SqlModel<Any> {
      static connectionName = "test";
      static schema = {
        id: column("increments", undefined, { primary: true }),
        posts: relation("hasMany", "MsPost", { foreignKey: "user_id", inverse: 3 as never }),
      };
    }
    const { diagnostics } = registerModels([MsBadInverse], { logger: false, strict: false });
    expect(diagnostics.map((d) => d.message).join("\n")).toMatch(/inverse must be a relation name string, got/);
  });
});

describe.each(sqlDialects())("model statics on $name", (dialect) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_statics");
    await migrate([...MODELS]);
    const ada = await MsAuthor.create({ name: "Ada" });
    const [first, second] = [await MsArticle.create({ title: "one", author_id: ada.id }), await MsArticle.create({ title: "two" })];
    const note = await MsNote.create({ article_id: first.id, body: "n1" });
    await MsNote.create({ article_id: first.id, body: "n2" });
    await MsLike.create({ note_id: note.id });
    void second;
  });
  afterAll(async () => {
    await dropTables([...MODELS]);
    await teardown();
  });

  describe("static defaultWith / defaultWithCount", () => {
    it("every query of the model loads them (the counts inline: 2 statements)", async () => {
      const { result, count } = await withQueryCount(() => MsArticle.query().orderBy("id").get());
      expect(count).toBe(2);
      expect(result.map((a) => [a.title, a.author?.name ?? null, a.notes_count])).toEqual([
        ["one", "Ada", 2],
        ["two", null, 0],
      ]);
      expect((await MsArticle.find(result[0]!.id))!.relationLoaded("author")).toBe(true);
      expect((await MsArticle.where("title", "one").first())!.get("notes_count")).toBe(2);
    });

    it("a default count is never written back by save() / update()", async () => {
      const article = (await MsArticle.where("title", "one").first())!;
      expect(article.notes_count).toBe(2);
      const { count } = await withQueryCount(() => article.update({ title: "one!" }));
      expect(count).toBe(1);
      await article.update({ title: "one" });
      expect((await MsArticle.findOrFail(article.id)).title).toBe("one");
    });

    it("also when the model is loaded as a relation of another model (lazy and eager)", async () => {
      const ada = (await MsAuthor.where("name", "Ada").first())!;
      const lazy = await ada.related("articles").get();
      expect(lazy.map((a: Any) => [a.author.name, a.notes_count])).toEqual([["Ada", 2]]);
      const { result, count, queries } = await withQueryCount(() => MsAuthor.with("articles").get());
      // authors, articles, the articles' authors (default), their note counts (default; one grouped count for all)
      expect(count, queries.map((q) => q.sql).join("\n")).toBe(4);
      expect(result[0]!.articles[0].author.name).toBe("Ada");
      expect(result[0]!.articles[0].notes_count).toBe(2);
    });

    it("a nested with() over a default relation does not load it twice", async () => {
      const { result, count } = await withQueryCount(() => MsArticle.with("notes.likes").orderBy("id").get());
      // articles, their authors (default), notes, the notes' likes (MsNote's default, not read again for "notes.likes")
      expect(count).toBe(4);
      expect(result[0]!.notes.map((n: Any) => n.likes.length)).toEqual([1, 0]);
    });

    it("a constrained nested with() over a default relation wins", async () => {
      const result = await MsArticle.with({ "notes.likes": (q: Any) => q.where("id", 0) })
        .orderBy("id")
        .get();
      expect(result[0]!.notes.map((n: Any) => n.likes.length)).toEqual([0, 0]);
    });

    it("without() opts out of a default load", async () => {
      const { result, count } = await withQueryCount(() => MsArticle.query().without("author").orderBy("id").get());
      expect(count).toBe(1);
      expect(result[0]!.relationLoaded("author")).toBe(false);
      expect(result[0]!.notes_count).toBe(2); // counts stay
      expect(() => MsArticle.query().without("autor" as never)).toThrow(/MsArticle has no relation 'autor'/);
      // the class's defaults are untouched by one query's without()
      expect((await MsArticle.query().orderBy("id").first())!.relationLoaded("author")).toBe(true);
    });

    it("defaults that load each other in a circle fail with the chain and the fix", () => {
      const message =
        /MsCycleA\.defaultWith loads in a circle: MsCycleA\.defaultWith "b" loads MsCycleB, whose MsCycleB\.defaultWith "a" loads MsCycleA .*Remove one of these paths/;
      expect(() => MsCycleA.query()).toThrow(message);
      expect(() => MsCycleA.query()).toThrow(message); // every time, not only the first
    });

    it("a defaultWith path that is no relation names the model and the relation", () => {
      expect(() => MsBadDefault.query()).toThrow(/MsBadDefault\.defaultWith: .*autor.*author/);
    });
  });

  describe("inverse (Laravel's chaperone)", () => {
    let user: MsUser;

    beforeAll(async () => {
      user = await MsUser.create({ name: "Grace" });
      const post = await user.related("posts").create({ title: "p1" });
      await user.related("posts").create({ title: "p2" });
      await post.related("comments").createMany([{ body: "c1" }, { body: "c2" }]);
      await user.related("profile").create({ bio: "hi" });
    });

    it("lazy loads set the parent on every child without a query", async () => {
      const { result: posts, count } = await withQueryCount(() => user.related("posts").orderBy("id").get());
      expect(count).toBe(1);
      expect(posts.map((p: Any) => p.user)).toEqual([user, user]);
      expect(posts[0].user).toBe(user);
      const profile = await user.related("profile").first();
      expect((profile as Any).owner).toBe(user);
    });

    it("eager loads too: with('posts.user') and with('posts.comments.commentable') read no parent", async () => {
      const { result: users, count } = await withQueryCount(() =>
        MsUser.with("posts.user", "posts.comments.commentable", "profile.owner").where("name", "Grace").get(),
      );
      expect(count).toBe(4); // users, posts, comments, profiles
      const grace = users[0]!;
      for (const post of grace.posts) {
        expect(post.user).toBe(grace);
        for (const comment of post.comments) expect(comment.commentable).toBe(post);
      }
      expect(grace.posts[0].comments).toHaveLength(2);
      expect(grace.profile.owner).toBe(grace);
    });

    it("made, created and saved children point at the parent", async () => {
      const { result: made, count } = await withQueryCount(async () => user.related("posts").make({ title: "draft" }));
      expect(count).toBe(0);
      expect(made.user).toBe(user);
      expect(made.user_id).toBe(user.id);
      const created = await user.related("posts").create({ title: "p3" });
      expect(created.user).toBe(user);
      const post = new MsPost();
      post.title = "p4";
      expect((await user.related("posts").save(post)).user).toBe(user);
      const [many] = await user.related("posts").createMany([{ title: "p5" }]);
      expect(many!.user).toBe(user);
      const newer = await user.related("posts").firstOrNew({ title: "not there" });
      expect(newer.user).toBe(user);
      const comment = await created.related("comments").create({ body: "c" });
      expect(comment.commentable).toBe(created);
    });

    it("toJSON of a parent whose children point back does not recurse", async () => {
      const grace = (await MsUser.with("posts").where("name", "Grace").first())!;
      const json = JSON.parse(JSON.stringify(grace));
      expect(json.posts[0].user).toMatchObject({ name: "Grace" });
      expect(json.posts[0].user.posts).toBeUndefined();
    });

    it("an inverse that does not point back fails naming the fix, before any query", async () => {
      const wrong = new MsWrongInverse();
      wrong.set("id", 1);
      await expect(wrong.related("posts").get()).rejects.toThrow(
        /MsWrongInverse\.posts has inverse 'comments', but MsPost\.comments is a morphMany, not a belongsTo 'MsWrongInverse' on user_id/,
      );
      await expect(wrong.related("profiles").get()).rejects.toThrow(
        /MsWrongInverse\.profiles has inverse: true, but MsProfile declares no belongsTo 'MsWrongInverse' on user_id pointing back\. Add msWrongInverse: relation\("belongsTo", "MsWrongInverse", \{ foreignKey: "user_id" \}\) to MsProfile/,
      );
    });
  });

  describe("withoutTouching / withoutTouchingOn / isIgnoringTouch", () => {
    let user: MsUser;
    let post: MsPost;

    beforeAll(async () => {
      user = await MsUser.create({ name: "Touchy" });
      post = await user.related("posts").create({ title: "t" });
    });
    afterEach(async () => {
      await MsUser.where("id", user.id).update({ updated_at: past });
      await MsPost.where("id", post.id).update({ updated_at: past });
    });

    const userTouched = async () => (await MsUser.findOrFail(user.id)).updated_at.getTime() > past.getTime();
    const postTouched = async () => (await MsPost.findOrFail(post.id)).updated_at.getTime() > past.getTime();

    it("Model.withoutTouching(cb): the class is not touched inside; its own save still sets updated_at", async () => {
      await MsUser.where("id", user.id).update({ updated_at: past });
      await MsPost.where("id", post.id).update({ updated_at: past });
      const fresh = await MsPost.findOrFail(post.id);
      const { result, count } = await withQueryCount(() =>
        MsUser.withoutTouching(async () => {
          expect(MsUser.isIgnoringTouch()).toBe(true);
          expect(MsPost.isIgnoringTouch()).toBe(false);
          await fresh.update({ title: "t2" });
          return "done";
        }),
      );
      expect(result).toBe("done");
      expect(count).toBe(1); // the update, no touch
      expect(MsUser.isIgnoringTouch()).toBe(false);
      expect(await userTouched()).toBe(false);
      expect(await postTouched()).toBe(true);
      await fresh.update({ title: "t3" }); // outside: touched again
      expect(await userTouched()).toBe(true);
    });

    it("SqlModel.withoutTouching ignores every class; withoutTouchingOn the listed ones; scopes nest", async () => {
      const comment = new MsComment();
      comment.body = "x";
      comment.related("commentable").associate(post);
      await SqlModel.withoutTouching(async () => {
        expect(MsUser.isIgnoringTouch()).toBe(true);
        expect(MsPost.isIgnoringTouch()).toBe(true);
        await comment.save();
      });
      expect(await postTouched()).toBe(false);
      await SqlModel.withoutTouchingOn([MsPost], async () => {
        await MsUser.withoutTouching(async () => {
          expect(MsUser.isIgnoringTouch() && MsPost.isIgnoringTouch()).toBe(true);
        });
        expect(MsUser.isIgnoringTouch()).toBe(false); // the inner scope ended
        comment.body = "y";
        await comment.save(); // the morphTo parent is an MsPost: skipped
        const fresh = await MsPost.findOrFail(post.id);
        await fresh.update({ title: "t4" }); // MsPost saving touches its MsUser: allowed
      });
      expect(await postTouched()).toBe(true); // only by its own save
      expect(await userTouched()).toBe(true);
    });

    it("concurrent async contexts do not see each other's scope", async () => {
      let inside = false;
      let outside = true;
      await Promise.all([
        MsUser.withoutTouching(async () => {
          await new Promise((r) => setTimeout(r, 5));
          inside = MsUser.isIgnoringTouch();
        }),
        (async () => {
          await new Promise((r) => setTimeout(r, 1));
          outside = MsUser.isIgnoringTouch();
        })(),
      ]);
      expect([inside, outside]).toEqual([true, false]);
    });
  });

  describe("morphMap", () => {
    afterEach(() => {
      morphMap({}, false);
    });

    it("stores and resolves the alias; merges by default, replaces with false", async () => {
      expect(morphMap({ post: MsPost })).toEqual({ post: MsPost });
      expect(morphMap({ user: "MsUser" })).toEqual({ post: MsPost, user: MsUser });
      const post = await MsPost.create({ title: "mapped" });
      const comment = await post.related("comments").create({ body: "m" });
      expect(comment.commentable_type).toBe("post");
      const { result: loaded, count } = await withQueryCount(() => MsComment.with("commentable").where("id", comment.id).get());
      expect(count).toBe(2);
      expect(loaded[0]!.commentable.title).toBe("mapped");
      expect((await post.related("comments").get()).map((c: Any) => c.body)).toEqual(["m"]);
      expect(await post.related("comments").count()).toBe(1);
      expect(morphMap({ other: MsUser }, false)).toEqual({ other: MsUser });
      // without the alias the class name is stored again
      morphMap({}, false);
      const plain = await post.related("comments").create({ body: "n" });
      expect(plain.commentable_type).toBe("MsPost");
    });

    it("an unknown model name is an error naming the fix", () => {
      expect(() => morphMap({ x: "NoSuchModel" })).toThrow(/no registered model is named 'NoSuchModel'.*registerModels/);
    });
  });
});

describe.each(mongoTargets())("model statics on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let writer: MgWriter;

  beforeAll(async () => {
    teardown = await useMongo("rl_statics", target);
    writer = await MgWriter.create({ name: "Ursula" });
    const book = await writer.related("books").create({ title: "Earthsea" });
    await book.related("reviews").createMany([{ body: "r1" }, { body: "r2" }]);
  });
  afterAll(() => teardown());
  afterEach(() => {
    morphMap({}, false);
  });

  it("inverse: eager and lazy children point at the parent without a command", async () => {
    const { result: writers, count } = await withCommands(() => MgWriter.with("books.writer", "books.reviews.reviewable").get());
    // writers, books, their review counts (MgBook.defaultWithCount), reviews; no parent read back
    expect(count).toBe(4);
    const book = writers[0]!.books[0];
    expect(book.writer).toBe(writers[0]);
    expect(book.reviews_count).toBe(2);
    for (const review of book.reviews) expect(review.reviewable).toBe(book);
    const lazy = await writer.related("books").get();
    expect(lazy[0].writer).toBe(writer);
    expect(writer.related("books").make({ title: "draft" }).writer).toBe(writer);
  });

  it("defaultWith on a document model loads its morphTo parent on every query", async () => {
    const reviews = await MgReview.query().get();
    expect(reviews.map((r) => r.reviewable.title)).toEqual(["Earthsea", "Earthsea"]);
  });

  it("withoutTouching skips the parent's touch", async () => {
    const past = new Date("2001-01-01T00:00:00Z");
    await MgWriter.where("id", writer.id).update({ updated_at: past });
    const book = (await MgBook.query().first())!;
    await MgWriter.withoutTouching(() => book.update({ title: "Earthsea!" }));
    expect((await MgWriter.findOrFail(writer.id)).updated_at.getTime()).toBe(past.getTime());
    await book.update({ title: "Earthsea" });
    expect((await MgWriter.findOrFail(writer.id)).updated_at.getTime()).toBeGreaterThan(past.getTime());
  });

  it("morphMap aliases are stored and resolved", async () => {
    morphMap({ book: MgBook });
    const book = (await MgBook.query().first())!;
    const review = await book.related("reviews").create({ body: "mapped" });
    expect(review.reviewable_type).toBe("book");
    const again = await MgReview.findOrFail(review.id);
    expect(again.reviewable.id).toEqual(book.id);
  });
});
