/**
 * W3: belongsToMany — 10k posts × 5 tags through a pivot, 1k tags, on a database with planner
 * statistics (ANALYZE). Every implementation starts from the pivot and pins the join order with
 * SQLite's CROSS JOIN: from the target, SQLite scans all tags and probes the pivot per tag and key.
 */
import { defineWorkload } from "../harness";
import { distinct, eloquentRunner, knexRunner, rawRunner, seedBlog, SIZES, type SqlContext } from "../sql-fixture";

type R = Record<string, any>;
const canonical = (posts: R[]) =>
  posts.map((p) => [p.id, (p.tags as R[]).map((t) => [t.id, t.name, t.pivot.post_id, t.pivot.tag_id]).sort((a, b) => a[0] - b[0])]);

/** Same join as the ORM; each row becomes a tag object with its pivot (copied, not `delete`d: faster). */
function stitch(posts: R[], joined: R[]) {
  const rows = joined.map((r) => ({ id: r.id, name: r.name, pivot: { post_id: r.pivot__post_id, tag_id: r.pivot__tag_id } }));
  const byPost = new Map<unknown, R[]>();
  for (const r of rows) {
    const b = byPost.get(r.pivot.post_id);
    if (b) b.push(r);
    else byPost.set(r.pivot.post_id, [r]);
  }
  for (const p of posts) p.tags = byPost.get(p.id) ?? [];
  return posts;
}

const JOIN_SQL =
  "select tags.*, post_tags.post_id as pivot__post_id, post_tags.tag_id as pivot__tag_id from post_tags cross join tags on tags.id = post_tags.tag_id where post_tags.post_id in";

export default defineWorkload<SqlContext>({
  id: "W3",
  title: `belongsToMany: ${SIZES.taggedPosts / 1000}k posts × ${SIZES.tagsPerPost} tags via post_tags, ${SIZES.tags} tags (Post.with('tags'))`,
  setup: (dir) => seedBlog(dir, { analyze: true }),
  subject: "eloquent",
  targets: { knex: 1.3, "better-sqlite3": 1.6 },
  implementations: {
    eloquent: (ctx) => eloquentRunner(ctx, ({ Post }) => Post.where("id", "<=", SIZES.taggedPosts).with("tags").get(), canonical),
    knex: (ctx) =>
      knexRunner(
        ctx,
        async (knex) => {
          const posts = (await knex("posts").select("posts.*").where("posts.id", "<=", SIZES.taggedPosts)) as R[];
          const rows = (await knex("post_tags")
            .select("tags.*", { pivot__post_id: "post_tags.post_id", pivot__tag_id: "post_tags.tag_id" })
            .crossJoin("tags", "tags.id", "post_tags.tag_id")
            .whereIn("post_tags.post_id", distinct(posts, "id") as number[])) as R[];
          return stitch(posts, rows);
        },
        canonical,
      ),
    "better-sqlite3": (ctx) =>
      rawRunner(
        ctx,
        (raw) => {
          const posts = raw.all("select * from posts where id <= ?", SIZES.taggedPosts) as R[];
          return stitch(posts, raw.selectIn(JOIN_SQL, distinct(posts, "id")));
        },
        canonical,
      ),
  },
});
