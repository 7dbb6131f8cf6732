/**
 * Playground step 2b: relation queries at Laravel's level on the SQL blog seeded by step 2 — per-parent
 * limits in eager constraints, pivot queries, existence counts and aggregates, with their query counts.
 */
import { loadMissingRelations, onQuery } from "eloquent-orm";
import { Post, Tag, User } from "./models";

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

const titles = (posts: ReadonlyArray<{ get(key: string): unknown }> | undefined) =>
  (posts ?? []).map((p) => String(p.get("title"))).join(", ") || "—";

export async function runRelationsDemo(): Promise<void> {
  console.log("eloquent relation queries (docs/relations.md)");

  await step(
    'User.with({ posts: q => q.orderBy("id", "desc").limit(1) })  — the latest post of EACH user',
    () =>
      User.with({ posts: (q) => q.orderBy("id", "desc").limit(1) })
        .orderBy("id")
        .get(),
    (users) => users.map((u) => `${u.name}: ${titles(u.getRelation("posts") as Post[])}`).join("\n"),
  );

  const post = (await Post.query().whereHas("tags").orderBy("id").first())!;
  await step(
    `post #${post.id}.related("tags").wherePivotNotNull("created_at").orderByPivot("created_at", "desc")`,
    () => post.related<Tag[]>("tags").wherePivotNotNull("created_at").orderByPivot("created_at", "desc"),
    (tags) =>
      tags.map((t) => `${String(t.get("name"))} (attached ${(t.pivot?.created_at as Date | undefined)?.toISOString() ?? "?"})`).join("\n"),
  );
  await step(
    `post #${post.id}.related("tags").allRelatedIds()`,
    () => post.related("tags").allRelatedIds(),
    (ids) => ids.join(", "),
  );

  await step(
    'User.has("posts", ">=", 2)',
    () => User.has("posts", ">=", 2).orderBy("id").get(),
    (users) => users.map((u) => u.name).join(", ") || "—",
  );
  await step(
    'User.whereRelation("posts", "published", false).withExists("profile").withCount("posts")',
    () => User.whereRelation("posts", "published", false).withExists("profile").withCount("posts").orderBy("id").get(),
    (users) => users.map((u) => `${u.name}: ${String(u.get("posts_count"))} posts, profile: ${String(u.get("profile_exists"))}`).join("\n"),
  );
  const users = await User.with("posts").orderBy("id").get();
  await step(
    'loadMissingRelations(users, "posts", "posts.author")  — posts were loaded: only the authors are read',
    async () => {
      await loadMissingRelations(users, "posts", "posts.author");
      return users;
    },
    (list) => list.map((u) => `${u.name}: ${(u.getRelation("posts") as Post[]).length} posts`).join("\n"),
  );
}
