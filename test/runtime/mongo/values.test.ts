/**
 * What comes back is what a server gives back: BSON value round-trips, equality on stored values,
 * sort order across types, counts, duplicate keys and findOneAndUpdate results — run on every
 * target, so the embedded store is held to the server's answers.
 */
import { Binary, BSON, Decimal128, Double, Int32, Long, ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, getMongoConnection, MongoModel, registerModels } from "eloquent-orm";
import { mongoTargets, serverFlavor, useMongo } from "./target";

class Point {
  constructor(
    readonly x: number,
    readonly y: number,
  ) {}
}

type Case = {
  name: string;
  stored: unknown;
  /** What a driver read returns (the driver's default deserialisation). */
  read: unknown;
  /** False when equality on the stored value is not part of the case (regex values match as patterns). */
  query?: boolean;
  /**
   * A server that cannot store the value: what it does instead is asserted (and printed), so the case
   * still runs there and fails once the server changes.
   */
  refused?: { ferretdb?: string };
};

const oid = new ObjectId("65f0c2a1b2c3d4e5f6a7b8c9");
const CASES: Case[] = [
  { name: "ObjectId", stored: oid, read: oid },
  { name: "Int32", stored: new Int32(7), read: 7 },
  { name: "Double (integral)", stored: new Double(1), read: 1 },
  { name: "Double", stored: new Double(2.5), read: 2.5 },
  { name: "Long (safe)", stored: Long.fromNumber(5), read: 5 },
  { name: "Long (beyond 2^53)", stored: Long.fromString("9007199254740993"), read: Long.fromString("9007199254740993") },
  { name: "bigint", stored: 12n, read: 12 },
  {
    name: "Decimal128",
    stored: Decimal128.fromString("1.10"),
    read: Decimal128.fromString("1.10"),
    // FerretDB 1.24 converts wire BSON to its own types without a Decimal128 case (internal/bson: "invalid BSON
    // type"): the connection's goroutine panics and the server closes the socket, for writes and filters alike.
    refused: { ferretdb: "FerretDB 1.24 has no Decimal128: the server closes the connection on one" },
  },
  { name: "Date", stored: new Date(1_234_567_890_123), read: new Date(1_234_567_890_123) },
  { name: "Buffer", stored: Buffer.from([1, 2, 3]), read: new Binary(Buffer.from([1, 2, 3])) },
  { name: "Uint8Array", stored: new Uint8Array([4, 5]), read: new Binary(Buffer.from([4, 5])) },
  { name: "Binary subtype 4 (UUID)", stored: new Binary(Buffer.alloc(16, 7), 4), read: new Binary(Buffer.alloc(16, 7), 4) },
  {
    name: "Map",
    stored: new Map<string, unknown>([
      ["a", 1],
      ["b", [2]],
    ]),
    read: { a: 1, b: [2] },
  },
  { name: "class instance", stored: new Point(1, 2), read: { x: 1, y: 2 } },
  { name: "array with undefined", stored: [1, undefined, "x"], read: [1, null, "x"] },
  { name: "undefined", stored: undefined, read: null },
  { name: "upper-case hex string", stored: "65F0C2A1B2C3D4E5F6A7B8C9", read: "65F0C2A1B2C3D4E5F6A7B8C9" },
  { name: "RegExp", stored: /a.b/i, read: /a.b/i, query: false },
];

/** Types and values exactly, as Extended JSON (number vs Long vs Double, Binary subtype…). */
const ejson = (v: unknown) => BSON.EJSON.stringify({ v } as BSON.Document, { relaxed: false });

type SlotAttrs = { id?: string; label?: string; data?: unknown };
class Slot extends MongoModel<SlotAttrs> {
  static connectionName = "mongo";
  static schema = { label: column("string", 64), data: column("json", undefined, { nullable: true }) };
}
registerModels([Slot], { strict: true, logger: false });

describe.each(mongoTargets())("values on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  let flavor: Awaited<ReturnType<typeof serverFlavor>>;
  const raw = () => getMongoConnection("mongo").db.collection("values") as any;
  beforeAll(async () => {
    teardown = await useMongo("values", target);
    flavor = await serverFlavor();
  });
  afterAll(() => teardown());

  describe("value round-trips", () => {
    it.for(CASES)("$name", async (c) => {
      const refused = flavor === "ferretdb" ? c.refused?.ferretdb : undefined;
      if (refused) {
        console.warn(`on ${flavor}: ${c.name} is refused, as expected — ${refused}`);
        const _id = new ObjectId();
        await expect(raw().insertOne({ _id, v: c.stored })).rejects.toMatchObject({ name: "MongoNetworkError" });
        await expect(raw().countDocuments({ v: c.stored })).rejects.toMatchObject({ name: "MongoNetworkError" });
        // The driver opens a new connection: the client stays usable, and nothing was stored.
        expect(await raw().countDocuments({ _id })).toBe(0);
        return;
      }
      const _id = new ObjectId();
      await raw().insertOne({ _id, v: c.stored });
      const back = await raw().findOne({ _id });
      expect(ejson(back.v)).toBe(ejson(c.read));
      if (c.query !== false && c.stored !== undefined) {
        expect(await raw().countDocuments({ _id, v: c.stored })).toBe(1);
      }
    });

    it("a model's json column keeps nested values as the server returns them", async () => {
      const slot = await Slot.create({
        label: "nested",
        data: { n: new Int32(3), at: new Date(0), tags: new Map([["k", "v"]]), missing: undefined },
      });
      const fresh = await Slot.findOrFail(slot.id);
      expect(ejson(fresh.data)).toBe(ejson({ n: 3, at: new Date(0), tags: { k: "v" }, missing: null }));
    });

    it("upper-case hex ids find the ObjectId they name; the model exposes lower-case hex", async () => {
      const upper = "65F0C2A1B2C3D4E5F6A7B8CA";
      const slot = await Slot.create({ id: upper, label: "upper" });
      const stored = await getMongoConnection("mongo").db.collection("slots").findOne({ label: "upper" });
      expect(stored?._id).toBeInstanceOf(ObjectId);
      expect(String(stored?._id)).toBe(upper.toLowerCase());
      expect((await Slot.find(upper))?.id).toBe(upper.toLowerCase());
      expect((await Slot.find(upper.toLowerCase()))?.label).toBe("upper");
      expect(await Slot.whereIn("id", [upper]).count()).toBe(1);
      expect(slot.id).toBe(upper); // the caller's value, as given, until re-read
    });
  });

  describe("server answers", () => {
    it("sorts across types in BSON order: null and missing, numbers, strings (binary), arrays by their least element", async () => {
      const c = getMongoConnection("mongo").db.collection("order") as any;
      await c.insertMany([
        { _id: 1, k: "b" },
        { _id: 2, k: "B" },
        { _id: 3, k: "a" },
        { _id: 4, k: null },
        { _id: 5 },
        { _id: 6, k: 3 },
        { _id: 7, k: 2.5 },
        { _id: 8, k: ["z", "a"] },
        { _id: 9, k: new Date(0) },
      ]);
      const ids = async (sort: object) => (await c.find({}, { sort }).toArray()).map((d: { _id: number }) => d._id);
      expect(await ids({ k: 1, _id: 1 })).toEqual([4, 5, 7, 6, 2, 3, 8, 1, 9]);
      expect(await ids({ k: -1, _id: 1 })).toEqual([9, 8, 1, 3, 2, 6, 7, 4, 5]);
      expect(await c.countDocuments({}, { skip: 2, limit: 3 })).toBe(3);
      expect(await c.countDocuments({}, { skip: 7 })).toBe(2);
      expect(await c.countDocuments({ k: null })).toBe(2);
      expect(await c.countDocuments({ k: { $exists: false } })).toBe(1);
      expect(await c.countDocuments({ k: "a" })).toBe(2); // the array holds "a"
    });

    it("sorts documents by field type, then name, then value, and binaries by length first", async () => {
      const c = getMongoConnection("mongo").db.collection("order2") as any;
      await c.insertMany([
        { _id: 1, k: { a: "x" } },
        { _id: 2, k: { b: 0 } },
        { _id: 3, k: { a: 1 } },
        { _id: 4, k: new Binary(Buffer.from([1, 1])) },
        { _id: 5, k: new Binary(Buffer.from([9])) },
      ]);
      expect((await c.find({}, { sort: { k: 1 } }).toArray()).map((d: { _id: number }) => d._id)).toEqual([3, 2, 1, 5, 4]);
    });

    it("duplicate keys: code 11000; an ordered insertMany keeps the documents before the duplicate", async () => {
      const c = getMongoConnection("mongo").db.collection("dups") as any;
      await c.insertOne({ _id: 1 });
      await expect(c.insertOne({ _id: 1 })).rejects.toMatchObject({
        code: 11000,
        message: expect.stringMatching(/^E11000 duplicate key error collection: \S+\.dups/),
      });
      await expect(c.insertMany([{ _id: 10 }, { _id: 1 }, { _id: 11 }])).rejects.toMatchObject({ code: 11000 });
      expect((await c.find({}, { sort: { _id: 1 } }).toArray()).map((d: { _id: number }) => d._id)).toEqual([1, 10]);
    });

    it("findOneAndUpdate returns the document (before by default, after on request) or null; upserts return null before", async () => {
      const c = getMongoConnection("mongo").db.collection("fau") as any;
      await c.insertOne({ _id: 1, n: 1 });
      expect(await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } })).toEqual({ _id: 1, n: 1 });
      expect(await c.findOneAndUpdate({ _id: 1 }, { $inc: { n: 1 } }, { returnDocument: "after" })).toEqual({ _id: 1, n: 3 });
      expect(await c.findOneAndUpdate({ _id: 2 }, { $set: { n: 1 } })).toBeNull();
      expect(await c.findOneAndUpdate({ _id: 3 }, { $set: { n: 1 } }, { upsert: true })).toBeNull();
      expect(await c.findOneAndUpdate({ _id: 4 }, { $set: { n: 1 } }, { upsert: true, returnDocument: "after" })).toEqual({ _id: 4, n: 1 });
      expect(await c.countDocuments({})).toBe(3);
    });
  });
});
