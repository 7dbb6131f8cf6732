/** Eager loading over 100,000 parent ids: `$in` chunked below the BSON limit, every child matched. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ObjectId } from "mongodb";
import { BSON } from "mongodb";
import {
  chunkKeys,
  column,
  getMongoConnection,
  MAX_IN_BYTES,
  MAX_IN_VALUES,
  mongoAdapter,
  MongoModel,
  registerModels,
  relation,
} from "eloquent-orm";
import { useMongo, withCommands, mongoTargets } from "./target";

type HubAttrs = { id?: string; n?: number; spokes?: Spoke[] };
class Hub extends MongoModel<HubAttrs> {
  static connectionName = "mongo";
  static schema = { n: column("int"), spokes: relation("hasMany", "Spoke", { foreignKey: "hub_id" }) };
}
type SpokeAttrs = { id?: string; hub_id?: string; n?: number };
class Spoke extends MongoModel<SpokeAttrs> {
  static connectionName = "mongo";
  static schema = { hub_id: column("objectId"), n: column("int"), hub: relation("belongsTo", "Hub", { foreignKey: "hub_id" }) };
}
type LabelAttrs = { id?: string; code?: string; board_id?: string };
class Label extends MongoModel<LabelAttrs> {
  static connectionName = "mongo";
  static schema = { code: column("string", 2048), board_id: column("string", 2048) };
}
type BoardAttrs = { id?: string; code?: string };
class Board extends MongoModel<BoardAttrs> {
  static connectionName = "mongo";
  static schema = { code: column("string", 2048), labels: relation("hasMany", "Label", { foreignKey: "board_id", localKey: "code" }) };
}
registerModels([Hub, Spoke, Label, Board], { strict: true, logger: false });

const PARENTS = 100_000;
describe.each(mongoTargets())("large on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("large", target);
    const db = getMongoConnection("mongo").db;
    const hubs = Array.from({ length: PARENTS }, (_, n) => ({ _id: new ObjectId(), n }));
    await db.collection("hubs").insertMany(hubs);
    // One child on every 100th parent, including the first and the last id.
    await db
      .collection("spokes")
      .insertMany(hubs.filter((h) => h.n % 100 === 0 || h.n === PARENTS - 1).map((h) => ({ hub_id: h._id, n: h.n })));
  });
  afterAll(() => teardown());

  describe("large eager loads", () => {
    it(`loads hasMany over ${PARENTS.toLocaleString("en")} parents in chunked $in queries`, async () => {
      const { result, commands } = await withCommands(() => Hub.query().with("spokes"));
      expect(result).toHaveLength(PARENTS);
      // 1 parent query + the children split into $in chunks (each id once, as an ObjectId: hub_id is an objectId column).
      const chunks = Math.ceil(PARENTS / MAX_IN_VALUES);
      expect(commands.map((c) => c.collection)).toEqual(["hubs", ...Array(chunks).fill("spokes")]);
      let withChild = 0;
      for (const hub of result) {
        const spokes = hub.spokes!;
        if (spokes.length) {
          withChild++;
          expect(spokes[0]!.n).toBe(hub.n);
        }
      }
      expect(withChild).toBe(PARENTS / 100 + 1);
    }, 180_000); // 100,000 documents through a wire-protocol server: slow on a loaded machine, never wrong

    it("18 MB of keys (beyond the 16 MB BSON limit in one $in) load in chunks, each command well below the limit", async () => {
      const keys = Array.from({ length: 18_000 }, (_, i) => `${"k".repeat(1_000)}${i}`);
      const wanted = [keys[0]!, keys[9_000]!, keys[17_999]!];
      await getMongoConnection("mongo")
        .db.collection("labels")
        .insertMany(wanted.map((code) => ({ code })));
      const { result, commands } = await withCommands(() => mongoAdapter.fetchByKeys({ model: Label, column: "code", values: keys }));
      expect(result.map((l) => l.get("code")).sort()).toEqual([...wanted].sort());
      expect(commands.length).toBe(chunkKeys(keys).length);
      expect(commands.length).toBeGreaterThan(4);
      for (const c of commands) expect(BSON.calculateObjectSize(c.filter as BSON.Document)).toBeLessThan((16 * 1024 * 1024) / 2);
      if (target.kind === "server") {
        // The limit is real: the same keys in one $in cannot even be sent.
        await expect(
          getMongoConnection("mongo")
            .db.collection("labels")
            .find({ code: { $in: keys } })
            .toArray(),
        ).rejects.toThrow();
      }
    });

    it("whereHas over more keys than one command can carry is a clear error, not the driver's RangeError", async () => {
      const codes = Array.from({ length: 14_000 }, (_, i) => `${"b".repeat(1_000)}${i}`);
      await getMongoConnection("mongo")
        .db.collection("labels")
        .insertMany(codes.map((board_id) => ({ board_id })));
      const { result, commands } = await withCommands(() =>
        Board.whereHas("labels")
          .get()
          .then(
            () => undefined,
            (e: unknown) => e,
          ),
      );
      expect(String((result as Error).message)).toMatch(
        /^Board\.whereHas\('labels'\): the related query matched 14,000 keys \(about 14 MB as a \$in list\), more than one MongoDB command can carry/,
      );
      expect(commands.map((c) => c.collection)).toEqual(["labels"]); // the key query ran; the oversized filter was never sent
      expect((await Board.whereHas("labels", (q: any) => q.where("board_id", codes[0])).get()).length).toBe(0); // a narrow one runs
    });

    it("chunks stay below the value count and the byte budget, whatever the key size", () => {
      const long = Array.from({ length: 30_000 }, (_, i) => `${"k".repeat(300)}${i}`);
      const parts = chunkKeys(long);
      expect(parts.flat()).toEqual(long);
      for (const p of parts) {
        expect(p.length).toBeLessThanOrEqual(MAX_IN_VALUES);
        expect(p.reduce<number>((n, v) => n + 13 + Buffer.byteLength(String(v)), 0)).toBeLessThanOrEqual(MAX_IN_BYTES);
      }
      expect(parts.length).toBeGreaterThan(1);
      expect(MAX_IN_BYTES).toBeLessThan((16 * 1024 * 1024) / 2);
    });
  });
});
