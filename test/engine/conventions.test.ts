import { describe, expect, it } from "vitest";
import {
  defaultPivotTable,
  defaultTableName,
  didYouMean,
  editDistance,
  inferBelongsToForeignKey,
  inferHasForeignKey,
  morphColumns,
  mongoIdType,
  pluralize,
  snakeCase,
} from "eloquent-engine";

describe("conventions", () => {
  it("snake-cases class names", () => {
    expect(snakeCase("PostTag")).toBe("post_tag");
    expect(snakeCase("HTTPRequest")).toBe("http_request");
    expect(snakeCase("userId")).toBe("user_id");
    expect(snakeCase("User")).toBe("user");
  });

  it("pluralizes the last word of a snake name", () => {
    expect(pluralize("post_tag")).toBe("post_tags");
    expect(pluralize("category")).toBe("categories");
    expect(pluralize("box")).toBe("boxes");
    expect(pluralize("person")).toBe("people");
    expect(pluralize("day")).toBe("days");
    expect(pluralize("photo")).toBe("photos");
  });

  it("derives tables, foreign keys, pivots and morph columns", () => {
    expect(defaultTableName("BlogPost")).toBe("blog_posts");
    expect(inferBelongsToForeignKey("BlogPost")).toBe("blog_post_id");
    expect(inferHasForeignKey("User")).toBe("user_id");
    expect(defaultPivotTable("Tag", "Post")).toBe("post_tag");
    expect(morphColumns("commentable")).toEqual({ type: "commentable_type", id: "commentable_id" });
    expect(morphColumns("commentable", { morphId: "owner_id" })).toEqual({ type: "commentable_type", id: "owner_id" });
  });

  it("a Mongo _id is an ObjectId unless the primary key (or an id/_id column) declares another type", () => {
    const declared = (types: Record<string, string>) => (column: string) => types[column];
    expect(mongoIdType("_id", declared({ name: "string" }))).toBe("objectId");
    expect(mongoIdType("_id", declared({ id: "string" }))).toBe("string");
    expect(mongoIdType("id", declared({ id: "increments" }))).toBe("increments");
    expect(mongoIdType("code", declared({ code: "uuid", _id: "objectId" }))).toBe("uuid");
  });
});

describe("did-you-mean", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("Pots", "Post")).toBe(1);
    expect(editDistance("abc", "abc")).toBe(0);
    expect(editDistance("kitten", "sitting")).toBe(3);
  });

  it("prefers a case-only match and rejects far-away names", () => {
    expect(didYouMean("post", ["Posts", "Post"])).toEqual({ value: "Post", caseOnly: true });
    expect(didYouMean("Pots", ["User", "Post"])).toEqual({ value: "Post", caseOnly: false });
    expect(didYouMean("Invoice", ["User", "Post"])).toBeUndefined();
  });
});

describe("Suggester (large candidate sets)", () => {
  it("finds one-edit typos and case mismatches through the deletion index", async () => {
    const { Suggester } = await import("eloquent-engine");
    const names = Array.from({ length: 2000 }, (_, i) => `Model${i}`).concat(["Post", "Comment"]);
    const suggester = new Suggester(names);
    expect(suggester.suggest("Pots")).toEqual({ value: "Post", caseOnly: false });
    expect(suggester.suggest("comment")).toEqual({ value: "Comment", caseOnly: true });
    expect(suggester.suggest("Comemnt")).toEqual({ value: "Comment", caseOnly: false });
    expect(suggester.suggest("Invoice")).toBeUndefined();
  });
});
