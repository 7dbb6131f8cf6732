/**
 * Laravel's relation-query tests for streaming and the remaining finders, translated: chunk / chunkById / each /
 * cursor through a relation (hasMany and belongsToMany, pivots attached, bounded pages), findMany, sole, make,
 * createOrFirst, touch(), builder methods chained on a relation (whereBetween, orderByDesc, latest, when), and
 * whereRelation(relation, callback). On SQLite, PostgreSQL and MariaDB, and on Mongo where the store allows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  dropTables,
  loadCount,
  loadMissing,
  migrate,
  ModelNotFoundError,
  MultipleRecordsFoundError,
  PivotRow,
  registerModels,
  relation,
  SqlModel,
  type ModelClass,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { Author, Book, registerLibrary, Shelf } from "../mongo/library-models";
import { mongoTargets, useMongo } from "../mongo/target";

type StPostAttrs = { id?: number; st_user_id?: number | null; title?: string; votes?: number; created_at?: Date; updated_at?: Date };

class StUser extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "st_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 40),
    posts: relation("hasMany", "StPost", { foreignKey: "st_user_id" }),
    tags: relation("belongsToMany", "StTag", {
      pivotTable: "st_tag_user",
      pivotLocalKey: "st_user_id",
      pivotForeignKey: "st_tag_id",
      pivotColumns: ["weight"],
    }),
  };
}

class StPost extends SqlModel<StPostAttrs> {
  static connectionName = "test";
  static tableName = "st_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    st_user_id: column("int", undefined, { nullable: true }),
    title: column("string", 40, { unique: true }),
    votes: column("int", undefined, { default: 0 }),
    timestamps: column("timestamps"),
    user: relation("belongsTo", "StUser", { foreignKey: "st_user_id" }),
  };
}

class StTag extends SqlModel<{ id?: number; name?: string; updated_at?: Date }> {
  static connectionName = "test";
  static tableName = "st_tags";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 40, { unique: true }),
    timestamps: column("timestamps"),
  };
}

const MODELS: ModelClass[] = [StUser, StPost, StTag];
registerModels(MODELS, { logger: false });

describe.each(sqlDialects())("relation streaming and finders on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ada: StUser;
  let bob: StUser;

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rel_streaming");
    await dropTables(MODELS);
    await migrate(MODELS);
    [ada, bob] = await StUser.createMany([{ name: "Ada" }, { name: "Bob" }]);
    await ada!.related("posts").createMany(Array.from({ length: 7 }, (_, i) => ({ title: `a${i}`, votes: i })));
    await bob!.related("posts").createMany([{ title: "b0", votes: 100 }]);
    const tags = await StTag.createMany(Array.from({ length: 5 }, (_, i) => ({ name: `t${i}` })));
    await ada!.related("tags").attach(Object.fromEntries(tags.map((t, i) => [t.id!, { weight: String(i) }])));
    await bob!.related("tags").attach(tags[0]!.id!);
  });
  afterAll(async () => {
    await dropTables(MODELS);
    await teardown();
  });

  it("chunkById pages the parent's related rows by key: one query per page, narrowing applies", async () => {
    const pages: string[][] = [];
    const { result, count } = await withQueryCount(() =>
      ada
        .related<StPost[]>("posts")
        .where("votes", ">=", 1)
        .chunkById(2, (posts, page) => {
          pages.push(posts.map((p) => `${page}:${p.title}`));
        }),
    );
    expect(result).toBe(true);
    expect(pages).toEqual([["1:a1", "1:a2"], ["2:a3", "2:a4"], ["3:a5", "3:a6"], []].slice(0, 3));
    expect(count).toBe(4); // three full pages, then the empty one that ends it
    // `false` stops; Bob's post never shows up
    const seen: string[] = [];
    expect(await ada.related<StPost[]>("posts").chunkById(3, (posts) => (seen.push(...posts.map((p) => p.title!)), false))).toBe(false);
    expect(seen).toEqual(["a0", "a1", "a2"]);
  });

  it("chunkById and cursor on belongsToMany keep each row's pivot", async () => {
    const weights: string[] = [];
    await ada.related<StTag[]>("tags").chunkById(2, (tags) => {
      for (const t of tags) weights.push(`${t.name}=${String(t.pivot!.weight)}`);
    });
    expect(weights).toEqual(["t0=0", "t1=1", "t2=2", "t3=3", "t4=4"]);
    const names: string[] = [];
    const { count } = await withQueryCount(async () => {
      for await (const tag of ada.related<StTag[]>("tags").cursor(2)) names.push(`${tag.name}:${String(tag.pivot!.weight)}`);
    });
    expect(names).toEqual(["t0:0", "t1:1", "t2:2", "t3:3", "t4:4"]);
    expect(count).toBe(3); // pages of 2, 2 and 1: bounded memory, no query after a short page
    const lazy: string[] = [];
    for await (const tag of bob.related<StTag[]>("tags").lazy()) lazy.push(tag.name!);
    expect(lazy).toEqual(["t0"]);
  });

  it("chunk pages by offset in the query's order; each visits rows one by one and stops on false", async () => {
    const pages: string[][] = [];
    await ada
      .related<StPost[]>("posts")
      .orderByDesc("votes")
      .chunk(3, (posts) => void pages.push(posts.map((p) => p.title!)));
    expect(pages).toEqual([["a6", "a5", "a4"], ["a3", "a2", "a1"], ["a0"]]);
    const visited: string[] = [];
    expect(await ada.related<StPost[]>("posts").each((p, i) => (visited.push(`${i}:${p.title}`), i < 2), 2)).toBe(false);
    expect(visited).toEqual(["0:a0", "1:a1", "2:a2"]);
    await expect(ada.related("posts").chunk(0, () => {})).rejects.toThrow(/chunk size must be a positive integer, got 0/);
  });

  it("findMany, sole and make", async () => {
    const [a0, a1] = await ada.related<StPost[]>("posts").orderBy("id").limit(2);
    const b0 = (await bob.related<StPost[]>("posts"))[0]!;
    expect((await ada.related<StPost[]>("posts").findMany([a0!.id, a1!.id, b0.id])).map((p) => p.title).sort()).toEqual(["a0", "a1"]);
    expect((await bob.related<StPost[]>("posts").sole()).title).toBe("b0");
    await expect(ada.related("posts").sole()).rejects.toThrow(MultipleRecordsFoundError);
    await expect(ada.related("posts").where("votes", 999).sole()).rejects.toThrow(ModelNotFoundError);
    const made = ada.related<StPost[]>("posts").make({ title: "draft" });
    expect([made.st_user_id, made.isPersisted()]).toEqual([ada.id, false]);
  });

  it("createOrFirst: a unique violation returns the existing row; belongsToMany attaches an existing target", async () => {
    const existing = await ada.related<StPost[]>("posts").createOrFirst({ title: "a3" }, { votes: 50 });
    expect([existing.title, existing.votes]).toEqual(["a3", 3]);
    const fresh = await ada.related<StPost[]>("posts").createOrFirst({ title: "new-one" }, { votes: 8 });
    expect([fresh.st_user_id, fresh.votes]).toEqual([ada.id, 8]);
    // t3 exists but is not Bob's: it is attached instead of duplicated
    const t3 = await bob.related<StTag[]>("tags").createOrFirst({ name: "t3" });
    expect(t3.name).toBe("t3");
    expect((await bob.related<StTag[]>("tags").orderBy("name")).map((t) => t.name)).toEqual(["t0", "t3"]);
    expect(await StTag.query().where("name", "t3").count()).toBe(1);
    // a violation on a row of another parent is not "this parent's" row: the error surfaces
    await expect(bob.related("posts").createOrFirst({ title: "a0" })).rejects.toThrow(/unique|duplicate/i);
  });

  it("touch() sets updated_at on the related rows the query selects, only those", async () => {
    const old = new Date("2020-01-01T00:00:00.000Z");
    await StTag.query().update({ updated_at: old });
    expect(await ada.related("tags").whereIn("name", ["t1", "t2"]).touch()).toBe(2);
    const stamps = await StTag.query().orderBy("name").get();
    expect(stamps.map((t) => t.updated_at!.getTime() > old.getTime())).toEqual([false, true, true, false, false]);
  });

  it("builder methods chain on a relation query: whereBetween, orderByDesc, latest, when, select", async () => {
    const titles = (q: Promise<StPost[]> | PromiseLike<StPost[]>) => Promise.resolve(q).then((ps) => ps.map((p) => p.title));
    expect(await titles(ada.related<StPost[]>("posts").whereBetween("votes", [2, 4]).orderByDesc("votes"))).toEqual(["a4", "a3", "a2"]);
    expect(await titles(ada.related<StPost[]>("posts").latest("votes").limit(1))).toEqual(["new-one"]);
    expect(await titles(ada.related<StPost[]>("posts").when(true, (q: any) => q.where("votes", 0)))).toEqual(["a0"]);
    expect(
      await titles(
        ada
          .related<StPost[]>("posts")
          .when(false, (q: any) => q.where("votes", 0))
          .where("votes", 1),
      ),
    ).toEqual(["a1"]);
    expect(await titles(ada.related<StPost[]>("posts").select("id", "title", "st_user_id").where("votes", 2))).toEqual(["a2"]);
  });

  it("withSum / withMax on a pivot column or a qualified target column (Laravel's attribute names)", async () => {
    const users = await StUser.query().orderBy("id").withSum("tags", "st_tag_user.weight").withMax("posts", "st_posts.votes").get();
    expect(users.map((u) => [u.get("tags_sum_st_tag_userweight"), u.get("posts_max_st_postsvotes")])).toEqual([
      [10, 8],
      [0, 100],
    ]);
    expect(() => StUser.query().withSum("tags", "st_tag_user.wieght")).toThrow(
      /'wieght' is not a column of pivot st_tag_user. Did you mean 'weight'\?/,
    );
    expect(() => StUser.query().withSum("tags", "nowhere.weight")).toThrow(
      /'nowhere' is neither StTag's table 'st_tags' nor the pivot 'st_tag_user'/,
    );
  });

  it("pivot clauses inside eager constraints (with / withCount), and existence forms chained on a relation", async () => {
    const { result, count } = await withQueryCount(() =>
      StUser.query()
        .orderBy("id")
        .with({ tags: (q: any) => q.wherePivotIn("weight", ["1", "3"]).orderByPivot("weight", "desc") })
        .get(),
    );
    expect(count).toBe(2);
    expect((result[0]!.getRelation("tags") as StTag[]).map((t) => t.name)).toEqual(["t3", "t1"]);
    expect(result[1]!.getRelation("tags")).toEqual([]);
    const counted = await StUser.query()
      .orderBy("id")
      .withCount({ tags: (q: any) => q.wherePivotNotNull("weight") })
      .get();
    expect(counted.map((u) => u.get("tags_count"))).toEqual([5, 0]);
    await expect(Promise.resolve().then(() => StUser.with({ tags: (q: any) => q.wherePivot("wieght", "1") }).get())).rejects.toThrow(
      /'wieght' is not a column of pivot st_tag_user. Did you mean 'weight'\?/,
    );
    expect(await ada.related("posts").whereDoesntHaveRelation("user", "name", "Bob").count()).toBe(8);
    expect(await ada.related("posts").whereDoesntHaveRelation("user", "name", "Ada").count()).toBe(0);
  });

  it("whereRelation(relation, callback) and the collection loadMissing / loadCount", async () => {
    expect((await StUser.whereRelation("posts", (q: any) => q.where("votes", 100)).get()).map((u) => u.name)).toEqual(["Bob"]);
    expect(
      await StUser.query()
        .where("id", 0)
        .orWhereRelation("posts", (q: any) => q.where("votes", 6))
        .count(),
    ).toBe(1);
    const users = await StUser.query().orderBy("id").get();
    const { count } = await withQueryCount(() => loadMissing(users, "tags"));
    expect(count).toBe(1);
    await loadCount(users, "posts");
    expect(users.map((u) => u.get("posts_count"))).toEqual([8, 1]);
  });
});

registerLibrary();

describe.each(mongoTargets())("relation streaming on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let author: Author;

  beforeAll(async () => {
    teardown = await useMongo("rel_streaming_mongo", target);
    author = (await Author.create({ name: "Ursula" })) as Author;
    await author.related("books").createMany(Array.from({ length: 5 }, (_, i) => ({ title: `b${i}`, year: 1970 + i, genre_ids: [] })));
  });
  afterAll(() => teardown());

  it("chunkById, cursor, findMany and sole through a Mongo relation", async () => {
    const pages: string[][] = [];
    await author.related<Book[]>("books").chunkById(2, (books) => void pages.push(books.map((b) => b.title!)));
    expect(pages.flat().sort()).toEqual(["b0", "b1", "b2", "b3", "b4"]);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const seen: string[] = [];
    for await (const book of author.related<Book[]>("books").where("year", ">=", 1973).cursor(1)) seen.push(book.title!);
    expect(seen.sort()).toEqual(["b3", "b4"]);
    const all = await author.related<Book[]>("books").get();
    expect((await author.related<Book[]>("books").findMany([all[0]!.id, all[1]!.id])).length).toBe(2);
    expect((await author.related<Book[]>("books").where("year", 1972).sole()).title).toBe("b2");
    await expect(author.related("books").sole()).rejects.toThrow(MultipleRecordsFoundError);
  });

  it("a pivot-collection pivot is a PivotRow: save(), fresh(), refresh() and delete() address its document", async () => {
    const book = (await author.related<Book[]>("books").where("title", "b0").first())!;
    const [top, bottom] = (await Shelf.createMany([{ name: "top" }, { name: "bottom" }])) as [Shelf, Shelf];
    await book.related("shelves").attach({ [top.id!]: { position: 1 }, [bottom.id!]: { position: 2 } });
    const shelves = async () => (await book.related<Shelf[]>("shelves").get()).sort((a, b) => a.name!.localeCompare(b.name!));
    const pivot = (await shelves()).find((s) => s.name === "top")!.pivot!;
    expect(pivot).toBeInstanceOf(PivotRow);
    pivot.position = 7;
    await pivot.save();
    expect((await shelves()).map((s) => [s.name, s.pivot!.position])).toEqual([
      ["bottom", 2],
      ["top", 7],
    ]);
    await book.related("shelves").updateExistingPivot(top.id!, { position: 8 });
    expect((await pivot.fresh())!.position).toBe(8);
    await pivot.refresh();
    expect(pivot.position).toBe(8);
    expect(await pivot.delete()).toBe(1);
    expect((await shelves()).map((s) => s.name)).toEqual(["bottom"]);
  });
});
