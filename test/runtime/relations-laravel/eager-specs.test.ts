/**
 * Eager-load specs at Laravel's level: nested specs under a key (`{ posts: { comments: ["tags"], image: true } }`,
 * `{ posts: ["comments"] }`), several specs for one path merging (all constraints apply), the column selection
 * form `"posts:id,title,user_id"` (only those columns; the matching keys required), and morphTo's `constrain()` —
 * one query per relation level throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, RelationError, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { Author, registerLibrary, Review } from "../mongo/library-models";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";

class EsUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    posts: relation("hasMany", "EsPost", { foreignKey: "user_id" }),
  };
}

class EsPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    title: column("string", 50),
    body: column("string", 50, { nullable: true }),
    user: relation("belongsTo", "EsUser", { foreignKey: "user_id" }),
    comments: relation("hasMany", "EsComment", { foreignKey: "post_id" }),
    image: relation("morphOne", "EsImage", { morphName: "imageable" }),
    tags: relation("belongsToMany", "EsTag", { pivotTable: "es_post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
  };
}

class EsComment extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_comments";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    post_id: column("int"),
    body: column("string", 50),
    parent: relation("belongsTo", "EsPost", { foreignKey: "post_id" }),
    tags: relation("belongsToMany", "EsTag", { pivotTable: "es_comment_tag", pivotLocalKey: "comment_id", pivotForeignKey: "tag_id" }),
  };
}

class EsTag extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_tags";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 50) };
}

class EsVideo extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_videos";
  static schema = { id: column("increments", undefined, { primary: true }), title: column("string", 50) };
}

class EsImage extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "es_images";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    url: column("string", 50),
    imageable_type: column("string", 50),
    imageable_id: column("int"),
    imageable: relation("morphTo", "EsPost", { morphName: "imageable" }),
  };
}

const MODELS = [EsUser, EsPost, EsComment, EsTag, EsVideo, EsImage];
registerModels(MODELS, { logger: false, strict: false });
registerLibrary();

const titles = (posts: unknown) => (posts as EsPost[]).map((p) => p.title);

describe.each(sqlDialects())("eager-load specs on $name", (dialect) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "es_specs");
    await migrate(MODELS);
    const [ann, bob] = await EsUser.createMany([{ name: "ann" }, { name: "bob" }]);
    const [a, b, c] = await EsPost.createMany([
      { user_id: ann!.id, title: "a", body: "A" },
      { user_id: ann!.id, title: "b", body: "B" },
      { user_id: bob!.id, title: "c", body: "C" },
    ]);
    const [a1, , c1] = await EsComment.createMany([
      { post_id: a!.id, body: "a1" },
      { post_id: b!.id, body: "b1" },
      { post_id: c!.id, body: "c1" },
    ]);
    const [red, blue] = await EsTag.createMany([{ name: "red" }, { name: "blue" }]);
    await a1!.related("tags").attach([red!.id]);
    await c1!.related("tags").attach([red!.id, blue!.id]);
    await a!.related("tags").attach([blue!.id]);
    const [v1, v2] = await EsVideo.createMany([{ title: "v1" }, { title: "v2" }]);
    await EsImage.createMany([
      { url: "a.png", imageable_type: "EsPost", imageable_id: a!.id },
      { url: "b.png", imageable_type: "EsPost", imageable_id: b!.id },
      { url: "v1.png", imageable_type: "EsVideo", imageable_id: v1!.id },
      { url: "v2.png", imageable_type: "EsVideo", imageable_id: v2!.id },
    ]);
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  it("a nested object under a key loads its children: one query per relation level", async () => {
    const { result: users, count } = await withQueryCount(() =>
      EsUser.with({ posts: { comments: ["tags"], image: true } })
        .orderBy("id")
        .get(),
    );
    // users, posts, comments, comment tags, post images
    expect(count).toBe(5);
    const [ann, bob] = users;
    const posts = ann!.posts as EsPost[];
    expect(titles(posts)).toEqual(["a", "b"]);
    expect((posts[0]!.comments as EsComment[]).map((c) => c.body)).toEqual(["a1"]);
    expect(((posts[0]!.comments as EsComment[])[0]!.tags as EsTag[]).map((t) => t.name)).toEqual(["red"]);
    expect((posts[1]!.image as EsImage).url).toBe("b.png");
    expect(((bob!.posts as EsPost[])[0]!.comments as EsComment[])[0]!.getRelation("tags")).toHaveLength(2);
    expect((bob!.posts as EsPost[])[0]!.image).toBeNull();
  });

  it("a list under a key, and a string under a key, are children too", async () => {
    const { result: users, count } = await withQueryCount(() =>
      EsUser.with({ posts: ["comments"] })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(3);
    expect(((users[0]!.posts as EsPost[])[1]!.comments as EsComment[]).map((c) => c.body)).toEqual(["b1"]);
    const viaString = await EsUser.with({ posts: "comments.tags" }).orderBy("id").get();
    expect((((viaString[1]!.posts as EsPost[])[0]!.comments as EsComment[])[0]!.tags as EsTag[]).length).toBe(2);
    expect(() => EsUser.with({ posts: ["coments"] })).toThrow(/EsPost has no relation 'coments'. Did you mean 'comments'\?/);
  });

  it("several specs for one path merge: every constraint applies, children add up", async () => {
    const { result: users, count } = await withQueryCount(() =>
      EsUser.with(
        { posts: (q: any) => q.where("title", "!=", "a") },
        "posts.comments",
        { posts: (q: any) => q.where("title", "!=", "c") },
        { posts: { image: true } },
      )
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(4);
    expect(users.map((u) => titles(u.posts))).toEqual([["b"], []]);
    const b = (users[0]!.posts as EsPost[])[0]!;
    expect([(b.comments as EsComment[]).map((c) => c.body), (b.image as EsImage).url]).toEqual([["b1"], "b.png"]);
    // a constraint under a nested key: comment b1's parent is filtered out and loads as null
    const posts = await EsPost.with({ comments: { parent: (q: any) => q.where("title", "a") } })
      .orderBy("id")
      .get();
    expect(posts.map((p) => (p.comments as EsComment[]).map((c) => (c.parent as EsPost | null)?.title ?? null))).toEqual([
      ["a"],
      [null],
      [null],
    ]);
  });

  it('"rel:col1,col2" selects only those columns at that level', async () => {
    const { result: users, count } = await withQueryCount(() => EsUser.with("posts:id,title,user_id").orderBy("id").get());
    expect(count).toBe(2);
    const post = (users[0]!.posts as EsPost[])[0]!;
    expect(Object.keys(post.getAttributes()).sort()).toEqual(["id", "title", "user_id"]);
    expect(titles(users[0]!.posts)).toEqual(["a", "b"]);
    // as a spec key with children, qualified columns, belongsTo, belongsToMany (pivot still read), morphTo
    const nested = await EsUser.with({ "posts:es_posts.id,es_posts.user_id": ["comments:id,post_id,body"] })
      .orderBy("id")
      .get();
    const first = (nested[0]!.posts as EsPost[])[0]!;
    expect(Object.keys(first.getAttributes()).sort()).toEqual(["id", "user_id"]);
    expect((first.comments as EsComment[]).map((c) => c.body)).toEqual(["a1"]);
    const withUser = await EsPost.with("user:id", "tags:name").orderBy("id").get();
    expect(withUser[0]!.user.getAttributes()).toEqual({ id: withUser[0]!.user_id });
    expect((withUser[0]!.tags as EsTag[]).map((t) => t.getAttributes())).toEqual([{ name: "blue" }]);
    expect((withUser[0]!.tags as EsTag[])[0]!.pivot).toMatchObject({ post_id: withUser[0]!.id });
    const images = await EsImage.with("imageable:id").orderBy("id").get();
    expect(images.map((i) => i.imageable.getAttributes())).toEqual([{ id: 1 }, { id: 2 }, { id: 1 }, { id: 2 }]);
    // several specs listing columns for one path: the union
    const both = await EsUser.with("posts:id,user_id", "posts:title").orderBy("id").get();
    expect(Object.keys((both[0]!.posts as EsPost[])[0]!.getAttributes()).sort()).toEqual(["id", "title", "user_id"]);
    // load / loadMissing take the same form
    const ann = (await EsUser.query().orderBy("id").first())!;
    await ann.load("posts:id,user_id,body");
    expect((ann.posts as EsPost[]).map((p) => p.getAttributes())).toEqual([
      { id: 1, user_id: ann.id, body: "A" },
      { id: 2, user_id: ann.id, body: "B" },
    ]);
  });

  it('"rel:cols" without the keys the rows are matched by is a clear error, before any query', async () => {
    expect(() => EsUser.with("posts:id,title")).toThrow(
      /EsUser.with\("posts:id,title"\): the columns must include user_id, which matches the EsPost rows to their parents. Write "posts:id,title,user_id"/,
    );
    expect(() => EsUser.with({ "posts:title,user_id": ["comments"] })).toThrow(
      /the columns must include id, .* or to their own eager relations/,
    );
    expect(() => EsPost.with("user:name")).toThrow(/EsPost.with\("user:name"\): the columns must include id/);
    expect(() => EsUser.with("posts:id,titel,user_id")).toThrow(/unknown column 'titel' on table es_posts. Did you mean 'title'\?/);
    expect(() => EsUser.with("posts:")).toThrow(/lists an empty column name/);
    // load() / loadMissing() check when they run
    const ann = (await EsUser.query().orderBy("id").first())!;
    await expect(ann.load("posts:id,title")).rejects.toThrow(/the columns must include user_id/);
    await expect(ann.loadMissing("posts:title")).rejects.toThrow(/the columns must include user_id/);
    // a morphTo's parents are known per type: checked when the type's query is built
    await expect(EsImage.with("imageable:title").get()).rejects.toThrow(RelationError);
    await expect(EsImage.with("imageable:title").get()).rejects.toThrow(/the columns must include id, which matches the EsPost rows/);
  });

  it("morphTo constrain(): a constraint per parent type, a filtered-out parent loads as null", async () => {
    const { result: images, count } = await withQueryCount(() =>
      EsImage.with({
        imageable: (morphTo: any) =>
          morphTo.constrain({ EsPost: (q: any) => q.where("title", "a"), EsVideo: (q: any) => q.where("title", "v2") }),
      })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(3);
    expect(images.map((i) => i.imageable?.get("title") ?? null)).toEqual(["a", null, null, "v2"]);
    // only the listed types are constrained; constrain and morphWith combine
    const some = await EsImage.with({
      imageable: (morphTo: any) => morphTo.constrain({ EsVideo: (q: any) => q.where("title", "v1") }).morphWith({ EsPost: ["comments"] }),
    })
      .orderBy("id")
      .get();
    expect(some.map((i) => i.imageable?.get("title") ?? null)).toEqual(["a", "b", "v1", null]);
    expect((some[0]!.imageable.comments as EsComment[]).map((c) => c.body)).toEqual(["a1"]);
    await expect(EsImage.with({ imageable: (m: any) => m.constrain([]) }).get()).rejects.toThrow(
      /constrain\(\) expects \{ Type: \(query\) => \.\.\. \}/,
    );
    await expect(EsImage.with({ imageable: (m: any) => m.constrain({ EsPost: "title" }) }).get()).rejects.toThrow(/expects a function/);
  });
});

// ---- Mongo: the same specs, one command per relation level ----------------------------------------------

describe.each(mongoTargets())("eager-load specs on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useMongo("es_mongo", target);
    const [ursula, terry] = (await Author.createMany([{ name: "Ursula" }, { name: "Terry" }])) as Author[];
    const [earthsea] = await ursula!.related("books").createMany([
      { title: "Earthsea", year: 1968, genre_ids: [] },
      { title: "Dispossessed", year: 1974, genre_ids: [] },
    ]);
    const [mort] = await terry!.related("books").createMany([{ title: "Mort", year: 1987, genre_ids: [] }]);
    await Review.createMany([
      { body: "deep", stars: 5, reviewable_type: "Book", reviewable_id: earthsea!.id },
      { body: "fun", stars: 4, reviewable_type: "Book", reviewable_id: mort!.id },
      { body: "who", stars: 3, reviewable_type: "Author", reviewable_id: terry!.id },
    ]);
  });
  afterAll(() => teardown());

  it("nested specs and merged constraints: one command per level", async () => {
    const { result: authors, count } = await withCommands(() =>
      Author.with({ books: { reviews: true } }, { books: (q: any) => q.where("year", "<", 1980) })
        .orderBy("name")
        .get(),
    );
    expect(count).toBe(3);
    expect(authors.map((a) => (a.books ?? []).map((b) => [b.title, (b.reviews ?? []).map((r) => r.body)]))).toEqual([
      [],
      [
        ["Earthsea", ["deep"]],
        ["Dispossessed", []],
      ],
    ]);
  });

  it('"rel:cols" projects those fields; keys are required', async () => {
    const [terry] = await Author.with("books:title,author_id").orderBy("name").get();
    expect(terry!.books!.map((b) => [b.title, b.year])).toEqual([["Mort", undefined]]);
    expect(() => Author.with("books:title")).toThrow(/the columns must include author_id/);
  });

  it("morphTo constrain() per parent type", async () => {
    const reviews = await Review.with({
      reviewable: (morphTo: any) => morphTo.constrain({ Book: (q: any) => q.where("year", "<", 1980) }),
    })
      .orderBy("body")
      .get();
    expect(reviews.map((r) => [r.body, r.reviewable?.get("title") ?? r.reviewable?.get("name") ?? null])).toEqual([
      ["deep", "Earthsea"],
      ["fun", null],
      ["who", "Terry"],
    ]);
  });
});
