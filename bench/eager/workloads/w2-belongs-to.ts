/** W2: belongsTo — 100k posts → 10k users. */
import { defineWorkload } from "../harness";
import { distinct, eloquentRunner, knexIn, knexRunner, rawRunner, seedBlog, type SqlContext } from "../sql-fixture";

type R = Record<string, any>;
const canonical = (posts: R[]) => posts.map((p) => [p.id, p.title, p.author ? [p.author.id, p.author.name] : null]);

function stitch(posts: R[], users: R[]) {
  const byId = new Map<unknown, R>();
  for (const u of users) byId.set(u.id, u);
  for (const p of posts) p.author = byId.get(p.user_id) ?? null;
  return posts;
}

export default defineWorkload<SqlContext>({
  id: "W2",
  title: "belongsTo: 100k posts → 10k users (Post.with('author'))",
  setup: seedBlog,
  subject: "eloquent",
  targets: { knex: 1.3, "better-sqlite3": 1.6 },
  implementations: {
    eloquent: (ctx) => eloquentRunner(ctx, ({ Post }) => Post.with("author").get(), canonical),
    knex: (ctx) =>
      knexRunner(
        ctx,
        async (knex) => {
          const posts = (await knex("posts").select("posts.*")) as R[];
          return stitch(posts, await knexIn(knex, "users", "id", distinct(posts, "user_id")));
        },
        canonical,
      ),
    "better-sqlite3": (ctx) =>
      rawRunner(
        ctx,
        (raw) => {
          const posts = raw.all("select * from posts") as R[];
          return stitch(posts, raw.selectIn("select * from users where id in", distinct(posts, "user_id")));
        },
        canonical,
      ),
  },
});
