/**
 * The column types date, datetime, enum, smallint, char, binary and ulid on every dialect: what
 * migrate() creates, what introspection reads back (the live-database check's input), and the values
 * a model writes and reads — in UTC whatever the process time zone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  clearModelRegistry,
  column,
  dropTables,
  getConnection,
  introspect,
  makeMigration,
  migrate,
  registerModels,
  verifyDatabase,
} from "eloquent-orm";
import { SqlModel } from "eloquent-orm/Model";
import { sqlDialects, useDialect } from "../shared/dialects";

class CtEvent extends SqlModel {
  static tableName = "ct_events";
  static connectionName = "test";
  static schema = {
    id: column("ulid", { primary: true }),
    day: column("date"),
    starts_at: column("datetime"),
    status: column("enum", { values: ["draft", "published"], default: "draft" }),
    seats: column("smallint"),
    country: column("char", 2),
    payload: column("binary", { nullable: true }),
    ref: column("ulid", { nullable: true }),
  };
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Runs `work` with the process in another time zone (Node reads TZ on every conversion). */
async function inTimeZone<T>(tz: string, work: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    return await work();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe.each(sqlDialects())("column types on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "col_types");
    clearModelRegistry();
    registerModels([CtEvent], { logger: false });
    await migrate([CtEvent]);
  });
  afterAll(async () => {
    await dropTables([CtEvent]);
    await teardown();
  });
  beforeEach(async () => {
    await CtEvent.query().delete();
  });

  it("migrate creates typed columns that introspection folds to the right families", async () => {
    const live = (await introspect("test")).tables.ct_events!;
    const families = Object.fromEntries(Object.entries(live.columns).map(([name, c]) => [name, c.family]));
    expect(families).toEqual({
      id: "string",
      day: "datetime",
      starts_at: "datetime",
      status: "string",
      seats: "integer",
      country: "string",
      payload: "binary",
      ref: "string",
    });
    expect(live.columns.day!.nullable).toBe(false);
    expect(live.columns.payload!.nullable).toBe(true);
    expect(live.primaryKey).toEqual(["id"]);
    if (dialect.name !== "sqlite") {
      expect(live.columns.seats!.type).toMatch(/^smallint/);
      expect(live.columns.country!.type).toMatch(/^(character|char)\(2\)/);
      expect(live.columns.id!.type).toMatch(/^(character|char)\(26\)/);
    }
  });

  it("the migration diff and the live-database check see the typed columns as matching the models", async () => {
    const made = await makeMigration("noop", [CtEvent], { connection: "test", dryRun: true });
    expect(made.operations).toEqual([]);
    expect(made.skipped).toEqual([]);
    expect(await verifyDatabase([CtEvent])).toEqual([]);
  });

  it("a ulid primary key is generated on create, sorts by creation time, and finds the row", async () => {
    const first = await CtEvent.create({ day: new Date("2026-03-01"), starts_at: new Date(), seats: 1, country: "FR" });
    await new Promise((r) => setTimeout(r, 3));
    const second = await CtEvent.create({ day: new Date("2026-03-01"), starts_at: new Date(), seats: 2, country: "DE" });
    expect(first.id).toMatch(ULID);
    expect(String(second.id) > String(first.id)).toBe(true);
    expect((await CtEvent.findOrFail(first.id)).get("country")).toBe("FR");
    expect(await CtEvent.query().orderBy("id").pluck("seats")).toEqual([1, 2]);
  });

  it("date holds the UTC calendar day and datetime the instant, read back as Dates in any process time zone", async () => {
    for (const tz of ["UTC", "America/New_York", "Asia/Tokyo"]) {
      await inTimeZone(tz, async () => {
        await CtEvent.query().delete();
        const at = new Date("2026-06-30T23:30:00.125Z");
        const made = await CtEvent.create({ day: at, starts_at: at, seats: 10, country: "US" });
        const read = await CtEvent.findOrFail(made.id);
        expect(read.get("day"), tz).toEqual(new Date("2026-06-30T00:00:00.000Z"));
        expect(read.get("starts_at"), tz).toEqual(at);
        // A day given as text is the same day.
        await CtEvent.query().where("id", made.id).update({ day: "2026-07-04" });
        expect((await CtEvent.findOrFail(made.id)).get("day"), tz).toEqual(new Date("2026-07-04T00:00:00.000Z"));
        expect(await CtEvent.query().whereDate("starts_at", "2026-06-30").count(), tz).toBe(1);
        expect(await CtEvent.query().where("day", new Date("2026-07-04T15:00:00Z")).count(), tz).toBe(1);
      });
    }
  });

  it("enum writes outside the values fail with the column, the value and the accepted set — on create, save, update and upsert", async () => {
    const ok = await CtEvent.create({ day: "2026-01-01", starts_at: new Date(), status: "published", seats: 1, country: "US" });
    expect((await CtEvent.findOrFail(ok.id)).get("status")).toBe("published");
    const fresh = await CtEvent.create({ day: "2026-01-01", starts_at: new Date(), seats: 1, country: "US" });
    expect((await CtEvent.findOrFail(fresh.id)).get("status")).toBe("draft"); // the column default

    const message = /CtEvent\.\w+\(\).*'archived' is not a value of the enum column 'status' \(accepted: 'draft', 'published'\)/;
    // @ts-expect-error -- the types refuse a value outside the enum too; this checks the run-time error
    await expect(CtEvent.create({ day: "2026-01-01", starts_at: new Date(), status: "archived", seats: 1, country: "US" })).rejects.toThrow(
      message,
    );
    ok.set("status", "publishd");
    await expect(ok.save()).rejects.toThrow(/'publishd' is not a value of the enum column 'status'.*Did you mean 'published'\?/);
    await expect(CtEvent.query().where("id", ok.id).update({ status: "archived" })).rejects.toThrow(message);
    await expect(
      // @ts-expect-error -- the types refuse a value outside the enum too; this checks the run-time error
      CtEvent.upsert([{ id: ok.id, day: "2026-01-01", starts_at: new Date(), status: "archived", seats: 1, country: "US" }], ["id"]),
    ).rejects.toThrow(/row 0.*'archived' is not a value of the enum column 'status'/);
    // @ts-expect-error -- the types refuse a value outside the enum too; this checks the run-time error
    expect(await CtEvent.query().where("status", "archived").count()).toBe(0);
  });

  it("the database itself refuses an enum value written around the model (CHECK or ENUM)", async () => {
    const { knex } = getConnection("test");
    const row = {
      id: "01HZZZZZZZZZZZZZZZZZZZZZZZ",
      day: "2026-01-01",
      starts_at: "2026-01-01 00:00:00",
      status: "archived",
      seats: 1,
      country: "US",
    };
    await expect(knex("ct_events").insert(row)).rejects.toThrow();
  });

  it("smallint reads as a number, char keeps its text, binary round-trips bytes as a Buffer", async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    const made = await CtEvent.create({
      day: "2026-01-01",
      starts_at: new Date(),
      seats: 32000,
      country: "JP",
      payload: bytes,
      ref: "01J0000000000000000000000A",
    });
    const read = await CtEvent.findOrFail(made.id);
    expect(read.get("seats")).toBe(32000);
    expect(read.get("country")).toBe("JP");
    expect(Buffer.isBuffer(read.get("payload"))).toBe(true);
    expect((read.get("payload") as Buffer).equals(bytes)).toBe(true);
    expect(read.get("ref")).toBe("01J0000000000000000000000A");
    // A Uint8Array is written as the same bytes.
    await CtEvent.query()
      .where("id", made.id)
      .update({ payload: new Uint8Array([9, 8, 7]) });
    expect(((await CtEvent.findOrFail(made.id)).get("payload") as Buffer).equals(Buffer.from([9, 8, 7]))).toBe(true);
  });
});
