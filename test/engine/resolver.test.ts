/**
 * The engine's resolver is the one source of names and keys: unit cases for each rule, and a cross-check
 * that the runtime's resolved relations use exactly the keys the engine describes (and checks) for every
 * relation of the playground and the corpus' clean models.
 */
import { describe, expect, it } from "vitest";
import {
  checkGraph,
  describeRelationKeys,
  didYouMean,
  ModelIndex,
  mongoBelongsToManyMode,
  resolveModelName,
  resolveMorphName,
  resolvePrimaryKey,
  resolveTable,
  suggestionLimit,
} from "eloquent-engine";
import { graphFromClasses, registerModels } from "eloquent-orm";
import { resolveRelation } from "../../runtime/src/relations/resolve";
import { mongoModels, sqlModels } from "../../playground/models";
import { col, graph, model, pk, rel } from "./support";

describe("resolver rules", () => {
  it("model name: static modelName when a non-empty string, else the class name", () => {
    expect(resolveModelName("AdminUser", "Admin")).toBe("Admin");
    expect(resolveModelName("AdminUser", "")).toBe("AdminUser");
    expect(resolveModelName("AdminUser", 42)).toBe("AdminUser");
  });

  it("table: static tableName, then super(table), then the snake plural of the model name", () => {
    expect(resolveTable("User", "people", "users")).toEqual({ name: "people", source: "static" });
    expect(resolveTable("User", undefined, "users")).toEqual({ name: "users", source: "constructor" });
    expect(resolveTable("BlogPost")).toEqual({ name: "blog_posts", source: "convention" });
  });

  it("primary key: primary: true, else the first increments/bigIncrements column, else id (SQL) / _id (Mongo)", () => {
    expect(
      resolvePrimaryKey(
        [
          { name: "code", type: "string", primary: true },
          { name: "n", type: "increments" },
        ],
        "sql",
      ),
    ).toBe("code");
    expect(
      resolvePrimaryKey(
        [
          { name: "name", type: "string" },
          { name: "author_id", type: "increments" },
          { name: "b", type: "bigIncrements" },
        ],
        "sql",
      ),
    ).toBe("author_id");
    expect(resolvePrimaryKey([{ name: "name", type: "string" }], "sql")).toBe("id");
    expect(resolvePrimaryKey([{ name: "name", type: "string" }], "mongo")).toBe("_id");
  });

  it("Mongo belongsToMany: a string pivotTable means a pivot collection, anything else an id array", () => {
    expect(mongoBelongsToManyMode({ pivotTable: "enrollments" })).toBe("pivot");
    expect(mongoBelongsToManyMode({ foreignKey: "tag_ids" })).toBe("array");
    expect(mongoBelongsToManyMode(undefined)).toBe("array");
    expect(mongoBelongsToManyMode({ pivotTable: "  " })).toBe("array");
  });

  it("morph name: the option, else the relation name for morphTo only", () => {
    expect(resolveMorphName("morphTo", "commentable", undefined)).toBe("commentable");
    expect(resolveMorphName("morphMany", "comments", undefined)).toBeUndefined();
    expect(resolveMorphName("morphMany", "comments", { morphName: "commentable" })).toBe("commentable");
  });

  it("did-you-mean: one threshold — 1 edit up to 3 characters, 2 up to 8, 3 beyond", () => {
    expect([2, 3, 4, 8, 9, 20].map(suggestionLimit)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(didYouMean("auth", ["author", "comments"])).toEqual({ value: "author", caseOnly: false });
    expect(didYouMean("id", ["at"])).toBeUndefined();
  });

  it("an increments key without primary: true is the key every rule checks (no false ELQ202/ELQ204)", () => {
    const g = graph(
      model("Author", [col("author_id", "increments"), rel("books", "hasMany", "Book", { foreignKey: "author_id" })]),
      model("Book", [pk(), col("author_id", "int"), rel("author", "belongsTo", "Author", { foreignKey: "author_id" })]),
    );
    expect(checkGraph(g)).toEqual([]);
  });

  it("messages list parents in sorted order whatever the graph order (ELQ404)", () => {
    const parents = (order: string[]) => {
      const byName: Record<string, ReturnType<typeof model>> = {
        User: model("User", [pk(), rel("photos", "morphMany", "Photo", { morphName: "imageable" })]),
        Post: model("Post", [pk(), rel("photos", "morphMany", "Photo", { morphName: "imageable" })]),
      };
      const photo = model("Photo", [
        pk(),
        col("imageable_type", "string"),
        col("imageable_id", "int"),
        rel("imageable", "morphTo", "Imageable"),
      ]);
      return checkGraph(graph(...order.map((name) => byName[name]!), photo)).find((d) => d.code === "ELQ404")!.message;
    };
    expect(parents(["User", "Post"])).toBe(parents(["Post", "User"]));
    expect(parents(["User", "Post"])).toContain("are 'Post' and 'User'");
  });
});

describe("the runtime resolves relations with the engine's keys", () => {
  it("every relation of the playground models: the same foreign/local/owner/pivot/morph keys", () => {
    const classes = [...sqlModels, ...mongoModels];
    registerModels(classes, { logger: false });
    const index = new ModelIndex(graphFromClasses(classes));
    let compared = 0;
    for (const cls of classes) {
      const info = index.model(cls.name)!;
      for (const relation of info.node.relations) {
        const keys = describeRelationKeys(index, info, relation);
        const runtime = resolveRelation(cls as never, relation.name);
        const engineSide = {
          foreignKey: keys.foreignKey?.name ?? keys.morphId?.name,
          localKey: keys.localKey?.name,
          // morphTo: an inferred ownerKey is each parent's own primary key at runtime (the target is a label).
          ownerKey: relation.kind === "morphTo" && keys.ownerKey?.inferred ? undefined : keys.ownerKey?.name,
          pivotLocalKey: keys.pivotLocalKey?.name,
          pivotForeignKey: keys.pivotForeignKey?.name,
          morphType: keys.morphType?.name,
        };
        const runtimeSide = {
          foreignKey: relation.kind === "belongsToMany" && runtime.mongoMode !== "array" ? undefined : runtime.foreignKey,
          localKey: relation.kind === "belongsTo" || relation.kind === "morphTo" ? undefined : runtime.localKey,
          ownerKey: runtime.ownerKey,
          pivotLocalKey: runtime.pivot && runtime.mongoMode !== "array" ? runtime.pivot.localKey : undefined,
          pivotForeignKey: runtime.pivot && runtime.mongoMode !== "array" ? runtime.pivot.foreignKey : undefined,
          morphType: runtime.morphType,
        };
        expect(runtimeSide, `${cls.name}.${relation.name}`).toEqual(engineSide);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
  });
});
