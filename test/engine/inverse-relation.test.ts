import { describe, expect, it } from "vitest";
import { inverseRelationSuggestion, ModelIndex, resolveInverseRelation } from "eloquent-engine";
import { col, graph, model, pk, rel } from "./support";

const index = new ModelIndex(
  graph(
    model("User", [
      pk("uid"),
      rel("posts", "hasMany", "Post"),
      rel("reviews", "hasMany", "Review", { foreignKey: "reviewer_id" }),
      rel("tags", "belongsToMany", "Tag", { pivotTable: "user_tags", pivotLocalKey: "owner_id" }),
    ]),
    model("Post", [pk(), col("user_id", "int"), rel("author", "belongsTo", "User")]),
    model("Review", [pk(), col("reviewer_id", "int")]),
    model("Tag", [pk()]),
    model("BlogComment", [pk(), col("post_id", "int"), rel("post", "belongsTo", "Post")]),
  ),
);
const inverseOf = (modelName: string, relation: string) => {
  const info = index.model(modelName)!;
  return inverseRelationSuggestion(index, info, info.relations.get(relation)!);
};

describe("inverseRelationSuggestion", () => {
  it("hasMany → belongsTo on the target, writing the keys that differ from the belongsTo conventions", () => {
    expect(inverseOf("User", "reviews")).toEqual({
      kind: "add-relation",
      description: "Add the inverse relation to Review: user (belongsTo 'User')",
      model: "Review",
      name: "user",
      relationKind: "belongsTo",
      target: "User",
      // ownerKey stays implicit: the belongsTo convention (User's primary key, uid) is the key this side uses.
      options: { foreignKey: "reviewer_id" },
    });
  });

  it("belongsTo → hasMany named by the plural of the declaring model", () => {
    expect(inverseOf("BlogComment", "post")).toMatchObject({
      model: "Post",
      name: "blogComments",
      relationKind: "hasMany",
      target: "BlogComment",
      options: {},
    });
  });

  it("belongsToMany → belongsToMany on the same pivot table with the pivot keys swapped", () => {
    expect(inverseOf("User", "tags")).toMatchObject({
      model: "Tag",
      name: "users",
      relationKind: "belongsToMany",
      options: { pivotTable: "user_tags", pivotLocalKey: "tag_id", pivotForeignKey: "owner_id" },
    });
  });

  it("offers nothing when the inverse exists already", () => {
    expect(inverseOf("User", "posts")).toBeUndefined();
    expect(inverseOf("Post", "author")).toBeUndefined();
  });
});

describe("resolveInverseRelation (the inverse option)", () => {
  const hasMany = { model: "User", relation: "posts", kind: "hasMany", target: "Post", foreignKey: "user_id" };
  const morphMany = { model: "Post", relation: "comments", kind: "morphMany", target: "Comment", morphName: "commentable" };
  const postRelations = [
    { name: "editor", kind: "belongsTo", target: "User", foreignKey: "editor_id" },
    { name: "author", kind: "belongsTo", target: "User", foreignKey: "user_id" },
    { name: "tags", kind: "belongsToMany", target: "Tag" },
  ];

  it("true: the one belongsTo back on the same foreign key, or the morphTo with the same morphName", () => {
    expect(resolveInverseRelation(hasMany, postRelations, true)).toEqual({ name: "author" });
    const commentRelations = [
      { name: "subject", kind: "morphTo", morphName: "subject" },
      { name: "commentable", kind: "morphTo", morphName: "commentable" },
    ];
    expect(resolveInverseRelation(morphMany, commentRelations, true)).toEqual({ name: "commentable" });
  });

  it("a name is checked to point back", () => {
    expect(resolveInverseRelation(hasMany, postRelations, "author")).toEqual({ name: "author" });
    expect(resolveInverseRelation(hasMany, postRelations, "editor").error).toEqual({
      message:
        "User.posts has inverse 'editor', but Post.editor is a belongsTo 'User' on editor_id, not a belongsTo 'User' on user_id: it does not point back at the same parent.",
      hint: 'Use inverse: "author".',
    });
    expect(resolveInverseRelation(hasMany, postRelations, "nope").error?.message).toBe(
      "User.posts has inverse 'nope', but Post has no relation 'nope'.",
    );
  });

  it("none or several: an error naming the fix", () => {
    expect(resolveInverseRelation(hasMany, [], true).error).toEqual({
      message: "User.posts has inverse: true, but Post declares no belongsTo 'User' on user_id pointing back.",
      hint: 'Add user: relation("belongsTo", "User") to Post, or remove inverse.',
    });
    const twice = [...postRelations, { name: "writer", kind: "belongsTo", target: "User", foreignKey: "user_id" }];
    expect(resolveInverseRelation(hasMany, twice, true).error?.hint).toBe('Name the one to set: inverse: "author".');
    expect(resolveInverseRelation({ ...hasMany, kind: "belongsTo" }, postRelations, true).error?.message).toMatch(
      /inverse is for hasOne, hasMany/,
    );
    expect(resolveInverseRelation(hasMany, postRelations, 3).error?.hint).toMatch(/Write inverse: true/);
  });
});
