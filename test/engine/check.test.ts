import { describe, expect, it } from "vitest";
import { checkGraph, RULES, ruleById, type Rule } from "eloquent-engine";
import { col, graph, model, pk, rel } from "./support";

const blog = () =>
  graph(
    model("User", [pk(), col("name", "string"), rel("posts", "hasMany", "Post", { foreignKey: "user_id" })]),
    model("Post", [
      pk(),
      col("user_id", "int"),
      rel("author", "belongsTo", "User", { foreignKey: "user_id" }),
      rel("tags", "belongsToMany", "Tag", { pivotTable: "post_tags", pivotLocalKey: "post_id", pivotForeignKey: "tag_id" }),
    ]),
  );

describe("checkGraph", () => {
  it("reports every problem at once, sorted by model, relation and code", () => {
    const result = checkGraph(blog());
    expect(result.map((d) => [d.node.model, d.node.relation, d.ruleId, d.severity])).toEqual([
      ["Post", "tags", "relation-target-exists", "error"],
      ["Post", "tags", "cannot-verify", "info"],
    ]);
  });

  it("runs only the requested rules and applies severity overrides", () => {
    expect(checkGraph(blog(), { rules: ["relation-target-exists"] }).map((d) => d.ruleId)).toEqual(["relation-target-exists"]);
    const overridden = checkGraph(blog(), { severity: { "relation-target-exists": "warning", "cannot-verify": "off" } });
    expect(overridden.map((d) => [d.ruleId, d.severity])).toEqual([["relation-target-exists", "warning"]]);
  });

  it("filters by model without losing cross-model lookups", () => {
    const g = blog();
    g.models.push(model("Tag", [pk()]));
    expect(checkGraph(g, { models: ["User"] })).toEqual([]);
  });

  it("turns a crashing rule into an internal-error diagnostic instead of throwing", () => {
    const bad = { models: [{ name: "X", store: "sql", columns: null, relations: [] }] } as never;
    const result = checkGraph(bad);
    expect(result.map((d) => d.ruleId)).toContain("internal-error");
  });

  it("fills spans from the graph's locations, falling back toward the entry", () => {
    const g = blog();
    const tags = g.models[1].relations[1];
    tags.loc = { entry: { file: "post.ts", start: 10, end: 90 }, target: { file: "post.ts", start: 40, end: 45 } };
    const [missing, unknownPivot] = checkGraph(g);
    expect(missing.span).toEqual({ file: "post.ts", start: 40, end: 45 });
    expect(unknownPivot.span).toEqual({ file: "post.ts", start: 10, end: 90 });
  });
});

describe("RULES", () => {
  it("has unique kebab-case ids and unique ELQ codes", () => {
    const ids = RULES.map((r: Rule) => r.id);
    const codes = RULES.map((r: Rule) => r.code);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const rule of RULES) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.code).toMatch(/^ELQ\d{3}$/);
      expect(ruleById(rule.id)).toBe(rule);
    }
  });
});

describe("checkGraph on garbage input", () => {
  it("returns an internal-error diagnostic instead of throwing", () => {
    for (const bad of [null, {}, { models: "x" }, { models: [null] }]) {
      const result = checkGraph(bad as never);
      expect(result.map((d) => d.ruleId)).toEqual(["internal-error"]);
      expect(result[0].message).toContain("Its checks were skipped");
    }
  });
});
