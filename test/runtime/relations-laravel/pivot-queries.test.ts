/**
 * Laravel's BelongsToMany pivot tests, translated: wherePivot / wherePivotIn / wherePivotNull /
 * orderByPivot / withPivot / as() / allRelatedIds / updateExistingPivot over several ids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropTables, migrate } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { RL_MODELS, RlRole, RlUser, registerRl } from "./models";

registerRl();

describe.each(sqlDialects())("pivot queries on $name", (dialect) => {
  let teardown: () => Promise<void>;
  let ada: RlUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    teardown = await useDialect(dialect, "rl_pivots");
    await migrate([...RL_MODELS]);
    ada = await RlUser.create({ name: "Ada" });
    const roles = await RlRole.createMany([{ name: "admin" }, { name: "dev" }, { name: "ops" }]);
    roles.forEach((r) => (ids[r.name!] = r.id!));
    await ada.related("roles").attach({ [ids.admin!]: { level: "3" }, [ids.dev!]: { level: "1" }, [ids.ops!]: {} });
  });
  afterAll(async () => {
    await dropTables([...RL_MODELS]);
    await teardown();
  });

  const names = (roles: RlRole[]) => roles.map((r) => r.name);

  it("wherePivot / orWherePivot / wherePivotIn / wherePivotNull: one join query", async () => {
    const { result, count } = await withQueryCount(() => ada.related("roles").wherePivot("level", "3"));
    expect([names(result), count]).toEqual([["admin"], 1]);
    expect(names(await ada.related("roles").wherePivot("level", ">", "1"))).toEqual(["admin"]);
    expect(names(await ada.related("roles").wherePivotIn("level", ["1", "3"]).orderBy("name"))).toEqual(["admin", "dev"]);
    expect(names(await ada.related("roles").wherePivotNotIn("level", ["1"]).orderBy("name"))).toEqual(["admin"]);
    expect(names(await ada.related("roles").wherePivotIn("level", []))).toEqual([]);
    expect(names(await ada.related("roles").wherePivotNull("level"))).toEqual(["ops"]);
    expect(names(await ada.related("roles").wherePivotNotNull("level").orderBy("name"))).toEqual(["admin", "dev"]);
    expect(await ada.related("roles").wherePivot("level", "1").count()).toBe(1);
  });

  it("orderByPivot orders by the pivot column", async () => {
    expect(names(await ada.related("roles").wherePivotNotNull("level").orderByPivot("level", "desc"))).toEqual(["admin", "dev"]);
    expect(names(await ada.related("roles").wherePivotNotNull("level").orderByPivot("level"))).toEqual(["dev", "admin"]);
  });

  it("pivot column names are checked with did-you-mean; withPivot checks declared columns", async () => {
    expect(() => ada.related("roles").wherePivot("levle", 1)).toThrow(
      /'levle' is not a column of pivot rl_role_user. Did you mean 'level'\?/,
    );
    expect(() => ada.related("roles").orderByPivot("nope")).toThrow(/Pivot columns: rl_user_id, rl_role_id, level, expires_at, created_at/);
    expect(() => ada.related("roles").withPivot("level", "expires_at")).not.toThrow();
    expect(() => ada.related("roles").withPivot("color")).toThrow(/declare others in the relation's pivotColumns/);
    expect(() => ada.related("posts").wherePivot("level", 1)).toThrow(/wherePivot\(\) only works on belongsToMany/);
  });

  it('as("membership") renames the pivot accessor (and in toJSON)', async () => {
    const [admin] = await ada.related("roles").as("membership").wherePivot("level", "3");
    const membership = (admin as unknown as { membership: Record<string, unknown> }).membership;
    expect(membership.level).toBe("3");
    expect(JSON.parse(JSON.stringify(admin)).membership.level).toBe("3");
    expect(JSON.parse(JSON.stringify(admin)).pivot).toBeUndefined();
  });

  it("an eager-loaded pivot serializes before it is read, then reads as a PivotRow that saves (it is wrapped on first read)", async () => {
    const [loaded] = await RlUser.query().where("name", "Ada").with("roles").get();
    const admin = (loaded!.getRelation("roles") as RlRole[]).find((r) => r.name === "admin")!;
    // serialized first: the pivot's columns under `pivot`, as a read PivotRow would give them
    expect(JSON.parse(JSON.stringify(admin)).pivot).toMatchObject({ level: "3", rl_role_id: ids.admin });
    const pivot = admin.pivot as Record<string, unknown> & { save(): Promise<unknown> };
    expect(admin.pivot).toBe(pivot); // one wrapper, made once
    expect(pivot.level).toBe("3");
    pivot.level = "4";
    await pivot.save();
    expect(names(await ada.related("roles").wherePivot("level", "4"))).toEqual(["admin"]);
    pivot.level = "3";
    await pivot.save();
  });

  it("allRelatedIds reads the pivot only; updateExistingPivot updates several ids", async () => {
    const { result, count } = await withQueryCount(() => ada.related("roles").allRelatedIds());
    expect([result.map(Number).sort(), count]).toEqual([[ids.admin, ids.dev, ids.ops].sort(), 1]);
    expect(await ada.related("roles").updateExistingPivot([ids.dev, ids.ops], { level: "2" })).toBe(2);
    expect(names(await ada.related("roles").wherePivot("level", "2").orderBy("name"))).toEqual(["dev", "ops"]);
  });
});
