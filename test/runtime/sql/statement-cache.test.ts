/**
 * SQLite reads go through better-sqlite3 directly, each statement prepared once per connection
 * (runtime/src/sql/statement-cache.ts). What users must not notice: the same rows, query events
 * with SQL and bindings, translated driver errors, the one pooled connection respected while a
 * transaction holds it. What they should notice: a repeated eager load prepares nothing new.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closeConnection,
  column,
  configureConnection,
  getConnection,
  MissingTableError,
  onQuery,
  registerModels,
  relation,
  SqlModel,
  transaction,
  type QueryEvent,
} from "eloquent-orm";

const NAME = "stmtcache";

class Author extends SqlModel<{ id?: number; name?: string; books?: Book[] }> {
  static connectionName = NAME;
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string"),
    books: relation("hasMany", "Book"),
  };
}

class Book extends SqlModel<{ id?: number; author_id?: number; title?: string; author?: Author }> {
  static connectionName = NAME;
  static schema = {
    id: column("increments", undefined, { primary: true }),
    author_id: column("int"),
    title: column("string"),
    author: relation("belongsTo", "Author"),
  };
}

class Ghost extends SqlModel<{ id?: number }> {
  static connectionName = NAME;
  static schema = { id: column("increments", undefined, { primary: true }) };
}

interface RawDb {
  prepare(sql: string): unknown;
}

/** Counts prepare() calls on the connection's one better-sqlite3 database. */
async function countPrepares(): Promise<{ count: () => number; restore: () => void }> {
  const client = getConnection(NAME).knex.client as { acquireConnection(): Promise<RawDb>; releaseConnection(c: RawDb): Promise<void> };
  const db = await client.acquireConnection();
  await client.releaseConnection(db);
  const original = db.prepare;
  let n = 0;
  db.prepare = function (this: RawDb, sql: string) {
    n++;
    return original.call(this, sql);
  };
  return { count: () => n, restore: () => void (db.prepare = original) };
}

const shape = (authors: Author[]) => authors.map((a) => [a.id, a.name, (a.books ?? []).map((b) => [b.id, b.author_id, b.title])]);

describe("SQLite reads with cached prepared statements", () => {
  beforeAll(async () => {
    configureConnection(NAME, { client: "sqlite", filename: ":memory:" });
    registerModels([Author, Book, Ghost], { logger: false });
    const knex = getConnection(NAME).knex;
    await knex.raw("create table authors (id integer primary key autoincrement, name varchar(255))");
    await knex.raw("create table books (id integer primary key autoincrement, author_id integer, title varchar(255))");
    for (let i = 1; i <= 30; i++) await knex("authors").insert({ name: `author ${i}` });
    for (let i = 1; i <= 90; i++) await knex("books").insert({ author_id: ((i - 1) % 30) + 1, title: `book ${i}` });
  });
  afterAll(() => closeConnection(NAME));

  it("a repeated eager load prepares no statement again and returns the same models", async () => {
    const first = shape(await Author.with("books").orderBy("id").get());
    const prepares = await countPrepares();
    try {
      const again = shape(await Author.with("books").orderBy("id").get());
      expect(again).toEqual(first);
      expect(prepares.count()).toBe(0);
      // another shape (a different IN-list length) is prepared once, then cached too
      await Author.with("books").where("id", "<=", 10).get();
      const afterNewShape = prepares.count();
      expect(afterNewShape).toBe(2);
      await Author.with("books").where("id", "<=", 10).get();
      expect(prepares.count()).toBe(afterNewShape);
    } finally {
      prepares.restore();
    }
    expect(first).toHaveLength(30);
    expect(first[0]).toEqual([
      1,
      "author 1",
      [
        [1, 1, "book 1"],
        [31, 1, "book 31"],
        [61, 1, "book 61"],
      ],
    ]);
  });

  it("bindings change between runs of one cached statement", async () => {
    const a = await Book.where("title", "book 5").with("author").get();
    const b = await Book.where("title", "book 6").with("author").get();
    expect(a.map((m) => [m.title, m.author?.name])).toEqual([["book 5", "author 5"]]);
    expect(b.map((m) => [m.title, m.author?.name])).toEqual([["book 6", "author 6"]]);
  });

  it("every read is still reported to onQuery with its SQL, bindings and duration", async () => {
    const events: QueryEvent[] = [];
    const off = onQuery((e) => events.push(e));
    try {
      await Author.where("id", "<=", 2).with("books").get();
    } finally {
      off();
    }
    expect(events.map((e) => [e.connection, e.kind, e.bindings])).toEqual([
      [NAME, "query", [2]],
      [NAME, "query", [1, 2]],
    ]);
    expect(events[0]!.sql).toMatch(/^select .* from `authors` where `authors`.`id` <= \?$/);
    expect(events[1]!.sql).toMatch(/from `books` where `books`.`author_id` in \(\?, \?\)$/);
    for (const e of events) expect(e.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("a driver error is translated as before (missing table names the model and the fix) and reported", async () => {
    const events: QueryEvent[] = [];
    const off = onQuery((e) => events.push(e));
    let caught: unknown;
    try {
      caught = await Ghost.query()
        .get()
        .catch((e: unknown) => e);
    } finally {
      off();
    }
    expect(caught).toBeInstanceOf(MissingTableError);
    expect((caught as Error).message).toMatch(/Ghost\.get\(\) on connection 'stmtcache' \(sqlite\): table 'ghosts' does not exist/);
    expect((caught as Error).message).toMatch(/migrate\(\[Ghost\]\)/);
    expect(String(((caught as Error).cause as Error).message)).toMatch(/^select `ghosts`\.\* from `ghosts` - no such table: ghosts/);
    expect(events).toHaveLength(1);
    expect(events[0]!.error).toBeInstanceOf(Error);
  });

  it("a read outside an open transaction waits for the pool's one connection and sees the committed rows", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const didInsert = new Promise<void>((resolve) => (inserted = resolve));
    const trx = transaction(
      async (t) => {
        await t("authors").insert({ name: "uncommitted" });
        inserted();
        await held;
      },
      { connection: NAME },
    );
    await didInsert;
    let done = false;
    const outside = Author.where("name", "uncommitted")
      .get()
      .then((rows) => ((done = true), rows));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done).toBe(false); // the transaction holds the connection
    release();
    await trx;
    expect((await outside).map((a) => a.name)).toEqual(["uncommitted"]);
  });

  it("inside a transaction a read sees the transaction's own writes", async () => {
    const seen = await transaction(
      async () => {
        await Author.create({ name: "inside" });
        return (await Author.where("name", "inside").get()).length;
      },
      { connection: NAME },
    );
    expect(seen).toBe(1);
  });
});
