/** Self-relations (a table related to itself): eager loading and whereHas with an aliased subquery. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, SqlModel, type SqlQuery } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

type CategoryAttrs = { id?: number; name?: string; parent_id?: number | null; children?: Category[]; parent?: Category | null };

class Category extends SqlModel<CategoryAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    parent_id: column("int", undefined, { nullable: true }),
    children: relation("hasMany", "Category", { foreignKey: "parent_id" }),
    parent: relation("belongsTo", "Category", { foreignKey: "parent_id" }),
  };
}
registerModels([Category], { logger: false });

describe.each(sqlDialects())("self-relations on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "self_rel");
    await migrate([Category]);
    const root = await Category.create({ name: "root" });
    const a = await Category.create({ name: "a", parent_id: root.id });
    await Category.create({ name: "b", parent_id: root.id });
    await Category.create({ name: "a1", parent_id: a.id });
  });
  afterAll(async () => {
    await dropTables([Category]);
    await teardown();
  });

  it("eager-loads children and parents of the same table", async () => {
    const cats = await Category.with("children", "parent").orderBy("id").get();
    expect(cats.map((c) => [c.name, (c.children ?? []).map((k) => k.name), c.parent?.name ?? null])).toEqual([
      ["root", ["a", "b"], null],
      ["a", ["a1"], "root"],
      ["b", [], "root"],
      ["a1", [], "a"],
    ]);
  });

  it("whereHas / whereDoesntHave on a self-relation, constrained and nested", async () => {
    expect(await Category.whereHas("children").orderBy("id").pluck("name")).toEqual(["root", "a"]);
    expect(await Category.query().whereDoesntHave("children").orderBy("id").pluck("name")).toEqual(["b", "a1"]);
    expect(await Category.whereHas("children", (q) => q.where("name", "a1")).pluck("name")).toEqual(["a"]);
    expect(await Category.whereHas("children.children").pluck("name")).toEqual(["root"]);
    expect(
      await Category.whereHas("parent", (q) =>
        q.whereNull("parent_id").where((g: SqlQuery) => g.where("name", "root").orWhere("name", "x")),
      )
        .orderBy("id")
        .pluck("name"),
    ).toEqual(["a", "b"]);
  });

  it("withCount on a self-relation is one statement: the counted table gets its own alias", async () => {
    const { result, count } = await withQueryCount(() =>
      Category.withCount("children", { "children as a_children": (q: SqlQuery) => q.where("name", "like", "a%") })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(1);
    expect(result.map((c) => [c.name, c.get("children_count"), c.get("a_children")])).toEqual([
      ["root", 2, 1],
      ["a", 1, 1],
      ["b", 0, 0],
      ["a1", 0, 0],
    ]);
  });
});
