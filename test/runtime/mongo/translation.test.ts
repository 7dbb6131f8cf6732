/** Query translation and key coercion, without running queries: the filter documents sent. */
import { ObjectId } from "mongodb";
import { describe, expect, it } from "vitest";
import { column, MongoModel } from "eloquent-orm";
import { expandKeys, keyForms } from "../../../runtime/src/mongo/ids";

class Item extends MongoModel<{ id?: string; name?: string; qty?: number; owner_id?: string; deleted_at?: Date | null }> {
  static connectionName = "mongo";
  static schema = { name: column("string", 255), qty: column("int"), owner_id: column("objectId"), deleted_at: column("softDeletes") };
}

describe("key forms", () => {
  it("a field of unknown type: hex strings, ObjectIds and integers in every stored form, once per key", () => {
    const oid = new ObjectId();
    expect(keyForms(oid.toHexString(), "mixed")).toEqual([oid.toHexString(), oid]);
    expect(keyForms(oid, "mixed")).toEqual([oid, oid.toHexString()]);
    expect(keyForms(5, "mixed")).toEqual([5, "5"]);
    expect(keyForms("5", "mixed")).toEqual(["5", 5]);
    expect(keyForms("05", "mixed")).toEqual(["05"]);
    expect(keyForms("abc", "mixed")).toEqual(["abc"]);
    expect(expandKeys([5, "5", null, oid, oid.toHexString().toUpperCase(), undefined], "mixed")).toEqual([5, "5", oid, oid.toHexString()]);
  });

  it("an objectId field gets ObjectIds only, a string field hex strings only; integers keep both forms", () => {
    const oid = new ObjectId();
    const hex = oid.toHexString();
    expect(keyForms(hex, "objectId")).toEqual([oid]);
    expect(keyForms(hex.toUpperCase(), "objectId")).toEqual([oid]);
    expect(keyForms(oid, "objectId")).toEqual([oid]);
    expect(keyForms(oid, "string")).toEqual([hex]);
    expect(keyForms(hex, "string")).toEqual([hex]);
    expect(keyForms(5, "objectId")).toEqual([5, "5"]);
    expect(keyForms("5", "string")).toEqual(["5", 5]);
    expect(expandKeys([oid, hex, hex.toUpperCase()], "objectId")).toEqual([oid]);
    expect(expandKeys([oid, hex], "string")).toEqual([hex]);
  });
});

describe("filters", () => {
  it("AND binds tighter than OR, soft deletes and relation keys are AND-ed outside", () => {
    const f = Item.where("name", "a").where("qty", ">", 1).orWhere("qty", 0).toFilter();
    expect(f).toEqual({
      deleted_at: { $eq: null },
      $or: [{ $and: [{ name: { $eq: "a" } }, { qty: { $gt: 1 } }] }, { qty: { $eq: 0 } }],
    });
  });

  it("id and objectId columns compare as ObjectIds (the form they store); other fields compare as given", () => {
    const oid = new ObjectId();
    const f = Item.query().withTrashed().where("id", oid.toHexString()).where("owner_id", "!=", oid).toFilter();
    expect(f).toEqual({
      $and: [{ _id: { $in: [oid] } }, { owner_id: { $nin: [oid] } }],
    });
    expect(Item.query().withTrashed().where("name", oid.toHexString()).toFilter()).toEqual({ name: { $eq: oid.toHexString() } });
  });

  it("like becomes an anchored, escaped regex; whereNull/whereNotNull use $eq/$ne null", () => {
    const f = Item.query().withTrashed().where("name", "like", "a.b%").toFilter() as { name: { $regex: RegExp } };
    expect(f.name.$regex.source).toBe("^a\\.b[\\s\\S]*$");
    expect(Item.query().onlyTrashed().whereNotNull("name").toFilter()).toEqual({ deleted_at: { $ne: null }, name: { $ne: null } });
  });
});
