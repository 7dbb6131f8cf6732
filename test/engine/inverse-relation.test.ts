import { describe, expect, it } from "vitest";
import { inverseRelationSuggestion, ModelIndex } from "eloquent-engine";
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
