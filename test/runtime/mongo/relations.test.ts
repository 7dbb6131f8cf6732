/**
 * Every relation kind on Mongo, reference-based (contract suite: embedded store, or MONGODB_URL's
 * server). Query counts come from the command events: one query per relation level.
 */
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getMongoConnection } from "eloquent-orm";
import { Author, Bio, Book, Genre, Picture, registerLibrary, Review, Shelf } from "./library-models";
import { mongoTargets, pivotWritesAreAtomic, serverFlavor, useMongo, withCommands } from "./target";

registerLibrary();

describe.each(mongoTargets())("relations on the $kind store", (target) => {
  const ids: Record<string, string> = {};
  let teardown: () => Promise<void>;

  beforeAll(async () => {
    teardown = await useMongo("relations", target);
    const [ursula, terry, nobody] = await Author.createMany([{ name: "Ursula" }, { name: "Terry" }, { name: "Nobody" }]);
    Object.assign(ids, { ursula: ursula!.id, terry: terry!.id, nobody: nobody!.id });
    const [fantasy, scifi, satire] = await Genre.createMany([{ name: "fantasy" }, { name: "scifi" }, { name: "satire" }]);
    Object.assign(ids, { fantasy: fantasy!.id, scifi: scifi!.id, satire: satire!.id });
    const books = await Book.createMany([
      { title: "Earthsea", year: 1968, author_id: ursula!.id, genre_ids: [fantasy!.id!] },
      { title: "Dispossessed", year: 1974, author_id: ursula!.id, genre_ids: [scifi!.id!, satire!.id!] },
      { title: "Mort", year: 1987, author_id: terry!.id, genre_ids: [satire!.id!, fantasy!.id!] },
    ]);
    books.forEach((b) => (ids[b.title!] = b.id!));
    await Bio.create({ author_id: ursula!.id, text: "Berkeley" });
    await Picture.create({ url: "u.png", imageable_type: "Author", imageable_id: ursula!.id });
    await Review.createMany([
      { body: "deep", stars: 5, reviewable_type: "Book", reviewable_id: books[0]!.id },
      { body: "deeper", stars: 4, reviewable_type: "Book", reviewable_id: books[0]!.id },
      { body: "funny", stars: 5, reviewable_type: "Book", reviewable_id: books[2]!.id },
      { body: "great author", stars: 5, reviewable_type: "Author", reviewable_id: terry!.id },
    ]);
    const [top, bottom] = await Shelf.createMany([{ name: "top" }, { name: "bottom" }]);
    Object.assign(ids, { top: top!.id, bottom: bottom!.id });
    await books[0]!.related("shelves").attach({ [top!.id!]: { position: 1 }, [bottom!.id!]: { position: 7 } });
    await books[2]!.related("shelves").attach([top!.id!]);
  });
  afterAll(() => teardown());

  describe("Mongo relations: each kind, lazy and eager", () => {
    it("hasMany / belongsTo / hasOne: lazy related() is a narrowable query", async () => {
      const ursula = await Author.findOrFail(ids.ursula);
      const { result, count } = await withCommands(() => ursula.related<Book[]>("books").where("year", ">", 1970));
      expect(result.map((b) => b.title)).toEqual(["Dispossessed"]);
      expect(count).toBe(1);
      expect(await ursula.related("books").count()).toBe(2);
      expect((await ursula.related<Bio | null>("bio"))?.text).toBe("Berkeley");
      const mort = await Book.findOrFail(ids.Mort);
      expect((await mort.related<Author | null>("author"))?.name).toBe("Terry");
    });

    it("eager with(): nested levels issue one query per level, results under the relation name", async () => {
      const { result, count, commands } = await withCommands(() => Author.query().orderBy("name").with("books.reviews", "bio", "avatar"));
      // authors, books, reviews (nested), bio, avatar
      expect(count).toBe(5);
      expect(commands.map((c) => c.collection)).toEqual(["authors", "books", "reviews", "bios", "pictures"]);
      const [nobody, terry, ursula] = result;
      expect(nobody!.books).toEqual([]);
      expect(nobody!.bio).toBeNull();
      expect(terry!.books!.map((b) => b.title)).toEqual(["Mort"]);
      expect(terry!.books![0]!.reviews!.map((r) => r.body)).toEqual(["funny"]);
      expect(ursula!.books!.map((b) => [b.title, b.reviews!.length])).toEqual([
        ["Earthsea", 2],
        ["Dispossessed", 0],
      ]);
      expect(ursula!.bio?.text).toBe("Berkeley");
      expect(ursula!.avatar?.url).toBe("u.png");
      expect(terry!.avatar).toBeNull();
      expect(JSON.parse(JSON.stringify(ursula)).books[0].reviews[0]).toMatchObject({
        body: expect.any(String),
        reviewable_type: "Book",
        reviewable_id: ids.Earthsea,
      });
    });

    it("constrained eager loading and withCount", async () => {
      const authors = await Author.query()
        .orderBy("name")
        .with({ books: (q: { where(c: string, o: string, v: unknown): unknown }) => q.where("year", "<", 1970) })
        .withCount("books", "reviews");
      expect(authors.map((a) => [a.name, a.books!.map((b) => b.title), a.get("books_count"), a.get("reviews_count")])).toEqual([
        ["Nobody", [], 0, 0],
        ["Terry", [], 1, 1],
        ["Ursula", ["Earthsea"], 2, 0],
      ]);
    });

    it("morphTo: eager across parent types, one query per type", async () => {
      const { result, count } = await withCommands(() => Review.query().orderBy("body").with("reviewable"));
      expect(count).toBe(3); // reviews, books, authors
      expect(
        result.map((r) => [
          r.body,
          (r.reviewable as { title?: string; name?: string } | null)?.title ?? (r.reviewable as { name?: string })?.name,
        ]),
      ).toEqual([
        ["deep", "Earthsea"],
        ["deeper", "Earthsea"],
        ["funny", "Mort"],
        ["great author", "Terry"],
      ]);
      const picture = (await Picture.first())!;
      expect((await picture.related<Author | null>("imageable"))?.name).toBe("Ursula");
    });

    it("belongsToMany through document references: one query, array order kept; attach/detach/sync edit the array", async () => {
      const { result, count } = await withCommands(() => Book.query().orderBy("title").with("genres"));
      expect(count).toBe(2);
      expect(result.map((b) => [b.title, b.genres!.map((g) => g.name)])).toEqual([
        ["Dispossessed", ["scifi", "satire"]],
        ["Earthsea", ["fantasy"]],
        ["Mort", ["satire", "fantasy"]],
      ]);
      const earthsea = await Book.findOrFail(ids.Earthsea);
      await earthsea.related("genres").attach([ids.scifi]);
      const raw = await getMongoConnection("mongo")
        .db.collection("books")
        .findOne({ _id: new ObjectId(ids.Earthsea) });
      expect(raw?.genre_ids.map(String)).toEqual([ids.fantasy, ids.scifi]);
      expect(raw?.genre_ids[1]).toBeInstanceOf(ObjectId);
      const res = await earthsea.related("genres").sync([ids.satire, ids.scifi]);
      expect({ attached: res.attached.map(String), detached: res.detached.map(String) }).toEqual({
        attached: [ids.satire],
        detached: [ids.fantasy],
      });
      await earthsea.refresh();
      expect((await earthsea.related<Array<{ name?: string }>>("genres")).map((g) => g.name).sort()).toEqual(["satire", "scifi"]);
      expect(await earthsea.related("genres").detach()).toBe(2);
      expect(await Book.query().withCount("genres").orderBy("title").pluck("title")).toEqual(["Dispossessed", "Earthsea", "Mort"]);
    });

    it("belongsToMany through a pivot collection: pivot values on related models, two queries (pivot, targets)", async () => {
      const { result, count } = await withCommands(() => Book.query().orderBy("title").with("shelves"));
      expect(count).toBe(3); // books, book_shelves, shelves
      const byTitle = Object.fromEntries(result.map((b) => [b.title, b.shelves!.map((s) => [s.name, s.pivot?.position ?? null])]));
      expect(byTitle).toEqual({
        Dispossessed: [],
        Earthsea: [
          ["top", 1],
          ["bottom", 7],
        ],
        Mort: [["top", null]],
      });
      const mort = await Book.findOrFail(ids.Mort);
      expect(await mort.related("shelves").sync({ [ids.bottom]: { position: 2 } })).toMatchObject({ detached: [ids.top] });
      const shelves = await mort.related<Shelf[]>("shelves");
      expect(shelves.map((s) => [s.name, s.pivot?.position])).toEqual([["bottom", 2]]);
    });

    // Which key forms a filter carries (and which mixed documents still match): key-lists.test.ts.

    it("load() and loadCount() on instances: one query per level", async () => {
      const ursula = await Author.findOrFail(ids.ursula);
      const { count } = await withCommands(() => ursula.load("books.reviews", "bio"));
      expect(count).toBe(3);
      expect(ursula.books!.map((b) => [b.title, b.reviews!.length])).toEqual([
        ["Earthsea", 2],
        ["Dispossessed", 0],
      ]);
      await ursula.loadCount("books");
      expect(ursula.get("books_count")).toBe(2);
    });

    // Failure injection: the connection's collection handle for the pivot is the one the runtime uses (both backends cache it).
    it("a pivot write that fails midway: undone where writes are atomic; elsewhere the finished steps stay and a retry completes it", async () => {
      const conn = getMongoConnection("mongo");
      const atomic = await pivotWritesAreAtomic();
      if (!atomic) {
        console.warn(
          `on the ${target.kind} store: no transactions (${await serverFlavor()}), so pivot writes are single-document atomic: checking that fallback`,
        );
      }
      const earthsea = await Book.findOrFail(ids.Earthsea);
      const pivot = conn.db.collection("book_shelves") as unknown as {
        insertMany: unknown;
        find(f: object): { toArray(): Promise<Array<{ book_id: unknown; shelf_id: unknown }>> };
      };
      const shelvesOfEarthsea = async () =>
        (await pivot.find({}).toArray())
          .filter((p) => String(p.book_id) === ids.Earthsea)
          .map((p) => String(p.shelf_id))
          .sort();
      const before = await pivot.find({}).toArray();
      const original = pivot.insertMany;
      pivot.insertMany = () => Promise.reject(new Error("disk full (simulated)"));
      const extra = await Shelf.create({ name: "extra" });
      try {
        // sync detaches 'top' (a delete that succeeds), then attaches a new shelf (the insert fails).
        await expect(earthsea.related("shelves").sync([ids.bottom, extra.id])).rejects.toThrow("disk full (simulated)");
      } finally {
        pivot.insertMany = original;
      }
      if (atomic) {
        expect(await pivot.find({}).toArray()).toEqual(before);
      } else {
        // The detach went through, the failed attach did not: the error surfaces, nothing half-written within a document.
        expect(await shelvesOfEarthsea()).toEqual([ids.bottom]);
        await earthsea.related("shelves").sync([ids.bottom, extra.id!]);
        expect(await shelvesOfEarthsea()).toEqual([ids.bottom, extra.id!].sort());
      }
      // Put Earthsea's shelves back for the tests after this one.
      await earthsea.related("shelves").sync({ [ids.top]: { position: 1 }, [ids.bottom]: { position: 7 } });
      expect(await shelvesOfEarthsea()).toEqual([ids.top, ids.bottom].sort());
    });

    it("a failed pivot write undoes only its own writes: 20 models created meanwhile by others survive", async () => {
      const conn = getMongoConnection("mongo");
      const mort = await Book.findOrFail(ids.Mort);
      const pivot = conn.db.collection("book_shelves") as unknown as {
        insertMany: unknown;
        find(f: object): { toArray(): Promise<unknown[]> };
      };
      const before = await pivot.find({}).toArray();
      const original = pivot.insertMany;
      let entered!: () => void;
      let release!: () => void;
      const inside = new Promise<void>((r) => (entered = r));
      const gate = new Promise<void>((r) => (release = r));
      pivot.insertMany = async () => {
        entered();
        await gate; // the sync is mid-way (its detach is done) while the others write
        throw new Error("disk full (simulated)");
      };
      try {
        const extra = await Shelf.create({ name: "extra 2" });
        const syncing = mort.related("shelves").sync([extra.id]);
        await inside;
        const created = await Promise.all(Array.from({ length: 20 }, (_, i) => Shelf.create({ name: `concurrent ${i}` })));
        release();
        await expect(syncing).rejects.toThrow("disk full (simulated)");
        expect(
          await Shelf.whereIn(
            "id",
            created.map((c) => c.id),
          ).count(),
        ).toBe(20);
        // Only where writes are atomic (the embedded store, a replica set) is the pivot put back.
        if (await pivotWritesAreAtomic()) expect(await pivot.find({}).toArray()).toEqual(before);
      } finally {
        pivot.insertMany = original;
      }
    });

    it("whereHas / whereDoesntHave: the related keys are read first (one query), then matched with $in", async () => {
      const { result, count } = await withCommands(() =>
        Author.whereHas("books", (q: { where(c: string, o: string, v: unknown): unknown }) => q.where("year", ">", 1980)).orderBy("name"),
      );
      expect(result.map((a) => a.name)).toEqual(["Terry"]);
      expect(count).toBe(2);
      expect((await Author.query().whereHas("books.reviews").orderBy("name")).map((a) => a.name)).toEqual(["Terry", "Ursula"]);
      expect((await Author.query().whereDoesntHave("books").orderBy("name")).map((a) => a.name)).toEqual(["Nobody"]);
      expect(
        (
          await Book.query()
            .whereHas("author", (q: { where(c: string, v: unknown): unknown }) => q.where("name", "Ursula"))
            .orderBy("title")
        ).map((b) => b.title),
      ).toEqual(["Dispossessed", "Earthsea"]);
      expect(
        await Author.query()
          .where((q) => q.where("name", "Nobody").orWhereHas("bio"))
          .count(),
      ).toBe(2);
      expect(() => Review.query().whereHas("reviewable")).toThrow(/morphTo relation/);
      expect(() => Book.query().whereHas("shelves")).toThrow(/pivot collection book_shelves/);
    });
  });
});
