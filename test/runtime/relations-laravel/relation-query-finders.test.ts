/**
 * Laravel's relation finder and pivot tests (DatabaseEloquentBelongsToManyTest / the integration test's
 * belongsToMany finders, DatabaseEloquentHasManyTest, DatabaseEloquentBelongsToTest), translated:
 * findOrNew, findOr, findSole, firstOr, firstWhere, belongsTo is / isNot, hasMany one(), the grouped
 * wherePivot(q => ...) (on a `using` pivot model: its scopes), the or / between pivot clauses, and
 * model.loadSum / loadAvg / loadMin / loadMax. On SQLite, PostgreSQL and MariaDB; then the Mongo store.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  column,
  dropTables,
  migrate,
  ModelNotFoundError,
  Pivot,
  registerModels,
  relation,
  SqlModel,
  type ModelClass,
  type PivotWhereQuery,
  type SqlQuery,
} from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { Author, Book, registerLibrary, Review, Shelf } from "../mongo/library-models";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";
import { RL_MODELS, RlComment, RlPost, RlRole, RlUser, registerRl } from "./models";

registerRl();
registerLibrary();

/** A pivot model with local scopes, for wherePivot(q => q.active()). */
class FqMembership extends Pivot<{ fq_user_id?: number; fq_team_id?: number; role?: string; active?: boolean; rank?: number }> {
  static connectionName = "test";
  static tableName = "fq_memberships";
  static scopes = {
    active: (q: SqlQuery) => q.where("active", true),
    ranked: (q: SqlQuery, min: number) => q.where("rank", ">=", min).orWhere("role", "lead"),
  };
  static schema = {
    fq_user_id: column("int"),
    fq_team_id: column("int"),
    role: column("string", 20),
    active: column("boolean", undefined, { default: false }),
    rank: column("int", undefined, { default: 0 }),
  };
}

class FqUser extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "fq_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    teams: relation("belongsToMany", "FqTeam", { using: "FqMembership", pivotLocalKey: "fq_user_id", pivotForeignKey: "fq_team_id" }),
  };
}

class FqTeam extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "fq_teams";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
  };
}

/** RlUser's table under another class: is() compares tables, not classes, as Laravel does. */
class FqSameTableUser extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "test";
  static tableName = "rl_users";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 100) };
}

/** RlUser's table on another connection: is() must tell them apart (Laravel's testIsNotModelWithAnotherConnection). */
class FqElsewhereUser extends SqlModel<{ id?: number; name?: string }> {
  static connectionName = "elsewhere";
  static tableName = "rl_users";
  static schema = { id: column("increments", undefined, { primary: true }), name: column("string", 100) };
}

const FQ_MODELS: ModelClass[] = [FqMembership, FqUser, FqTeam];
registerModels([...FQ_MODELS, FqSameTableUser, FqElsewhereUser], { logger: false });

type MembershipQuery = ReturnType<typeof FqMembership.query> & { active(): MembershipQuery; ranked(min: number): MembershipQuery };

describe.each(sqlDialects())("relation finders on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ada: RlUser;
  let bob: RlUser;
  let nobody: RlUser;
  const roles: Record<string, RlRole> = {};
  const posts: Record<string, RlPost> = {};

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_finders");
    await dropTables([...RL_MODELS, ...FQ_MODELS]);
    await migrate([...RL_MODELS, ...FQ_MODELS]);
    [ada, bob, nobody] = (await RlUser.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Nobody" }])) as [RlUser, RlUser, RlUser];
    for (const r of await RlRole.createMany([{ name: "admin" }, { name: "dev" }, { name: "ops" }, { name: "qa" }])) roles[r.name!] = r;
    await ada.related("roles").attach({ [roles.admin!.id!]: { level: "3" }, [roles.dev!.id!]: { level: "1" }, [roles.ops!.id!]: {} });
    await bob.related("roles").attach({ [roles.qa!.id!]: { level: "2" } });
    for (const p of await ada.related("posts").createMany([
      { title: "a1", votes: 3 },
      { title: "a2", votes: 5 },
      { title: "a3", votes: 1 },
    ]))
      posts[p.title!] = p;
    posts.b1 = await bob.related("posts").create({ title: "b1", votes: 7 });
    await posts.a1!.related("comments").createMany([{ body: "first" }, { body: "second" }]);
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS, ...FQ_MODELS]);
    await teardown();
  });

  const names = (list: readonly { name?: string }[]) => list.map((m) => m.name);

  describe("findOrNew", () => {
    it("belongsToMany: the related model, else a new unsaved target without keys (testFindOrNewMethod)", async () => {
      expect((await ada.related("roles").findOrNew(roles.dev!.id))!.id).toBe(roles.dev!.id);
      const made = await ada.related("roles").findOrNew(roles.qa!.id); // exists, but is Bob's
      expect(made).toBeInstanceOf(RlRole);
      expect([made.id, made.isPersisted()]).toEqual([undefined, false]);
      expect((await ada.related("roles").findOrNew(666)).id).toBeUndefined();
    });

    it("hasMany: finds the model, else a new one with the foreign key set (testFindOrNewMethodReturnsNewModelWithForeignKeySet)", async () => {
      expect((await ada.related("posts").findOrNew(posts.a2!.id)).title).toBe("a2");
      const made = await ada.related("posts").findOrNew(posts.b1!.id);
      expect([made.id, made.rl_user_id, made.isPersisted()]).toEqual([undefined, ada.id, false]);
      const comment = await posts.a1!.related("comments").findOrNew(999);
      expect([comment.commentable_type, comment.commentable_id]).toEqual(["RlPost", posts.a1!.id]);
    });
  });

  describe("findOr", () => {
    it("one id: the model, or the callback's result (testFindOrMethod)", async () => {
      const found = await ada.related("roles").findOr(roles.admin!.id, () => "callback result");
      expect(found).toBeInstanceOf(RlRole);
      expect((found as RlRole).name).toBe("admin");
      expect((found as RlRole).pivot?.level).toBe("3");
      expect(await ada.related("roles").findOr(roles.qa!.id, () => "callback result")).toBe("callback result");
      expect(await ada.related("posts").findOr(posts.b1!.id, async () => "awaited")).toBe("awaited");
    });

    it("with columns only those are selected (and the key the relation matches on)", async () => {
      const role = (await ada.related("roles").findOr(roles.admin!.id, ["id"], () => null)) as RlRole;
      expect([role.id, role.name]).toEqual([roles.admin!.id, undefined]);
      const post = (await ada.related("posts").findOr(posts.a1!.id, ["id"], () => null)) as RlPost;
      expect([post.id, post.title]).toEqual([posts.a1!.id, undefined]);
    });

    it("several ids: all of them, or the callback's result when any is missing (testFindOrMethodWithMany)", async () => {
      const both = (await ada.related("roles").findOr([roles.admin!.id, roles.dev!.id], () => "callback result")) as RlRole[];
      expect(names(both).sort()).toEqual(["admin", "dev"]);
      const bare = (await ada.related("roles").findOr([roles.admin!.id, roles.dev!.id], ["id"], () => null)) as RlRole[];
      expect(bare.map((r) => r.name)).toEqual([undefined, undefined]);
      expect(await ada.related("roles").findOr([roles.admin!.id, roles.qa!.id], () => "callback result")).toBe("callback result");
      // a repeated id is one id (Laravel compares with array_unique)
      expect(await ada.related("posts").findOr([posts.a1!.id, posts.a1!.id], () => "missing")).toHaveLength(1);
    });

    it("without a callback: a TypeError naming both forms", async () => {
      await expect(ada.related("roles").findOr(1, ["id"] as never, undefined as never)).rejects.toThrow(
        /findOr: expected \(id, callback\) or \(id, \["column", \.\.\.\], callback\)/,
      );
    });
  });

  describe("findSole", () => {
    it("exactly that related model, by key or by model", async () => {
      expect((await ada.related("roles").findSole(roles.ops!.id)).name).toBe("ops");
      expect((await ada.related("roles").findSole(roles.dev!)).name).toBe("dev");
      expect((await ada.related("posts").findSole(posts.a3!)).title).toBe("a3");
    });

    it("ModelNotFoundError naming the model and the key when it is not related", async () => {
      const error = await ada
        .related("roles")
        .findSole(roles.qa!)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelNotFoundError);
      expect((error as ModelNotFoundError).model).toBe("RlRole");
      expect((error as ModelNotFoundError).key).toBe(roles.qa!.id);
      expect((error as Error).message).toMatch(
        new RegExp(`No RlRole matched RlUser#${ada.id}\\.related\\("roles"\\)\\.findSole\\(${roles.qa!.id}\\)`),
      );
      await expect(ada.related("posts").findSole(posts.b1!.id)).rejects.toThrow(ModelNotFoundError);
      await expect(ada.related("posts").findSole(roles.qa!)).rejects.toThrow(/expected a RlPost or its key, got a RlRole/);
    });
  });

  describe("firstOr / firstWhere", () => {
    it("firstOr: the first related model or the callback's (awaited) result (testFirstOrMethod)", async () => {
      expect(
        (
          (await ada
            .related("roles")
            .orderBy("name")
            .firstOr(() => "callback result")) as RlRole
        ).name,
      ).toBe("admin");
      expect(await nobody.related("roles").firstOr(() => "callback result")).toBe("callback result");
      expect(await nobody.related("posts").firstOr(async () => 42)).toBe(42);
      const bare = (await ada
        .related("posts")
        .orderBy("votes", "desc")
        .firstOr(["id"], () => null)) as RlPost;
      expect([bare.id, bare.title]).toEqual([posts.a2!.id, undefined]);
    });

    it("firstWhere: where(...).first() among the related rows (testFirstWhereMethod)", async () => {
      expect((await ada.related("posts").firstWhere("title", "a2"))?.votes).toBe(5);
      expect((await ada.related("posts").firstWhere("votes", ">", 4))?.title).toBe("a2");
      expect(await ada.related("posts").firstWhere("title", "b1")).toBeNull();
      expect((await ada.related("roles").firstWhere("name", "dev"))?.pivot?.level).toBe("1");
      // the finders copy the query: the relation query itself is unchanged
      const q = ada.related("posts");
      await q.firstWhere("title", "a1");
      expect(await q.count()).toBe(3);
    });
  });

  describe("belongsTo is / isNot (DatabaseEloquentBelongsToTest)", () => {
    it("same key, same table, same connection; no query", async () => {
      const post = (await RlPost.find(posts.a1!.id))!;
      const { result, count } = await withQueryCount(async () => post.related("user").is(ada));
      expect([result, count]).toEqual([true, 0]);
      expect(post.related("user").isNot(ada)).toBe(false);
      expect(post.related("user").is(bob)).toBe(false); // another key
      expect(post.related("user").isNot(bob)).toBe(true);
      expect(post.related("user").is(null)).toBe(false);
      expect(post.related("user").isNot(null)).toBe(true);
    });

    it("a key as text still matches; another table or connection does not", async () => {
      const post = (await RlPost.find(posts.a1!.id))!;
      const sameRow = (await RlUser.find(ada.id))!;
      sameRow.setRawAttributes({ ...sameRow.getAttributes(), id: String(ada.id) });
      expect(post.related("user").is(sameRow)).toBe(true); // testIsModelWithStringRelatedKey
      const role = new RlRole({ name: "x" });
      role.setRawAttributes({ id: ada.id, name: "x" });
      expect(post.related("user").is(role)).toBe(false); // another table
      const sameTable = new FqSameTableUser();
      sameTable.setRawAttributes({ id: ada.id, name: "Ada" });
      expect(post.related("user").is(sameTable)).toBe(true); // same table and connection, another class
      const elsewhere = new FqElsewhereUser();
      elsewhere.setRawAttributes({ id: ada.id, name: "Ada" });
      expect(post.related("user").is(elsewhere)).toBe(false); // another connection
    });

    it("a null foreign key is never the model; hasOne / morph relations compare their keys; to-many relations refuse", async () => {
      const orphan = new RlPost({ title: "orphan" });
      expect(orphan.related("user").is(ada)).toBe(false);
      const comment = (await RlComment.where("body", "first").first())!;
      expect(comment.related("commentable").is(posts.a1!)).toBe(true);
      expect(comment.related("commentable").is(posts.a2!)).toBe(false);
      expect(() => ada.related("posts").is(posts.a1!)).toThrow(/is a hasMany relation: is\(\) compares the one model/);
    });
  });

  describe("one() on hasMany / morphMany", () => {
    it("the relation as hasOne: awaiting it gives one model or null", async () => {
      const { result, count } = await withQueryCount(() => ada.related("posts").orderBy("votes", "desc").one());
      expect(result).toBeInstanceOf(RlPost);
      expect([result!.title, count]).toEqual(["a2", 1]);
      expect(await nobody.related("posts").one()).toBeNull();
      expect((await ada.related("posts").one().where("title", "a3").first())?.title).toBe("a3");
      expect(((await posts.a1!.related("comments").orderBy("body", "desc").one()) as RlComment).body).toBe("second");
      expect(await posts.a2!.related("comments").one()).toBeNull();
      expect(await ada.related("posts").one().count()).toBe(3);
    });

    it("on another kind: an error naming first()", () => {
      expect(() => ada.related("roles").one()).toThrow(/is a belongsToMany relation: one\(\) turns a hasMany or morphMany.*first\(\)/);
    });
  });

  describe("pivot clauses", () => {
    it("wherePivot(q => ...) is one grouped condition on the pivot", async () => {
      const { result, count } = await withQueryCount(() =>
        ada
          .related("roles")
          .where("name", "admin")
          .wherePivot((q) => q.where("level", "1").orWhereNull("level")),
      );
      // ungrouped, "name = admin and level = 1 or level is null" would return ops
      expect([names(result), count]).toEqual([[], 1]);
      expect(
        names(
          await ada
            .related("roles")
            .wherePivot((q) => q.where("level", "3").orWhere("level", "1"))
            .orderBy("name"),
        ),
      ).toEqual(["admin", "dev"]);
      expect(
        names(
          await ada
            .related("roles")
            .wherePivot("level", "3")
            .orWherePivot((q) => q.whereNull("level").orWhere((inner) => inner.whereIn("level", ["1"])))
            .orderBy("name"),
        ),
      ).toEqual(["admin", "dev", "ops"]);
      const between = (q: PivotWhereQuery) => q.whereBetween("level", ["2", "3"]); // the exported type of the callback's query
      expect(await ada.related("roles").wherePivot(between).count()).toBe(1);
    });

    it("wherePivot(q => ...) checks pivot column names", () => {
      expect(() => ada.related("roles").wherePivot((q) => q.where("levle", 1))).toThrow(
        /wherePivot\(\): 'levle' is not a column of pivot rl_role_user. Did you mean 'level'\?/,
      );
    });

    it("orWherePivotIn / orWherePivotNotIn / orWherePivotNull / orWherePivotNotNull", async () => {
      const admin = () => ada.related("roles").wherePivot("level", "3");
      expect(names(await admin().orWherePivotIn("level", ["1"]).orderBy("name"))).toEqual(["admin", "dev"]);
      expect(names(await ada.related("roles").wherePivotNull("level").orWherePivotNotIn("level", ["1", "3"]))).toEqual(["ops"]);
      expect(names(await ada.related("roles").wherePivot("level", "1").orWherePivotNotIn("level", ["1"]).orderBy("name"))).toEqual([
        "admin",
        "dev",
      ]);
      expect(names(await admin().orWherePivotNull("level").orderBy("name"))).toEqual(["admin", "ops"]);
      expect(names(await ada.related("roles").wherePivotNull("level").orWherePivotNotNull("level").orderBy("name"))).toEqual([
        "admin",
        "dev",
        "ops",
      ]);
      // the OR stays inside the parent's rows: Bob's qa (level 2) never appears
      expect(names(await ada.related("roles").wherePivot("level", "2").orWherePivotIn("level", ["2"]))).toEqual([]);
    });

    it("wherePivotBetween / wherePivotNotBetween and their or forms", async () => {
      expect(names(await ada.related("roles").wherePivotBetween("level", ["1", "2"]))).toEqual(["dev"]);
      expect(names(await ada.related("roles").wherePivotNotBetween("level", ["1", "2"]))).toEqual(["admin"]); // NULL is neither
      expect(names(await ada.related("roles").wherePivotNull("level").orWherePivotBetween("level", ["3", "9"]).orderBy("name"))).toEqual([
        "admin",
        "ops",
      ]);
      expect(names(await ada.related("roles").wherePivotNull("level").orWherePivotNotBetween("level", ["2", "9"]).orderBy("name"))).toEqual(
        ["dev", "ops"],
      );
      expect(() => ada.related("roles").wherePivotBetween("level", ["1"] as never)).toThrow(
        /wherePivotBetween\('level', \.\.\.\): expected \[from, to\], two values/,
      );
    });

    describe("with a using pivot model", () => {
      let ida: FqUser;
      beforeAll(async () => {
        ida = await FqUser.create({ name: "Ida" });
        const teams = await FqTeam.createMany([{ name: "core" }, { name: "docs" }, { name: "infra" }]);
        await ida.related("teams").attach({
          [teams[0]!.id!]: { role: "lead", active: true, rank: 1 },
          [teams[1]!.id!]: { role: "writer", active: false, rank: 5 },
          [teams[2]!.id!]: { role: "dev", active: true, rank: 2 },
        });
      });

      it("the callback gets the pivot model's query: its local scopes, its typed columns", async () => {
        const active = await ida
          .related("teams")
          .wherePivot((q: MembershipQuery) => q.active())
          .orderBy("name");
        expect(names(active)).toEqual(["core", "infra"]);
        // ranked() has an OR inside; the scope is grouped, and so is the whole callback
        const ranked = await ida
          .related("teams")
          .where("name", "!=", "docs")
          .wherePivot((q: MembershipQuery) => q.ranked(3))
          .orderBy("name");
        expect(names(ranked)).toEqual(["core"]);
        const either = await ida
          .related("teams")
          .wherePivot("role", "dev")
          .orWherePivot((q: MembershipQuery) => q.where("rank", ">", 4))
          .orderBy("name");
        expect(names(either)).toEqual(["docs", "infra"]);
        expect(() => ida.related("teams").wherePivot((q: MembershipQuery) => q.where("nope" as never, 1))).toThrow(/nope/);
      });
    });
  });

  describe("model.loadSum / loadAvg / loadMin / loadMax", () => {
    it("<relation>_<fn>_<column> on the model, one query each, as withSum", async () => {
      const user = (await RlUser.find(ada.id))!;
      const { count } = await withQueryCount(async () => {
        await user.loadSum("posts", "votes");
        await user.loadMax("posts", "votes");
      });
      expect(count).toBe(2);
      expect([user.get("posts_sum_votes"), user.get("posts_max_votes")]).toEqual([9, 5]);
      await user.loadMin("posts", "votes");
      await user.loadAvg("posts", "votes");
      expect(user.get("posts_min_votes")).toBe(1);
      expect(user.get("posts_avg_votes")).toBe(3);
      const copy = await RlUser.query().withSum("posts", "votes").where("id", ada.id).first();
      expect(copy!.get("posts_sum_votes")).toBe(user.get("posts_sum_votes"));
    });

    it("without related rows: sum 0, min/max/avg null; aliases, constraints and several relations", async () => {
      const none = (await RlUser.find(nobody.id))!;
      await none.loadSum("posts", "votes");
      await none.loadMax("posts", "votes");
      expect([none.get("posts_sum_votes"), none.get("posts_max_votes")]).toEqual([0, null]);
      const user = (await RlUser.find(ada.id))!;
      await user.loadSum({ "posts as big": (q: SqlQuery) => q.where("votes", ">", 2) }, "votes");
      expect(user.get("big")).toBe(8);
      await user.loadMax(["posts as best", "posts"], "votes");
      expect([user.get("best"), user.get("posts_max_votes")]).toEqual([5, 5]);
      expect(await user.loadMin("posts", "votes")).toBe(user);
    });

    it("soft-deleted related rows are left out; belongsToMany aggregates too", async () => {
      await posts.a2!.delete();
      try {
        const user = (await RlUser.find(ada.id))!;
        await user.loadSum("posts", "votes");
        expect(user.get("posts_sum_votes")).toBe(4);
      } finally {
        await posts.a2!.restore();
      }
      const user = (await RlUser.find(ada.id))!;
      await user.loadMax("roles", "id");
      expect(user.get("roles_max_id")).toBe(Math.max(roles.admin!.id!, roles.dev!.id!, roles.ops!.id!));
    });

    it("errors name loadSum, the relation and the column", async () => {
      const user = (await RlUser.find(ada.id))!;
      await expect(user.loadSum("posts", "vots")).rejects.toThrow(
        /loadSum\("posts", "vots"\): unknown column 'vots' on RlPost. Did you mean 'votes'\?/,
      );
      await expect(user.loadMax("postz", "votes")).rejects.toThrow(/postz/);
      await expect(user.loadAvg("posts", "")).rejects.toThrow(/loadAvg\(relation, column\): the column to aggregate is missing/);
    });
  });
});

describe.each(mongoTargets())("relation finders on Mongo models on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let ursula: Author;
  let nobody: Author;

  beforeAll(async () => {
    teardown = await useMongo("rl_finders", target);
    [ursula, , nobody] = (await Author.createMany([{ name: "Ursula" }, { name: "Terry" }, { name: "Nobody" }])) as [Author, Author, Author];
    await ursula.related("books").createMany([
      { title: "Earthsea", year: 1968, genre_ids: [] },
      { title: "Dispossessed", year: 1974, genre_ids: [] },
    ]);
  });
  afterAll(() => teardown());

  it("findOrNew / findOr / findSole / firstOr / firstWhere", async () => {
    const earthsea = (await Book.where("title", "Earthsea").first())!;
    expect((await ursula.related("books").findOrNew(earthsea.id)).title).toBe("Earthsea");
    const made = await nobody.related("books").findOrNew(earthsea.id);
    expect([made.isPersisted(), String(made.author_id)]).toEqual([false, String(nobody.id)]);
    expect((await ursula.related("books").findOr(earthsea.id, () => "none")) as Book).toBeInstanceOf(Book);
    expect(await nobody.related("books").findOr(earthsea.id, () => "none")).toBe("none");
    const bare = (await ursula.related("books").findOr(earthsea.id, ["title"], () => null)) as Book;
    expect([bare.title, bare.year]).toEqual(["Earthsea", undefined]);
    expect((await ursula.related("books").findSole(earthsea)).title).toBe("Earthsea");
    await expect(nobody.related("books").findSole(earthsea)).rejects.toThrow(ModelNotFoundError);
    expect(await nobody.related("books").firstOr(() => "empty")).toBe("empty");
    expect((await ursula.related("books").firstWhere("year", ">", 1970))?.title).toBe("Dispossessed");
  });

  it("is / isNot and one()", async () => {
    const book = (await Book.where("title", "Dispossessed").first())!;
    expect(book.related("author").is(ursula)).toBe(true);
    expect(book.related("author").isNot(nobody)).toBe(true);
    const one = await ursula.related("books").orderBy("year", "desc").one();
    expect(one?.title).toBe("Dispossessed");
    expect(await nobody.related("books").one()).toBeNull();
    const review = new Review();
    review.related("reviewable").associate(book);
    expect(review.related("reviewable").is(book)).toBe(true);
  });

  it("loadSum / loadMax: one command each", async () => {
    const author = (await Author.find(ursula.id))!;
    const { count } = await withCommands(() => author.loadSum("books", "year"));
    expect([author.get("books_sum_year"), count]).toEqual([3942, 1]);
    await author.loadMax("books", "year");
    await author.loadMin("books", "year");
    expect([author.get("books_max_year"), author.get("books_min_year")]).toEqual([1974, 1968]);
  });

  it("pivot clauses, the grouped and between forms too, need SQL: a clear error", async () => {
    const book = (await Book.where("title", "Earthsea").first())!;
    await book.related("shelves").attach({ [(await Shelf.create({ name: "top" })).id!]: { position: 1 } });
    const needsSql = /pivot clauses need the pivot joined to Shelf in one SQL query.*allRelatedIds\(\)/;
    expect(() => book.related("shelves").wherePivot((q) => q.where("position", 1))).toThrow(needsSql);
    expect(() => book.related("shelves").orWherePivotIn("position", [1])).toThrow(needsSql);
    expect(() => book.related("shelves").wherePivotBetween("position", [1, 2])).toThrow(needsSql);
    expect(() => book.related("shelves").orWherePivotNotNull("position")).toThrow(needsSql);
  });
});
