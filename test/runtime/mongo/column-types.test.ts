/**
 * date, datetime, enum, smallint, char, binary and ulid columns on MongoModel, on every target:
 * dates stored as BSON dates (a date at its UTC midnight), enum writes checked like SQL's, bytes
 * read back as Buffers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, getMongoConnection, MongoModel, registerModels } from "eloquent-orm";
import { mongoTargets, useMongo } from "./target";

class MtTicket extends MongoModel {
  static connectionName = "mongo";
  static tableName = "mt_tickets";
  static schema = {
    day: column("date"),
    at: column("datetime"),
    status: column("enum", { values: ["open", "closed"] }),
    priority: column("smallint"),
    code: column("char", 3),
    blob: column("binary", { nullable: true }),
    ref: column("ulid", { nullable: true }),
  };
}
registerModels([MtTicket], { strict: true, logger: false });

describe.each(mongoTargets())("column types on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("col_types", target);
  });
  afterAll(async () => teardown());

  it("stores dates as BSON dates (a date at its UTC midnight) and reads them back as Dates", async () => {
    const at = new Date("2026-02-03T22:15:00.500Z");
    const t = await MtTicket.create({ day: at, at: "2026-02-03T22:15:00.500Z", status: "open", priority: 2, code: "ABC" });
    const stored = await getMongoConnection("mongo").db.collection("mt_tickets").findOne({});
    expect(stored!.day).toEqual(new Date("2026-02-03T00:00:00.000Z"));
    expect(stored!.at).toEqual(at);
    const read = await MtTicket.findOrFail(t.id);
    expect(read.get("day")).toEqual(new Date("2026-02-03T00:00:00.000Z"));
    expect(read.get("at")).toEqual(at);
    expect(await MtTicket.query().where("day", new Date("2026-02-03T00:00:00.000Z")).count()).toBe(1);
  });

  it("checks enum values on create, save and update, naming the accepted set", async () => {
    // @ts-expect-error -- the types refuse a value outside the enum too; this checks the run-time error
    await expect(MtTicket.create({ day: new Date(), at: new Date(), status: "pending", priority: 1, code: "XYZ" })).rejects.toThrow(
      /MtTicket\.create\(\)|MtTicket\.save\(\).*'pending' is not a value of the enum column 'status' \(accepted: 'open', 'closed'\)/,
    );
    const t = await MtTicket.create({ day: new Date(), at: new Date(), status: "open", priority: 1, code: "XYZ" });
    t.set("status", "clsoed");
    await expect(t.save()).rejects.toThrow(/'clsoed' is not a value of the enum column 'status'.*Did you mean 'closed'\?/);
    await expect(MtTicket.query().where("id", t.id).update({ status: "gone" })).rejects.toThrow(/'gone' is not a value/);
    await MtTicket.query().where("id", t.id).update({ status: "closed" });
    expect((await MtTicket.findOrFail(t.id)).get("status")).toBe("closed");
  });

  it("reads binary as a Buffer, smallint as a number and char/ulid as text", async () => {
    const bytes = Buffer.from([1, 2, 3, 250]);
    const t = await MtTicket.create({
      day: new Date(),
      at: new Date(),
      status: "open",
      priority: 7,
      code: "QRS",
      blob: bytes,
      ref: "01J0000000000000000000000A",
    });
    const read = await MtTicket.findOrFail(t.id);
    expect(Buffer.isBuffer(read.get("blob"))).toBe(true);
    expect((read.get("blob") as Buffer).equals(bytes)).toBe(true);
    expect(read.get("priority")).toBe(7);
    expect(read.get("code")).toBe("QRS");
    expect(read.get("ref")).toBe("01J0000000000000000000000A");
  });
});
