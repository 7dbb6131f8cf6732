/**
 * Playground step 3: the seed's Mongo scenario (Comment, Photo and the parents they point at,
 * corrected in playground/models) on the embedded in-process store (`MONGODB_URL` unset, or
 * `memory:`; a mongodb:// URL runs it on a real server). Comments hang on Mongo photos and on an
 * SQL post (SQLite); both directions are eager loaded and every step prints the queries it took,
 * per store.
 */
import { getMongoConnection, migrate, onMongoCommand, onQuery, registerModels, type Model } from "eloquent-orm";
import { Comment, GeoLocation, mongoModels, Photo, Post, sqlModels, User } from "./models";

interface Counted<T> {
  result: T;
  sql: number;
  mongo: number;
}

async function counted<T>(work: () => PromiseLike<T>): Promise<Counted<T>> {
  let sql = 0;
  let mongo = 0;
  const stopSql = onQuery(() => sql++);
  const stopMongo = onMongoCommand(() => mongo++);
  try {
    return { result: await work(), sql, mongo };
  } finally {
    stopSql();
    stopMongo();
  }
}

function step(title: string, c: Counted<unknown>, lines: string[]): void {
  console.log(`  ${title}  [${c.mongo} mongo + ${c.sql} sql quer${c.mongo + c.sql === 1 ? "y" : "ies"}]`);
  for (const line of lines) console.log(`    ${line}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function label(parent: Model | null): string {
  if (!parent) return "(none)";
  if (parent instanceof Photo) return `Photo ${parent.path}`;
  if (parent instanceof Post) return `Post "${parent.title}" (SQL)`;
  return `${parent.constructor.name} ${String(parent.getKey())}`;
}

export async function runMongoDemo(): Promise<void> {
  registerModels([...sqlModels, ...mongoModels], { strict: true, logger: false });
  const conn = getMongoConnection();
  console.log(
    `eloquent: Mongo scenario on ${conn.embedded ? "the embedded in-process store" : conn.url} ` +
      `(connection '${conn.name}', database '${conn.databaseName}'), mixed with SQLite`,
  );
  await conn.db.dropDatabase();

  // SQL side: the post some comments belong to.
  await migrate([User, Post]);
  const author = await User.create({ name: "Ada", email: `ada+${Date.now()}@example.com` });
  const post = await Post.create({ user_id: author.id, title: "Documents and tables", body: "…", published: true });

  // Mongo side: a place, two photos taken there, comments on the photos and on the SQL post.
  const seeded = await counted(async () => {
    const lisbon = await GeoLocation.create({ name: "Lisbon", lat: 38.72, lng: -9.14 });
    const [tram, river] = await Photo.createMany([
      { path: "tram.jpg", imageable_type: "GeoLocation", imageable_id: lisbon.id },
      { path: "river.jpg", imageable_type: "GeoLocation", imageable_id: lisbon.id },
    ]);
    await Comment.createMany([
      { body: "Lovely light", commentable_type: "Photo", commentable_id: tram!.id },
      { body: "Which line is this?", commentable_type: "Photo", commentable_id: tram!.id },
      { body: "Calm water", commentable_type: "Photo", commentable_id: river!.id },
      // The same Comment collection points at an SQL row: the id is Post's integer key.
      { body: "Great read", commentable_type: "Post", commentable_id: post.id as unknown as string },
    ]);
    return lisbon;
  });
  step("seed: 1 location, 2 photos, 4 comments (3 on photos, 1 on an SQL post)", seeded, []);

  const photos = await counted(() => Photo.query().orderBy("path").with("comments", "imageable").withCount("comments"));
  step(
    "photos → comments (morphMany) and imageable (morphTo), with counts",
    photos,
    photos.result.map(
      (p) =>
        `${p.path} @ ${(p.getRelation("imageable") as GeoLocation | null)?.name}: ${plural(p.get("comments_count") as number, "comment")} — ${(p.getRelation("comments") as Comment[]).map((c) => `"${c.body}"`).join(", ")}`,
    ),
  );

  const comments = await counted(() => Comment.query().orderBy("body").with("commentable"));
  step(
    "comments → commentable (morphTo across stores: one query per parent type)",
    comments,
    comments.result.map((c) => `"${c.body}" on ${label(c.getRelation("commentable") as Model | null)}`),
  );

  // From the SQL post to its Mongo comments.
  const fromPost = await counted(async () => {
    const p = await Post.findOrFail(post.id);
    if ("comments" in (Post.schema as object)) {
      await (p as Model).load("comments"); // Post's schema type has no comments relation: checked at run time above
      return { p, list: p.getRelation("comments") as Comment[] };
    }
    // Without a `comments` relation on Post, the same single query by hand:
    const list = await Comment.where("commentable_type", "Post").whereIn("commentable_id", [p.id]);
    return { p, list };
  });
  step(
    "comments" in (Post.schema as object)
      ? "SQL post → its Mongo comments (Post.load('comments'))"
      : "SQL post → its Mongo comments (Post declares no comments relation: the same single query by hand)",
    fromPost,
    [`Post "${fromPost.result.p.title}": ${fromPost.result.list.map((c) => `"${c.body}"`).join(", ")}`],
  );

  const nested = await counted(() => GeoLocation.query().with("photos.comments"));
  step(
    "locations → photos → comments (nested, one query per level)",
    nested,
    nested.result.map(
      (g) =>
        `${g.name}: ${(g.getRelation("photos") as Photo[]).map((p) => `${p.path} (${plural((p.getRelation("comments") as Comment[]).length, "comment")})`).join(", ")}`,
    ),
  );
  console.log("");
}
