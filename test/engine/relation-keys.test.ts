import { describe, expect, it } from "vitest";
import { describeRelationKeys, keyOwner, ModelIndex, optionKeysFor } from "eloquent-engine";
import { col, graph, model, pk, rel } from "./support";

const index = new ModelIndex(
  graph(
    model("User", [
      pk("uid"),
      col("name", "string"),
      rel("posts", "hasMany", "Post"),
      rel("tags", "belongsToMany", "Tag", { pivotTable: "user_tags", pivotLocalKey: "owner_id" }),
    ]),
    model("Post", [
      pk(),
      col("user_id", "int"),
      rel("author", "belongsTo", "User", { foreignKey: "writer_id" }),
      rel("images", "morphMany", "Image", { morphName: "imageable" }),
    ]),
    model("Tag", [pk()]),
    model("Image", [pk(), rel("imageable", "morphTo", "Post", { morphId: "owner_key" })]),
    model("Doc", [rel("tags", "belongsToMany", "Tag")], { store: "mongo" }),
  ),
);
const keysOf = (modelName: string, relation: string) => {
  const info = index.model(modelName)!;
  return describeRelationKeys(index, info, info.relations.get(relation)!);
};

describe("describeRelationKeys", () => {
  it("names each key's column, its owner, and whether it is written or inferred", () => {
    expect(keysOf("User", "posts")).toEqual({
      foreignKey: { name: "user_id", inferred: true, option: "foreignKey", owner: { model: "Post" } },
      localKey: { name: "uid", inferred: true, option: "localKey", owner: { model: "User" } },
    });
    expect(keysOf("Post", "author")).toEqual({
      foreignKey: { name: "writer_id", inferred: false, option: "foreignKey", owner: { model: "Post" } },
      ownerKey: { name: "uid", inferred: true, option: "ownerKey", owner: { model: "User" } },
    });
  });

  it("puts SQL pivot keys on the pivot table and a Mongo reference array on the document", () => {
    const sql = keysOf("User", "tags");
    expect(sql.pivotLocalKey).toEqual({ name: "owner_id", inferred: false, option: "pivotLocalKey", owner: { table: "user_tags" } });
    expect(sql.pivotForeignKey).toEqual({ name: "tag_id", inferred: true, option: "pivotForeignKey", owner: { table: "user_tags" } });
    expect(sql.foreignKey).toBeUndefined();
    expect(keysOf("Doc", "tags").foreignKey).toEqual({ name: "tag_ids", inferred: true, option: "foreignKey", owner: { model: "Doc" } });
  });

  it("derives morph columns from morphName (morphTo: the relation name), overrides win", () => {
    const parent = keysOf("Post", "images");
    expect(parent.morphType).toMatchObject({ name: "imageable_type", inferred: true, owner: { model: "Image" } });
    const child = keysOf("Image", "imageable");
    expect(child.morphType).toMatchObject({ name: "imageable_type", inferred: true, owner: { model: "Image" } });
    expect(child.morphId).toMatchObject({ name: "owner_key", inferred: false, owner: { model: "Image" } });
  });

  it("keyOwner answers from names alone (while a relation is being typed)", () => {
    expect(keyOwner("belongsToMany", "pivotForeignKey", "User", "Tag", undefined)).toBeUndefined();
    expect(keyOwner("morphOne", "morphId", "Post", "Image", undefined)).toEqual({ model: "Image" });
    expect(keyOwner("nope", "foreignKey", "Post", "User", undefined)).toBeUndefined();
  });
});

describe("optionKeysFor", () => {
  it("offers a Mongo belongsToMany's reference array first and nothing for an unknown kind", () => {
    expect(optionKeysFor("belongsToMany", "mongo")[0]).toBe("foreignKey");
    expect(optionKeysFor("belongsToMany", "sql")[0]).toBe("pivotTable");
    expect(optionKeysFor("hasMany", "sql")).toEqual(["foreignKey", "localKey", "inverse"]);
    expect(optionKeysFor("hasManyy", "sql")).toEqual([]);
  });

  it("never offers an option the relation-options rule rejects on that store", () => {
    expect(optionKeysFor("belongsToMany", "sql")).not.toContain("foreignKey");
    expect(optionKeysFor("belongsToMany", "mongo")).toContain("foreignKey");
  });
});

describe("ModelIndex: the names the editor completes", () => {
  const known = new ModelIndex(
    graph(
      model("Article", [pk(), col("timestamps", "timestamps"), col("softDeletes", "softDeletes")], { table: "posts" }),
      model("Author", [pk()]),
      model("Note", [col("body", "string")], {
        store: "mongo",
        database: { tables: { posts: { columns: {} }, article_tag: { columns: { tag_id: { type: "int" } } } } },
      }),
    ),
  );

  it("expands timestamps/softDeletes to their columns and gives Mongo documents id and _id", () => {
    expect([...known.model("Article")!.columns.keys()]).toEqual(["id", "created_at", "updated_at", "deleted_at"]);
    expect([...known.model("Note")!.columns.keys()]).toEqual(["body", "id", "_id"]);
  });

  it("lists every known table once, explicit mappings first, then static database.tables, then conventional names", () => {
    expect([...known.knownTables()].map((table) => [table.table, table.declaredBy.via])).toEqual([
      ["posts", "model"],
      ["article_tag", "database"],
      ["authors", "model"],
      ["notes", "model"],
    ]);
  });
});
