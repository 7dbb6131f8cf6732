/** MongoModel CRUD and queries (contract suite: embedded store, or MONGODB_URL's server). */
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, getMongoConnection, MongoModel, ModelNotFoundError, registerModels } from "eloquent-orm";
import { useMongo, withCommands, mongoTargets } from "./target";

type NoteAttrs = {
  id?: string;
  title?: string;
  stars?: number;
  tags?: string[];
  meta?: Record<string, unknown> | null;
  done?: boolean;
  owner_id?: string | null;
  created_at?: Date;
  updated_at?: Date;
  deleted_at?: Date | null;
};
class Note extends MongoModel<NoteAttrs> {
  static connectionName = "mongo";
  static schema = {
    title: column("string", 255),
    stars: column("int"),
    tags: column("json"),
    meta: column("json", undefined, { nullable: true }),
    done: column("boolean"),
    owner_id: column("objectId", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    deleted_at: column("softDeletes"),
  };
}

type TicketAttrs = { id?: number; subject?: string };
class Ticket extends MongoModel<TicketAttrs> {
  static tableName = "tickets";
  static connectionName = "mongo";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    subject: column("string", 255),
  };
}

registerModels([Note, Ticket]);

describe.each(mongoTargets())("crud on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("crud", target);
  });
  afterAll(() => teardown());

  describe("MongoModel CRUD", () => {
    it("create exposes the ObjectId _id as a string id; find/findOrFail accept string or ObjectId", async () => {
      const note = await Note.create({ title: "first", stars: 3, tags: ["a"], done: false });
      expect(typeof note.id).toBe("string");
      expect(note.id).toMatch(/^[0-9a-f]{24}$/);
      expect(note.get("_id")).toBe(note.id);
      const raw = await getMongoConnection("mongo")
        .db.collection("notes")
        .findOne({ _id: new ObjectId(note.id!) });
      expect(raw?._id).toBeInstanceOf(ObjectId);
      expect(raw?.created_at).toBeInstanceOf(Date);
      expect((await Note.find(note.id))?.title).toBe("first");
      expect((await Note.find(new ObjectId(note.id!)))?.title).toBe("first");
      expect(await Note.find(new ObjectId().toHexString())).toBeNull();
      await expect(Note.findOrFail(new ObjectId().toHexString())).rejects.toBeInstanceOf(ModelNotFoundError);
      expect(JSON.parse(JSON.stringify(note))).toMatchObject({ id: note.id, title: "first", stars: 3, tags: ["a"], done: false });
    });

    it("save updates only changed fields ($set), update() and delete() work, unknown attributes are refused", async () => {
      const note = await Note.create({ title: "edit me", stars: 1 });
      const { count, commands } = await withCommands(async () => {
        note.stars = 2;
        await note.save();
        await note.save(); // nothing dirty: no command
      });
      expect(count).toBe(1);
      expect(commands[0]!.command).toBe("update");
      expect((await Note.findOrFail(note.id)).stars).toBe(2);
      await note.update({ title: "edited" });
      expect((await Note.findOrFail(note.id)).title).toBe("edited");
      note.set("nope" as never, 1 as never);
      await expect(note.save()).rejects.toThrow(/'nope' is not a column of notes/);
      const other = await Note.create({ title: "gone" });
      await other.delete(); // soft delete
      expect(await Note.find(other.id)).toBeNull();
      expect((await Note.query().withTrashed().find(other.id))?.title).toBe("gone");
      expect((await Note.query().onlyTrashed().get()).map((n) => n.title)).toEqual(["gone"]);
      await other.forceDelete();
      expect(await Note.query().withTrashed().find(other.id)).toBeNull();
    });

    it("query builder: where/orWhere groups, whereIn, whereNull, like, orderBy/limit/offset, count, pluck, paginate", async () => {
      await Note.query().withTrashed().forceDelete();
      await Note.createMany([
        { title: "alpha", stars: 5, done: true },
        { title: "beta", stars: 3, done: false },
        { title: "gamma", stars: 1, done: true, meta: { k: 1 } },
        { title: "delta", stars: 4, done: false },
      ]);
      const titles = (ns: { title?: string }[]) => ns.map((n) => n.title);
      expect(titles(await Note.where("stars", ">=", 4).orderBy("stars", "desc"))).toEqual(["alpha", "delta"]);
      expect(
        titles(
          await Note.where("done", true)
            .where((q) => q.where("stars", 1).orWhere("stars", 5))
            .orderBy("title"),
        ),
      ).toEqual(["alpha", "gamma"]);
      expect(titles(await Note.where("stars", 5).orWhere("title", "beta").orderBy("title"))).toEqual(["alpha", "beta"]);
      expect(titles(await Note.whereIn("title", ["beta", "delta", "x"]).orderBy("title"))).toEqual(["beta", "delta"]);
      expect(titles(await Note.query().whereNull("meta").orderBy("title"))).toEqual(["alpha", "beta", "delta"]);
      expect(titles(await Note.where("title", "like", "%ta").orderBy("title"))).toEqual(["beta", "delta"]);
      expect(titles(await Note.where("title", "like", "a.%"))).toEqual([]); // '.' is literal, not a regex wildcard
      expect(titles(await Note.orderBy("title").offset(1).limit(2))).toEqual(["beta", "delta"]);
      expect(await Note.where("done", false).count()).toBe(2);
      expect(await Note.orderBy("stars").pluck("stars")).toEqual([1, 3, 4, 5]);
      const page = await Note.orderBy("title").paginate(2, 3);
      expect({ ...page, data: titles(page.data) }).toEqual({ data: ["gamma"], total: 4, perPage: 3, currentPage: 2, lastPage: 2 });
      expect(await Note.where("stars", "<", 3).update({ done: false })).toBe(1);
      expect(await Note.where("done", false).count()).toBe(3);
      expect(() => Note.where("titel" as never, "x")).toThrow(/unknown column 'titel'.*Did you mean 'title'/s);
      // @ts-expect-error -- ~= is no operator: the typed where() rejects it at compile time too
      expect(() => Note.where("title", "~=", "x")).toThrow(/unknown operator/);
    });

    it("like with many % wildcards finishes on a long value (no backtracking blow-up) and still matches", async () => {
      await Note.createMany([{ title: "a".repeat(40) }, { title: "a".repeat(39) + "b" }]);
      const pattern = "%a".repeat(10) + "b";
      expect((await Note.where("title", "like", pattern)).map((n) => n.title)).toEqual(["a".repeat(39) + "b"]);
      expect(await Note.where("title", "not like", pattern).where("title", "like", "aaaa%").count()).toBe(1);
    });

    it("documents with a `constructor` field (written by another program) do not confuse whereIn, whereNotIn or orderBy", async () => {
      const raw = getMongoConnection("mongo").db.collection("proto_docs") as any;
      await raw.insertMany([
        { _id: 1, title: "b", constructor: "evil", stars: 2 },
        { _id: 2, title: "constructor", stars: 3 },
        { _id: 3, title: "a", stars: 1, constructor: { prototype: 1 } },
        { _id: 4, title: "toString" },
      ]);
      const ids = async (filter: object, sort: object = { _id: 1 }) =>
        (await raw.find(filter, { sort }).toArray()).map((d: { _id: number }) => d._id);
      expect(await ids({ title: { $in: ["constructor", "toString", "zzz"] } })).toEqual([2, 4]);
      expect(await ids({ title: { $nin: ["constructor", "b"] } })).toEqual([3, 4]);
      expect(await ids({ constructor: { $nin: ["evil"] } })).toEqual([2, 3, 4]);
      expect(await ids({ constructor: null })).toEqual([2, 4]);
      expect(await ids({}, { constructor: 1, _id: 1 })).toEqual([2, 4, 1, 3]); // missing sorts first, then the string, then the document
      expect(await ids({}, { title: 1 })).toEqual([3, 1, 2, 4]);
    });

    it("objectId columns: a hex string and an ObjectId find each other both ways", async () => {
      const owner = new ObjectId();
      const a = await Note.create({ title: "owned", owner_id: owner.toHexString() });
      const raw = await getMongoConnection("mongo")
        .db.collection("notes")
        .findOne({ _id: new ObjectId(a.id!) });
      expect(raw?.owner_id).toBeInstanceOf(ObjectId); // stored as an ObjectId
      expect(a.owner_id).toBe(owner.toHexString()); // exposed as a string
      expect((await Note.where("owner_id", owner).first())?.id).toBe(a.id);
      expect((await Note.where("owner_id", owner.toHexString()).first())?.id).toBe(a.id);
      // The filter carries the form the declared type stores (an ObjectId), not also the hex string: a document
      // written by another program with the key as a plain string is not matched (key-lists.test.ts: undeclared fields are).
      await getMongoConnection("mongo").db.collection("notes").insertOne({ title: "legacy", owner_id: owner.toHexString() });
      expect((await Note.where("owner_id", owner).orderBy("title")).map((n) => n.title)).toEqual(["owned"]);
    });

    it("increments ids come from an atomic counter collection", async () => {
      const [a, b] = await Promise.all([Ticket.create({ subject: "a" }), Ticket.create({ subject: "b" })]);
      expect([a.id, b.id].sort()).toEqual([1, 2]);
      const many = await Ticket.createMany([{ subject: "c" }, { subject: "d" }]);
      expect(many.map((t) => t.id)).toEqual([3, 4]);
      expect((await Ticket.find(3))?.subject).toBe("c");
      expect((await Ticket.find("4"))?.subject).toBe("d"); // a numeric string finds the numeric key
      const raw = await getMongoConnection("mongo")
        .db.collection("tickets")
        .findOne({ _id: 1 as never });
      expect(raw?.subject).toBeDefined();
      await a.delete();
      expect(await Ticket.count()).toBe(3);
    });
  });

  describe("errors and refresh", () => {
    it("a duplicate id is a clear error naming the model and the fix; nothing is overwritten", async () => {
      const a = await Note.create({ title: "original" });
      await expect(Note.create({ id: a.id, title: "impostor" })).rejects.toThrow(
        new RegExp(`Note: id "${a.id}" already exists in collection notes \\(duplicate _id\\)\\. Leave id unset`),
      );
      expect((await Note.findOrFail(a.id)).title).toBe("original");
    });

    it("refresh() re-reads the document written by someone else", async () => {
      const n = await Note.create({ title: "before", stars: 1 });
      await Note.where("id", n.id).update({ title: "after" });
      expect(n.title).toBe("before");
      await n.refresh();
      expect([n.title, n.isDirty()]).toEqual(["after", false]);
    });
  });

  describe("connections", () => {
    it("closeAllConnections() closes Mongo connections too; they reopen on next use with the data kept", async () => {
      const { closeAllConnections } = await import("eloquent-orm");
      const before = getMongoConnection("mongo");
      const note = await Note.create({ title: "survives close" });
      await closeAllConnections();
      const after = getMongoConnection("mongo");
      expect(after).not.toBe(before);
      expect((await Note.findOrFail(note.id)).title).toBe("survives close");
    });

    it("a mongodb:// URL opens the official driver's MongoClient — never a silent fallback to the embedded store", async () => {
      const { MongoClient } = await import("mongodb");
      const { configureMongoConnection, closeMongoConnection } = await import("eloquent-orm");
      configureMongoConnection("unreachable", { url: "mongodb://127.0.0.1:1/inventory", options: { serverSelectionTimeoutMS: 300 } });
      const conn = getMongoConnection("unreachable");
      expect(conn).toMatchObject({ embedded: false, databaseName: "inventory" });
      expect(conn.client).toBeInstanceOf(MongoClient);
      await expect(conn.db.collection("items").find({}).toArray()).rejects.toThrow(/ECONNREFUSED|Server selection timed out/);
      await closeMongoConnection("unreachable");
    });

    it("a server that does not answer is a clear error within seconds, naming the connection and the URL (password hidden)", async () => {
      const { configureMongoConnection, closeMongoConnection, MongoConnectionError, DEFAULT_SERVER_SELECTION_TIMEOUT_MS } =
        await import("eloquent-orm");
      const net = await import("node:net");
      // A port that was free a moment ago: nothing listens there.
      const port = await new Promise<number>((done) => {
        const s = net.createServer().listen(0, "127.0.0.1", () => {
          const p = (s.address() as { port: number }).port;
          s.close(() => done(p));
        });
      });
      const url = `mongodb://app:s3cret@127.0.0.1:${port}/shop`;
      configureMongoConnection("closed", url);
      const conn = getMongoConnection("closed");
      expect(conn.client!.options.serverSelectionTimeoutMS).toBe(DEFAULT_SERVER_SELECTION_TIMEOUT_MS);
      expect(DEFAULT_SERVER_SELECTION_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
      const error = await conn.db
        .collection("items")
        .find({})
        .toArray()
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(MongoConnectionError);
      expect(String((error as Error).message)).toMatch(
        new RegExp(
          `^Mongo connection "closed": no MongoDB server answered at mongodb://app:\\*\\*\\*@127\\.0\\.0\\.1:${port}/shop within 5000 ms \\(.*ECONNREFUSED`,
        ),
      );
      expect(String((error as Error).message)).not.toContain("s3cret");
      expect(String((error as Error).message)).toMatch(/comes from configureMongoConnection\("closed"\)/);
      await closeMongoConnection("closed");
      // The URL's own setting wins over the default.
      configureMongoConnection("closed", `mongodb://127.0.0.1:${port}/?serverSelectionTimeoutMS=250`);
      expect(getMongoConnection("closed").client!.options.serverSelectionTimeoutMS).toBe(250);
      await closeMongoConnection("closed");
    });

    it("retryable reads and writes stay on (the driver's defaults); the URL or options turn them off", async () => {
      const { configureMongoConnection, closeMongoConnection } = await import("eloquent-orm");
      configureMongoConnection("retry", "mongodb://127.0.0.1:1/shop");
      expect(getMongoConnection("retry").client!.options).toMatchObject({ retryReads: true, retryWrites: true });
      await closeMongoConnection("retry");
      configureMongoConnection("retry", "mongodb://127.0.0.1:1/shop?retryWrites=false&retryReads=false");
      expect(getMongoConnection("retry").client!.options).toMatchObject({ retryReads: false, retryWrites: false });
      await closeMongoConnection("retry");
      configureMongoConnection("retry", { url: "mongodb://127.0.0.1:1/shop", options: { retryWrites: false } });
      expect(getMongoConnection("retry").client!.options).toMatchObject({ retryReads: true, retryWrites: false });
      await closeMongoConnection("retry");
    });

    it("rejects URLs that are not MongoDB URLs with a message naming the accepted forms", async () => {
      const { configureMongoConnection } = await import("eloquent-orm");
      expect(() => configureMongoConnection("bad", "postgres://x")).toThrow(
        /not a MongoDB URL\. Use mongodb:\/\/host:27017\/db, mongodb\+srv:\/\/cluster\/db, or memory:/,
      );
    });

    it("resolves database names from config, the URL path, or the default", async () => {
      const { configureMongoConnection, closeMongoConnection, DEFAULT_MONGO_DATABASE } = await import("eloquent-orm");
      configureMongoConnection("named", { url: "memory:" });
      expect(getMongoConnection("named").databaseName).toBe(process.env.MONGODB_DATABASE ?? DEFAULT_MONGO_DATABASE);
      await closeMongoConnection("named");
      configureMongoConnection("named", { url: "memory:", database: "shop" });
      expect(getMongoConnection("named")).toMatchObject({ databaseName: "shop", embedded: true });
      await closeMongoConnection("named");
    });
  });
});
