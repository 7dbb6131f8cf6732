/** W4: nested — 1k users → 10k posts → 100k comments. */
import { defineWorkload } from "../harness";
import { distinct, eloquentRunner, groupBy, knexIn, knexRunner, rawRunner, seedBlog, type SqlContext } from "../sql-fixture";

type R = Record<string, any>;
const canonical = (users: R[]) =>
  users.map((u) => [u.id, (u.posts as R[]).map((p) => [p.id, (p.comments as R[]).map((c) => [c.id, c.body])])]);

function attach(parents: R[], children: R[], fk: string, name: string) {
  const g = groupBy(children, fk);
  for (const p of parents) p[name] = g.get(p.id) ?? [];
}

export default defineWorkload<SqlContext>({
  id: "W4",
  title: "nested: 1k users → 10k posts → 100k comments (User.with('posts.comments'))",
  setup: seedBlog,
  subject: "eloquent",
  targets: { knex: 1.3, "better-sqlite3": 1.6 },
  implementations: {
    eloquent: (ctx) => eloquentRunner(ctx, ({ User }) => User.where("id", "<=", 1000).with("posts.comments").get(), canonical),
    knex: (ctx) =>
      knexRunner(
        ctx,
        async (knex) => {
          const users = (await knex("users").select("users.*").where("users.id", "<=", 1000)) as R[];
          const posts = await knexIn(knex, "posts", "user_id", distinct(users, "id"));
          attach(users, posts, "user_id", "posts");
          attach(posts, await knexIn(knex, "comments", "post_id", distinct(posts, "id")), "post_id", "comments");
          return users;
        },
        canonical,
      ),
    "better-sqlite3": (ctx) =>
      rawRunner(
        ctx,
        (raw) => {
          const users = raw.all("select * from users where id <= ?", 1000) as R[];
          const posts = raw.selectIn("select * from posts where user_id in", distinct(users, "id")) as R[];
          attach(users, posts, "user_id", "posts");
          attach(posts, raw.selectIn("select * from comments where post_id in", distinct(posts, "id")), "post_id", "comments");
          return users;
        },
        canonical,
      ),
  },
});
