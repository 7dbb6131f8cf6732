/**
 * hasOne / morphOne as one of many, translated from Laravel's DatabaseEloquentHasOneOfManyTest:
 * `latestOfMany`, `oldestOfMany` and `ofMany` pick one row per parent, lazily and eagerly, in one query.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, relation, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";

class OomUser extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "oom_users";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    latestLogin: relation("hasOne", "OomLogin", { foreignKey: "user_id", latestOfMany: true }),
    firstLogin: relation("hasOne", "OomLogin", { foreignKey: "user_id", oldestOfMany: true }),
    latestByDay: relation("hasOne", "OomLogin", { foreignKey: "user_id", latestOfMany: "day" }),
    priciest: relation("hasOne", "OomLogin", { foreignKey: "user_id", ofMany: ["price", "max"] }),
    cheapest: relation("hasOne", "OomLogin", { foreignKey: "user_id", ofMany: ["price", "min"] }),
    latestImage: relation("morphOne", "OomImage", { morphName: "imageable", latestOfMany: true }),
  };
}

class OomLogin extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "oom_logins";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    user_id: column("int"),
    day: column("int"),
    price: column("int"),
  };
}

class OomImage extends SqlModel<any> {
  static connectionName = "test";
  static tableName = "oom_images";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    url: column("string", 50),
    imageable_id: column("int"),
    imageable_type: column("string", 50),
  };
}

registerModels([OomUser, OomLogin, OomImage], { logger: false });

describe.each(sqlDialects())("one of many on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "oom");
    await migrate([OomUser, OomLogin, OomImage]);
    const a = await OomUser.create({ name: "a" });
    const b = await OomUser.create({ name: "b" });
    await OomUser.create({ name: "none" });
    // a: ids 1..3 with days 5, 9, 9 (a tie on the latest day: the greatest id wins, as in Laravel).
    await OomLogin.create({ user_id: a.id, day: 5, price: 30 });
    await OomLogin.create({ user_id: a.id, day: 9, price: 10 });
    await OomLogin.create({ user_id: a.id, day: 9, price: 20 });
    await OomLogin.create({ user_id: b.id, day: 1, price: 7 });
    await OomImage.create({ url: "a1", imageable_id: a.id, imageable_type: "OomUser" });
    await OomImage.create({ url: "a2", imageable_id: a.id, imageable_type: "OomUser" });
    // Another type with the same id must not win.
    await OomImage.create({ url: "other", imageable_id: a.id, imageable_type: "Else" });
  });
  afterAll(async () => {
    await dropTables([OomUser, OomLogin, OomImage]);
    await teardown();
  });

  it("testItGuessesRelationName / latestOfMany and oldestOfMany by primary key, lazily", async () => {
    const a = await OomUser.where("name", "a").firstOrFail();
    expect((await a.related("latestLogin").first())?.id).toBe(3);
    expect((await a.related("firstLogin").first())?.id).toBe(1);
    expect((await a.related("latestImage").first())?.url).toBe("a2");
  });

  it("testEagerLoadingAppliesConstraintsToInnerJoinSubQuery: one query per relation, one row per parent", async () => {
    const { result, count } = await withQueryCount(() =>
      OomUser.with("latestLogin", "firstLogin", "latestByDay", "priciest", "cheapest").orderBy("id").get(),
    );
    expect(count).toBe(6);
    expect(
      result.map((u: any) => [u.name, u.latestLogin?.id, u.firstLogin?.id, u.latestByDay?.id, u.priciest?.id, u.cheapest?.id]),
    ).toEqual([
      ["a", 3, 1, 3, 1, 2],
      ["b", 4, 4, 4, 4, 4],
      ["none", undefined, undefined, undefined, undefined, undefined],
    ]);
    expect(result[2]!.latestLogin).toBeNull();
  });
});
