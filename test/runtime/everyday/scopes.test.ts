/** Local scopes (typed query methods, Laravel's grouping) and global scopes (everywhere, removable by name) — every dialect. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, MongoModel, registerModels, relation, SqlModel, type SqlQuery } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { mongoTargets, useMongo } from "../mongo/target";

type ScAuthorAttrs = { id?: number; name?: string; books?: ScBook[] };
class ScAuthor extends SqlModel<ScAuthorAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    books: relation("hasMany", "ScBook", { foreignKey: "author_id" }),
    notes: relation("hasMany", "ScNote", { foreignKey: "author_id" }),
  };
}

/** Soft deletes beside a declared global scope: both are global scopes, removable by name. */
type ScNoteAttrs = { id?: number; author_id?: number; body?: string; draft?: boolean; deleted_at?: Date | null };
class ScNote extends SqlModel<ScNoteAttrs> {
  static connectionName = "test";
  static globalScopes = { final: (q: SqlQuery) => q.where("draft", false) };
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int"),
    body: column("string", 50),
    draft: column("boolean", undefined, { default: false }),
    deleted_at: column("softDeletes"),
  };
}

type ScBookAttrs = { id?: number; author_id?: number; title?: string; kind?: string; published?: boolean; archived?: boolean };
class ScBook extends SqlModel<ScBookAttrs> {
  static connectionName = "test";
  static scopes = {
    published: (q: SqlQuery) => q.where("published", true),
    ofKind: (q: SqlQuery, kind: string) => q.where("kind", kind),
    novelOrPoem: (q: SqlQuery) => q.where("kind", "novel").orWhere("kind", "poem"),
  };
  static globalScopes = {
    notArchived: (q: SqlQuery) => q.where("archived", false),
  };
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int"),
    title: column("string", 50),
    kind: column("string", 20),
    published: column("boolean", undefined, { default: false }),
    archived: column("boolean", undefined, { default: false }),
    author: relation("belongsTo", "ScAuthor", { foreignKey: "author_id" }),
  };
}

type ScMemoAttrs = { id?: string; body?: string; deleted_at?: Date | null };
class ScMemo extends MongoModel<ScMemoAttrs> {
  static connectionName = "mongo";
  static schema = { body: column("string", 50), deleted_at: column("softDeletes") };
}

registerModels([ScAuthor, ScBook, ScNote, ScMemo], { logger: false });

describe.each(sqlDialects())("query scopes on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ann: ScAuthor;
  let bob: ScAuthor;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_scopes");
    await migrate([ScAuthor, ScBook, ScNote]);
    [ann, bob] = (await ScAuthor.createMany([{ name: "Ann" }, { name: "Bob" }])) as [ScAuthor, ScAuthor];
    await ScBook.createMany([
      { author_id: ann.id, title: "a-novel", kind: "novel", published: true, archived: false },
      { author_id: ann.id, title: "a-poem", kind: "poem", published: false, archived: false },
      { author_id: ann.id, title: "a-essay", kind: "essay", published: true, archived: false },
      { author_id: bob.id, title: "b-old-novel", kind: "novel", published: true, archived: true },
      { author_id: bob.id, title: "b-essay", kind: "essay", published: false, archived: false },
    ]);
  });
  afterAll(async () => {
    await dropTables([ScAuthor, ScBook, ScNote]);
    await teardown();
  });

  const titles = (q: PromiseLike<ScBook[]>) => Promise.resolve(q).then((rows) => rows.map((b) => b.title).sort());

  it("local scopes are chainable query methods with arguments", async () => {
    expect(await titles(ScBook.query().published())).toEqual(["a-essay", "a-novel"]);
    expect(await titles(ScBook.query().published().ofKind("essay"))).toEqual(["a-essay"]);
    expect(await titles(ScBook.where("author_id", bob.id).ofKind("essay"))).toEqual(["b-essay"]);
    expect(await ScBook.query().published().count()).toBe(2);
  });

  it("an OR inside a scope stays inside; OR-ed clauses before a scope are grouped", async () => {
    // published AND (novel OR poem), not published AND novel OR poem
    expect(await titles(ScBook.query().published().novelOrPoem())).toEqual(["a-novel"]);
    // (essay OR poem) AND published
    expect(await titles(ScBook.query().where("kind", "essay").orWhere("kind", "poem").published())).toEqual(["a-essay"]);
  });

  const _bookQuery = () => ScBook.query();
  type BookQuery = ReturnType<typeof _bookQuery>;

  it("scopes work inside where groups and whereHas callbacks", async () => {
    expect(
      await titles(
        ScBook.query()
          // Scope methods are typed on the model's query; a where-group callback gets the plain builder type.
          .where((q) => (q as unknown as BookQuery).ofKind("poem"))
          .orWhere("title", "b-essay"),
      ),
    ).toEqual(["a-poem", "b-essay"]);
    const authors = await ScAuthor.whereHas("books", (q: SqlQuery) => (q as unknown as BookQuery).published().ofKind("novel")).pluck(
      "name",
    );
    expect(authors).toEqual(["Ann"]); // Bob's published novel is archived: the global scope applies inside whereHas
  });

  it("global scopes apply to every query, relation load and count; removable by name", async () => {
    expect(await ScBook.count()).toBe(4);
    expect(await titles(ScBook.query().ofKind("novel"))).toEqual(["a-novel"]);
    expect(await titles(ScBook.withoutGlobalScope("notArchived").ofKind("novel"))).toEqual(["a-novel", "b-old-novel"]);
    expect(await ScBook.withoutGlobalScopes().count()).toBe(5);
    expect(await ScBook.query().withoutGlobalScopesExcept(["notArchived"]).count()).toBe(4);
    expect((await bob.related("books")).map((b) => b.title)).toEqual(["b-essay"]);
    const [withBooks] = await ScAuthor.query().where("id", bob.id).with("books").get();
    expect(withBooks!.books!.map((b) => b.title)).toEqual(["b-essay"]);
    const counted = await ScAuthor.query().withCount("books").orderBy("name").get();
    expect(counted.map((a) => a.get("books_count"))).toEqual([3, 1]);
    // updates go through the scope too
    expect(await ScBook.query().update({ kind: "x" })).toBe(4);
    expect(await ScBook.withoutGlobalScopes().where("kind", "x").count()).toBe(4);
    expect(() => ScBook.withoutGlobalScope("notArchivd" as never)).toThrow(
      /no global scope named "notArchivd". Global scopes: notArchived/,
    );
  });

  it("local scopes on relation queries: typed through scoped(Target), and as methods; global scopes removable there too", async () => {
    const published = await ann.related("books").scoped(ScBook).published().orderBy("title");
    expect(published.map((b) => b.title)).toEqual(["a-essay", "a-novel"]);
    expect(await ann.related("books").scoped(ScBook).published().ofKind("poem").count()).toBe(0);
    // @ts-expect-error an unknown scope is a type error on the typed form
    expect(() => ann.related("books").scoped(ScBook).publishd()).toThrow(TypeError);
    const untyped = ann.related("books") as unknown as { published(): PromiseLike<ScBook[]> };
    expect((await untyped.published()).map((b) => b.title).sort()).toEqual(["a-essay", "a-novel"]);
    expect(await bob.related("books").scoped(ScBook).novelOrPoem().count()).toBe(0); // Bob's novel is archived
    expect(await bob.related("books").withoutGlobalScope("notArchived").scoped(ScBook).novelOrPoem().count()).toBe(1);
    expect(() => ann.related("books").scoped(ScAuthor as never)).toThrow(
      /ScAuthor\.books\.scoped\(ScAuthor\): the relation's target is ScBook/,
    );
  });

  it('soft deletes are the global scope "softDeletes": removed by name, with all scopes, or kept by Except', async () => {
    const notes = await ScNote.createMany([
      { author_id: ann.id, body: "kept", draft: false },
      { author_id: ann.id, body: "draft", draft: true },
      { author_id: ann.id, body: "trashed", draft: false },
    ]);
    await notes[2]!.delete();
    const bodies = async (q: { pluck(c: "body"): Promise<unknown[]> }) => ((await q.pluck("body")) as string[]).sort();
    expect(await bodies(ScNote.query())).toEqual(["kept"]);
    expect(await bodies(ScNote.withoutGlobalScope("softDeletes"))).toEqual(["kept", "trashed"]);
    expect(await bodies(ScNote.query().withTrashed())).toEqual(["kept", "trashed"]);
    expect(await bodies(ScNote.withoutGlobalScopes())).toEqual(["draft", "kept", "trashed"]);
    expect(await bodies(ScNote.withoutGlobalScopes(["final", "softDeletes"]))).toEqual(["draft", "kept", "trashed"]);
    expect(await bodies(ScNote.withoutGlobalScopesExcept(["softDeletes"]))).toEqual(["draft", "kept"]);
    expect(await bodies(ScNote.withoutGlobalScopesExcept(["final"]))).toEqual(["kept", "trashed"]);
    // onlyTrashed is a filter of its own: removing the scopes keeps it
    expect(await bodies(ScNote.query().onlyTrashed().withoutGlobalScopes())).toEqual(["trashed"]);
    // inside an eager-load constraint too
    const [loaded] = await ScAuthor.query()
      .where("id", ann.id)
      .with({ notes: (q: SqlQuery) => q.withoutGlobalScope("softDeletes") })
      .get();
    expect(loaded!.getRelation("notes") as ScNote[]).toHaveLength(2);
    expect(() => ScNote.withoutGlobalScope("softDelete" as never)).toThrow(
      /no global scope named "softDelete". Global scopes: final, softDeletes/,
    );
    expect(() => ScBook.withoutGlobalScope("softDeletes" as never)).toThrow(
      /no global scope named "softDeletes". Global scopes: notArchived\./,
    );
  });
});

describe.each(mongoTargets())('soft deletes as the global scope "softDeletes" on Mongo models on the $kind store', (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("ev_scopes", target);
  });
  afterAll(() => teardown());

  it("withoutGlobalScope(s) include trashed documents; other names are an error", async () => {
    const [, gone] = await Promise.all([ScMemo.create({ body: "kept" }), ScMemo.create({ body: "gone" })]);
    await gone.delete();
    expect(await ScMemo.count()).toBe(1);
    expect(await ScMemo.query().withoutGlobalScope("softDeletes").count()).toBe(2);
    expect(await ScMemo.query().withoutGlobalScopes().count()).toBe(2);
    expect(await ScMemo.query().onlyTrashed().withoutGlobalScopes().count()).toBe(1);
    expect(() => ScMemo.query().withoutGlobalScope("tenant")).toThrow(
      /ScMemo: no global scope named "tenant". Its only global scope is "softDeletes"/,
    );
  });
});
