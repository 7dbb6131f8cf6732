/** MW1: Mongo hasMany — 10k users × 10 posts on the embedded store (MW1S: the same on a server). */
import { defineWorkload } from "../harness";
import { eloquentMongoRunner, groupByKey, hex, mongoContext, rawMongoRunner, type MongoContext, type RawMongo } from "../mongo-fixture";
import type * as Models from "../mongo-models";

type R = Record<string, any>;
export const canonical = (users: R[]) =>
  users.map((u) => [hex(u.id ?? u._id), u.name, (u.posts as R[]).map((p) => [hex(p.id ?? p._id), hex(p.user_id), p.title])]);

export const eloquentRun = ({ User }: typeof Models) => User.with("posts").get();

export async function rawRun(raw: RawMongo) {
  const users = await raw.find("users", {});
  const byUser = groupByKey(
    await raw.findIn(
      "posts",
      "user_id",
      users.map((u) => u._id),
    ),
    "user_id",
  );
  for (const u of users) u.posts = byUser.get(String(u._id)) ?? [];
  return users;
}

export default defineWorkload<MongoContext>({
  id: "MW1",
  title: "Mongo hasMany: 10k users × 10 posts on the embedded store (User.with('posts'))",
  setup: mongoContext,
  subject: "eloquent",
  implementations: {
    eloquent: (ctx) => eloquentMongoRunner(ctx, eloquentRun, canonical),
    "raw collection": (ctx) => rawMongoRunner(ctx, rawRun, canonical),
  },
});
