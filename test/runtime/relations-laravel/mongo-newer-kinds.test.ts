/**
 * The newer kinds on MongoDB (embedded store, or MONGODB_URL's server): hasManyThrough / hasOneThrough read
 * the through documents, then the targets (two queries per level: there is no join); morphToMany /
 * morphedByMany go through a pivot collection whose type field is filtered and written; a one-of-many hasOne
 * is refused with what to write instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, MongoModel, registerModels, relation } from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "../mongo/target";

class MnkCountry extends MongoModel<any> {
  static connectionName = "mongo";
  static tableName = "mnk_countries";
  static schema = {
    name: column("string"),
    posts: relation("hasManyThrough", "MnkPost", { through: "MnkUser", firstKey: "country_id", secondKey: "user_id" }),
    firstPost: relation("hasOneThrough", "MnkPost", { through: "MnkUser", firstKey: "country_id", secondKey: "user_id" }),
    tags: relation("morphToMany", "MnkTag", { morphName: "taggable", pivotTable: "mnk_taggables" }),
    latestUser: relation("hasOne", "MnkUser", { foreignKey: "country_id", latestOfMany: true }),
  };
}

class MnkUser extends MongoModel<any> {
  static connectionName = "mongo";
  static tableName = "mnk_users";
  static schema = { name: column("string"), country_id: column("objectId") };
}

class MnkPost extends MongoModel<any> {
  static connectionName = "mongo";
  static tableName = "mnk_posts";
  static schema = { title: column("string"), user_id: column("objectId") };
}

class MnkTag extends MongoModel<any> {
  static connectionName = "mongo";
  static tableName = "mnk_tags";
  static schema = {
    name: column("string"),
    countries: relation("morphedByMany", "MnkCountry", { morphName: "taggable", pivotTable: "mnk_taggables" }),
  };
}

registerModels([MnkCountry, MnkUser, MnkPost, MnkTag], { logger: false, strict: false });

describe.each(mongoTargets())("newer relation kinds on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("newer_kinds", target);
    const [us, uk] = await MnkCountry.createMany([{ name: "us" }, { name: "uk" }, { name: "nowhere" }]);
    const [taylor, brit] = await MnkUser.createMany([
      { name: "taylor", country_id: us!.id },
      { name: "brit", country_id: uk!.id },
    ]);
    await MnkPost.createMany([
      { title: "A", user_id: taylor!.id },
      { title: "B", user_id: taylor!.id },
      { title: "Tea", user_id: brit!.id },
    ]);
    const [php] = await MnkTag.createMany([{ name: "php" }, { name: "sql" }]);
    await us!.related("tags").attach([php!.id]);
  });
  afterAll(async () => teardown());

  it("eager-loads hasManyThrough / hasOneThrough: the through documents, then the targets", async () => {
    const { result, count } = await withCommands(() => MnkCountry.with("posts").orderBy("name").get());
    expect(count).toBe(3);
    expect(result.map((c: any) => [c.name, c.posts.map((p: any) => p.title).sort()])).toEqual([
      ["nowhere", []],
      ["uk", ["Tea"]],
      ["us", ["A", "B"]],
    ]);
    const uk = result.find((c: any) => c.name === "uk")!;
    expect((await uk.related("firstPost").first())?.title).toBe("Tea");
  });

  it("morphToMany / morphedByMany through a pivot collection with the type field", async () => {
    const us = await MnkCountry.where("name", "us").firstOrFail();
    expect((await us.related("tags").get()).map((t: any) => t.name)).toEqual(["php"]);
    const tags = await MnkTag.with("countries").orderBy("name").get();
    expect(tags.map((t: any) => [t.name, t.countries.map((c: any) => c.name)])).toEqual([
      ["php", ["us"]],
      ["sql", []],
    ]);
  });

  it("a one-of-many hasOne is refused on Mongo with what to write instead", async () => {
    await expect(MnkCountry.with("latestUser").get()).rejects.toThrow(
      /latestOfMany \/ oldestOfMany \/ ofMany\) is not supported on MongoDB models yet.*orderBy\("_id", "desc"\)\.first\(\)/,
    );
  });
});
