/**
 * Key lists follow the declared column types: a `$in` on an objectId field (an ObjectId `_id` too)
 * carries ObjectIds only, on a string field hex strings only — one form per key, not both — and a
 * field whose type is not declared keeps both forms, so documents other programs wrote either way
 * still match. Checked on the filters the connection reports (on a server: the driver's command
 * monitoring, i.e. what went over the wire) and on the answers, on both Mongo legs.
 */
import { ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, getMongoConnection, MongoModel, registerModels, relation, type MongoCommandEvent } from "eloquent-orm";
import { mongoTargets, useMongo, withCommands } from "./target";

type DockAttrs = { id?: string; name?: string; boats?: Boat[]; buoys?: Buoy[]; crates?: Crate[] };
class Dock extends MongoModel<DockAttrs> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 64),
    boats: relation("hasMany", "Boat", { foreignKey: "dock_id" }),
    buoys: relation("hasMany", "Buoy", { foreignKey: "dock_id" }),
    crates: relation("hasMany", "Crate", { foreignKey: "dock_id" }),
  };
}
/** Its FK is an objectId column: stored and searched as ObjectIds. */
type BoatAttrs = { id?: string; name?: string; dock_id?: string; dock?: Dock | null };
class Boat extends MongoModel<BoatAttrs> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 64),
    dock_id: column("objectId"),
    dock: relation("belongsTo", "Dock", { foreignKey: "dock_id" }),
  };
}
/** Its FK is a string column: stored and searched as hex strings. */
type BuoyAttrs = { id?: string; name?: string; dock_id?: string; dock?: Dock | null };
class Buoy extends MongoModel<BuoyAttrs> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 64),
    dock_id: column("string", 24),
    dock: relation("belongsTo", "Dock", { foreignKey: "dock_id" }),
  };
}
/** Its FK is a json column (no key type: any value), holding mixed data: both forms are sent. */
type CrateAttrs = { id?: string; name?: string; dock_id?: unknown; dock?: Dock | null };
class Crate extends MongoModel<CrateAttrs> {
  static connectionName = "mongo";
  static schema = {
    name: column("string", 64),
    dock_id: column("json"),
    dock: relation("belongsTo", "Dock", { foreignKey: "dock_id" }),
  };
}
registerModels([Dock, Boat, Buoy, Crate], { strict: true, logger: false });

/** The `$in` list the one command on `collection` carried for `field`. */
function sentKeys(commands: MongoCommandEvent[], collection: string, field: string): unknown[] {
  const on = commands.filter((c) => c.collection === collection);
  expect(on, `one command on ${collection}`).toHaveLength(1);
  const list = findIn(on[0]!.filter, field);
  expect(list, `a $in on ${field} in ${JSON.stringify(on[0]!.filter)}`).toBeDefined();
  return list!;
}

/** The `$in` (or `$nin`) of `field` anywhere in a filter document (under $and/$or too). */
function findIn(filter: unknown, field: string): unknown[] | undefined {
  if (filter === null || typeof filter !== "object") return undefined;
  if (Array.isArray(filter)) {
    for (const f of filter) {
      const found = findIn(f, field);
      if (found) return found;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(filter)) {
    if (k === field && v && typeof v === "object") {
      const list = (v as { $in?: unknown[]; $nin?: unknown[] }).$in ?? (v as { $nin?: unknown[] }).$nin;
      if (Array.isArray(list)) return list;
    }
    if (k.startsWith("$")) {
      const found = findIn(v, field);
      if (found) return found;
    }
  }
  return undefined;
}

const isOid = (v: unknown) => v instanceof ObjectId || (v as { _bsontype?: string })?._bsontype === "ObjectId";
const hexOf = (v: unknown) => (isOid(v) ? (v as ObjectId).toHexString() : v);

describe.each(mongoTargets())("key lists on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  const docks: Dock[] = [];

  beforeAll(async () => {
    teardown = await useMongo("key_lists", target);
    docks.push(...(await Dock.createMany([{ name: "north" }, { name: "south" }, { name: "empty" }])));
    const [north, south] = docks;
    await Boat.createMany([
      { name: "ketch", dock_id: north!.id },
      { name: "sloop", dock_id: south!.id },
    ]);
    await Buoy.createMany([
      { name: "red", dock_id: north!.id },
      { name: "green", dock_id: south!.id },
    ]);
    // Mixed data in the untyped field: one FK as an ObjectId (as another program may write it), one as a string.
    await getMongoConnection("mongo")
      .db.collection("crates")
      .insertMany([
        { name: "tea", dock_id: new ObjectId(north!.id) },
        { name: "rum", dock_id: south!.id },
      ]);
  });
  afterAll(() => teardown());

  it("eager hasMany onto an objectId FK: one ObjectId per parent key, every child found", async () => {
    const { result, commands } = await withCommands(() => Dock.query().orderBy("name").with("boats"));
    expect(result.map((d) => [d.name, d.boats!.map((b) => b.name)])).toEqual([
      ["empty", []],
      ["north", ["ketch"]],
      ["south", ["sloop"]],
    ]);
    const sent = sentKeys(commands, "boats", "dock_id");
    expect(sent).toHaveLength(docks.length);
    expect(sent.every(isOid)).toBe(true);
    expect(sent.map(hexOf).sort()).toEqual(docks.map((d) => d.id).sort());
  });

  it("eager hasMany onto a string FK: one hex string per parent key, every child found", async () => {
    const { result, commands } = await withCommands(() => Dock.query().orderBy("name").with("buoys"));
    expect(result.map((d) => [d.name, d.buoys!.map((b) => b.name)])).toEqual([
      ["empty", []],
      ["north", ["red"]],
      ["south", ["green"]],
    ]);
    const sent = sentKeys(commands, "buoys", "dock_id");
    expect(sent).toHaveLength(docks.length);
    expect(sent.every((v) => typeof v === "string")).toBe(true);
  });

  it("eager belongsTo from either FK type onto the ObjectId _id: ObjectIds only", async () => {
    for (const model of [Boat, Buoy] as const) {
      const { result, commands } = await withCommands(() => (model as typeof Boat).query().orderBy("name").with("dock"));
      expect(result.map((c) => c.dock?.name).sort()).toEqual(["north", "south"]);
      const sent = sentKeys(commands, "docks", "_id");
      expect(sent).toHaveLength(2);
      expect(sent.every(isOid)).toBe(true);
    }
  });

  it("whereHas both ways: the key list has the form of the field it filters, and the same parents match", async () => {
    const viaBoats = await withCommands(() => Dock.whereHas("boats").orderBy("name").get());
    expect(viaBoats.result.map((d) => d.name)).toEqual(["north", "south"]);
    expect(sentKeys(viaBoats.commands, "docks", "_id").every(isOid)).toBe(true);

    const boats = await withCommands(() => Boat.whereHas("dock", (q) => q.where("name", "north")).get());
    expect(boats.result.map((b) => b.name)).toEqual(["ketch"]);
    expect(sentKeys(boats.commands, "boats", "dock_id").map((v) => isOid(v))).toEqual([true]);

    const buoys = await withCommands(() => Buoy.whereHas("dock", (q) => q.where("name", "north")).get());
    expect(buoys.result.map((b) => b.name)).toEqual(["red"]);
    expect(sentKeys(buoys.commands, "buoys", "dock_id")).toEqual([docks[0]!.id]);

    const none = await withCommands(() => Dock.whereDoesntHave("buoys").get());
    expect(none.result.map((d) => d.name)).toEqual(["empty"]);
    expect(sentKeys(none.commands, "docks", "_id").every(isOid)).toBe(true);
  });

  it("where/whereIn on id and on an objectId column: ObjectIds only", async () => {
    const [north, south] = docks;
    const byId = await withCommands(() =>
      Dock.query()
        .whereIn("id", [north!.id!, new ObjectId(south!.id)])
        .orderBy("name")
        .get(),
    );
    expect(byId.result.map((d) => d.name)).toEqual(["north", "south"]);
    expect(sentKeys(byId.commands, "docks", "_id").map(hexOf)).toEqual([north!.id, south!.id]);
    expect(sentKeys(byId.commands, "docks", "_id").every(isOid)).toBe(true);

    const byFk = await withCommands(() => Boat.where("dock_id", north!.id!).get());
    expect(byFk.result.map((b) => b.name)).toEqual(["ketch"]);
    expect(sentKeys(byFk.commands, "boats", "dock_id").every(isOid)).toBe(true);
  });

  it("withCount over each FK type counts the children of every parent (one grouped count per relation)", async () => {
    const { result, count } = await withCommands(() => Dock.query().orderBy("name").withCount("boats", "buoys", "crates"));
    expect(result.map((d) => [d.name, d.get("boats_count"), d.get("buoys_count"), d.get("crates_count")])).toEqual([
      ["empty", 0, 0, 0],
      ["north", 1, 1, 1],
      ["south", 1, 1, 1],
    ]);
    expect(count).toBe(4);
  });

  it("an untyped FK keeps both forms: mixed documents match from both sides", async () => {
    const { result, commands } = await withCommands(() => Dock.query().orderBy("name").with("crates"));
    expect(result.map((d) => [d.name, d.crates!.map((c) => c.name)])).toEqual([
      ["empty", []],
      ["north", ["tea"]],
      ["south", ["rum"]],
    ]);
    const sent = sentKeys(commands, "crates", "dock_id");
    expect(sent).toHaveLength(2 * docks.length);
    expect(sent.filter(isOid)).toHaveLength(docks.length);

    const crates = await withCommands(() => Crate.whereHas("dock").orderBy("name").get());
    expect(crates.result.map((c) => c.name)).toEqual(["rum", "tea"]);
    expect(sentKeys(crates.commands, "crates", "dock_id").filter(isOid)).toHaveLength(docks.length);
    expect(sentKeys(crates.commands, "crates", "dock_id")).toHaveLength(2 * docks.length);
  });
});
