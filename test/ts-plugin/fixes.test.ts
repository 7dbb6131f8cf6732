/** The shared suggestion → edits module both fronts (tsserver quick fixes, ESLint fixes) translate. */
import { describe, expect, it } from "vitest";
import ts from "typescript";
import { useTypeScript } from "../../analyzer/src/typescript";
import type { Diagnostic, Suggestion } from "eloquent-engine";
import { extractModelGraphFromFiles } from "../../analyzer/src/extract";
import { suggestionEdits, type SourceEdit } from "../../analyzer/src/fixes";

useTypeScript(ts);

const POST = `import { column, relation } from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
export class Post extends SqlModel {
  static schema = {
    id: column("increments", undefined, { primary: true }),
    tags: relation("belongsToMany", "Tag", { pivotTable: "post_tag", foreignKey: "x" }),
    labels: relation("belongsToMany", "Tag", {
      pivotTable: "post_label",
    }),
  };
}
`;
const TAG = `import { SqlModel } from "eloquent-orm/Model";
export class Tag extends SqlModel {
  static schema = {};
}
`;
const files: Record<string, string> = { "/p/post.ts": POST, "/p/tag.ts": TAG };
const extraction = extractModelGraphFromFiles(Object.keys(files), { readFile: (name) => files[name] });
const sources = { graph: extraction.graph, text: (name: string) => files[name], facts: (name: string) => extraction.files.get(name) };
const diagnostic = { suggestions: [] } as unknown as Diagnostic;
const edits = (suggestion: Suggestion) => suggestionEdits(diagnostic, suggestion, sources);
const apply = (text: string, list: SourceEdit[]) =>
  [...list].sort((a, b) => b.start - a.start).reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);

describe("suggestionEdits", () => {
  it("removes the last option without leaving a dangling comma", () => {
    const list = edits({
      kind: "remove-option",
      description: "",
      node: { model: "Post", relation: "tags", part: "option-key", option: "foreignKey" },
    })!;
    expect(apply(POST, list)).toContain('relation("belongsToMany", "Tag", { pivotTable: "post_tag" }),');
  });

  it("adds options to a multi-line object on their own lines", () => {
    const list = edits({
      kind: "add-options",
      description: "",
      node: { model: "Post", relation: "labels", part: "options" },
      options: { pivotLocalKey: "post_id" },
    })!;
    expect(apply(POST, list)).toContain('      pivotTable: "post_label",\n      pivotLocalKey: "post_id",\n    }),');
  });

  it("adds a relation to an empty schema in the other file and imports relation there", () => {
    const list = edits({
      kind: "add-relation",
      description: "",
      model: "Tag",
      name: "posts",
      relationKind: "belongsToMany",
      target: "Post",
      options: {},
    })!;
    expect(list.every((e) => e.fileName === "/p/tag.ts")).toBe(true);
    const out = apply(TAG, list);
    expect(out.startsWith('import { relation } from "eloquent-orm";\n')).toBe(true);
    expect(out).toContain('posts: relation("belongsToMany", "Post"),');
  });

  it("produces nothing where a file's text is not available", () => {
    const only = { ...sources, text: (name: string) => (name === "/p/post.ts" ? POST : undefined) };
    expect(
      suggestionEdits(diagnostic, { kind: "add-column", description: "", model: "Tag", column: "name", columnType: "string" }, only),
    ).toBeUndefined();
  });

  it("creates a missing model in a new file beside the referring one, with its imports (and the pivot's tableName)", () => {
    const list = edits({
      kind: "create-model",
      description: "",
      model: "PostTag",
      besides: "Post",
      placement: "new-file",
      columns: { post_id: "int", tag_id: "int" },
      table: "post_tag",
    })!;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ fileName: "/p/post-tag.ts", start: 0, end: 0, isNewFile: true });
    expect(list[0]!.newText).toBe(
      [
        'import { SqlModel } from "eloquent-orm/Model";',
        'import { column } from "eloquent-orm";',
        "",
        "export class PostTag extends SqlModel {",
        '  static tableName = "post_tag";',
        "  static schema = {",
        '    post_id: column("int"),',
        '    tag_id: column("int"),',
        "  };",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("creates a missing model at the end of the referring file, its id as primary key", () => {
    const list = edits({
      kind: "create-model",
      description: "",
      model: "Label",
      besides: "Post",
      placement: "same-file",
      columns: { id: "increments", post_id: "int" },
    })!;
    const out = apply(POST, list);
    expect(out.startsWith(POST)).toBe(true);
    expect(out.slice(POST.length)).toBe(
      '\nexport class Label extends SqlModel {\n  static schema = {\n    id: column("increments", undefined, { primary: true }),\n    post_id: column("int"),\n  };\n}\n',
    );
    // A model of that name exists already: nothing to create.
    expect(
      edits({ kind: "create-model", description: "", model: "Tag", besides: "Post", placement: "same-file", columns: {} }),
    ).toBeUndefined();
  });
});
