import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "../../analyzer/src/typescript";
import { checkRelationPath, stripPathAlias, stripPathColumns, type ModelNode } from "eloquent-engine";
import { extractModelGraphFromFiles } from "../../analyzer/src/extract";
import { findQuerySites } from "../../analyzer/src/query-sites";

useTypeScript(ts);

const MODELS = `
import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
export class User extends SqlModel { static schema = { id: column("increments"), posts: relation("hasMany", "Post"), avatar: relation("morphOne", "Image", { morphName: "imageable" }) }; }
export class Post extends SqlModel { static schema = { id: column("increments"), user_id: column("int"), comments: relation("hasMany", "Comment"), author: relation("belongsTo", "User") }; }
export class Comment extends SqlModel { static schema = { id: column("increments"), post_id: column("int"), subject: relation("morphTo", "Commentable") }; }
export class Image extends SqlModel { static schema = { id: column("increments") }; }
`;

const { graph } = extractModelGraphFromFiles(["/p/models.ts"], { readFile: () => MODELS });
const models = new Map<string, ModelNode>(graph.models.map((model) => [model.name, model]));
const resolve = (path: string, root = "User") => checkRelationPath(models, { method: "with", root, path, file: "/p/q.ts", start: 100 });

describe("relation paths at query sites", () => {
  it("follows nested segments through the graph", () => {
    const resolved = resolve("posts.comments");
    expect(resolved.diagnostics).toEqual([]);
    expect(resolved.segments.map((s) => [s.name, s.model, s.start, s.end])).toEqual([
      ["posts", "User", 100, 105],
      ["comments", "Post", 106, 114],
    ]);
  });

  it("reports the first unknown segment with its span, the model it was looked up on, and a did-you-mean fix", () => {
    const [diagnostic] = resolve("posts.coments.author").diagnostics;
    expect(diagnostic).toMatchObject({
      ruleId: "relation-path",
      code: "ELQ801",
      severity: "error",
      span: { file: "/p/q.ts", start: 106, end: 113 },
      suggestions: [{ kind: "replace", replacement: "comments" }],
    });
    expect(diagnostic!.message).toBe("with('posts.coments.author'): Post has no relation 'coments'. Did you mean 'comments'?");
    expect(diagnostic!.hint).toBe("Relations of Post: comments, author.");
  });

  it("stops after a morphTo (any parent) instead of guessing", () => {
    expect(resolve("posts.comments.subject.anything").diagnostics).toEqual([]);
  });

  it("reports empty segments", () => {
    expect(resolve("posts.").diagnostics.map((d) => d.message)).toEqual(["with('posts.'): empty relation name on Post."]);
  });

  it("strips withCount aliases", () => {
    expect(stripPathAlias("posts as total")).toBe("posts");
    expect(stripPathAlias("posts")).toBe("posts");
  });

  it("strips a column list (qualified columns keep their dots)", () => {
    expect(stripPathColumns("posts:id,title")).toBe("posts");
    expect(stripPathColumns("posts.comments:comments.id,comments.post_id")).toBe("posts.comments");
    expect(stripPathColumns("posts")).toBe("posts");
  });

  it("resolves a nested spec key from the model its parent keys reach", () => {
    const nested = checkRelationPath(models, { method: "with", root: "User", path: "coments", parent: "posts", file: "/p/q.ts", start: 7 });
    expect(nested.diagnostics.map((d) => d.message)).toEqual(["with('coments'): Post has no relation 'coments'. Did you mean 'comments'?"]);
    expect(nested.segments.map((s) => [s.name, s.model, s.start])).toEqual([["coments", "Post", 7]]);
    // an unknown or morphTo parent: nothing to say here (the parent's own site reports it)
    expect(
      checkRelationPath(models, { method: "with", root: "User", path: "x", parent: "postz", file: "/p/q.ts", start: 0 }).diagnostics,
    ).toEqual([]);
  });

  it('finds nested spec keys (with their parent path), "rel:cols" paths and whereAttachedTo\'s second argument', () => {
    const source = `
      import { User } from "./models";
      User.with({ "posts:id,user_id": { comments: ["subject"], author: true } }, { avatar: "x" });
      User.whereAttachedTo(post, "posts");
      User.withCount({ posts: { nested: true } });
    `;
    const sourceFile = ts.createSourceFile("/p/q.ts", source, ts.ScriptTarget.Latest, true);
    const facts = extractModelGraphFromFiles(["/p/q.ts"], { readFile: (f) => (f === "/p/q.ts" ? source : undefined) }).files.get("/p/q.ts");
    const sites = findQuerySites(sourceFile, facts, (name) => models.has(name));
    expect(sites.map((site) => [site.method, site.paths.map((p) => [p.parent ?? "", p.path])])).toEqual([
      [
        "with",
        [
          ["", "posts"],
          ["posts", "comments"],
          ["posts.comments", "subject"],
          ["posts", "author"],
          ["", "avatar"],
          ["avatar", "x"],
        ],
      ],
      ["whereAttachedTo", [["", "posts"]]],
      // withCount takes no nested specs: a key's value is a constraint, never children
      ["withCount", [["", "posts"]]],
    ]);
  });

  it("finds query sites on model classes, builder chains, arrays and object keys — not on unrelated receivers", () => {
    const source = `
      import { User as U } from "./models";
      U.with("posts", ["posts.comments"]);
      U.query().where("x", 1).withCount("posts as n");
      U.with({ avatar: (q) => q });
      somethingElse.with("nope");
      new Map().has("posts");
    `;
    const sourceFile = ts.createSourceFile("/p/q.ts", source, ts.ScriptTarget.Latest, true);
    const facts = extractModelGraphFromFiles(["/p/q.ts"], { readFile: (f) => (f === "/p/q.ts" ? source : undefined) }).files.get("/p/q.ts");
    const sites = findQuerySites(sourceFile, facts, (name) => models.has(name));
    expect(sites.map((site) => [site.method, site.root, site.paths.map((p) => p.path)])).toEqual([
      ["with", "User", ["posts", "posts.comments"]],
      ["withCount", "User", ["posts"]],
      ["with", "User", ["avatar"]],
    ]);
    const first = sites[0]!.paths[0]!;
    expect(source.slice(first.start, first.start + first.path.length)).toBe("posts");
  });

  it("checks static defaultWith / defaultWithCount paths as sites rooted at their class", () => {
    const source = `
      import { SqlModel } from "eloquent-orm/Model";
      export class User extends SqlModel {
        static defaultWith = ["posts.coments", "avatar"];
        static defaultWithCount = ["posts as n"];
        defaultWith = ["not static: no site"];
      }
      class NotAModel { static defaultWith = ["nope"]; }
    `;
    const sourceFile = ts.createSourceFile("/p/m.ts", source, ts.ScriptTarget.Latest, true);
    const facts = extractModelGraphFromFiles(["/p/m.ts"], { readFile: (f) => (f === "/p/m.ts" ? source : undefined) }).files.get("/p/m.ts");
    const sites = findQuerySites(sourceFile, facts, (name) => models.has(name));
    expect(sites.map((site) => [site.method, site.root, site.paths.map((p) => p.path)])).toEqual([
      ["defaultWith", "User", ["posts.coments", "avatar"]],
      ["defaultWithCount", "User", ["posts"]],
    ]);
    const path = sites[0]!.paths[0]!;
    const [diagnostic] = checkRelationPath(models, {
      method: "defaultWith",
      root: "User",
      path: path.path,
      file: "/p/m.ts",
      start: path.start,
    }).diagnostics;
    expect(diagnostic!.message).toBe("defaultWith('posts.coments'): Post has no relation 'coments'. Did you mean 'comments'?");
    expect(source.slice(diagnostic!.span!.start, diagnostic!.span!.end)).toBe("coments");
  });
});
