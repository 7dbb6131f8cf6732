/**
 * Mixed stores: SQL models relate to Mongo models and back, on every pairing of a SQL dialect
 * (SQLite always, PostgreSQL when ELOQUENT_TEST_PG_URL is set) with a Mongo target (the embedded
 * store always, the MONGODB_URL server when set): PostgreSQL's integer keys against FerretDB's
 * numbers and numeric strings included. Eager loading issues one query
 * per store per level; keys are compared after coercion (SQL integers vs Mongo numbers or strings).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { column, migrate, MongoModel, onQuery, registerModels, relation, SqlModel, getMongoConnection } from "eloquent-orm";
import { useMongo, withCommands, mongoTargets } from "./target";
import { sqlDialects, useDialect } from "../shared/dialects";

type MemberAttrs = { id?: number; name?: string; snaps?: Snap[]; remarks?: Remark[] };
class Member extends SqlModel<MemberAttrs> {
  static connectionName = "mixed_sql";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    snaps: relation("hasMany", "Snap", { foreignKey: "member_id" }),
    remarks: relation("morphMany", "Remark", { morphName: "remarkable" }),
  };
}

type SnapAttrs = { id?: string; path?: string; member_id?: number; member?: Member | null; remarks?: Remark[] };
class Snap extends MongoModel<SnapAttrs> {
  static connectionName = "mongo";
  static schema = {
    path: column("string", 255),
    member_id: column("int"),
    member: relation("belongsTo", "Member", { foreignKey: "member_id" }),
    remarks: relation("morphMany", "Remark", { morphName: "remarkable" }),
  };
}

type RemarkAttrs = {
  id?: string;
  body?: string;
  remarkable_type?: string;
  remarkable_id?: string | number;
  remarkable?: Member | Snap | null;
};
class Remark extends MongoModel<RemarkAttrs> {
  static connectionName = "mongo";
  static schema = {
    body: column("text"),
    remarkable_type: column("string", 64),
    remarkable_id: column("string", 64),
    remarkable: relation("morphTo", "Snap", { morphName: "remarkable" }),
  };
}

registerModels([Member, Snap, Remark], { strict: true, logger: false });

/** Counts SQL statements and Mongo commands separately. */
async function perStore<T>(work: () => PromiseLike<T>): Promise<{ result: T; sql: number; mongo: number }> {
  let sql = 0;
  const stop = onQuery(() => sql++);
  try {
    const { result, count } = await withCommands(work);
    return { result, sql, mongo: count };
  } finally {
    stop();
  }
}

const PAIRS = mongoTargets().flatMap((mongo) =>
  sqlDialects()
    .filter((sql) => sql.name !== "mysql")
    .map((sql) => ({ ...mongo, sql })),
);

describe.each(PAIRS)("mixed: SQL on $sql.name, Mongo on the $kind store", (target) => {
  let teardownMongo: () => Promise<void>;
  let teardownSql: () => Promise<void>;
  const ids: Record<string, number | string> = {};

  beforeAll(async () => {
    teardownMongo = await useMongo(`mixed_${target.sql.name}`, target);
    teardownSql = await useDialect(target.sql, `mixed_${target.kind}`, "mixed_sql");
    await migrate([Member]);
    const [ada, bob] = await Member.createMany([{ name: "Ada" }, { name: "Bob" }, { name: "Cy" }]);
    Object.assign(ids, { ada: ada!.id!, bob: bob!.id! });
    const snaps = await Snap.createMany([
      { path: "a1.jpg", member_id: ada!.id },
      { path: "a2.jpg", member_id: ada!.id },
      { path: "b1.jpg", member_id: bob!.id },
    ]);
    ids.a1 = snaps[0]!.id!;
    // Another program stored Bob's key as a string: it must still match the SQL integer.
    await getMongoConnection("mongo")
      .db.collection("snaps")
      .insertOne({ path: "b2.jpg", member_id: String(bob!.id) });
    await Remark.createMany([
      { body: "on Ada", remarkable_type: "Member", remarkable_id: String(ada!.id) },
      { body: "on a1", remarkable_type: "Snap", remarkable_id: snaps[0]!.id },
      { body: "on Bob", remarkable_type: "Member", remarkable_id: bob!.id },
    ]);
  });
  afterAll(async () => {
    await teardownSql();
    await teardownMongo();
  });

  describe("mixed SQL ↔ Mongo relations", () => {
    it("SQL Member hasMany Mongo Snap: one SQL query + one Mongo query; int keys match numbers and numeric strings", async () => {
      const { result, sql, mongo } = await perStore(() => Member.query().orderBy("name").with("snaps"));
      expect({ sql, mongo }).toEqual({ sql: 1, mongo: 1 });
      expect(result.map((m) => [m.name, m.snaps!.map((s) => s.path).sort()])).toEqual([
        ["Ada", ["a1.jpg", "a2.jpg"]],
        ["Bob", ["b1.jpg", "b2.jpg"]],
        ["Cy", []],
      ]);
    });

    it("Mongo Snap belongsTo SQL Member: one Mongo query + one SQL query", async () => {
      const { result, sql, mongo } = await perStore(() => Snap.query().orderBy("path").with("member"));
      expect({ sql, mongo }).toEqual({ sql: 1, mongo: 1 });
      expect(result.map((s) => [s.path, s.member?.name])).toEqual([
        ["a1.jpg", "Ada"],
        ["a2.jpg", "Ada"],
        ["b1.jpg", "Bob"],
        ["b2.jpg", "Bob"],
      ]);
    });

    it("Mongo Remark morphTo an SQL Member or a Mongo Snap: one query per parent type, in its own store", async () => {
      const { result, sql, mongo } = await perStore(() => Remark.query().orderBy("body").with("remarkable"));
      expect({ sql, mongo }).toEqual({ sql: 1, mongo: 2 }); // remarks + snaps on Mongo, members on SQL
      expect(
        result.map((r) => [
          r.body,
          (r.remarkable as { name?: string; path?: string } | null)?.name ?? (r.remarkable as { path?: string })?.path,
        ]),
      ).toEqual([
        ["on Ada", "Ada"],
        ["on Bob", "Bob"],
        ["on a1", "a1.jpg"],
      ]);
    });

    it("SQL Member morphMany Mongo Remark, nested into Mongo and back: one query per store per level", async () => {
      const { result, sql, mongo } = await perStore(() => Member.query().orderBy("name").with("remarks", "snaps.remarks", "snaps.member"));
      // members (sql) · remarks (mongo) · snaps (mongo) · snaps.remarks (mongo) · snaps.member (sql)
      expect({ sql, mongo }).toEqual({ sql: 2, mongo: 3 });
      const ada = result[0]!;
      expect(ada.remarks!.map((r) => r.body)).toEqual(["on Ada"]);
      expect(ada.snaps!.find((s) => s.id === ids.a1)!.remarks!.map((r) => r.body)).toEqual(["on a1"]);
      expect(ada.snaps!.every((s) => s.member?.name === "Ada")).toBe(true);
      const counts = await Member.query().orderBy("name").withCount("snaps", "remarks");
      expect(counts.map((m) => [m.name, m.get("snaps_count"), m.get("remarks_count")])).toEqual([
        ["Ada", 2, 1],
        ["Bob", 2, 1],
        ["Cy", 0, 0],
      ]);
    });

    it("lazy related() across stores", async () => {
      const bob = await Member.findOrFail(ids.bob);
      expect((await bob.related<Snap[]>("snaps").where("path", "like", "b2%")).map((s) => s.path)).toEqual(["b2.jpg"]);
      const snap = await Snap.findOrFail(ids.a1);
      expect((await snap.related<Member | null>("member"))?.name).toBe("Ada");
    });

    it("whereHas from Mongo into SQL: one SQL key query, then $in on Mongo", async () => {
      const { result, sql, mongo } = await perStore(() =>
        Snap.whereHas("member", (q: { where(c: string, v: unknown): unknown }) => q.where("name", "Bob")).orderBy("path"),
      );
      expect({ sql, mongo }).toEqual({ sql: 1, mongo: 1 });
      expect(result.map((s) => s.path)).toEqual(["b1.jpg", "b2.jpg"]);
    });
  });
});
