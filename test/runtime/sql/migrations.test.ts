/**
 * Migrations from the models ↔ database difference, on every dialect: a model change → makeMigration
 * → migrateLatest → the database matches → migrateRollback restores it; migrateStatus lists both
 * states. And the models checked against the live database (verifyDatabase): each drift kind.
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  clearModelRegistry,
  column,
  getConnection,
  introspect,
  makeMigration,
  migrateLatest,
  migrateRollback,
  migrateStatus,
  registerModels,
  relation,
  verifyDatabase,
} from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
import { sqlDialects, useDialect } from "../shared/dialects";

const REPO_ROOT = join(__dirname, "../../..");

/** The library's models; `withBio` is the model change a migration must follow. */
function library(withBio: boolean, nullableName = false) {
  class Author extends SqlModel {
    static tableName = "authors";
    static connectionName = "test";
    static schema = {
      id: column("increments", undefined, { primary: true }),
      name: column("string", 100, nullableName ? { nullable: true } : {}),
      ...(withBio ? { bio: column("text", undefined, { nullable: true }) } : {}),
      books: relation("hasMany", "Book", { foreignKey: "author_id" }),
    };
  }
  class Book extends SqlModel {
    static tableName = "books";
    static connectionName = "test";
    static schema = {
      id: column("increments", undefined, { primary: true }),
      title: column("string", 200),
      author_id: column("int"),
      author: relation("belongsTo", "Author", { foreignKey: "author_id" }),
    };
  }
  clearModelRegistry();
  registerModels([Author, Book], { logger: false });
  return [Author, Book] as const;
}

describe.each(sqlDialects())("migrations on $name", (dialect) => {
  let teardown: () => Promise<void>;
  // Inside the repository, so the generated files resolve `eloquent-orm` like a user's project does.
  const directory = join(REPO_ROOT, ".eloquent-cache", `migrations-${dialect.name}-${process.pid}`);
  const options = { connection: "test", directory };

  beforeAll(async () => {
    teardown = await useDialect(dialect, "migrations");
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true });
  });
  afterAll(async () => {
    await teardown();
    rmSync(directory, { recursive: true, force: true });
  });

  it("creates the tables from the models, with an index and a foreign key under the belongsTo", async () => {
    const models = library(false);
    const made = await makeMigration("create_library", models, { ...options, now: new Date("2026-01-01T00:00:00Z") });
    expect(made.operations.map((o) => `${o.op} ${o.table}`)).toEqual(["createTable authors", "createTable books"]);
    expect(made.file).toMatch(/20260101000000_create_library\.js$/);
    expect(readFileSync(made.file!, "utf8")).toContain('require("eloquent-orm")');
    expect(await migrateLatest(options)).toEqual(["20260101000000_create_library.js"]);

    const live = await introspect("test");
    expect(Object.keys(live.tables.books!.columns).sort()).toEqual(["author_id", "id", "title"]);
    expect(live.tables.books!.columns.title!.nullable).toBe(false);
    expect(live.tables.books!.indexes.some((i) => i.columns[0] === "author_id")).toBe(true);
    expect(live.tables.books!.foreignKeys).toEqual([
      expect.objectContaining({ columns: ["author_id"], references: { table: "authors", columns: ["id"] } }),
    ]);
    expect(await verifyDatabase(models)).toEqual([]);
  });

  it("nothing changed → no migration file", async () => {
    const made = await makeMigration("nothing", library(false), options);
    expect(made.operations).toEqual([]);
    expect(made.file).toBeUndefined();
  });

  it("a column added to a model → migrate:make adds it, migrate:rollback removes it, migrate:status lists both states", async () => {
    const models = library(true);
    const made = await makeMigration("add_bio_to_authors", models, { ...options, now: new Date("2026-01-02T00:00:00Z") });
    expect(made.operations).toEqual([expect.objectContaining({ op: "addColumn", table: "authors", column: "bio" })]);
    expect(made.sql.join("\n")).toMatch(/alter table .authors. add (column )?.bio./i);
    expect(await migrateStatus(options)).toEqual({
      completed: ["20260101000000_create_library.js"],
      pending: ["20260102000000_add_bio_to_authors.js"],
    });

    await migrateLatest(options);
    expect((await introspect("test")).tables.authors!.columns.bio).toEqual(expect.objectContaining({ nullable: true }));
    const [Author] = models;
    const ada = await Author.create({ name: "Ada", bio: "math" });
    expect((await Author.findOrFail(ada.id)).get("bio")).toBe("math");
    expect((await migrateStatus(options)).pending).toEqual([]);

    expect(await migrateRollback(options)).toEqual(["20260102000000_add_bio_to_authors.js"]);
    expect((await introspect("test")).tables.authors!.columns.bio).toBeUndefined();
    expect(await migrateStatus(options)).toEqual({
      completed: ["20260101000000_create_library.js"],
      pending: ["20260102000000_add_bio_to_authors.js"],
    });
  });

  it("a column made nullable → migrate:make alters it; rollback makes it NOT NULL again; narrowing needs the flag", async () => {
    rmSync(join(directory, "20260102000000_add_bio_to_authors.js")); // pending since the rollback above
    const made = await makeMigration("authors_name_nullable", library(false, true), { ...options, now: new Date("2026-01-03T00:00:00Z") });
    expect(made.operations).toEqual([expect.objectContaining({ op: "alterColumn", table: "authors", column: "name" })]);
    await migrateLatest(options);
    expect((await introspect("test")).tables.authors!.columns.name!.nullable).toBe(true);
    // Back to NOT NULL is a narrowing: existing NULLs would fail, so only with allowDestructive.
    const narrowing = await makeMigration("name_required", library(false), { ...options, dryRun: true });
    expect(narrowing.operations).toEqual([]);
    expect(narrowing.skipped).toEqual([expect.stringMatching(/make authors\.name NOT NULL .*--allow-destructive/)]);
    expect(await migrateRollback(options)).toEqual(["20260103000000_authors_name_nullable.js"]);
    expect((await introspect("test")).tables.authors!.columns.name!.nullable).toBe(false);
    rmSync(join(directory, "20260103000000_authors_name_nullable.js"));
  });

  it("a dropped column is destructive: skipped unless allowed", async () => {
    const { knex } = getConnection("test");
    await knex.schema.alterTable("books", (t) => void t.string("legacy").nullable());
    const made = await makeMigration("tidy", library(false), { ...options, dryRun: true });
    expect(made.operations).toEqual([]);
    expect(made.skipped).toEqual([expect.stringMatching(/drop column books\.legacy .*--allow-destructive/)]);
    const allowed = await makeMigration("tidy", library(false), { ...options, dryRun: true, allowDestructive: true });
    expect(allowed.operations).toEqual([expect.objectContaining({ op: "dropColumn", table: "books", column: "legacy" })]);
    await knex.schema.alterTable("books", (t) => void t.dropColumn("legacy"));
  });

  it("verifyDatabase reports each drift kind at the relation, with the engine's ids", async () => {
    const { knex } = getConnection("test");
    await knex.schema.createTable("reviews", (t) => {
      t.increments("id");
      t.string("book_ref", 20); // a string key pointing at an integer id: no row can match
      t.integer("book_id"); // no index: every eager load scans
    });
    class Author extends SqlModel {
      static tableName = "authors";
      static connectionName = "test";
      static schema = {
        id: column("increments", undefined, { primary: true }),
        name: column("string", 100),
        editor_id: column("int"), // declared, never migrated
        editor: relation("belongsTo", "Editor", { foreignKey: "editor_id" }),
        reviews: relation("hasMany", "Review", { foreignKey: "book_id" }),
        tags: relation("belongsToMany", "Review", {
          pivotTable: "author_reviews",
          pivotLocalKey: "author_id",
          pivotForeignKey: "review_id",
        }),
      };
    }
    class Editor extends SqlModel {
      static tableName = "editors";
      static connectionName = "test";
      static schema = { id: column("increments", undefined, { primary: true }) };
    }
    class Review extends SqlModel {
      static tableName = "reviews";
      static connectionName = "test";
      static schema = {
        id: column("increments", undefined, { primary: true }),
        book_ref: column("string", 20),
        book_id: column("int"),
        author: relation("belongsTo", "Author", { foreignKey: "book_ref" }),
      };
    }
    clearModelRegistry();
    registerModels([Author, Editor, Review], { logger: false, strict: false });
    const found = (await verifyDatabase([Author, Editor, Review])).map(
      (d) => `${d.code} ${d.ruleId} ${d.node.model}.${d.node.relation ?? ""}`,
    );
    expect(found).toEqual([
      "ELQ862 database-key-column Author.editor",
      "ELQ865 database-foreign-key-index Author.reviews",
      "ELQ863 database-pivot-table Author.tags",
      "ELQ861 database-table Editor.",
      "ELQ864 database-key-type Review.author",
    ]);
    // The same check at start-up: registerModels(..., { verifyDatabase: true }) resolves with it, or rejects when strict.
    clearModelRegistry();
    const registered = await registerModels([Author, Editor, Review], { logger: false, strict: false, verifyDatabase: true });
    expect(registered.diagnostics.filter((d) => d.ruleId.startsWith("database-")).map((d) => d.code)).toEqual([
      "ELQ862",
      "ELQ865",
      "ELQ863",
      "ELQ861",
      "ELQ864",
    ]);
    clearModelRegistry();
    await expect(registerModels([Editor], { logger: false, verifyDatabase: true })).rejects.toThrow(/table 'editors' .*does not exist/);
    await expect(verifyDatabase([Author, Editor, Review], { strict: true })).rejects.toThrow(
      /in the registered models:[\s\S]*table 'editors' .*does not exist in connection 'test'/,
    );
    await knex.schema.dropTable("reviews");
  });

  it("type changes: widening is written and rolled back; narrowing and family changes need --allow-destructive", async () => {
    const shelf = (label: ReturnType<typeof column>, capacity: ReturnType<typeof column>, note: ReturnType<typeof column>) => {
      class Shelf extends SqlModel {
        static tableName = "shelves";
        static connectionName = "test";
        static schema = { id: column("increments", { primary: true }), label, capacity, note };
      }
      clearModelRegistry();
      registerModels([Shelf], { logger: false });
      return Shelf;
    };
    const v1 = () => shelf(column("string", 40), column("smallint"), column("string", 100, { nullable: true }));
    const v2 = () => shelf(column("string", 120), column("int"), column("text", { nullable: true }));
    const typeOf = async (c: string) => (await introspect("test")).tables.shelves!.columns[c]!.type;

    await makeMigration("create_shelves", [v1()], { ...options, now: new Date("2026-02-01T00:00:00Z") });
    await migrateLatest(options);
    const label40 = await typeOf("label");
    expect(label40).toMatch(/\(40\)/);

    const Wide = v2();
    const widen = await makeMigration("widen_shelves", [Wide], { ...options, now: new Date("2026-02-02T00:00:00Z") });
    expect(widen.skipped).toEqual([]);
    expect(widen.operations.map((o) => `${o.op} ${"column" in o ? o.column : ""}`)).toEqual(
      dialect.name === "sqlite"
        ? ["alterColumn label", "alterColumn note"]
        : ["alterColumn label", "alterColumn capacity", "alterColumn note"],
    );
    await migrateLatest(options);
    expect(await typeOf("label")).toMatch(/\(120\)/);
    expect(await typeOf("note")).toMatch(/text/i);
    if (dialect.name !== "sqlite") expect(await typeOf("capacity")).toMatch(/^int/);
    // The wider columns hold what the old ones could not.
    const big = await Wide.create({ label: "x".repeat(100), capacity: 70_000, note: "y".repeat(500) });
    expect((await Wide.findOrFail(big.id)).get("capacity")).toBe(70_000);
    expect((await makeMigration("again", [Wide], { ...options, dryRun: true })).operations).toEqual([]);

    // Back to the v1 types is a narrowing: named, not written, unless allowed.
    const narrow = await makeMigration("narrow_shelves", [v1()], { ...options, dryRun: true });
    expect(narrow.operations).toEqual([]);
    expect(narrow.skipped).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^narrow shelves\.label from .*120.* to string\(40\) .*--allow-destructive/),
        expect.stringMatching(/^narrow shelves\.note from .*text.* to string\(100\)/i),
      ]),
    );
    expect((await makeMigration("narrow_shelves", [v1()], { ...options, dryRun: true, allowDestructive: true })).operations).toHaveLength(
      dialect.name === "sqlite" ? 2 : 3,
    );
    // A change of family (text → int) may not convert: also only with the flag.
    const lossy = await makeMigration("label_to_int", [shelf(column("int"), column("int"), column("text", { nullable: true }))], {
      ...options,
      dryRun: true,
    });
    expect(lossy.skipped).toEqual([
      expect.stringMatching(/^change type of shelves\.label from .* to int \(the stored values may not convert\)/),
    ]);

    // Rollback restores the old types (once the rows fit them again).
    await Wide.query().delete();
    expect(await migrateRollback(options)).toEqual(["20260202000000_widen_shelves.js"]);
    expect(await typeOf("label")).toBe(label40);
    expect(await typeOf("note")).toMatch(/\(100\)/);
    await migrateRollback(options);
    expect((await introspect("test")).tables.shelves).toBeUndefined();
  });
});
