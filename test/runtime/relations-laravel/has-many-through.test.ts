/**
 * hasManyThrough / hasOneThrough, translated from Laravel's DatabaseEloquentHasManyThroughIntegrationTest
 * and DatabaseEloquentHasOneThroughIntegrationTest: a country reaches posts through its users; a position
 * reaches a contract through its user. Lazy and eager, custom keys, soft-deleted intermediate rows, counts,
 * and one query per eager level.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, RelationError, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

class HmtCountry extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "hmt_countries";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    shortname: column("string", 10),
    posts: relation("hasManyThrough", "HmtPost", { through: "HmtUser", firstKey: "country_id", secondKey: "user_id" }),
    // Laravel's "custom keys" case: the country's shortname is what users point at, posts point at users' emails.
    postsByEmail: relation("hasManyThrough", "HmtPost", {
      through: "HmtUser",
      firstKey: "country_short",
      secondKey: "email",
      localKey: "shortname",
      secondLocalKey: "email",
    }),
    firstPost: relation("hasOneThrough", "HmtPost", { through: "HmtUser", firstKey: "country_id", secondKey: "user_id" }),
    // Through a soft-deleting model: trashed users hide their posts.
    livePosts: relation("hasManyThrough", "HmtPost", { through: "HmtSoftUser", firstKey: "country_id", secondKey: "user_id" }),
  };
}

class HmtUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "hmt_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    email: column("string", 100),
    country_id: column("int", undefined, { nullable: true }),
    country_short: column("string", 10, { nullable: true }),
  };
}

class HmtSoftUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "hmt_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    email: column("string", 100),
    country_id: column("int", undefined, { nullable: true }),
    country_short: column("string", 10, { nullable: true }),
    deleted_at: column("softDeletes"),
  };
}

class HmtPost extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "hmt_posts";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    title: column("string", 100),
    user_id: column("int"),
    email: column("string", 100),
  };
}

registerModels([HmtCountry, HmtUser, HmtSoftUser, HmtPost], { logger: false });

describe.each(sqlDialects())("hasManyThrough / hasOneThrough on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "hmt");
    await migrate([HmtCountry, HmtSoftUser, HmtPost]);
    const us = await HmtCountry.create({ name: "United States of America", shortname: "us" });
    const uk = await HmtCountry.create({ name: "United Kingdom", shortname: "uk" });
    await HmtCountry.create({ name: "Nowhere", shortname: "nw" });
    const taylor = await HmtUser.create({ email: "taylorotwell@gmail.com", country_id: us.id, country_short: "us" });
    const other = await HmtUser.create({ email: "other@gmail.com", country_id: us.id, country_short: "us" });
    const brit = await HmtUser.create({ email: "brit@example.uk", country_id: uk.id, country_short: "uk" });
    await HmtPost.create({ title: "A title", user_id: taylor.id, email: taylor.email });
    await HmtPost.create({ title: "Another title", user_id: taylor.id, email: taylor.email });
    await HmtPost.create({ title: "Other's post", user_id: other.id, email: other.email });
    await HmtPost.create({ title: "Tea", user_id: brit.id, email: brit.email });
  });
  afterAll(async () => {
    await dropTables([HmtCountry, HmtSoftUser, HmtPost]);
    await teardown();
  });

  it("testItLoadsAHasManyThroughRelationWithCustomKeys (lazy)", async () => {
    const us = await HmtCountry.where("shortname", "us").firstOrFail();
    const posts = await us.related("posts").orderBy("id").get();
    expect(posts.map((p: any) => p.title)).toEqual(["A title", "Another title", "Other's post"]);
    const byEmail = await us.related("postsByEmail").orderBy("id").get();
    expect(byEmail.map((p: any) => p.title)).toEqual(["A title", "Another title", "Other's post"]);
  });

  it("testEagerLoadingLoadsRelatedModelsCorrectly: one query per level", async () => {
    const { result, count } = await withQueryCount(() => HmtCountry.with("posts").orderBy("id").get());
    expect(count).toBe(2);
    expect(result.map((c: any) => [c.shortname, c.posts.map((p: any) => p.title).sort()])).toEqual([
      ["us", ["A title", "Another title", "Other's post"]],
      ["uk", ["Tea"]],
      ["nw", []],
    ]);
  });

  it("eager-loads custom keys and a constraint on the target in one query per level", async () => {
    const { result, count } = await withQueryCount(() =>
      HmtCountry.with({ postsByEmail: (q: any) => q.where("title", "like", "A%") })
        .orderBy("id")
        .get(),
    );
    expect(count).toBe(2);
    expect(result.map((c: any) => c.postsByEmail.map((p: any) => p.title).sort())).toEqual([["A title", "Another title"], [], []]);
  });

  it("hasOneThrough: one model or null, lazily and eagerly", async () => {
    const { result, count } = await withQueryCount(() => HmtCountry.with("firstPost").orderBy("id").get());
    expect(count).toBe(2);
    expect(result.map((c: any) => c.firstPost?.user_id ?? null)).toEqual([result[0]!.firstPost.user_id, expect.any(Number), null]);
    const nowhere = await HmtCountry.where("shortname", "nw").firstOrFail();
    expect(await nowhere.related("firstPost").first()).toBeNull();
    const uk = await HmtCountry.where("shortname", "uk").firstOrFail();
    expect((await uk.related("firstPost").first())?.title).toBe("Tea");
  });

  it("whereHas / whereDoesntHave through the intermediate model", async () => {
    expect(await HmtCountry.whereHas("posts").orderBy("id").pluck("shortname")).toEqual(["us", "uk"]);
    expect(await HmtCountry.whereHas("posts", (q: any) => q.where("title", "Tea")).pluck("shortname")).toEqual(["uk"]);
    expect(await HmtCountry.query().whereDoesntHave("posts").pluck("shortname")).toEqual(["nw"]);
  });

  it("withCount counts through the intermediate model", async () => {
    const { result, count } = await withQueryCount(() => HmtCountry.withCount("posts").orderBy("id").get());
    expect(count).toBe(2);
    expect(result.map((c: any) => c.posts_count)).toEqual([3, 1, 0]);
  });

  it("testIgnoreSoftDeletingParent: soft-deleted intermediate rows are skipped when the through model uses softDeletes", async () => {
    const other = await HmtSoftUser.where("email", "other@gmail.com").firstOrFail();
    await other.delete();
    try {
      const countries = await HmtCountry.with("livePosts", "posts").orderBy("id").get();
      expect(countries[0]!.livePosts.map((p: any) => p.title).sort()).toEqual(["A title", "Another title"]);
      // The same table through a model without softDeletes sees every row (Laravel filters only for softDeletes).
      expect(countries[0]!.posts).toHaveLength(3);
    } finally {
      const trashed = await HmtSoftUser.query().withTrashed().where("email", "other@gmail.com").firstOrFail();
      await trashed.restore();
    }
  });

  it("a through relation without `through` fails with what to add", async () => {
    class HmtBroken extends SqlModel<any> {
      static connectionName = "test";
      static schema = { id: column("increments"), posts: relation("hasManyThrough", "HmtPost", {}) };
    }
    const broken = new HmtBroken({ id: 1 });
    expect(() => broken.related("posts")).toThrow(RelationError);
    expect(() => broken.related("posts")).toThrow(/HmtBroken\.posts \(hasManyThrough\) names no through model.*through: "<Model>"/);
  });
});
