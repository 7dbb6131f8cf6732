import { describe, expect, it } from "vitest";
import { checkGraph, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const ids = (g: ReturnType<typeof graph>) => checkGraph(g).map((d) => d.ruleId);

describe("belongs-to-foreign-key (ELQ201) / belongs-to-owner-key (ELQ202)", () => {
  it("says when the foreign key was inferred and proposes the column typed like the owner key", () => {
    const g = graph(model("User", [pk("id", "bigIncrements")]), model("Post", [pk(), rel("author", "belongsTo", "User")]));
    const [d] = checkGraph(g);
    expect(d.ruleId).toBe("belongs-to-foreign-key");
    expect(d.message).toBe("Post.author (belongsTo 'User') uses inferred foreignKey 'user_id', but Post has no column 'user_id'.");
    expect(d.node).toEqual({ model: "Post", relation: "author", part: "target" });
    expect(d.suggestions).toContainEqual({
      kind: "add-column",
      description: 'Add user_id: column("bigint") to Post',
      model: "Post",
      column: "user_id",
      columnType: "bigint",
    });
  });

  it("points at an explicit option and suggests the closest column", () => {
    const g = graph(
      model("User", [pk()]),
      model("Post", [pk(), col("user_id", "int"), rel("author", "belongsTo", "User", { foreignKey: "usr_id" })]),
    );
    const [d] = checkGraph(g);
    expect(d.node).toEqual({ model: "Post", relation: "author", part: "option-value", option: "foreignKey" });
    expect(d.message).toContain("Did you mean 'user_id'?");
    expect(d.suggestions[0]).toMatchObject({ kind: "replace", replacement: "user_id" });
  });

  it("types new key columns after the referenced key (uuid, objectId on Mongo, string on SQL)", () => {
    const uuid = graph(model("User", [pk("id", "uuid")]), model("Post", [pk(), rel("author", "belongsTo", "User")]));
    expect(checkGraph(uuid)[0].suggestions).toContainEqual(expect.objectContaining({ columnType: "uuid" }));
    const mongoOwner = graph(
      model("User", [], { store: "mongo" }),
      model("Post", [pk(), rel("author", "belongsTo", "User")], { store: "mongo" }),
    );
    expect(checkGraph(mongoOwner)[0].suggestions).toContainEqual(expect.objectContaining({ columnType: "objectId" }));
    const sqlToMongo = graph(model("User", [], { store: "mongo" }), model("Post", [pk(), rel("author", "belongsTo", "User")]));
    expect(checkGraph(sqlToMongo).find((d) => d.ruleId === "belongs-to-foreign-key")?.suggestions).toContainEqual(
      expect.objectContaining({ columnType: "string" }),
    );
  });

  it("checks the owner key on the target, defaulting to its primary key", () => {
    const g = graph(
      model("User", [col("uuid", "uuid", { primary: true })]),
      model("Post", [
        pk(),
        col("user_id", "uuid"),
        rel("author", "belongsTo", "User"),
        rel("editor", "belongsTo", "User", { foreignKey: "user_id", ownerKey: "id" }),
      ]),
    );
    expect(checkGraph(g).map((d) => [d.node.relation, d.ruleId])).toEqual([["editor", "belongs-to-owner-key"]]);
  });

  it("is 'cannot verify' (info) instead of an error when the schema is open", () => {
    const g = graph(
      model("User", [pk()]),
      model("Post", [pk(), rel("author", "belongsTo", "User")], { openSchema: true, openSchemaReason: "...baseColumns" }),
    );
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "cannot-verify", severity: "info" });
    expect(d.message).toContain("(...baseColumns)");
  });

  it("does not guess an unverifiable key", () => {
    const g = graph(model("User", [pk()]), model("Post", [pk(), rel("author", "belongsTo", "User", { foreignKey: unverifiable("fk()") })]));
    expect(checkGraph(g).map((d) => d.ruleId)).toEqual(["cannot-verify"]);
  });
});

describe("has-foreign-key (ELQ203) / has-local-key (ELQ204)", () => {
  it("infers <snake declaring model>_id on the target", () => {
    const g = graph(model("BlogUser", [pk(), rel("posts", "hasMany", "Post")]), model("Post", [pk()]));
    const [d] = checkGraph(g);
    expect(d.ruleId).toBe("has-foreign-key");
    expect(d.message).toContain("inferred foreignKey 'blog_user_id', but Post has no column 'blog_user_id'");
    expect(d.suggestions).toContainEqual(
      expect.objectContaining({ kind: "add-column", model: "Post", column: "blog_user_id", columnType: "int" }),
    );
  });

  it("checks localKey on the declaring model", () => {
    const g = graph(
      model("User", [pk(), col("slug", "string"), rel("posts", "hasMany", "Post", { localKey: "slg", foreignKey: "user_slug" })]),
      model("Post", [pk(), col("user_slug", "string")]),
    );
    const [d] = checkGraph(g);
    expect(d.ruleId).toBe("has-local-key");
    expect(d.message).toContain("Did you mean 'slug'?");
  });
});

describe("key-type-compatible (ELQ205)", () => {
  it("warns for int against uuid and SQL int against a Mongo ObjectId", () => {
    const g = graph(model("User", [pk("id", "uuid"), rel("posts", "hasMany", "Post")]), model("Post", [pk(), col("user_id", "int")]));
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "key-type-compatible", severity: "warning" });
    expect(d.message).toContain("inferred foreignKey 'user_id' is int on Post, but inferred localKey 'id' is uuid on User");
    const cross = graph(
      model("Cart", [], { store: "mongo" }),
      model("Order", [pk(), col("cart_id", "int"), rel("cart", "belongsTo", "Cart")]),
    );
    expect(checkGraph(cross).find((x) => x.ruleId === "key-type-compatible")?.message).toContain(
      "(SQL Order against Mongo Cart); an ObjectId never equals a number",
    );
  });

  it("accepts integer widths, uuid in strings and ObjectIds in strings", () => {
    const g = graph(
      model("User", [pk("id", "bigIncrements"), rel("posts", "hasMany", "Post")]),
      model("Post", [pk("id", "uuid"), col("user_id", "int"), rel("comments", "hasMany", "Comment")]),
      model("Comment", [pk(), col("post_id", "string")]),
    );
    expect(ids(g)).toEqual([]);
  });
});

describe("inverse-consistency (ELQ206)", () => {
  it("warns when the only inverse uses another key, and suggests it", () => {
    const g = graph(
      model("User", [pk(), rel("posts", "hasMany", "Post", { foreignKey: "user_id" })]),
      model("Post", [
        pk(),
        col("user_id", "int"),
        col("author_id", "int"),
        rel("author", "belongsTo", "User", { foreignKey: "author_id" }),
      ]),
    );
    const [d] = checkGraph(g);
    expect(d.ruleId).toBe("inverse-consistency");
    expect(d.message).toContain("its inverse Post.author (foreignKey 'author_id')");
    expect(d.suggestions[0]).toMatchObject({ kind: "replace", replacement: "author_id" });
  });

  it("stays quiet when another relation pairs with the inverse", () => {
    const g = graph(
      model("User", [
        pk(),
        rel("posts", "hasMany", "Post", { foreignKey: "author_id" }),
        rel("edits", "hasMany", "Post", { foreignKey: "editor_id" }),
      ]),
      model("Post", [
        pk(),
        col("editor_id", "int"),
        col("author_id", "int"),
        rel("author", "belongsTo", "User", { foreignKey: "author_id" }),
      ]),
    );
    expect(ids(g)).toEqual([]);
  });
});
