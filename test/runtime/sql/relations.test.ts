/** Relations on every dialect: lazy, load, eager (nested, constrained), withCount, whereHas, pivots, morphs, query counts. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate, transaction } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { BLOG, Comment, Post, Profile, registerBlog, Tag, User, Video } from "./blog-models";

registerBlog();

describe.each(sqlDialects())("relations on $name", (dialect) => {
  let teardown: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    teardown = await useDialect(dialect, "relations");
    await migrate([...BLOG]);
    const [ada, bob, cy] = await User.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Cy" }]);
    ids.ada = ada!.id!;
    ids.bob = bob!.id!;
    ids.cy = cy!.id!;
    await Profile.create({ user_id: ada!.id, bio: "math" });
    const posts = await Post.createMany([
      { user_id: ada!.id, title: "a1", published: true },
      { user_id: ada!.id, title: "a2", published: false },
      { user_id: ada!.id, title: "a3", published: true },
      { user_id: bob!.id, title: "b1", published: true },
    ]);
    posts.forEach((p) => (ids[p.title!] = p.id!));
    const [t1, t2, t3] = await Tag.createMany([{ name: "js" }, { name: "sql" }, { name: "orm" }]);
    ids.js = t1!.id!;
    ids.sql = t2!.id!;
    ids.orm = t3!.id!;
    await posts[0]!.related("tags").attach({ [t1!.id!]: { role: "primary" }, [t2!.id!]: { role: "secondary" } });
    await posts[3]!.related("tags").attach([t2!.id!]);
    const video = await Video.create({ title: "talk" });
    ids.video = video.id!;
    await Comment.createMany([
      { body: "on a1", commentable_type: "Post", commentable_id: posts[0]!.id },
      { body: "on a1 again", commentable_type: "Post", commentable_id: posts[0]!.id },
      { body: "on video", commentable_type: "video", commentable_id: video.id },
    ]);
  });
  afterAll(async () => {
    await dropTables([...BLOG]);
    await teardown();
  });

  it("lazy: related() is a narrowable query; results are not cached", async () => {
    const ada = await User.findOrFail(ids.ada);
    const { result, count } = await withQueryCount(() => ada.related<Post[]>("posts").where("published", true).orderBy("title", "desc"));
    expect(result.map((p) => p.title)).toEqual(["a3", "a1"]);
    expect(count).toBe(1);
    expect(await ada.related("posts").count()).toBe(3);
    // typed from the attributes type (posts?: Post[], profile?: Profile | null): no generic needed
    const typed = await ada.related("posts").orderBy("title");
    expect(typed.map((p) => p.title)).toEqual(["a1", "a2", "a3"]);
    const profile = await ada.related("profile");
    expect(profile?.bio).toBe("math");
    expect((await ada.related<Profile | null>("profile"))?.bio).toBe("math");
    expect(() => ada.posts).toThrow(/User\.posts is not loaded/);
  });

  it("load() nested paths puts results under the relation's own name", async () => {
    const post = await Post.findOrFail(ids.a1);
    const { count } = await withQueryCount(() => post.load("author.profile", "tags", "comments"));
    expect(count).toBe(4);
    const author = post.author as User;
    expect(author.name).toBe("Ada");
    expect((author.profile as Profile).bio).toBe("math");
    expect((post.tags as Tag[]).map((t) => t.name).sort()).toEqual(["js", "sql"]);
    expect((post.comments as Comment[]).map((c) => c.body).sort()).toEqual(["on a1", "on a1 again"]);
    expect(JSON.parse(JSON.stringify(post)).author.profile.bio).toBe("math");
  });

  it("loaded relations: one, then several, each readable and serialized, unset one at a time", async () => {
    const user = (await User.with("posts").findOrFail(ids.ada)) as User;
    expect(Object.keys(user.getRelations())).toEqual(["posts"]);
    await user.load("profile"); // a second relation: both must stay readable
    user.setRelation("extra", "x");
    expect(user.relationLoaded("posts") && user.relationLoaded("profile") && user.relationLoaded("extra")).toBe(true);
    expect((user.getRelation("posts") as Post[]).map((p) => p.title).sort()).toEqual(["a1", "a2", "a3"]);
    expect((user.getRelation("profile") as Profile).bio).toBe("math");
    expect(Object.keys(user.getRelations()).sort()).toEqual(["extra", "posts", "profile"]);
    expect(Object.keys(JSON.parse(JSON.stringify(user))).filter((k) => ["extra", "posts", "profile"].includes(k))).toHaveLength(3);
    user.unsetRelation("posts");
    expect(user.relationLoaded("posts")).toBe(false);
    expect(() => user.getRelation("posts")).toThrow(/posts/);
    expect(user.getRelation("extra")).toBe("x");
    user.unsetRelation("extra").unsetRelation("profile");
    expect(user.getRelations()).toEqual({});
    expect("profile" in JSON.parse(JSON.stringify(user))).toBe(false);
    user.setRelation("profile", null); // a single relation again, after several
    expect(user.getRelations()).toEqual({ profile: null });
  });

  it("eager with(): one query per relation level, never one per row", async () => {
    const { result: users, count } = await withQueryCount(() =>
      User.query().with("posts.comments", "posts.tags", "profile").orderBy("id").get(),
    );
    // users, posts, comments, tags (join through the pivot), profile
    expect(count).toBe(5);
    const ada = users.find((u) => u.id === ids.ada)!;
    expect((ada.posts as Post[]).map((p) => p.title).sort()).toEqual(["a1", "a2", "a3"]);
    expect(((ada.posts as Post[]).find((p) => p.title === "a1")!.comments as Comment[]).length).toBe(2);
    expect((users.find((u) => u.id === ids.cy)!.posts as Post[]).length).toBe(0);
    expect(users.find((u) => u.id === ids.cy)!.profile).toBeNull();
  });

  it("constrained eager loading", async () => {
    const users = await User.with({ posts: (q) => q.where("published", true).orderBy("title", "desc") })
      .orderBy("id")
      .get();
    expect((users[0]!.posts as Post[]).map((p) => p.title)).toEqual(["a3", "a1"]);
  });

  it("OR inside a relation constraint stays grouped: keys and soft deletes still apply", async () => {
    const ada = await User.findOrFail(ids.ada);
    const a3 = await Post.findOrFail(ids.a3);
    await a3.delete();
    try {
      const found = await ada.related<Post[]>("posts").where("title", "a1").orWhere("title", "a3").orWhere("title", "b1");
      expect(found.map((p) => p.title)).toEqual(["a1"]);
      const counted = await User.withCount({ posts: (q) => q.where("title", "a1").orWhere("title", "a3") })
        .orderBy("id")
        .get();
      expect(counted.map((u) => u.get("posts_count"))).toEqual([1, 0, 0]);
    } finally {
      await a3.restore();
    }
  });

  it("withCount and whereHas / whereDoesntHave (nested, constrained)", async () => {
    const { result: users, count } = await withQueryCount(() =>
      User.query()
        .withCount("posts", { "posts as published_count": (q) => q.where("published", true) })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(1); // both counts are correlated subqueries of the one statement (inline-counts.ts)
    expect(users.map((u) => [u.name, u.get("posts_count"), u.get("published_count")])).toEqual([
      ["Ada", 3, 2],
      ["Bob", 1, 1],
      ["Cy", 0, 0],
    ]);
    expect(users[0]!.isDirty()).toBe(false);
    expect(await User.whereHas("posts").orderBy("id").pluck("name")).toEqual(["Ada", "Bob"]);
    expect(await User.query().whereDoesntHave("posts").pluck("name")).toEqual(["Cy"]);
    expect(await User.whereHas("posts", (q) => q.where("title", "b1")).pluck("name")).toEqual(["Bob"]);
    expect(await User.whereHas("posts.tags", (q) => q.where("name", "js")).pluck("name")).toEqual(["Ada"]);
    expect(await Post.whereHas("tags").orderBy("title").pluck("title")).toEqual(["a1", "b1"]);
    const { result: posts, count: postQueries } = await withQueryCount(() =>
      Post.query().withCount("tags", "comments").orderBy("title").get(),
    );
    expect(postQueries).toBe(2); // comments inline; belongsToMany tags by its own grouped query over the pivot
    expect(posts.map((p) => [p.title, p.get("tags_count"), p.get("comments_count")])).toEqual([
      ["a1", 2, 2],
      ["a2", 0, 0],
      ["a3", 0, 0],
      ["b1", 1, 0],
    ]);
  });

  it("unknown relation names fail with did-you-mean when the path is given, rows or not", () => {
    expect(() => User.query().with("post" as never)).toThrow(/User has no relation 'post'\. Did you mean 'posts'\?/);
    expect(() => User.query().with("posts.tagz" as never)).toThrow(/Post has no relation 'tagz'\. Did you mean 'tags'\?/);
    // An empty result would never reach the loader: the path is still checked.
    expect(() => User.where("name", "nobody").with({ postz: (q: never) => q } as never)).toThrow(/User has no relation 'postz'/);
  });

  it("belongsToMany pivot columns are readable on related rows", async () => {
    const post = await Post.with("tags").where("title", "a1").firstOrFail();
    const tags = (post.tags as Tag[]).sort((a, b) => a.name!.localeCompare(b.name!));
    expect(tags.map((t) => t.pivot?.role)).toEqual(["primary", "secondary"]);
    expect(tags[0]!.pivot!.created_at).toBeInstanceOf(Date);
    expect(tags[0]!.pivot!.post_id).toEqual(post.id);
    expect(JSON.parse(JSON.stringify(tags[0])).pivot.role).toBe("primary");
  });

  it("attach / detach / sync / toggle", async () => {
    const post = await Post.findOrFail(ids.a2);
    const tags = post.related("tags");
    await tags.attach([ids.js]);
    expect((await post.related<Tag[]>("tags")).map((t) => t.name)).toEqual(["js"]);
    const result = await tags.sync({ [ids.sql]: { role: "x" }, [ids.orm]: {} });
    expect(result.attached.map(String).sort()).toEqual([String(ids.sql), String(ids.orm)].sort());
    expect(result.detached.map(String)).toEqual([String(ids.js)]);
    expect(result.updated).toEqual([]);
    const again = await tags.sync({ [ids.sql]: { role: "y" }, [ids.orm]: {} });
    expect(again).toEqual({ attached: [], detached: [], updated: [String(ids.sql)] });
    const toggled = await tags.toggle([ids.orm, ids.js]);
    expect(toggled.attached.map(String)).toEqual([String(ids.js)]);
    expect(toggled.detached.map(String)).toEqual([String(ids.orm)]);
    expect(await tags.detach([ids.js])).toBe(1);
    expect((await post.related<Tag[]>("tags")).map((t) => [t.name, t.pivot?.role])).toEqual([["sql", "y"]]);
    expect(await tags.detach()).toBe(1);
    await expect(tags.attach({ [ids.js]: { colour: "red" } })).rejects.toThrow(/'colour' is not a pivot column of post_tags/);
  });

  it("a failure injected in the middle of sync leaves the pivot rows exactly as before", async () => {
    const post = await Post.findOrFail(ids.a3);
    await post.related("tags").sync({ [ids.js]: { role: "keep" }, [ids.sql]: { role: "keep" } });
    const before = (await post.related<Tag[]>("tags")).map((t) => [t.id, t.pivot?.role]).sort();
    // sync detaches orm-less rows first, then inserts: make the insert fail (tag id that violates the FK / NOT NULL)
    await expect(post.related("tags").sync({ [ids.orm]: { role: "new" }, 2_000_000_000: { role: "boom" } })).rejects.toThrow();
    const after = (await post.related<Tag[]>("tags")).map((t) => [t.id, t.pivot?.role]).sort();
    expect(after).toEqual(before);
  });

  it("morphMany / morphOne / morphTo eager across parent types, one query per type", async () => {
    const { result: comments, count } = await withQueryCount(() => Comment.with("commentable").orderBy("id").get());
    expect(count).toBe(3); // comments + posts + videos
    expect(comments.map((c) => (c.commentable as Post | Video).title)).toEqual(["a1", "a1", "talk"]);
    expect(comments[2]!.commentable).toBeInstanceOf(Video);
    const video = await Video.with("comments", "thumbnail").firstOrFail();
    expect((video.comments as Comment[]).map((c) => c.body)).toEqual(["on video"]);
    expect((video.thumbnail as Comment).body).toBe("on video");
    const created = await video.related("comments").create({ body: "made via relation" });
    expect(created.get("commentable_type")).toBe("video");
    expect(await video.related("comments").count()).toBe(2);
  });

  it("model operations join the surrounding transaction; a throw rolls back; nested uses savepoints", async () => {
    await expect(
      transaction(
        async () => {
          await User.create({ name: "Ghost" });
          expect(await User.where("name", "Ghost").count()).toBe(1);
          throw new Error("boom");
        },
        { connection: "test" },
      ),
    ).rejects.toThrow("boom");
    expect(await User.where("name", "Ghost").count()).toBe(0);

    await transaction(
      async () => {
        await User.create({ name: "Outer" });
        await expect(
          transaction(
            async () => {
              await User.create({ name: "Inner" });
              throw new Error("inner");
            },
            { connection: "test" },
          ),
        ).rejects.toThrow("inner");
        expect(await User.where("name", "Inner").count()).toBe(0);
      },
      { connection: "test" },
    );
    expect(await User.where("name", "Outer").count()).toBe(1);
    await User.where("name", "Outer").forceDelete();
  });

  it("40,000 parents eager-loaded without a parameter-limit error", async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => ({ title: `bulk${i}`, user_id: ids.bob }));
    await Tag.query().count(); // warm
    const created = await Post.createMany(rows);
    expect(created).toHaveLength(40_000);
    expect(new Set(created.map((p) => p.id)).size).toBe(40_000);
    const { result, count } = await withQueryCount(() => Post.where("title", "like", "bulk%").with("author", "comments").get());
    expect(result).toHaveLength(40_000);
    expect((result[39_999]!.author as User).name).toBe("Bob");
    // posts + authors (1 distinct key) + comments (40,000 keys: one IN on PG/MySQL; past SQLite's 32,766
    // parameters the keys travel as one JSON array): one statement per level everywhere
    expect(count).toBe(3);
    await Post.where("title", "like", "bulk%").forceDelete();
  }, 120_000);
});
