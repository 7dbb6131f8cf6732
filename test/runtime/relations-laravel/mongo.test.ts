/**
 * The relation queries on Mongo (embedded store, or MONGODB_URL's server): what the store allows works
 * the same as on SQL; what it cannot express (counted has, pivot clauses) fails naming the method and why.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMissingRelations } from "eloquent-orm";
import { Author, Book, Genre, registerLibrary, Review, Shelf } from "../mongo/library-models";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";

registerLibrary();

describe.each(mongoTargets())("relation queries on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let ursula: Author;
  let terry: Author;

  beforeAll(async () => {
    teardown = await useMongo("rl_mongo", target);
    [ursula, terry] = (await Author.createMany([{ name: "Ursula" }, { name: "Terry" }, { name: "Nobody" }])) as [Author, Author];
    const [fantasy] = await Genre.createMany([{ name: "fantasy" }]);
    await ursula.related("books").createMany([
      { title: "Earthsea", year: 1968, genre_ids: [fantasy!.id!] },
      { title: "Dispossessed", year: 1974, genre_ids: [] },
    ]);
    await terry.related("books").create({ title: "Mort", year: 1987, genre_ids: [fantasy!.id!] });
  });
  afterAll(() => teardown());

  it("finders, find-or-write and mass writes through the relation", async () => {
    const mort = (await Book.where("title", "Mort").first())!;
    expect(await ursula.related("books").find(mort.id)).toBeNull();
    expect((await terry.related("books").findOrFail(mort.id)).title).toBe("Mort");
    const made = await terry.related("books").firstOrCreate({ title: "Guards" }, { year: 1989, genre_ids: [] });
    expect(String(made.author_id)).toBe(String(terry.id));
    expect(await terry.related("books").where("year", ">", 1988).update({ year: 1990 })).toBe(1);
    expect(await terry.related("books").where("title", "Guards").delete()).toBe(1);
    expect(await Book.where("title", "Guards").count()).toBe(0);
  });

  it("associate, existence without counts, whereRelation", async () => {
    const review = new Review();
    review.body = "good";
    review.stars = 4;
    review.related("reviewable").associate((await Book.where("title", "Mort").first())!);
    await review.save();
    expect(review.reviewable_type).toBe("Book");
    expect((await Author.has("books").orderBy("name").get()).map((a) => a.name)).toEqual(["Terry", "Ursula"]);
    expect((await Author.doesntHave("books").get()).map((a) => a.name)).toEqual(["Nobody"]);
    expect((await Author.whereRelation("books", "year", "<", 1970).get()).map((a) => a.name)).toEqual(["Ursula"]);
    expect(() => Author.has("books", ">=", 2)).toThrow(/on Mongo, has\(\) only tells "at least one" from "none".*withCount\("books"\)/);
  });

  it("withSum / withMax / withExists and loadMissing: one command per relation", async () => {
    const { result: authors, count } = await withCommands(() =>
      Author.query().withSum("books", "year").withMax("books", "year").withExists("bio").orderBy("name").get(),
    );
    expect(count).toBe(4);
    expect(authors.map((a) => [a.name, a.get("books_sum_year"), a.get("books_max_year"), a.get("bio_exists")])).toEqual([
      ["Nobody", 0, null, false],
      ["Terry", 1987, 1987, false],
      ["Ursula", 3942, 1974, false],
    ]);
    const loaded = await Author.with("books").orderBy("name").get();
    const { count: missing } = await withCommands(() => loadMissingRelations(loaded, "books", "books.genres"));
    expect(missing).toBe(1);
  });

  it("pivot clauses need SQL: a clear error", async () => {
    const book = (await Book.where("title", "Mort").first())!;
    const shelf = await Shelf.create({ name: "top" });
    await book.related("shelves").attach({ [shelf.id!]: { position: 1 } });
    expect(() => book.related("shelves").wherePivot("position", 1)).toThrow(
      /pivot clauses need the pivot joined to Shelf in one SQL query/,
    );
    expect((await book.related("shelves").allRelatedIds()).map(String)).toEqual([String(shelf.id)]);
  });
});
