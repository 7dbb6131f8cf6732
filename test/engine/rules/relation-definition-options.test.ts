// The relation-definition options (Laravel's ->where(), ->withTrashed(), ->withoutGlobalScopes(), ->wherePivot(),
// ->as(), ->inverse() in the relation method): accepted per kind, value shapes, and the columns they name.
import { describe, expect, it } from "vitest";
import { checkGraph, OPTION_KEYS_BY_KIND, RELATION_KINDS, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const posts = (options: unknown, kind = "hasMany") =>
  graph(model("User", [pk(), rel("posts", kind, "Post", options)]), model("Post", [pk(), col("user_id", "int"), col("title", "string")]));

const tags = (options: Record<string, unknown>) =>
  graph(
    model("Post", [
      pk(),
      rel("tags", "belongsToMany", "Tag", { pivotTable: "post_tag", pivotLocalKey: "post_id", pivotForeignKey: "tag_id", ...options }),
    ]),
    model("Tag", [pk(), col("name", "string")]),
    model("PostTag", [col("post_id", "int"), col("tag_id", "int"), col("approved", "boolean")], { table: "post_tag" }),
  );

const ids = (g: ReturnType<typeof posts>) => checkGraph(g).map((d) => d.ruleId);

describe("relation-options accepts the definition options", () => {
  it("accepts where / withTrashed / withoutGlobalScopes on every kind, wherePivot / as on the many-to-many kinds only", () => {
    for (const kind of RELATION_KINDS) {
      for (const key of ["where", "withTrashed", "withoutGlobalScopes"]) expect(OPTION_KEYS_BY_KIND[kind]).toContain(key);
      const pivot = kind === "belongsToMany" || kind === "morphToMany" || kind === "morphedByMany";
      expect(OPTION_KEYS_BY_KIND[kind].includes("wherePivot")).toBe(pivot);
      expect(OPTION_KEYS_BY_KIND[kind].includes("as")).toBe(pivot);
      expect(OPTION_KEYS_BY_KIND[kind].includes("inverse")).toBe(["hasOne", "hasMany", "morphOne", "morphMany"].includes(kind));
    }
    expect(ids(posts({ where: ["title", "!=", "x"], withoutGlobalScopes: false, inverse: "author" }))).toEqual([]);
  });

  it("rejects the pivot options on a kind without a pivot", () => {
    const [d] = checkGraph(posts({ wherePivot: ["user_id", 1] }));
    expect(d.ruleId).toBe("relation-options");
    expect(d.message).toContain("option 'wherePivot' does not apply to hasMany");
  });
});

describe("option-value-type on the definition options", () => {
  it("wants booleans for withTrashed / withoutGlobalScopes", () => {
    const [d] = checkGraph(posts({ withTrashed: "yes" }));
    expect(d.ruleId).toBe("option-value-type");
    expect(d.message).toBe("User.posts (hasMany 'Post'): withTrashed must be true or false, got 'yes'.");
    expect(d.hint).toContain("withTrashed: true");
  });

  it("wants [column, value] or [column, operator, value] with a known operator", () => {
    expect(checkGraph(posts({ where: { title: "x" } }))[0].message).toBe(
      "User.posts (hasMany 'Post'): where must be [column, value] or [column, operator, value], got an object.",
    );
    expect(checkGraph(posts({ where: ["title"] }))[0].message).toContain("got 1 items");
    expect(checkGraph(posts({ where: [3, "x"] }))[0].message).toContain("must start with a column name, got number 3");
    expect(checkGraph(posts({ where: ["title", "===", "x"] }))[0].message).toContain("has unknown operator '==='");
    expect(checkGraph(posts({ where: ["title", ["a", "b"]] }))[0].message).toContain("compares with an array");
    expect(checkGraph(posts({ where: ["title", ">", null] }))[0].message).toContain("null only compares with = or !=");
    // operators are case-insensitive, the compared value may be any expression
    expect(ids(posts({ where: ["title", "LIKE", "a%"] }))).toEqual([]);
    expect(ids(posts({ where: ["title", unverifiable("today()")] }))).toEqual([]);
  });

  it("wants an identifier for as, true or a name for inverse", () => {
    expect(checkGraph(tags({ as: "tag link" }))[0].message).toBe(
      "Post.tags (belongsToMany 'Tag'): as must be an identifier (the pivot is read as model.<as>), got 'tag link'.",
    );
    expect(checkGraph(tags({ as: "tag link" }))[0].hint).toBe('Write as: "tagLink".');
    expect(checkGraph(tags({ as: 5 }))[0].message).toContain("as must be a pivot accessor name string, got number 5");
    expect(checkGraph(posts({ inverse: false }))[0].message).toContain("inverse must be a relation name string, got boolean false");
    expect(ids(tags({ as: "tagging" }))).toEqual([]);
  });
});

describe("constraint-columns (ELQ503)", () => {
  it("reports a where column the target does not have, with did-you-mean and an add-column fix", () => {
    const [d] = checkGraph(posts({ where: ["titel", "x"] }));
    expect(d.ruleId).toBe("constraint-columns");
    expect(d.code).toBe("ELQ503");
    expect(d.message).toBe(
      "User.posts (hasMany 'Post'): where names column 'titel', but Post has no column 'titel'. Did you mean 'title'?",
    );
    expect(d.node).toMatchObject({ part: "option-value", option: "where" });
    expect(d.suggestions[0]).toMatchObject({ kind: "add-column", model: "Post", column: "titel" });
  });

  it("checks where on the target of every kind but morphTo, whose target depends on the row", () => {
    const g = graph(
      model("Comment", [
        pk(),
        col("commentable_type", "string"),
        col("commentable_id", "int"),
        rel("commentable", "morphTo", undefined, { where: ["nope", 1] }),
      ]),
    );
    expect(ids(g)).not.toContain("constraint-columns");
    expect(ids(posts({ where: ["nope", 1] }, "hasOne"))).toEqual(["constraint-columns"]);
  });

  it("accepts a wherePivot column among the pivot keys, pivotColumns and the using model's columns", () => {
    expect(ids(tags({ wherePivot: ["tag_id", ">", 2] }))).toEqual([]);
    expect(ids(tags({ pivotColumns: ["approved"], wherePivot: ["approved", true] }))).toEqual([]);
    expect(ids(tags({ using: "PostTag", wherePivot: ["approved", true] }))).toEqual([]);
    expect(checkGraph(tags({ using: "PostTag", wherePivot: ["aproved", true] }))[0].message).toContain("Did you mean 'approved'?");
    const [d] = checkGraph(tags({ wherePivot: ["approved", true] }));
    expect(d.ruleId).toBe("constraint-columns");
    expect(d.message).toBe(
      "Post.tags (belongsToMany 'Tag'): wherePivot names 'approved', which is not a pivot column of this relation ('post_id' and 'tag_id').",
    );
    expect(d.hint).toContain("Add 'approved' to the relation's pivotColumns");
  });

  it("reports withTrashed on a target without soft deletes, offering the column", () => {
    const [d] = checkGraph(posts({ withTrashed: true }));
    expect(d.ruleId).toBe("constraint-columns");
    expect(d.message).toBe(
      "User.posts (hasMany 'Post'): withTrashed includes soft-deleted Post rows, but Post has no softDeletes column (deleted_at).",
    );
    expect(d.suggestions[0]).toMatchObject({ kind: "add-column", model: "Post", column: "deleted_at", columnType: "softDeletes" });
    const soft = graph(
      model("User", [pk(), rel("posts", "hasMany", "Post", { withTrashed: true })]),
      model("Post", [pk(), col("user_id", "int"), col("deleted_at", "softDeletes")]),
    );
    expect(ids(soft)).toEqual([]);
    expect(ids(posts({ withTrashed: false }))).toEqual([]);
  });

  it("is quiet when the pivot columns are not literal", () => {
    expect(ids(tags({ pivotColumns: unverifiable("COLUMNS"), wherePivot: ["approved", true] }))).not.toContain("constraint-columns");
  });
});
