/**
 * Laravel's querying-relationship-existence tests, translated: has() with a count, doesntHave,
 * orWhereDoesntHave, the static forms, whereRelation — each one statement.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlPost, RlRole, RlUser, registerRl } from "./models";

registerRl();

describe.each(sqlDialects())("relation existence on $name", (dialect) => {
  let teardown: () => Promise<void>;
  const names = (users: RlUser[]) => users.map((u) => u.name);

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_exists");
    await migrate([...RL_MODELS]);
    const [ada, bob] = await RlUser.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Cy" }]);
    await ada!.related("posts").createMany([
      { title: "a1", votes: 1 },
      { title: "a2", votes: 2 },
      { title: "a3", votes: 9 },
    ]);
    await bob!.related("posts").create({ title: "b1", votes: 9 });
    const admin = await RlRole.create({ name: "admin" });
    await bob!.related("roles").attach([admin.id]);
    // a trashed post does not count
    const gone = await bob!.related("posts").create({ title: "b2" });
    await gone.delete();
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  it("has(relation, operator, count): one statement, soft-deleted rows not counted", async () => {
    const { result, count } = await withQueryCount(() => RlUser.has("posts", ">=", 3).get());
    expect([names(result), count]).toEqual([["Ada"], 1]);
    expect(names(await RlUser.has("posts").orderBy("id").get())).toEqual(["Ada", "Bob"]);
    expect(names(await RlUser.has("posts", "=", 1).get())).toEqual(["Bob"]);
    expect(names(await RlUser.has("posts", "<", 2).orderBy("id").get())).toEqual(["Bob", "Cy"]);
    expect(names(await RlUser.has("posts", "<", 1).get())).toEqual(["Cy"]);
    expect(names(await RlUser.has("posts", ">", 1, (q) => q.where("votes", ">", 1)).get())).toEqual(["Ada"]);
    expect(names(await RlUser.query().has("roles", "=", 1).get())).toEqual(["Bob"]);
    expect(() => RlUser.has("posts", "like", 1)).toThrow(/the operator must be one of/);
    expect(() => RlUser.has("posts", ">=", -1)).toThrow(/non-negative integer/);
    expect(() => RlUser.has("postz" as never)).toThrow(/RlUser has no relation 'postz'. Did you mean 'posts'\?/);
  });

  it("nested has counts the last segment", async () => {
    // admin's only user is Bob, who has one live post
    expect((await RlRole.query().has("users.posts", ">=", 2).get()).map((r) => r.name)).toEqual([]);
    const roles = await RlRole.query().has("users.posts", "=", 1).get();
    expect(roles.map((r) => r.name)).toEqual(["admin"]);
  });

  it("doesntHave / orWhereDoesntHave / static whereDoesntHave and orWhereHas", async () => {
    expect(names(await RlUser.doesntHave("posts").get())).toEqual(["Cy"]);
    expect(names(await RlUser.whereDoesntHave("posts", (q) => q.where("votes", 9)).get())).toEqual(["Cy"]);
    expect(names(await RlUser.where("name", "Ada").orWhereDoesntHave("posts").orderBy("id").get())).toEqual(["Ada", "Cy"]);
    expect(names(await RlUser.orWhereHas("roles").orWhere("name", "Cy").orderBy("id").get())).toEqual(["Bob", "Cy"]);
    expect(names(await RlUser.where("name", "Cy").orHas("posts", ">=", 3).orderBy("id").get())).toEqual(["Ada", "Cy"]);
  });

  it("whereRelation / orWhereRelation: one where on the related rows, columns checked", async () => {
    const { result, count } = await withQueryCount(() => RlUser.whereRelation("posts", "votes", ">", 5).orderBy("id").get());
    expect([names(result), count]).toEqual([["Ada", "Bob"], 1]);
    expect(names(await RlUser.whereRelation("posts", "title", "b1").get())).toEqual(["Bob"]);
    expect(names(await RlUser.where("name", "Cy").orWhereRelation("roles", "name", "admin").orderBy("id").get())).toEqual(["Bob", "Cy"]);
    expect(await RlPost.whereRelation("user", "name", "Ada").count()).toBe(3);
    expect(() => RlUser.whereRelation("posts", "titel", "x")).toThrow(/unknown column 'titel' on table rl_posts. Did you mean 'title'\?/);
  });
});
