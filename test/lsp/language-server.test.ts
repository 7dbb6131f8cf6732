/**
 * End-to-end in a REAL editor client path: typescript-language-server (the LSP server Neovim, Helix, Emacs and
 * Sublime use; VS Code's TypeScript extension asks tsserver the same questions) over stdio, on a consumer
 * project that installed the packed tarballs. Requires `npm run build` (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerTypescriptVersion, createConsumer, languageServerBin, type Consumer } from "./consumer";
import { applyTextEdits, LspClient, positionIn, uriOf, type TextEdit } from "./lsp-client";

const SEVERITY = { Error: 1, Warning: 2, Information: 3, Hint: 4 } as const;
const FILES = ["user.ts", "post.ts", "comment.ts", "tag.ts", "image.ts", "review.ts", "queries.ts", "note.ts", "library.ts"];

const bin = languageServerBin();
if (!bin) {
  // Loud, not silent: the suite is part of the acceptance of the editor integration.
  console.warn(
    "\n[test/lsp] SKIPPED: typescript-language-server is not installed (npm i -D typescript-language-server in the workspace root).\n",
  );
}

const eloquent = (items: any[]) => items.filter((item) => item.source === "eloquent");

describe.skipIf(!bin)(
  `eloquent through typescript-language-server (packed tarballs, consumer project, TypeScript ${consumerTypescriptVersion()})`,
  () => {
    let consumer: Consumer;
    let lsp: LspClient;
    /** The documents' current texts as the client holds them. */
    const texts = new Map<string, string>();

    const file = (name: string) => consumer.file(name);
    const textOf = (name: string) => texts.get(name)!;
    const setText = (name: string, text: string) => {
      texts.set(name, text);
      lsp.change(file(name), text);
    };
    const diagnosticsOf = (name: string, accept: (items: any[]) => boolean = () => true) => lsp.waitForDiagnostics(file(name), accept);
    const nameOfUri = (uri: string) => FILES.find((name) => uriOf(file(name)) === uri) ?? uri;

    /** Applies a WorkspaceEdit (changes or documentChanges) to the open documents through didChange. */
    const applyWorkspaceEdit = (edit: any): string[] => {
      const byFile = new Map<string, TextEdit[]>();
      for (const [uri, edits] of Object.entries<TextEdit[]>(edit.changes ?? {})) byFile.set(uri, [...(byFile.get(uri) ?? []), ...edits]);
      for (const change of edit.documentChanges ?? [])
        byFile.set(change.textDocument.uri, [...(byFile.get(change.textDocument.uri) ?? []), ...change.edits]);
      const touched: string[] = [];
      for (const [uri, edits] of byFile) {
        const name = nameOfUri(uri);
        if (!texts.has(name)) throw new Error(`edit for a document that is not open: ${uri}`);
        setText(name, applyTextEdits(textOf(name), edits));
        touched.push(name);
      }
      return touched;
    };

    beforeAll(async () => {
      consumer = createConsumer("shop");
      lsp = new LspClient(process.execPath, [bin!, "--stdio"], consumer.root);
      await lsp.initialize(consumer.root);
      for (const name of FILES) {
        texts.set(name, consumer.read(name));
        lsp.open(file(name), consumer.read(name));
      }
      // The project is loaded (and the plugin with it) once eloquent's diagnostics arrive; until then the client
      // routes rename, references and completions to its syntax-only server, which runs no plugin.
      await lsp.waitForDiagnostics(file("user.ts"), (items) => eloquent(items).length > 0, 120_000);
    }, 180_000);

    afterAll(async () => {
      await lsp?.shutdown();
      consumer?.cleanup();
    });

    it("publishes eloquent's diagnostics with code, source and severity (error → Error, warning → Warning)", async () => {
      const user = eloquent(await diagnosticsOf("user.ts", (items) => eloquent(items).length > 0));
      const target = user.find((item) => item.code === 102);
      expect(target).toMatchObject({
        source: "eloquent",
        severity: SEVERITY.Error,
        range: { start: positionIn(textOf("user.ts"), '"Avtar"') },
      });
      const post = eloquent(await diagnosticsOf("post.ts", (items) => eloquent(items).length > 0));
      expect(post.find((item) => item.code === 405)).toMatchObject({ severity: SEVERITY.Warning });
    });

    it("shows 'cannot verify' (info, ELQ901) as a Hint, not as an Error", async () => {
      const tag = eloquent(await diagnosticsOf("tag.ts", (items) => eloquent(items).some((item) => item.code === 901)));
      const info = tag.find((item) => item.code === 901);
      expect(info.severity).toBe(SEVERITY.Hint);
    });

    it("puts eloquent's codes on tsserver's global fixable list (asked without a file, as clients do)", async () => {
      const response = await lsp.request("workspace/executeCommand", {
        command: "typescript.tsserverRequest",
        arguments: ["getSupportedCodeFixes", null],
      });
      const codes: string[] = response.body;
      for (const code of ["101", "102", "201", "203", "301", "405", "501", "601", "801"]) expect(codes).toContain(code);
    });

    /** The quick fixes offered for one published diagnostic. */
    const quickFixes = async (name: string, diagnostic: any): Promise<any[]> => {
      const actions: any[] = await lsp.request("textDocument/codeAction", {
        textDocument: { uri: uriOf(file(name)) },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ["quickfix"] },
      });
      return (actions ?? []).filter((action) => action.kind === "quickfix");
    };

    /** Runs `edit`-carrying or command-carrying actions the way an editor applies them. */
    const applyAction = async (action: any): Promise<string[]> => {
      if (action.edit) return applyWorkspaceEdit(action.edit);
      if (action.command) {
        const before = lsp.appliedEdits.length;
        await lsp.request("workspace/executeCommand", action.command);
        return lsp.appliedEdits.slice(before).flatMap((edit) => applyWorkspaceEdit(edit));
      }
      throw new Error(`code action without edit or command: ${JSON.stringify(action)}`);
    };

    const sameDiagnostic = (a: any) => (b: any) => b.code === a.code && b.message === a.message;

    /** [file, code, a part of the diagnostic's message, the start of the fix's title]: one per fixable rule (and fix shape). */
    const FIXES: [string, number, string, string][] = [
      ["user.ts", 102, "'Avtar'", "Create model 'Avtar' in this file"],
      ["user.ts", 203, "reviewer_id", 'Add reviewer_id: column("int") to Review'],
      ["post.ts", 601, "strng", "Replace with 'string'"],
      ["post.ts", 101, "hasMny", "Replace 'hasMny' with 'hasMany'"],
      ["post.ts", 301, "missing 'pivotTable'", "Add pivotTable"],
      ["post.ts", 405, "Image declares no morphTo", 'Add imageable: relation("morphTo"'],
      ["comment.ts", 501, "foriegnKey", "Replace 'foriegnKey' with 'foreignKey'"],
      ["queries.ts", 801, "postz", "Replace 'postz' with 'posts'"],
      // An undeclared pivot table (info: cannot verify its columns) → a model on it makes them checkable.
      ["tag.ts", 901, "post_tag", "Make the pivot explicit: create model PostTag on 'post_tag' in this file"],
      ["library.ts", 201, "publisher_id", 'Add publisher_id: column("int") to Book'],
      ["library.ts", 202, "uuid", 'Add uuid: column("int") to Publisher'],
      ["library.ts", 204, "isbn", 'Add isbn: column("int") to Book'],
      ["library.ts", 206, "writer_id", "Replace 'writer_id' with 'author_id'"],
      ["library.ts", 302, "author_idd", "Replace 'author_idd' with 'author_id'"],
      ["library.ts", 401, "Author.portraits", "Add morphName: 'depicted'"],
      ["library.ts", 402, "morphId 'awardabel_id'", "Set morphId: 'awardable_id'"],
      ["library.ts", 402, "morphType 'awardabel_type'", "Set morphType: 'awardable_type'"],
      ["library.ts", 403, "'Autor'", "Replace 'Autor' with 'Author'"],
      ["library.ts", 404, "'Sheet'", "Replace 'Sheet' with 'Shelf'"],
      ["library.ts", 405, "awardabel", "Replace 'awardabel' with 'awardable'"],
      ["library.ts", 501, "morphName' does not apply", "Remove 'morphName'"],
    ];

    it("offers a quick fix for every fixable rule, and applying it clears the diagnostic (cross-file fixes too)", async () => {
      for (const [name, code, detail, title] of FIXES) {
        const label = `${name} ELQ${code} (${detail})`;
        const initial = eloquent(
          await diagnosticsOf(name, (items) => eloquent(items).some((item) => item.code === code && item.message.includes(detail))),
        );
        const diagnostic = initial.find((item) => item.code === code && item.message.includes(detail));
        const actions = await quickFixes(name, diagnostic);
        const action = actions.find((candidate) => candidate.title.startsWith(title));
        expect(action, `${label}: a quick fix '${title}…' among ${JSON.stringify(actions.map((a) => a.title))}`).toBeDefined();
        const originals = new Map([...texts]);
        const touched = await applyAction(action);
        expect(touched.length, label).toBeGreaterThan(0);
        await diagnosticsOf(name, (items) => !items.some(sameDiagnostic(diagnostic)));
        // Back to the original texts for the next fix.
        for (const changed of touched) setText(changed, originals.get(changed)!);
        await diagnosticsOf(name, (items) => items.some(sameDiagnostic(diagnostic)));
      }
      // Every engine rule that has suggestions is in the list above.
      const fixable = new Set(FIXES.map(([, code]) => code));
      for (const code of [101, 102, 201, 202, 203, 204, 206, 301, 302, 401, 402, 403, 404, 405, 501, 601, 801, 901])
        expect(fixable.has(code), `ELQ${code}`).toBe(true);
    }, 300_000); // ~20 fixes, each a round trip of edits and fresh diagnostics: minutes on a loaded machine

    const at = (name: string, needle: string, delta = 0) => ({
      textDocument: { uri: uriOf(file(name)) },
      position: positionIn(textOf(name), needle, delta),
    });
    const itemsOf = (result: any): any[] => (Array.isArray(result) ? result : (result?.items ?? []));

    it("completes option keys with the keys valid for the kind only (no TypeScript globals mixed in)", async () => {
      const items = itemsOf(await lsp.request("textDocument/completion", at("note.ts", '"User", {  }', '"User", { '.length)));
      const labels = items.map((item) => item.label);
      expect(labels).toContain("foreignKey");
      expect(labels).toContain("ownerKey");
      for (const global of ["Array", "console", "Math", "undefined"]) expect(labels).not.toContain(global);
    });

    it("completes a nested with() segment, replacing that segment only", async () => {
      const source = textOf("queries.ts");
      const items = itemsOf(await lsp.request("textDocument/completion", at("queries.ts", "posts.author", "posts.au".length)));
      const author = items.find((item) => item.label === "author");
      expect(author, JSON.stringify(items.map((item) => item.label))).toBeDefined();
      const range = author.textEdit?.range ?? author.textEdit?.replace;
      expect(range).toEqual({
        start: positionIn(source, "posts.author", "posts.".length),
        end: positionIn(source, "posts.author", "posts.author".length),
      });
      // No whole-path literal that would replace "posts.author" entirely.
      for (const item of items) expect(item.label).not.toContain(".");
    });

    it("hovers a target string with what the relation resolves to, its first line not repeated", async () => {
      const hover = await lsp.request("textDocument/hover", at("user.ts", '"Post"', 2));
      const text = JSON.stringify(hover.contents);
      expect(text).toContain("User.posts: hasMany → Post");
      expect(text.split("User.posts: hasMany → Post").length - 1).toBe(1);
      expect(text).toContain("inferred foreignKey");
    });

    it("goes from a target string to the model class", async () => {
      const result = await lsp.request("textDocument/definition", at("user.ts", '"Post"', 2));
      const locations = Array.isArray(result) ? result : [result];
      const target = locations[0].targetUri ? { uri: locations[0].targetUri, range: locations[0].targetSelectionRange } : locations[0];
      expect(target.uri).toBe(uriOf(file("post.ts")));
      expect(target.range.start).toEqual(positionIn(textOf("post.ts"), "Post extends"));
    });

    /** publishDiagnostics counters per file when the last rename started. */
    let published = new Map<string, number>();
    /** The first diagnostics of `name` published after the last rename's edit. */
    const freshDiagnostics = (name: string) => lsp.waitForDiagnostics(file(name), () => true, 30_000, published.get(name) ?? 0);

    /** Renames at `needle` (+delta) in `name`, applies the edit to the open documents, runs `check`, then restores every text. */
    const renameAndRestore = async (
      name: string,
      needle: string,
      delta: number,
      newName: string,
      check: (edited: Map<string, string>) => Promise<void>,
    ) => {
      const originals = new Map([...texts]);
      published = new Map(FILES.map((fileName) => [fileName, lsp.publishedVersion(file(fileName))]));
      const edit = await lsp.request("textDocument/rename", { ...at(name, needle, delta), newName });
      expect(edit, "a WorkspaceEdit").toBeTruthy();
      const touched = applyWorkspaceEdit(edit);
      try {
        await check(new Map(touched.map((changed) => [changed, textOf(changed)])));
      } finally {
        for (const changed of touched) setText(changed, originals.get(changed)!);
      }
    };

    it("renaming a model class renames its target strings in other files and keeps its table", async () => {
      await renameAndRestore("post.ts", "class Post", "class ".length, "Article", async (edited) => {
        expect(edited.get("user.ts")).toContain('relation("hasMany", "Article")');
        expect(edited.get("comment.ts")).toContain('relation("belongsTo", "Article"');
        // The table came from the convention ("posts"): the rename writes it down instead of moving to "articles".
        // Post is a morph parent (images): its stored type value stays 'Post' too.
        expect(edited.get("post.ts")).toMatch(
          /export class Article extends SqlModel \{\n {2}static tableName = "posts";\n {2}static morphAlias = "Post";\n {2}static schema = \{/,
        );
        // Every string still names a declared model (ELQ102 only for the fixture's own 'Avtar').
        for (const name of ["user.ts", "comment.ts", "post.ts"]) {
          const unknownTargets = eloquent(await freshDiagnostics(name)).filter(
            (item) => item.code === 102 && !item.message.includes("'Avtar'"),
          );
          expect(unknownTargets, name).toEqual([]);
        }
      });
    });

    it("rename starting from a target string renames the class and every other string naming it", async () => {
      const prepared = await lsp.request("textDocument/prepareRename", at("post.ts", '"User"', 2));
      expect(prepared).toBeTruthy();
      await renameAndRestore("post.ts", '"User"', 2, "Member", async (edited) => {
        expect(edited.get("user.ts")).toContain("export class Member extends SqlModel {");
        expect(edited.get("user.ts")).toContain('static tableName = "users";');
        expect(edited.get("note.ts")).toContain('relation("belongsTo", "Member"');
        expect(edited.get("post.ts")).toContain('relation("belongsTo", "Member"');
      });
    });

    it("renaming a relation renames its with() path segments", async () => {
      await renameAndRestore("user.ts", "posts:", 1, "articles", async (edited) => {
        expect(edited.get("user.ts")).toContain('articles: relation("hasMany", "Post")');
        expect(edited.get("queries.ts")).toContain('"articles.author"');
        // "postz" names no relation: untouched.
        expect(edited.get("queries.ts")).toContain('"postz"');
      });
    });

    it("rename starting from a with() segment or a key string renames the declaration and the other strings", async () => {
      await renameAndRestore("queries.ts", "posts.author", "posts.".length + 1, "writer", async (edited) => {
        expect(edited.get("post.ts")).toContain('writer: relation("belongsTo", "User", { foreignKey: "user_id" })');
        expect(edited.get("queries.ts")).toContain('"posts.writer"');
      });
      await renameAndRestore("post.ts", '"user_id" }', 1, "owner_id", async (edited) => {
        expect(edited.get("post.ts")).toContain('owner_id: column("int")');
        expect(edited.get("post.ts")).toContain('{ foreignKey: "owner_id" }');
      });
    });

    it("renaming a column renames the key option strings that name it", async () => {
      await renameAndRestore("post.ts", "user_id:", 1, "author_id", async (edited) => {
        expect(edited.get("post.ts")).toContain('author_id: column("int")');
        expect(edited.get("post.ts")).toContain('{ foreignKey: "author_id" }');
        // Note's own user_id is another column: untouched.
        expect(edited.has("note.ts")).toBe(false);
      });
    });

    it("find-all-references from a class, a relation and a column lists the strings naming it", async () => {
      const references = async (name: string, needle: string, delta: number) =>
        (
          (await lsp.request("textDocument/references", { ...at(name, needle, delta), context: { includeDeclaration: true } })) as any[]
        ).map((location) => `${nameOfUri(location.uri)}:${location.range.start.line}:${location.range.start.character}`);
      const where = (name: string, needle: string, delta = 0) => {
        const position = positionIn(textOf(name), needle, delta);
        return `${name}:${position.line}:${position.character}`;
      };
      const user = await references("user.ts", "class User", "class ".length);
      expect(user).toContain(where("post.ts", '"User"', 1));
      expect(user).toContain(where("note.ts", '"User"', 1));
      const posts = await references("user.ts", "posts:", 1);
      expect(posts).toContain(where("queries.ts", '"posts.author"', 1));
      const column = await references("post.ts", "user_id:", 1);
      expect(column).toContain(where("post.ts", '"user_id" }', 1));
    });

    it("shows what the conventions inferred as inlay hints: foreign keys, morph columns, the table", async () => {
      // The client asks for inlay hints only when the user enabled some of TypeScript's (any one will do).
      lsp.notify("workspace/didChangeConfiguration", {
        settings: { typescript: { inlayHints: { includeInlayEnumMemberValueHints: true } } },
      });
      const hintsOf = async (name: string) => {
        const lines = textOf(name).split("\n").length;
        const hints: any[] = await lsp.request("textDocument/inlayHint", {
          textDocument: { uri: uriOf(file(name)) },
          range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
        });
        const label = (hint: any) => (typeof hint.label === "string" ? hint.label : hint.label.map((part: any) => part.value).join(""));
        return hints.map((hint) => ({ label: label(hint).trim(), position: hint.position }));
      };
      const user = await hintsOf("user.ts");
      expect(user).toContainEqual({ label: "foreignKey: user_id", position: positionIn(textOf("user.ts"), '"Post")', '"Post"'.length) });
      expect(user).toContainEqual({ label: "table: users", position: positionIn(textOf("user.ts"), "User extends", "User".length) });
      // Written keys get no hint: reviews sets its foreignKey.
      expect(user.filter((hint) => hint.label.includes("reviewer_id"))).toEqual([]);
      const note = await hintsOf("note.ts");
      expect(note).toContainEqual({
        label: "morphType: imageable_type, morphId: imageable_id",
        position: positionIn(textOf("note.ts"), '{ morphName: "imageable" }', '{ morphName: "imageable" }'.length),
      });
      expect(note).toContainEqual({ label: "foreignKey: user_id", position: positionIn(textOf("note.ts"), "{  }", "{  }".length) });
    });

    it("lists relations in the document symbols with their kind and target (outline from the semantic server)", async () => {
      // Clients route the outline (navtree) to a syntax-only tsserver by default, which loads no plugin; with
      // useSyntaxServer "never" (VS Code: typescript.tsserver.useSyntaxServer) it comes from the plugin's server.
      const outline = new LspClient(process.execPath, [bin!, "--stdio"], consumer.root);
      let symbols: any[];
      try {
        await outline.initialize(consumer.root, { tsserver: { useSyntaxServer: "never" } });
        outline.open(file("user.ts"), textOf("user.ts"));
        await outline.waitForDiagnostics(file("user.ts"), (items) => eloquent(items).length > 0);
        symbols = await outline.request("textDocument/documentSymbol", { textDocument: { uri: uriOf(file("user.ts")) } });
      } finally {
        await outline.shutdown();
      }
      const names: string[] = [];
      const walk = (items: any[]) => {
        for (const item of items ?? []) {
          names.push(item.name);
          walk(item.children);
        }
      };
      walk(symbols);
      expect(names).toContain("posts: hasMany → Post");
      expect(names).toContain("reviews: hasMany → Review");
      expect(names).toContain("User");
    });

    it("offers 'Add the inverse relation to Y' on a relation entry, with the keys this side uses", async () => {
      const position = positionIn(textOf("user.ts"), "reviews:", 1);
      const actions: any[] = await lsp.request("textDocument/codeAction", {
        textDocument: { uri: uriOf(file("user.ts")) },
        range: { start: position, end: position },
        context: { diagnostics: [] },
      });
      const inverse = actions.find((action) => action.title === "Add the inverse relation to Review: user (belongsTo 'User')");
      expect(inverse, JSON.stringify(actions.map((action) => action.title))).toBeDefined();
      // Not offered where the inverse exists already (Post.author is User.posts' inverse).
      const onPosts = positionIn(textOf("user.ts"), "posts:", 1);
      const none: any[] = await lsp.request("textDocument/codeAction", {
        textDocument: { uri: uriOf(file("user.ts")) },
        range: { start: onPosts, end: onPosts },
        context: { diagnostics: [] },
      });
      expect(none.filter((action) => action.title.startsWith("Add the inverse relation"))).toEqual([]);
      const original = textOf("review.ts");
      const touched = await applyAction(inverse);
      try {
        expect(touched).toEqual(["review.ts"]);
        expect(textOf("review.ts")).toContain('    user: relation("belongsTo", "User", { foreignKey: "reviewer_id" }),\n  };');
      } finally {
        setText("review.ts", original);
      }
    });
  },
);
