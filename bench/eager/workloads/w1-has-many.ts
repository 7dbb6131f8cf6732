/** W1: hasMany — 10k users × 10 posts each. */
import { defineWorkload } from "../harness";
import { distinct, eloquentRunner, groupBy, knexIn, knexRunner, rawRunner, seedBlog, type SqlContext } from "../sql-fixture";

type R = Record<string, any>;
const canonical = (users: R[]) => users.map((u) => [u.id, u.name, (u.posts as R[]).map((p) => [p.id, p.user_id, p.title])]);

export default defineWorkload<SqlContext>({
  id: "W1",
  title: "hasMany: 10k users × 10 posts (User.with('posts'))",
  setup: seedBlog,
  subject: "eloquent",
  targets: { knex: 1.3, "better-sqlite3": 1.6 },
  implementations: {
    eloquent: (ctx) => eloquentRunner(ctx, ({ User }) => User.with("posts").get(), canonical),
    knex: (ctx) =>
      knexRunner(
        ctx,
        async (knex) => {
          const users = (await knex("users").select("users.*")) as R[];
          const byUser = groupBy(await knexIn(knex, "posts", "user_id", distinct(users, "id")), "user_id");
          for (const u of users) u.posts = byUser.get(u.id) ?? [];
          return users;
        },
        canonical,
      ),
    "better-sqlite3": (ctx) =>
      rawRunner(
        ctx,
        (raw) => {
          const users = raw.all("select * from users");
          const byUser = groupBy(raw.selectIn("select * from posts where user_id in", distinct(users, "id")), "user_id");
          for (const u of users as R[]) u.posts = byUser.get(u.id) ?? [];
          return users;
        },
        canonical,
      ),
  },
});
