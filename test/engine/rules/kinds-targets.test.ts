import { describe, expect, it } from "vitest";
import { checkGraph, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const withTarget = (target: unknown, kind: unknown = "hasMany") =>
  graph(model("User", [pk(), rel("posts", kind, target)]), model("Post", [pk(), col("user_id", "int")]));

describe("relation-kind (ELQ101)", () => {
  it("suggests the closest kind and calls out case", () => {
    const [d] = checkGraph(withTarget("Post", "hasmany"));
    expect(d).toMatchObject({ ruleId: "relation-kind", code: "ELQ101", severity: "error" });
    expect(d.message).toBe("User.posts: unknown relation kind 'hasmany'. 'hasmany' differs from 'hasMany' only by case.");
    expect(d.suggestions).toEqual([
      {
        kind: "replace",
        description: "Replace 'hasmany' with 'hasMany'",
        node: { model: "User", relation: "posts", part: "kind" },
        replacement: "hasMany",
      },
    ]);
  });

  it("reports a non-string kind as bad input and an unverifiable kind as info", () => {
    expect(checkGraph(withTarget("Post", 3))[0].message).toContain("relation kind must be a string, got number 3");
    const [info] = checkGraph(withTarget("Post", unverifiable("kinds.many")));
    expect(info).toMatchObject({ ruleId: "cannot-verify", severity: "info" });
    expect(info.message).toContain("`kinds.many`");
  });
});

describe("relation-target-exists (ELQ102)", () => {
  it("names the missing target and offers the closest model", () => {
    const [d] = checkGraph(withTarget("Pots"));
    expect(d.message).toBe("User.posts (hasMany 'Pots'): target 'Pots' is not a declared model. Did you mean 'Post'?");
    expect(d.hint).toBe("Replace 'Pots' with 'Post'.");
    expect(d.suggestions[0]).toMatchObject({ kind: "replace", replacement: "Post", node: { part: "target" } });
  });

  it("calls out a case-only mismatch", () => {
    expect(checkGraph(withTarget("post"))[0].message).toContain("'post' differs from model 'Post' only by case");
  });

  it("reports bad input without crashing, and names a class passed instead of its name", () => {
    class Post {}
    expect(checkGraph(withTarget(Post))[0].hint).toContain('"Post"');
    expect(checkGraph(withTarget(null))[0].message).toContain("got null");
    expect(checkGraph(withTarget(""))[0].message).toContain("empty string");
  });

  it("never guesses an unverifiable target", () => {
    const result = checkGraph(withTarget(unverifiable("targetFor('posts')")));
    expect(result.map((d) => [d.ruleId, d.severity])).toEqual([["cannot-verify", "info"]]);
  });

  it("leaves morphTo targets to the morph rules", () => {
    const g = graph(
      model("Comment", [pk(), col("c_type", "string"), col("c_id", "int"), rel("c", "morphTo", "Post", { morphName: "c" })]),
      model("Post", [pk()]),
    );
    expect(checkGraph(g).filter((d) => d.ruleId === "relation-target-exists")).toEqual([]);
  });
});
