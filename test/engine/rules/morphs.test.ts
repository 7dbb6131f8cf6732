import { describe, expect, it } from "vitest";
import { checkGraph, unverifiable } from "eloquent-engine";
import { col, graph, model, pk, rel } from "../support";

const comment = (target: unknown = "Post", extra: Record<string, unknown> = {}) =>
  model("Comment", [
    pk(),
    col("commentable_type", "string"),
    col("commentable_id", "int"),
    rel("commentable", "morphTo", target, { morphName: "commentable", ...extra }),
  ]);

describe("morph-name (ELQ401)", () => {
  it("proposes the target's morphTo name for morphMany and the relation name for morphTo", () => {
    const g = graph(
      model("Post", [pk(), rel("comments", "morphMany", "Comment")]),
      comment(),
      model("Tag", [pk(), col("taggable_type", "string"), col("taggable_id", "int"), rel("taggable", "morphTo", "Post")]),
    );
    const found = checkGraph(g).filter((d) => d.ruleId === "morph-name");
    expect(found.map((d) => d.suggestions[0])).toEqual([
      {
        kind: "add-options",
        description: "Add morphName: 'commentable'",
        node: { model: "Post", relation: "comments", part: "options" },
        options: { morphName: "commentable" },
      },
      {
        kind: "add-options",
        description: "Add morphName: 'taggable'",
        node: { model: "Tag", relation: "taggable", part: "options" },
        options: { morphName: "taggable" },
      },
    ]);
  });
});

describe("morph-columns (ELQ402)", () => {
  it("checks <morphName>_type/_id on the declaring model (morphTo) and the target (morphMany)", () => {
    const g = graph(
      model("Post", [pk(), rel("comments", "morphMany", "Comment", { morphName: "commentable" })]),
      model("Comment", [pk(), rel("commentable", "morphTo", "Post", { morphName: "commentable" })]),
    );
    const found = checkGraph(g).filter((d) => d.ruleId === "morph-columns");
    expect(found.map((d) => `${d.node.model}.${d.node.relation}: ${d.suggestions.at(-1)?.description}`)).toEqual([
      'Comment.commentable: Add commentable_id: column("int") to Comment',
      'Comment.commentable: Add commentable_type: column("string") to Comment',
      'Post.comments: Add commentable_id: column("int") to Comment',
      'Post.comments: Add commentable_type: column("string") to Comment',
    ]);
    expect(found[0].node).toEqual({ model: "Comment", relation: "commentable", part: "option-value", option: "morphName" });
  });

  it("honours morphType/morphId overrides", () => {
    const g = graph(
      model("Post", [pk(), rel("comments", "morphMany", "Comment", { morphName: "c", morphType: "kind", morphId: "ref" })]),
      model("Comment", [
        pk(),
        col("kind", "string"),
        col("ref", "int"),
        rel("c", "morphTo", "Post", { morphName: "c", morphType: "kind", morphId: "ref" }),
      ]),
    );
    expect(checkGraph(g)).toEqual([]);
  });
});

describe("morph-to-parents (ELQ403) / morph-to-target (ELQ404)", () => {
  it("errors when neither a parent nor a target model exists", () => {
    const [d] = checkGraph(graph(comment("Image")));
    expect(d).toMatchObject({ ruleId: "morph-to-parents", severity: "error", node: { part: "target" } });
    expect(d.message).toContain("no model declares morphOne/morphMany toward Comment with morphName 'commentable'");
  });

  it("warns, naming the parents, when the target is only a label", () => {
    const g = graph(
      model("Post", [pk(), rel("comments", "morphMany", "Comment", { morphName: "commentable" })]),
      model("Video", [pk(), rel("comments", "morphMany", "Comment", { morphName: "commentable" })]),
      comment("Commentable"),
    );
    const [d] = checkGraph(g);
    expect(d).toMatchObject({ ruleId: "morph-to-target", severity: "warning" });
    expect(d.message).toContain("are 'Post' and 'Video'");
    expect(d.suggestions).toEqual([]);
  });

  it("cannot prove 'no parent' when some relation target is not a literal", () => {
    const g = graph(
      comment("Image"),
      model("Video", [pk(), rel("comments", "morphMany", unverifiable("X"), { morphName: "commentable" })]),
    );
    expect(checkGraph(g).map((d) => [d.ruleId, d.node.model])).toEqual([
      ["cannot-verify", "Comment"],
      ["cannot-verify", "Video"],
    ]);
  });
});

describe("morph-without-inverse (ELQ405)", () => {
  it("suggests adding the morphTo to the target", () => {
    const g = graph(
      model("Post", [pk(), rel("likes", "morphMany", "Like", { morphName: "likable" })]),
      model("Like", [pk(), col("likable_type", "string"), col("likable_id", "int")]),
    );
    const [d] = checkGraph(g);
    expect(d.ruleId).toBe("morph-without-inverse");
    expect(d.suggestions).toEqual([
      expect.objectContaining({
        kind: "add-relation",
        model: "Like",
        name: "likable",
        relationKind: "morphTo",
        target: "Post",
        options: { morphName: "likable" },
      }),
    ]);
  });

  it("offers the target's morphTo name when it is a near miss", () => {
    const g = graph(
      model("Post", [
        pk(),
        rel("comments", "morphMany", "Comment", { morphName: "comentable", morphType: "commentable_type", morphId: "commentable_id" }),
      ]),
      comment("Post"),
    );
    const found = checkGraph(g).filter((d) => d.ruleId === "morph-without-inverse");
    expect(found[0].suggestions[0]).toMatchObject({ kind: "replace", replacement: "commentable" });
  });
});

describe("morph-alias-unique (ELQ406)", () => {
  it("reports an alias used twice or equal to another model's class name", () => {
    const g = graph(
      model("Post", [pk()], { morphAlias: "post" }),
      model("Story", [pk()], { morphAlias: "post" }),
      model("Video", [pk()]),
      model("Pic", [pk()], { morphAlias: "Video" }),
    );
    expect(checkGraph(g).map((d) => [d.node.model, d.message])).toEqual([
      ["Pic", "Pic: morphAlias 'Video' is also the class name of Video; rows whose _type column holds 'Video' would be ambiguous."],
      ["Story", "Story: morphAlias 'post' is also the morphAlias 'post' of Post; rows whose _type column holds 'post' would be ambiguous."],
    ]);
  });

  it("rejects a non-string alias and does not guess an unverifiable one", () => {
    expect(checkGraph(graph(model("Post", [pk()], { morphAlias: 5 as never })))[0].message).toContain("non-empty string, got number 5");
    expect(checkGraph(graph(model("Post", [pk()], { morphAlias: unverifiable("ALIAS") })))[0].ruleId).toBe("cannot-verify");
  });
});

describe("morph rules with unverifiable morph names", () => {
  it("do not claim a missing parent or inverse they cannot see", () => {
    const g = graph(
      comment("Image"),
      model("Video", [pk(), rel("comments", "morphMany", "Comment", { morphName: unverifiable("NAME") })]),
      model("Post", [pk(), rel("likes", "morphMany", "Like", { morphName: "likable" })]),
      model("Like", [
        pk(),
        col("likable_type", "string"),
        col("likable_id", "int"),
        rel("likable", "morphTo", "Post", { morphName: unverifiable("N") }),
      ]),
    );
    expect(checkGraph(g).map((d) => [d.ruleId, d.node.model, d.node.relation])).toEqual([
      ["cannot-verify", "Comment", "commentable"],
      ["cannot-verify", "Like", "likable"],
      ["cannot-verify", "Post", "likes"],
      ["cannot-verify", "Video", "comments"],
    ]);
  });
});
