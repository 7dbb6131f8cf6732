/**
 * Operator injection: values that reach a filter are data, never query syntax. Policy (docs/mongo.md):
 * an object value carrying a `$` key is rejected with a clear error before any command is sent;
 * strings that look like operators are matched literally; field names come only from the schema.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, MongoModel, MongoQueryError, registerModels } from "eloquent-orm";
import { useMongo, withCommands, mongoTargets } from "./target";

type AccountAttrs = { id?: string; email?: string; password_hash?: string; prefs?: Record<string, unknown> | null; age?: number };
class Account extends MongoModel<AccountAttrs> {
  static connectionName = "mongo";
  static schema = {
    email: column("string", 255),
    password_hash: column("string", 255),
    prefs: column("json", undefined, { nullable: true }),
    age: column("int"),
  };
}
registerModels([Account], { strict: true, logger: false });

describe.each(mongoTargets())("injection on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("injection", target);
    await Account.createMany([
      { email: "ada@example.com", password_hash: "h1", prefs: { theme: "dark" }, age: 36 },
      { email: "bob@example.com", password_hash: "h2", prefs: null, age: 41 },
      { email: "$ne", password_hash: "h3", age: 1 },
    ]);
  });
  afterAll(() => teardown());

  /** What an Express body parser produces from `{"email": {"$ne": null}}`. */
  const body = JSON.parse('{"email":{"$ne":null},"password_hash":{"$gt":""}}') as Record<string, unknown>;

  describe("operator injection", () => {
    it("an operator object as a where() value is rejected before any command runs", async () => {
      const { count } = await withCommands(async () => {
        // @ts-expect-error -- an untyped request value (unknown) is no email: compile-time check; the run time still rejects it
        expect(() => Account.where("email", body.email)).toThrow(MongoQueryError);
        // @ts-expect-error -- an untyped request value (unknown) is no email: compile-time check; the run time still rejects it
        expect(() => Account.where("email", body.email)).toThrow(/the value for 'email' is an object with the key '\$ne'/);
        // @ts-expect-error -- untyped request values: compile-time check; the run time still rejects them
        expect(() => Account.where({ email: body.email, password_hash: body.password_hash })).toThrow(/'\$ne'/);
        // @ts-expect-error -- an operator object is no email: compile-time check too
        expect(() => Account.where("email", "!=", { $exists: true })).toThrow(/'\$exists'/);
        // @ts-expect-error -- an operator object is no email: the schema-typed whereIn rejects it at compile time too
        expect(() => Account.whereIn("email", [{ $regex: ".*" }])).toThrow(/'\$regex'/);
        // @ts-expect-error -- an operator object is no age: compile-time check too
        expect(() => Account.where("age", ">", { $where: "sleep(1000)" })).toThrow(/'\$where'/);
      });
      expect(count).toBe(0);
    });

    it("operator keys hidden deep inside a json value are rejected too", () => {
      expect(() => Account.where("prefs", { theme: { $ne: null } })).toThrow(/'\$ne'/);
      expect(() => Account.where("prefs", { list: [{ $gt: 0 }] })).toThrow(/'\$gt'/);
    });

    it("field names come only from the schema: operator keys as column names are unknown columns", () => {
      expect(() => Account.where({ $where: "1" } as never)).toThrow(/unknown column '\$where'/);
      expect(() => Account.where({ $or: [{}] } as never)).toThrow(/unknown column '\$or'/);
      expect(() => Account.query().orderBy("$natural" as never)).toThrow(/unknown column/);
    });

    it("find() and relation keys refuse objects instead of treating them as filters", async () => {
      await expect(Account.find({ $ne: null })).rejects.toThrow(/expected an id/);
    });

    it("strings that look like operators are plain data, matched literally", async () => {
      expect((await Account.where("email", "$ne")).map((a) => a.password_hash)).toEqual(["h3"]);
      expect(await Account.where("email", '{"$ne":null}').count()).toBe(0);
      const weird = await Account.create({ email: '{"$gt": ""}', password_hash: "'); db.dropDatabase(); //" });
      const back = await Account.findOrFail(weird.id);
      expect([back.email, back.password_hash]).toEqual(['{"$gt": ""}', "'); db.dropDatabase(); //"]);
      expect(await Account.where("email", "like", ".*").count()).toBe(0); // like patterns are escaped
    });

    it("plain documents without operators still match json columns literally", async () => {
      expect((await Account.where("prefs", { theme: "dark" })).map((a) => a.email)).toEqual(["ada@example.com"]);
      // @ts-expect-error -- a document is no email: compile-time check too
      expect(() => Account.where("email", { theme: "dark" })).toThrow(/Only json columns are compared with documents/);
      // @ts-expect-error -- a RegExp is no email: compile-time check too
      expect(() => Account.where("email", /ada/)).toThrow(/RegExp object/);
    });
  });
});
