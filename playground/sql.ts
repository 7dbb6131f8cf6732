/**
 * Playground step 2: the SQL blog on SQLite (in memory unless DB_CONNECTION / DB_DATABASE say
 * otherwise). Creates the schema from the models, seeds it, then runs lazy, nested and constrained
 * eager loading, withCount, whereHas, pivot sync and polymorphic queries — printing each result with
 * the number of SQL statements it took.
 */
import { configureConnection, defaultConnectionName, migrate, onQuery, registerModels, transaction } from "eloquent-orm";
import { Image, Post, Profile, sqlModels, Tag, User } from "./models";

async function step<T>(title: string, work: () => PromiseLike<T>, show: (result: T) => string): Promise<T> {
  let queries = 0;
  const stop = onQuery(() => void queries++);
  let result: T;
  try {
    result = await work();
  } finally {
    stop();
  }
  console.log(`  ${title}  [${queries} ${queries === 1 ? "query" : "queries"}]`);
  for (const line of show(result).split("\n")) console.log(`      ${line}`);
  return result;
}

const names = (models: ReadonlyArray<{ get(key: string): unknown }>, key = "name") =>
  models.map((m) => String(m.get(key))).join(", ") || "—";

export async function runSqlDemo(): Promise<void> {
  const connection = defaultConnectionName();
  if (connection === "sqlite" && !process.env.DB_DATABASE && !process.env.DB_SQLITE_URL) {
    configureConnection("sqlite", { client: "sqlite", filename: ":memory:" });
  }
  registerModels([...sqlModels], { logger: false });
  console.log(`eloquent SQL: the blog on connection '${connection}'`);

  const plans = await migrate([...sqlModels]);
  for (const plan of plans) {
    console.log(
      `  schema: created ${plan.created.join(", ") || "nothing"}${plan.skipped.length ? ` (already there: ${plan.skipped.join(", ")})` : ""}`,
    );
  }

  // ---- seed -------------------------------------------------------------------------------------
  const [ada, grace, linus] = await User.createMany([
    { name: "Ada", email: "ada@example.com" },
    { name: "Grace", email: "grace@example.com" },
    { name: "Linus", email: "linus@example.com" },
  ]);
  await Profile.createMany([
    { user_id: ada!.id, bio: "Analytical engines" },
    { user_id: grace!.id, bio: "Compilers" },
  ]);
  const posts = await Post.createMany([
    { user_id: ada!.id, title: "Notes on the engine", body: "…", published: true },
    { user_id: ada!.id, title: "Bernoulli numbers", body: "…", published: true },
    { user_id: ada!.id, title: "Draft: poetical science", body: "…", published: false },
    { user_id: grace!.id, title: "A-0 System", body: "…", published: true },
    { user_id: grace!.id, title: "Debugging a moth", body: "…", published: false },
  ]);
  const tags = await Tag.createMany([{ name: "history" }, { name: "math" }, { name: "compilers" }, { name: "drafts" }]);
  const tagId = (name: string) => tags.find((t) => t.name === name)!.id!;
  await posts[0]!.related("tags").attach([tagId("history"), tagId("math")]);
  await posts[1]!.related("tags").attach([tagId("math")]);
  await posts[2]!.related("tags").attach([tagId("drafts")]);
  await posts[3]!.related("tags").attach([tagId("compilers"), tagId("history")]);
  await Image.createMany([
    { url: "/img/engine.png", imageable_type: "Post", imageable_id: posts[0]!.id },
    { url: "/img/moth.png", imageable_type: "Post", imageable_id: posts[4]!.id },
    { url: "/avatars/ada.png", imageable_type: "User", imageable_id: ada!.id },
    { url: "/avatars/grace.png", imageable_type: "User", imageable_id: grace!.id },
  ]);
  console.log(
    `  seeded ${await User.count()} users, ${await Post.count()} posts, ${await Tag.count()} tags, ${await Image.count()} images\n`,
  );

  // ---- relation loading -------------------------------------------------------------------------
  await step(
    "lazy: ada.related('posts').where('published', true).orderBy('title')",
    () => ada!.related<Post[]>("posts").where("published", true).orderBy("title"),
    (r) => names(r, "title"),
  );

  await step(
    "load nested on one model: post.load('author.profile', 'tags')",
    () => Post.findOrFail(posts[0]!.id).then((p) => p.load("author.profile", "tags")),
    (p) => {
      const author = p.getRelation("author") as User;
      const profile = author.getRelation("profile") as Profile;
      return `"${p.title}" by ${author.name} (${profile.bio}); tags: ${names(p.getRelation("tags") as Tag[])}`;
    },
  );

  await step(
    "eager, nested: User.with('posts.tags', 'profile', 'avatar')  — one query per relation level, not per row",
    () => User.with("posts.tags", "profile", "avatar").orderBy("name").get(),
    (users) =>
      users
        .map((u) => {
          const ps = u.getRelation("posts") as Post[];
          const avatar = u.getRelation("avatar") as Image | null;
          return `${u.name}: ${ps.length} posts [${ps.map((p) => `${p.title} (${names(p.getRelation("tags") as Tag[])})`).join("; ")}], avatar ${avatar?.url ?? "none"}`;
        })
        .join("\n"),
  );

  await step(
    "constrained eager: User.with({ posts: q => q.where('published', true).orderBy('title', 'desc') })",
    () =>
      User.with({ posts: (q) => q.where("published", true).orderBy("title", "desc") })
        .orderBy("name")
        .get(),
    (users) => users.map((u) => `${u.name}: ${names(u.getRelation("posts") as Post[], "title")}`).join("\n"),
  );

  await step(
    "withCount: User.withCount('posts', { 'posts as published_posts': q => q.where('published', true) })",
    () =>
      User.withCount("posts", { "posts as published_posts": (q) => q.where("published", true) })
        .orderBy("name")
        .get(),
    (users) => users.map((u) => `${u.name}: ${u.get("posts_count")} posts, ${u.get("published_posts")} published`).join("\n"),
  );

  await step(
    "whereHas: User.whereHas('posts.tags', q => q.where('name', 'history'))",
    () =>
      User.whereHas("posts.tags", (q) => q.where("name", "history"))
        .orderBy("name")
        .get(),
    (users) => names(users),
  );

  // ---- pivots -----------------------------------------------------------------------------------
  const draft = posts[2]!;
  await step(
    `pivot sync: "${draft.title}".related('tags').sync([math, history])  — atomic`,
    () => draft.related("tags").sync([tagId("math"), tagId("history")]),
    (r) => `attached ${JSON.stringify(r.attached)}, detached ${JSON.stringify(r.detached)}, updated ${JSON.stringify(r.updated)}`,
  );
  await step(
    "pivot columns: tag.pivot.created_at on the loaded tags",
    () => draft.related<Tag[]>("tags"),
    (ts) =>
      ts.map((t) => `${t.name} (attached ${(t.pivot?.created_at as Date | undefined)?.toISOString?.() ?? t.pivot?.created_at})`).join(", "),
  );
  await step(
    "a failing sync inside a transaction rolls back: the pivot rows stay exactly as they were",
    async () => {
      try {
        await transaction(
          async () => {
            await draft.related("tags").sync([tagId("drafts")]);
            throw new Error("simulated failure after sync");
          },
          { connection },
        );
      } catch (error) {
        return `${(error as Error).message}; tags now: ${names(await draft.related<Tag[]>("tags"))}`;
      }
      return "no failure?";
    },
    (s) => s,
  );

  // ---- polymorphic ------------------------------------------------------------------------------
  await step(
    "morphTo eager across parent types: Image.with('imageable')  — one query per parent type",
    () => Image.with("imageable").orderBy("id").get(),
    (images) =>
      images
        .map((i) => {
          const parent = i.getRelation("imageable") as Post | User | null;
          return `${i.url} → ${i.imageable_type} ${parent instanceof Post ? `"${parent.title}"` : parent instanceof User ? parent.name : "none"}`;
        })
        .join("\n"),
  );
  await step(
    "morphMany: Post.with('images').whereHas('images')",
    () => Post.with("images").whereHas("images").orderBy("id").get(),
    (ps) => ps.map((p) => `${p.title}: ${names(p.getRelation("images") as Image[], "url")}`).join("\n"),
  );
  void linus;
  console.log("");
}
