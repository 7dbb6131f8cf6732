import { describe, expect, it } from "vitest";
import { lineOf, locateNode } from "./locate-node";

const source = `// a comment with { braces } and "quotes"
export class Post extends SqlModel {
  static tableName = "posts";
  static schema = {
    title: column("string", 255, { comment: "a } brace, and a 'quote'" }),
    tags: relation("belongsToMany", "Tag", {
      pivotTable: "post_tags",
      pivotColumns: ["a", "b"],
    }),
    author: relation(
      "belongsTo",
      "User",
    ),
  };
}
export class Other extends SqlModel {}
`;

const at = (node: Parameters<typeof locateNode>[1]) => lineOf(source, locateNode(source, node) ?? -1);

describe("locate-node (test support)", () => {
  it("finds classes, statics, entries, arguments and option keys/values", () => {
    expect(at({ model: "Post", part: "model" })).toBe(2);
    expect(at({ model: "Post", part: "table" })).toBe(3);
    expect(at({ model: "Post", part: "morphAlias" })).toBe(2); // absent: falls back to the class
    expect(at({ model: "Post", column: "title", part: "column-type" })).toBe(5);
    expect(at({ model: "Post", relation: "tags", part: "target" })).toBe(6);
    expect(at({ model: "Post", relation: "tags", part: "options" })).toBe(6);
    expect(at({ model: "Post", relation: "tags", part: "option-key", option: "pivotColumns" })).toBe(8);
    expect(at({ model: "Post", relation: "tags", part: "option-value", option: "pivotTable" })).toBe(7);
    expect(at({ model: "Post", relation: "author", part: "kind" })).toBe(11);
    expect(at({ model: "Post", relation: "author", part: "target" })).toBe(12);
    expect(at({ model: "Post", relation: "author", part: "option-value", option: "foreignKey" })).toBe(10);
    expect(locateNode(source, { model: "Missing", part: "model" })).toBeUndefined();
  });
});
