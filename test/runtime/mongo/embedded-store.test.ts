/**
 * The embedded store against the driver's semantics: mingo matching and update operators, the
 * unique _id index, copy-in/copy-out, upserts, and the planner's hash lookups agreeing with mingo.
 */
import { Query } from "mingo";
import { ObjectId } from "mongodb";
import { beforeEach, describe, expect, it } from "vitest";
import { EmbeddedServer, EmbeddedStoreError, type EmbeddedCommand } from "../../../runtime/src/mongo/embedded";
import { planFilter } from "../../../runtime/src/mongo/embedded/plan";

let commands: EmbeddedCommand[];
let db: ReturnType<EmbeddedServer["db"]>;

// Loosely typed: the tests store numeric _ids, which the driver's Filter type does not expect.
const coll = (name: string): any => db.collection(name);

beforeEach(() => {
  commands = [];
  db = new EmbeddedServer().db("test", (e) => commands.push(e));
});

describe("embedded store: inserts and ids", () => {
  it("generates an ObjectId _id, writes it back to the caller's document, and rejects duplicates with E11000", async () => {
    const c = coll("users");
    const doc: Record<string, unknown> = { name: "Ada" };
    const res = await c.insertOne(doc);
    expect(res.insertedId).toBeInstanceOf(ObjectId);
    expect(doc._id).toBe(res.insertedId);
    await expect(c.insertOne({ _id: res.insertedId, name: "again" })).rejects.toMatchObject({ code: 11000 });
    await expect(c.insertOne({ _id: new ObjectId(String(res.insertedId)) })).rejects.toBeInstanceOf(EmbeddedStoreError);
    expect(await c.countDocuments({})).toBe(1);
  });

  it("insertMany is ordered: documents before a duplicate stay inserted", async () => {
    const c = coll("n");
    await expect(c.insertMany([{ _id: 1 }, { _id: 2 }, { _id: 1 }, { _id: 3 }])).rejects.toMatchObject({ code: 11000 });
    expect((await c.find({}).toArray()).map((d: any) => d._id)).toEqual([1, 2]);
  });

  it("copies on write and on read: callers cannot mutate stored documents", async () => {
    const c = coll("docs");
    const tags = ["a"];
    const doc = { _id: 1, tags, nested: { n: 1 }, at: new Date(0), skip: undefined };
    await c.insertOne(doc);
    tags.push("mutated");
    doc.nested.n = 99;
    const read = (await c.findOne({ _id: 1 }))!;
    expect(read).toEqual({ _id: 1, tags: ["a"], nested: { n: 1 }, at: new Date(0), skip: null });
    expect(read.skip).toBeNull(); // the driver sends undefined as null (ignoreUndefined: false)
    (read.tags as string[]).push("x");
    (read.at as Date).setTime(5);
    expect(await c.findOne({ _id: 1 })).toEqual({ _id: 1, tags: ["a"], nested: { n: 1 }, at: new Date(0), skip: null });
    const arr = ["z"];
    await c.updateOne({ _id: 1 }, { $set: { tags: arr } });
    arr.push("mutated");
    expect((await c.findOne({ _id: 1 }))!.tags).toEqual(["z"]);
  });
});

describe("embedded store: the 16 MB document limit", () => {
  const MiB = 1024 * 1024;
  it("refuses documents and update results above 16 MiB of BSON, like the server, and stores nothing", async () => {
    const c = coll("big");
    await c.insertOne({ _id: 1, s: "x".repeat(16 * MiB - 100) }); // just below: stored
    await expect(c.insertOne({ _id: 2, s: "x".repeat(16 * MiB) })).rejects.toMatchObject({
      code: 10334,
      message: expect.stringMatching(/^object to insert too large\. size in bytes: \d+, max size: 16777216$/),
    });
    await expect(c.updateOne({ _id: 1 }, { $set: { t: "y".repeat(200) } })).rejects.toMatchObject({
      code: 17419,
      message: "Resulting document after update is larger than 16777216",
    });
    await expect(c.insertMany([{ _id: 3 }, { _id: 4, s: "x".repeat(16 * MiB) }])).rejects.toThrow(
      "Document is larger than the maximum size 16777216",
    );
    expect((await c.find({}, { projection: { _id: 1 } }).toArray()).map((d: any) => d._id)).toEqual([1]); // the driver sends nothing of a batch it refuses
    expect(((await c.findOne({ _id: 1 })) as any).t).toBeUndefined();
  });
});

describe("embedded store: queries (mingo semantics)", () => {
  beforeEach(async () => {
    await coll("p").insertMany([
      { _id: 1, name: "a", age: 30, tags: ["x", "y"], meta: { k: 1 } },
      { _id: 2, name: "b", age: 20, tags: ["y"] },
      { _id: 3, name: "c", age: 40, tags: [], meta: null },
      { _id: 4, name: "d" },
    ]);
  });

  it("filters with operators, array membership, null/missing", async () => {
    const c = coll("p");
    const ids = async (f: object) => (await c.find(f).toArray()).map((d: any) => d._id);
    expect(await ids({ age: { $gte: 30 } })).toEqual([1, 3]);
    expect(await ids({ tags: "y" })).toEqual([1, 2]);
    expect(await ids({ tags: { $in: ["x", "nope"] } })).toEqual([1]);
    expect(await ids({ meta: null })).toEqual([2, 3, 4]);
    expect(await ids({ $or: [{ name: "a" }, { age: 20 }] })).toEqual([1, 2]);
    expect(await ids({ "meta.k": 1 })).toEqual([1]);
    expect(await ids({ age: "30" })).toEqual([]); // no type coercion inside the store
  });

  it("sorts, skips, limits and projects like find()", async () => {
    const c = coll("p");
    const docs = await c.find({ age: { $exists: true } }, { sort: { age: -1 }, skip: 1, limit: 1, projection: { name: 1 } }).toArray();
    expect(docs).toEqual([{ _id: 1, name: "a" }]);
    expect(await c.findOne({}, { sort: [["name", "desc"]] })).toMatchObject({ _id: 4 });
    expect(await c.countDocuments({ age: { $lt: 100 } }, { limit: 2 })).toBe(2);
  });

  it("refuses scripts ($where) so stored data cannot run code", async () => {
    await expect(
      coll("p")
        .find({ $where: "true" } as never)
        .toArray(),
    ).rejects.toThrow();
  });
});

describe("embedded store: updates, upserts, deletes", () => {
  it("applies update operators and reports matched/modified counts", async () => {
    const c = coll("u");
    await c.insertMany([
      { _id: 1, n: 1, tags: [] },
      { _id: 2, n: 1, tags: [] },
    ]);
    expect(await c.updateMany({ n: 1 }, { $inc: { n: 2 }, $push: { tags: "t" } })).toMatchObject({ matchedCount: 2, modifiedCount: 2 });
    expect(await c.updateOne({ _id: 1 }, { $set: { n: 3 } })).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
    expect(await c.find({}).toArray()).toEqual([
      { _id: 1, n: 3, tags: ["t"] },
      { _id: 2, n: 3, tags: ["t"] },
    ]);
    await expect(c.updateOne({ _id: 1 }, { n: 5 } as never)).rejects.toThrow("Update document requires atomic operators");
    await expect(c.updateOne({ _id: 1 }, { $set: { _id: 9 } })).rejects.toThrow("immutable field '_id'");
  });

  it("upserts from the filter's equality fields with $setOnInsert", async () => {
    const c = coll("u");
    const r = await c.updateOne({ key: "a", n: { $gt: 5 } }, { $set: { v: 1 }, $setOnInsert: { created: true } }, { upsert: true });
    expect(r).toMatchObject({ matchedCount: 0, upsertedCount: 1 });
    expect(await c.findOne({ _id: r.upsertedId! })).toEqual({ _id: r.upsertedId, key: "a", v: 1, created: true });
    await c.updateOne({ key: "a" }, { $set: { v: 2 }, $setOnInsert: { created: false } }, { upsert: true });
    expect(await c.find({ key: "a" }).toArray()).toEqual([{ _id: r.upsertedId, key: "a", v: 2, created: true }]);
  });

  it("findOneAndUpdate upserts a counter atomically and returns the document after", async () => {
    const c = coll("counters");
    const next = () => c.findOneAndUpdate({ _id: "photos" } as never, { $inc: { seq: 1 } }, { upsert: true, returnDocument: "after" });
    const values = await Promise.all([next(), next(), next()]);
    expect(values.map((d) => d!.seq)).toEqual([1, 2, 3]);
    expect(await c.findOneAndUpdate({ _id: "photos" } as never, { $inc: { seq: 1 } }, { returnDocument: "before" })).toEqual({
      _id: "photos",
      seq: 3,
    });
    expect(await c.findOneAndUpdate({ _id: "none" } as never, { $inc: { seq: 1 } }, {})).toBeNull();
  });

  it("deletes one or many", async () => {
    const c = coll("d");
    await c.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
    expect(await c.deleteOne({ k: 1 })).toMatchObject({ deletedCount: 1 });
    expect(await c.deleteMany({})).toMatchObject({ deletedCount: 2 });
    expect(await c.countDocuments({})).toBe(0);
  });

  it("reports one command event per operation, with the driver's command names", async () => {
    const c = coll("e");
    await c.insertOne({ a: 1 });
    await c.find({ a: 1 }).toArray();
    await c.countDocuments({});
    await c.updateOne({ a: 1 }, { $set: { a: 2 } });
    await c.findOneAndUpdate({ a: 2 }, { $set: { a: 3 } }, {});
    await c.deleteMany({});
    expect(commands.map((e) => `${e.collection}:${e.command}`)).toEqual([
      "e:insert",
      "e:find",
      "e:aggregate",
      "e:update",
      "e:findAndModify",
      "e:delete",
    ]);
  });
});

describe("embedded store: the planner's hash lookups agree with mingo", () => {
  it("plans whereNotIn / whereDoesntHave ($nin, also inside $and) as hash exclusions, not list scans", async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => i);
    const plan = planFilter({ $and: [{ author_id: { $nin: ids } }, { deleted_at: { $eq: null } }], n: { $in: [1, 2] } });
    expect(plan.excluded.map((e) => [e.field, e.keys.size])).toEqual([["author_id", 1000]]);
    expect(plan.indexed?.field).toBe("n");
    expect(plan.residual?.test({ deleted_at: null })).toBe(true); // only the null test is left to mingo
    expect(planFilter({ f: { $nin: [null, 1] } }).excluded).toEqual([]); // null: mingo's semantics
  });

  it("on random documents and filters over mixed value types", async () => {
    const ids = Array.from({ length: 5 }, () => new ObjectId());
    const values: unknown[] = [1, 2, "1", "a", true, null, ids[0], ids[1], new Date(5), 2.0, [1, "a"], [ids[1]], { x: 1 }, [[1]]];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const docs = Array.from({ length: 300 }, (_, i) => {
      const d: Record<string, unknown> = { _id: i % 3 === 0 ? ids[i % 5]!.toHexString() + i : i };
      if (rnd(4)) d.f = values[rnd(values.length)];
      if (rnd(2)) d.g = values[rnd(values.length)];
      if (!rnd(5)) Reflect.set(d, "constructor", values[rnd(values.length)]); // an own field named like Object's
      return d;
    });
    const c = coll("plan");
    await c.insertMany(docs);
    const scalars = [1, 2, "1", "a", true, ids[0], ids[1], new Date(5), new ObjectId(ids[0]!.toHexString())];
    for (let t = 0; t < 200; t++) {
      const pick = () => scalars[rnd(scalars.length)];
      const filters: Record<string, unknown>[] = [
        { f: pick() },
        { f: { $in: [pick(), pick(), pick()] } },
        { f: { $eq: pick() }, g: pick() },
        { f: { $in: [pick()] }, g: { $in: [pick(), pick()] } },
        { _id: { $in: [rnd(300), rnd(300), "x"] }, f: { $exists: true } },
        { f: { $nin: [pick(), pick()] } },
        { f: { $nin: [pick()] }, g: { $nin: [pick(), pick()] } },
        { $and: [{ f: { $in: [pick(), pick()] } }, { g: { $nin: [pick()] } }, { f: { $ne: pick() } }] },
        { constructor: { $nin: [pick()] }, f: { $in: [pick()] } },
      ];
      for (const filter of filters) {
        const expected = new Query(filter, {})
          .find(docs)
          .all()
          .map((d) => (d as { _id: unknown })._id);
        const got = (await c.find(filter).toArray()).map((d: any) => d._id);
        expect(got, JSON.stringify(filter)).toEqual(expected);
      }
    }
  });
});
