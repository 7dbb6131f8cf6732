/** MW4: Mongo nested — 1k users → 10k posts → 100k comments on the embedded store (MW4S: on a server). */
import { defineWorkload } from "../harness";
import { eloquentMongoRunner, groupByKey, hex, mongoContext, rawMongoRunner, type MongoContext, type RawMongo } from "../mongo-fixture";
import type * as Models from "../mongo-models";

type R = Record<string, any>;
export const canonical = (users: R[]) =>
  users.map((u) => [
    hex(u.id ?? u._id),
    (u.posts as R[]).map((p) => [hex(p.id ?? p._id), (p.comments as R[]).map((c) => [hex(c.id ?? c._id), c.body])]),
  ]);

function attach(parents: R[], children: R[], fk: string, name: string) {
  const g = groupByKey(children, fk);
  for (const p of parents) p[name] = g.get(String(p._id)) ?? [];
}

export const eloquentRun = ({ User }: typeof Models) => User.where("n", "<=", 1000).with("posts.comments").get();

export async function rawRun(raw: RawMongo) {
  const users = await raw.find("users", { n: { $lte: 1000 } });
  const posts = await raw.findIn(
    "posts",
    "user_id",
    users.map((u) => u._id),
  );
  attach(users, posts, "user_id", "posts");
  attach(
    posts,
    await raw.findIn(
      "comments",
      "post_id",
      posts.map((p) => p._id),
    ),
    "post_id",
    "comments",
  );
  return users;
}

export default defineWorkload<MongoContext>({
  id: "MW4",
  title: "Mongo nested: 1k users → 10k posts → 100k comments on the embedded store (User.with('posts.comments'))",
  setup: mongoContext,
  subject: "eloquent",
  implementations: {
    eloquent: (ctx) => eloquentMongoRunner(ctx, eloquentRun, canonical),
    "raw collection": (ctx) => rawMongoRunner(ctx, rawRun, canonical),
  },
});
