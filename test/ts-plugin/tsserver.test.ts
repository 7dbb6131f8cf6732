/**
 * End-to-end: the built plugin inside a REAL tsserver process (TypeScript 5.9 and 6.0), over its protocol.
 * Requires `npx tsc -b ts-plugin` (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { locate, REPO_ROOT, TsServer, TYPESCRIPT_VERSIONS } from "./tsserver-client";

const DIR = path.join(REPO_ROOT, "test/fixtures/ts-plugin/blog");
const file = (name: string) => path.join(DIR, name);
const text = (name: string) => fs.readFileSync(file(name), "utf8");

const eloquent = (diagnostics: any[]) => diagnostics.filter((d) => d.source === "eloquent");

describe.each(TYPESCRIPT_VERSIONS)("eloquent-ts-plugin in tsserver ($label)", ({ tsserver }) => {
  let server: TsServer;

  beforeAll(() => {
    server = new TsServer({ tsserver });
    for (const name of ["post.ts", "user.ts", "comment.ts", "queries.ts", "tag.ts", "instance-queries.ts"]) server.open(file(name));
  });
  afterAll(async () => server.close());

  type At = { line: number; offset: number };
  /** The quick fixes tsserver offers for `code` over [start, end] in `fileName`. */
  const codeFixesAt = (fileName: string, code: number, start: At, end: At = start): Promise<any> =>
    server.request("getCodeFixes", {
      file: fileName,
      startLine: start.line,
      startOffset: start.offset,
      endLine: end.line,
      endOffset: end.offset,
      errorCodes: [code],
    });

  it("reports the engine's diagnostics with code, source, category and the exact literal's span", async () => {
    const post = eloquent(await server.semanticDiagnostics(file("post.ts")));
    const target = post.find((d) => d.code === 102);
    expect(target).toMatchObject({
      source: "eloquent",
      category: "error",
      start: locate(text("post.ts"), '"Usr"'),
      end: locate(text("post.ts"), '"Usr"', 5),
    });
    expect(target.text).toContain("Did you mean 'User'?");
    expect(target.text).toContain("(eloquent/relation-target-exists)");
    const foreignKey = post.find((d) => d.code === 201);
    expect(foreignKey.start).toEqual(locate(text("post.ts"), '"author_id"'));
    expect(foreignKey.text).toContain("Post has no column 'author_id'");
    // A correct model file gets nothing from us.
    expect(eloquent(await server.semanticDiagnostics(file("comment.ts")))).toEqual([]);
  });

  it("checks query-site relation paths segment by segment (ELQ801)", async () => {
    const diagnostics = eloquent(await server.semanticDiagnostics(file("queries.ts")));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 801, category: "error", start: locate(text("queries.ts"), "postz") });
    expect(diagnostics[0].text).toContain("User has no relation 'postz'. Did you mean 'posts'?");
  });

  it("finds the root model of a query site through the type checker (post.load(...) on a Post instance)", async () => {
    const source = text("instance-queries.ts");
    const diagnostics = eloquent(await server.semanticDiagnostics(file("instance-queries.ts")));
    expect(diagnostics.map((d) => [d.code, d.start])).toEqual([[801, locate(source, "pst")]]);
    expect(diagnostics[0].text).toContain("load('comments.pst'): Comment has no relation 'pst'. Did you mean 'post'?");
  });

  it("offers quick fixes: replace a misspelt model, add the missing column in ANOTHER file", async () => {
    const source = text("post.ts");
    const start = locate(source, '"Usr"', 1);
    const replace = await codeFixesAt(file("post.ts"), 102, start, { line: start.line, offset: start.offset + 1 });
    const fix = replace.find((action: any) => action.description === "Replace 'Usr' with 'User'");
    expect(fix.changes).toEqual([
      { fileName: file("post.ts"), textChanges: [{ start: locate(source, '"Usr"'), end: locate(source, '"Usr"', 5), newText: '"User"' }] },
    ]);

    const userSource = text("user.ts");
    const at = locate(userSource, '"user_id"', 1);
    const addColumn = await codeFixesAt(file("user.ts"), 203, at);
    const add = addColumn.find((action: any) => /Add user_id: column\("int"\) to Post/.test(action.description));
    expect(add).toBeDefined();
    expect(add.changes).toHaveLength(1);
    expect(add.changes[0].fileName).toBe(file("post.ts"));
    expect(add.changes[0].textChanges.map((change: any) => change.newText).join("")).toContain('user_id: column("int"),');
  });

  it("adds the missing pivot options: a new options object, or entries in the existing one", async () => {
    const source = text("tag.ts");
    const codeFixes = async (needle: string) => {
      const at = locate(source, needle, 1);
      return codeFixesAt(file("tag.ts"), 301, at);
    };
    const created = (await codeFixes('"Post")')).find((action: any) => action.fixName === "eloquent-add-options");
    expect(created.description).toBe("Add pivotTable: 'post_tag', pivotLocalKey: 'tag_id', pivotForeignKey: 'post_id'");
    expect(created.changes[0].textChanges).toEqual([
      {
        start: locate(source, '"Post")', 6),
        end: locate(source, '"Post")', 6),
        newText: ', { pivotTable: "post_tag", pivotLocalKey: "tag_id", pivotForeignKey: "post_id" }',
      },
    ]);
    const extended = (await codeFixes('{ pivotTable: "featured_posts" }')).find((action: any) => action.fixName === "eloquent-add-options");
    const closing = locate(source, '"featured_posts" }', '"featured_posts"'.length);
    expect(extended.changes[0].textChanges).toEqual([
      { start: closing, end: closing, newText: ', pivotLocalKey: "tag_id", pivotForeignKey: "post_id"' },
    ]);
  });

  it("adds the missing morphTo inverse in the other model's file, and removes an option the kind does not read", async () => {
    const fixes = (name: string) => path.join(REPO_ROOT, "test/fixtures/ts-plugin/fixes", name);
    server.open(fixes("post.ts"));
    server.open(fixes("image.ts"));
    const source = fs.readFileSync(fixes("post.ts"), "utf8");
    const diagnostics = eloquent(await server.semanticDiagnostics(fixes("post.ts")));
    const codeFixes = async (code: number) => {
      const diagnostic = diagnostics.find((d) => d.code === code);
      expect(diagnostic, `a diagnostic with code ${code}`).toBeDefined();
      return codeFixesAt(fixes("post.ts"), code, diagnostic.start, diagnostic.end);
    };
    const inverse = (await codeFixes(405)).find((action: any) => action.fixName === "eloquent-add-relation");
    expect(inverse.changes).toHaveLength(1);
    expect(inverse.changes[0].fileName).toBe(fixes("image.ts"));
    const inserted = inverse.changes[0].textChanges.map((change: any) => change.newText).join("");
    expect(inserted).toContain('imageable: relation("morphTo", "Post", { morphName: "imageable" }),');
    // image.ts imports only `column`: the fix brings `relation` into scope too.
    expect(inserted).toContain('import { relation } from "eloquent-orm";');

    const remove = (await codeFixes(501)).find((action: any) => action.fixName === "eloquent-remove-option");
    expect(remove.changes[0].textChanges).toEqual([
      {
        start: locate(source, ', pivotTable: "nope"'),
        end: locate(source, ', pivotTable: "nope"', ', pivotTable: "nope"'.length),
        newText: "",
      },
    ]);
  });

  it("refreshes a dependent file's diagnostics after an edit to another model's file", async () => {
    expect(eloquent(await server.semanticDiagnostics(file("user.ts"))).map((d) => d.code)).toContain(203);
    const source = text("post.ts");
    const at = locate(source, "    title:");
    server.change(file("post.ts"), at.line, at.offset, at.line, at.offset, '    user_id: column("int"),\n');
    expect(eloquent(await server.semanticDiagnostics(file("user.ts")))).toEqual([]);
    // Undo, and the diagnostic comes back.
    server.change(file("post.ts"), at.line, at.offset, at.line + 1, at.offset, "");
    expect(eloquent(await server.semanticDiagnostics(file("user.ts"))).map((d) => d.code)).toEqual([203]);
  });

  it("completes kinds, model names, option keys for the kind, and the right model's columns", async () => {
    const source = text("post.ts");
    const completions = async (needle: string, delta: number) => {
      const at = locate(source, needle, delta);
      const body = await server.request("completionInfo", { file: file("post.ts"), line: at.line, offset: at.offset });
      return (body?.entries ?? []).map((entry: any) => entry.name) as string[];
    };
    expect(await completions('"belongsTo"', 1)).toEqual(
      expect.arrayContaining(["hasOne", "hasMany", "belongsTo", "belongsToMany", "morphOne", "morphMany", "morphTo"]),
    );
    const models = await completions('"Usr"', 1);
    expect(models).toEqual(expect.arrayContaining(["User", "Post", "Comment"]));
    // belongsTo options: foreignKey is present already, ownerKey is offered, hasMany-only keys are not.
    const keys = await completions('{ foreignKey: "author_id" }', 1);
    expect(keys).toContain("ownerKey");
    expect(keys).not.toContain("pivotTable");
    // belongsTo foreignKey names a column of the declaring model (Post).
    const columns = await completions('"author_id"', 1);
    expect(columns).toEqual(expect.arrayContaining(["id", "title"]));
    expect(columns).not.toContain("body");
  });

  it("completes the engine's effective names: timestamps' columns, Mongo's implicit id, the pivot tables it knows", async () => {
    const models = path.join(REPO_ROOT, "test/fixtures/ts-plugin/completions/models.ts");
    server.open(models);
    const source = fs.readFileSync(models, "utf8");
    // A clean file: every name below is one the rules accept.
    expect(eloquent(await server.semanticDiagnostics(models))).toEqual([]);
    const completions = async (needle: string, delta: number) => {
      const at = locate(source, needle, delta);
      const body = await server.request("completionInfo", { file: models, line: at.line, offset: at.offset });
      return (body?.entries ?? []).filter((entry: any) => entry.sortText.startsWith("0")).map((entry: any) => entry.name) as string[];
    };
    // belongsTo foreignKey on Article (timestamps + softDeletes): the columns the key rules check, not the schema keys.
    const foreignKey = await completions('"Writer", { foreignKey: "writer_id"', '"Writer", { foreignKey: "'.length);
    expect(foreignKey).toEqual(expect.arrayContaining(["id", "writer_id", "created_at", "updated_at", "deleted_at"]));
    expect(foreignKey).not.toContain("timestamps");
    expect(foreignKey).not.toContain("softDeletes");
    // hasMany localKey on a Mongo model: the implicit id/_id are real keys.
    expect(await completions('localKey: "id"', 'localKey: "'.length)).toEqual(expect.arrayContaining(["id", "_id", "title"]));
    // pivotTable: static database.tables entries and the tables models map to.
    expect(await completions('pivotTable: "article_tag"', 'pivotTable: "'.length)).toEqual(
      expect.arrayContaining(["article_tag", "articles", "tags", "writers"]),
    );
    // pivot keys: the columns of that pivot table.
    expect((await completions('pivotLocalKey: "tag_id"', 'pivotLocalKey: "'.length)).sort()).toEqual(["article_id", "tag_id"]);
    // Navigation reads the same index: a pivot key declared in static database.tables goes to that declaration.
    const key = locate(source, 'pivotLocalKey: "tag_id"', 'pivotLocalKey: "'.length + 1);
    const definition = await server.request("definitionAndBoundSpan", { file: models, line: key.line, offset: key.offset });
    expect(definition.definitions[0]).toMatchObject({ file: models, start: locate(source, "database = {", "database = ".length) });
  });

  it("completes relation paths at query sites, following nested segments", async () => {
    const source = text("queries.ts");
    const at = locate(source, "posts.comments", "posts.".length);
    const body = await server.request("completionInfo", { file: file("queries.ts"), line: at.line, offset: at.offset });
    const names = body.entries.map((entry: any) => entry.name);
    expect(names).toEqual(expect.arrayContaining(["author", "comments"]));
  });

  it("completes and navigates a nested spec key from the model its parent key reaches", async () => {
    const source = text("queries.ts");
    const at = locate(source, '["comments"]', 2);
    const body = await server.request("completionInfo", { file: file("queries.ts"), line: at.line, offset: at.offset });
    const names = body.entries.map((entry: any) => entry.name);
    // Post's relations (the target of posts), not User's
    expect(names).toEqual(expect.arrayContaining(["author", "comments"]));
    expect(names).not.toContain("posts");
    const definition = await server.request("definitionAndBoundSpan", { file: file("queries.ts"), line: at.line, offset: at.offset + 1 });
    expect(definition.definitions[0]).toMatchObject({ file: file("post.ts"), start: locate(text("post.ts"), "comments: relation") });
  });

  it("fixes and navigates query-site paths: replace a misspelt segment, jump from a segment to its relation", async () => {
    const source = text("queries.ts");
    const at = locate(source, "postz", 2);
    const fixes = await codeFixesAt(file("queries.ts"), 801, at);
    const fix = fixes.find((action: any) => action.description === "Replace 'postz' with 'posts'");
    expect(fix.changes).toEqual([
      {
        fileName: file("queries.ts"),
        textChanges: [{ start: locate(source, "postz"), end: locate(source, "postz", 5), newText: "posts" }],
      },
    ]);
    const segment = locate(source, "posts.comments", "posts.".length + 2);
    const definition = await server.request("definitionAndBoundSpan", {
      file: file("queries.ts"),
      line: segment.line,
      offset: segment.offset,
    });
    expect(definition.definitions[0]).toMatchObject({ file: file("post.ts"), start: locate(text("post.ts"), "comments: relation") });
    expect(definition.textSpan).toMatchObject({ start: locate(source, 'comments"'), end: locate(source, 'comments"', "comments".length) });
  });

  it("goes to the model class from a target string and to the column from a key string", async () => {
    const userSource = text("user.ts");
    const at = locate(userSource, '"Post"', 2);
    const definition = await server.request("definitionAndBoundSpan", { file: file("user.ts"), line: at.line, offset: at.offset });
    expect(definition.definitions[0]).toMatchObject({ file: file("post.ts"), start: locate(text("post.ts"), "Post extends") });

    const commentSource = text("comment.ts");
    const key = locate(commentSource, 'foreignKey: "post_id"', 'foreignKey: "'.length);
    const column = await server.request("definitionAndBoundSpan", { file: file("comment.ts"), line: key.line, offset: key.offset });
    expect(column.definitions[0]).toMatchObject({ file: file("comment.ts"), start: locate(commentSource, 'post_id: column("int")') });
  });

  it("hovers a belongsToMany with its pivot keys (inferred ones marked) and the join it runs", async () => {
    const source = text("tag.ts");
    const at = locate(source, "featured: relation", 2);
    const info = await server.request("quickinfo", { file: file("tag.ts"), line: at.line, offset: at.offset });
    const documentation =
      typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
    expect(documentation).toContain("(eloquent) Tag.featured: belongsToMany → Post");
    expect(documentation).toContain(
      "Pivot: featured_posts.tag_id (inferred pivotLocalKey: not declared, the check asks for it) → tags.id; featured_posts.post_id (inferred pivotForeignKey",
    );
    expect(documentation).toContain(
      "select posts.*, featured_posts.tag_id from posts inner join featured_posts on featured_posts.post_id = posts.id where featured_posts.tag_id in (?, ?, ...)",
    );
  });

  it("hovers a relation with its tables, keys (inferred ones marked) and the eager-load query", async () => {
    const source = text("post.ts");
    const at = locate(source, "comments: relation", 2);
    const info = await server.request("quickinfo", { file: file("post.ts"), line: at.line, offset: at.offset });
    const documentation =
      typeof info.documentation === "string" ? info.documentation : info.documentation.map((part: any) => part.text).join("");
    expect(documentation).toContain("(eloquent) Post.comments: hasMany → Comment");
    expect(documentation).toContain("Comment → table 'comments' (inferred from the class name)");
    expect(documentation).toContain("comments.post_id (inferred foreignKey");
    expect(documentation).toContain("posts.id (inferred localKey");
    expect(documentation).toContain("select * from comments where post_id in (?, ?, ...)");
  });

  it("renames across strings: a class's target strings, a relation's with() segments", async () => {
    const post = text("post.ts");
    const spans = (body: any) =>
      body.locs.flatMap((group: any) =>
        group.locs.map(
          (loc: any) => `${path.basename(group.file)}:${loc.start.line}:${loc.start.offset}-${loc.end.offset}${loc.suffixText ? "+" : ""}`,
        ),
      );
    const at = (name: string, needle: string, delta = 0) =>
      `${name}:${locate(text(name), needle, delta).line}:${locate(text(name), needle, delta).offset}-${locate(text(name), needle, delta).offset + needle.length - 2}`;
    const model = await server.request("rename", {
      file: file("post.ts"),
      ...locate(post, "class Post", "class ".length),
      findInStrings: false,
      findInComments: false,
    });
    expect(spans(model)).toEqual(expect.arrayContaining([at("user.ts", '"Post"', 1), at("comment.ts", '"Post"', 1)]));
    // Post writes its table: the class name is renamed plainly (no tableName inserted).
    expect(spans(model).filter((span: string) => span.endsWith("+"))).toEqual([]);
    const relation = await server.request("rename", {
      file: file("post.ts"),
      ...locate(post, "comments:", 1),
      findInStrings: false,
      findInComments: false,
    });
    const queries = text("queries.ts");
    const segment = locate(queries, "posts.comments", "posts.".length);
    expect(spans(relation)).toContain(`queries.ts:${segment.line}:${segment.offset}-${segment.offset + "comments".length}`);
  });

  it("adds inlay hints for inferred keys", async () => {
    const post = text("post.ts");
    const hints: any[] = await server.request("provideInlayHints", { file: file("post.ts"), start: 0, length: post.length });
    expect(hints.map((hint) => [hint.text, hint.position])).toContainEqual([
      "foreignKey: post_id",
      locate(post, '"Comment")', '"Comment"'.length),
    ]);
  });

  it("lists eloquent's codes in the GLOBAL supported-fixes list (the request editors send without a file)", async () => {
    // Loaded by the open files above; clients ask once, without arguments, and only request fixes for listed codes.
    const global: string[] = await server.request("getSupportedCodeFixes");
    for (const code of ["101", "102", "201", "203", "301", "405", "801"]) expect(global).toContain(code);
    // TypeScript's own codes are still there, once each.
    expect(global).toContain("2304");
    expect(new Set(global).size).toBe(global.length);
  });

  it("diagnoses its own misconfiguration once, with the fix: an unresolvable runtime, a project without models", async () => {
    const seed = path.join(REPO_ROOT, "test/fixtures/ts-plugin/misconfigured/seed.ts");
    server.open(seed);
    const setup = eloquent(await server.semanticDiagnostics(seed)).filter((d) => d.code === 950);
    const seedText = fs.readFileSync(seed, "utf8");
    // One diagnostic for the file (one fix), not one per import line.
    expect(setup.map((d) => d.start)).toEqual([locate(seedText, '"@alpha.consultings/eloquent-orm.js"')]);
    expect(setup[0]).toMatchObject({ category: "warning" });
    expect(setup[0].text).toContain("npm install @alpha.consultings/eloquent-orm.js@npm:eloquent-orm-seed");
    expect(setup[0].text).toContain('"@alpha.consultings/eloquent-orm.js": ["./node_modules/eloquent-orm/dist/seed-entry.d.ts"]');
    // The models are still checked from source: the missing Post target is reported too.
    expect(eloquent(await server.semanticDiagnostics(seed)).map((d) => d.code)).toContain(102);

    const mixins = path.join(REPO_ROOT, "test/fixtures/ts-plugin/no-models/mixins.ts");
    server.open(mixins);
    const noModels = eloquent(await server.semanticDiagnostics(mixins));
    // One diagnostic naming the class and the form that was not understood (model-declaration, ELQ951).
    expect(noModels).toHaveLength(1);
    expect(noModels[0]).toMatchObject({ code: 951, category: "error", start: locate(fs.readFileSync(mixins, "utf8"), "User extends") });
    expect(noModels[0].text).toContain(
      "User declares a static schema, but eloquent does not understand it as a model: its base `extends (process.env.AUDIT ? withAudit(SqlModel) : SqlModel)` is a form eloquent cannot follow",
    );
  });
});
