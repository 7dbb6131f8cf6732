/**
 * The relation-definition options on Mongo (embedded store, or MONGODB_URL's server): `where`, `withTrashed`,
 * `withoutGlobalScopes` constrain lazy and eager loads, has/whereHas and counts as on SQL; `wherePivot` filters
 * the pivot collection (loads, counts, allRelatedIds, detach) and `as` renames the pivot. A reference-array
 * belongsToMany has no pivot rows: wherePivot there fails naming the way round it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, MongoModel, registerModels, relation, type ModelClass, type MongoQuery } from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";

class RmAuthor extends MongoModel<{ id?: string; name?: string; deleted_at?: Date | null }> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 40),
    deleted_at: column("softDeletes"),
    books: relation("hasMany", "RmBook", { foreignKey: "author_id" }),
    classics: relation("hasMany", "RmBook", { foreignKey: "author_id", where: ["year", "<", 1970] }),
    everyBook: relation("hasMany", "RmBook", { foreignKey: "author_id", withTrashed: true }),
    unscopedBooks: relation("hasMany", "RmBook", { foreignKey: "author_id", withoutGlobalScopes: true }),
  };
}

class RmBook extends MongoModel<{ id?: string; title?: string; year?: number; author_id?: string; genre_ids?: string[] }> {
  static connectionName = "mongo";
  static schema = {
    title: column("string", 40),
    year: column("int"),
    author_id: column("objectId"),
    genre_ids: column("json"),
    deleted_at: column("softDeletes"),
    author: relation("belongsTo", "RmAuthor", { foreignKey: "author_id", withTrashed: true }),
    activeAuthor: relation("belongsTo", "RmAuthor", { foreignKey: "author_id" }),
    activeGenres: relation("belongsToMany", "RmGenre", { foreignKey: "genre_ids", where: ["active", true] }),
    topShelves: relation("belongsToMany", "RmShelf", {
      pivotTable: "rm_book_shelves",
      pivotLocalKey: "book_id",
      pivotForeignKey: "shelf_id",
      pivotColumns: ["position"],
      wherePivot: ["position", "<=", 1],
      as: "placement",
    }),
    shelves: relation("belongsToMany", "RmShelf", {
      pivotTable: "rm_book_shelves",
      pivotLocalKey: "book_id",
      pivotForeignKey: "shelf_id",
      pivotColumns: ["position"],
    }),
  };
}

class RmGenre extends MongoModel<{ id?: string; name?: string; active?: boolean }> {
  static connectionName = "mongo";
  static schema = { name: column("string", 40), active: column("boolean") };
}

class RmShelf extends MongoModel<{ id?: string; name?: string }> {
  static connectionName = "mongo";
  static schema = { name: column("string", 40) };
}

const MODELS: ModelClass[] = [RmAuthor, RmBook, RmGenre, RmShelf];
registerModels(MODELS, { logger: false });

const titles = (value: unknown) => (value as RmBook[]).map((b) => b.title).sort();
const shelfNames = (value: unknown) => (value as RmShelf[]).map((s) => s.name).sort();

describe.each(mongoTargets())("relation-definition options on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let ursula: RmAuthor;
  let terry: RmAuthor;
  let earthsea: RmBook;
  let mort: RmBook;

  beforeAll(async () => {
    teardown = await useMongo("rl_relation_options", target);
    [ursula, terry] = (await RmAuthor.createMany([{ name: "Ursula" }, { name: "Terry" }])) as [RmAuthor, RmAuthor];
    const [fantasy, poetry] = await RmGenre.createMany([
      { name: "fantasy", active: true },
      { name: "poetry", active: false },
    ]);
    [earthsea] = await RmBook.createMany([
      { title: "Earthsea", year: 1968, author_id: ursula.id, genre_ids: [fantasy!.id!, poetry!.id!] },
      { title: "Dispossessed", year: 1974, author_id: ursula.id, genre_ids: [] },
      { title: "Lathe", year: 1969, author_id: ursula.id, genre_ids: [] },
    ]);
    mort = await RmBook.create({ title: "Mort", year: 1987, author_id: terry.id, genre_ids: [poetry!.id!] });
    await RmBook.query().where("title", "Lathe").delete();
    await terry.delete();
    const [top, middle] = await RmShelf.createMany([{ name: "top" }, { name: "middle" }]);
    await earthsea!.related("shelves").attach({ [top!.id!]: { position: 1 }, [middle!.id!]: { position: 2 } });
    await mort.related("shelves").attach({ [middle!.id!]: { position: 2 } });
  });
  afterAll(() => teardown());

  it("where: lazy, eager (one command per level), whereHas and withCount", async () => {
    expect(titles(await ursula.related("classics"))).toEqual(["Earthsea"]);
    expect(titles(await ursula.related("classics").orWhere("title", "Dispossessed"))).toEqual([]);
    const { result, count } = await withCommands(() => RmAuthor.query().withTrashed().with("classics").orderBy("name").get());
    expect(count).toBe(2);
    expect(result.map((a) => [a.name, titles(a.getRelation("classics"))])).toEqual([
      ["Terry", []],
      ["Ursula", ["Earthsea"]],
    ]);
    expect((await RmAuthor.query().withTrashed().whereHas("classics").get()).map((a) => a.name)).toEqual(["Ursula"]);
    const counted = await RmAuthor.query()
      .withCount("classics as classic_count" as never, "books as book_count" as never)
      .get();
    expect(counted.map((a) => [a.get("classic_count"), a.get("book_count")])).toEqual([[1, 2]]);
    expect(await ursula.related("classics").count()).toBe(1);
  });

  it("where on a reference-array belongsToMany", async () => {
    expect((await earthsea.related<RmGenre[]>("activeGenres")).map((g) => g.name)).toEqual(["fantasy"]);
    expect(await mort.related("activeGenres")).toEqual([]);
  });

  it("withTrashed / withoutGlobalScopes: soft-deleted targets through the relation only", async () => {
    expect(titles(await ursula.related("books"))).toEqual(["Dispossessed", "Earthsea"]);
    expect(titles(await ursula.related("everyBook"))).toEqual(["Dispossessed", "Earthsea", "Lathe"]);
    expect(titles(await ursula.related("unscopedBooks"))).toEqual(["Dispossessed", "Earthsea", "Lathe"]);
    expect((await mort.related<RmAuthor | null>("author"))?.name).toBe("Terry");
    expect(await mort.related("activeAuthor")).toBeNull();
    const books = await RmBook.with("author", "activeAuthor").orderBy("title").get();
    expect(
      books.map((b) => [
        b.title,
        (b.getRelation("author") as RmAuthor).name,
        (b.getRelation("activeAuthor") as RmAuthor | null)?.name ?? null,
      ]),
    ).toEqual([
      ["Dispossessed", "Ursula", "Ursula"],
      ["Earthsea", "Ursula", "Ursula"],
      ["Mort", "Terry", null],
    ]);
    expect(titles(await RmBook.query().whereHas("author").get())).toEqual(["Dispossessed", "Earthsea", "Mort"]);
    expect(titles(await RmBook.query().whereHas("activeAuthor").get())).toEqual(["Dispossessed", "Earthsea"]);
    const counted = await RmAuthor.query()
      .withCount("everyBook as every_count" as never)
      .get();
    expect(counted.map((a) => a.get("every_count"))).toEqual([3]);
  });

  it("wherePivot and as on a pivot collection: lazy, eager, counts, allRelatedIds, detach", async () => {
    const top = await earthsea.related<RmShelf[]>("topShelves");
    expect(shelfNames(top)).toEqual(["top"]);
    expect((top[0] as unknown as { placement: { position: number } }).placement.position).toBe(1);
    expect(await mort.related("topShelves")).toEqual([]);
    const books = await RmBook.with("topShelves").orderBy("title").get();
    expect(books.map((b) => shelfNames(b.getRelation("topShelves")))).toEqual([[], ["top"], []]);
    const counted = await RmBook.query()
      .withCount("topShelves as top_count" as never, "shelves as shelf_count" as never)
      .orderBy("title")
      .get();
    expect(counted.map((b) => [b.get("top_count"), b.get("shelf_count")])).toEqual([
      [0, 0],
      [1, 2],
      [0, 1],
    ]);
    expect((await earthsea.related("topShelves").allRelatedIds()).length).toBe(1);
    expect(await earthsea.related("topShelves").detach()).toBe(1);
    expect(shelfNames(await earthsea.related("shelves"))).toEqual(["middle"]);
  });

  it("wherePivot on a reference array fails naming the pivot collection it needs", () => {
    class RmBroken extends MongoModel {
      static connectionName = "mongo";
      static schema = {
        genre_ids: column("json"),
        genres: relation("belongsToMany", "RmGenre", { foreignKey: "genre_ids", wherePivot: ["position", 1] }),
      };
    }
    registerModels([RmBroken], { logger: false, strict: false });
    expect(() => new RmBroken().related("genres")).toThrow(
      /stores document references \(an id array\), so it has no pivot rows for wherePivot/,
    );
  });

  it("constraint callbacks still run on the target's query", async () => {
    const [author] = await RmAuthor.with({ everyBook: (q: MongoQuery) => q.where("year", ">", 1968) }).get();
    expect(titles(author!.getRelation("everyBook"))).toEqual(["Dispossessed", "Lathe"]);
  });
});
