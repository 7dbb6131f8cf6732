/** Local scopes (typed query methods, Laravel's grouping) and global scopes (everywhere, removable by name) — every dialect. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, SqlModel, type SqlQuery } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";

type ScAuthorAttrs = { id?: number; name?: string; books?: ScBook[] };
class ScAuthor extends SqlModel<ScAuthorAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    books: relation("hasMany", "ScBook", { foreignKey: "author_id" }),
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

registerModels([ScAuthor, ScBook], { logger: false });

describe.each(sqlDialects())("query scopes on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ann: ScAuthor;
  let bob: ScAuthor;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_scopes");
    await migrate([ScAuthor, ScBook]);
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
    await dropTables([ScAuthor, ScBook]);
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
});
