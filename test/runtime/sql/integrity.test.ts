/**
 * Issue 12: the runtime loses nothing and lets nothing in — attribute stores without a prototype,
 * in-place json/date changes saved, defaults kept by createMany, relations refused as attributes,
 * class fields that shadow accessors refused. On every dialect.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { column, dropTables, migrate, registerModels, SqlModel } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { withQueryCount } from "../shared/query-counter";
import { Account, Group, INTEGRITY, Note, registerIntegrity } from "./integrity-models";

registerIntegrity();

describe.each(sqlDialects())("integrity on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "integrity");
    await migrate([...INTEGRITY]);
  });
  afterAll(async () => {
    await dropTables([...INTEGRITY]);
    await teardown();
  });
  beforeEach(async () => {
    await Note.query().forceDelete();
    await Account.query().forceDelete();
  });

  describe("prototype-free attribute stores", () => {
    it("create() with a __proto__ key from JSON.parse is the unknown-column error and sets nothing", async () => {
      const admin = await Account.create({ name: "admin", role: "admin" });
      const hostile = JSON.parse(`{"name":"m","__proto__":{"id":${admin.id},"role":"admin"}}`);
      await expect(Account.create(hostile)).rejects.toThrow(/Account: '__proto__' is not a column of accounts/);
      const m = new Account({ name: "m" });
      expect(() => m.fill(hostile)).toThrow(/'__proto__' is not a column of accounts/);
      expect(m.id).toBeUndefined();
      expect(m.get("role")).toBeUndefined();
      expect(await Account.count()).toBe(1);
    });

    it("constructor and prototype keys are refused; inherited names never read as attributes", async () => {
      await expect(Account.create({ name: "c", constructor: { name: "x" } } as never)).rejects.toThrow(/'constructor' is not a column/);
      await expect(Account.create({ name: "p", prototype: 1 } as never)).rejects.toThrow(/'prototype' is not a column/);
      const fresh = new Account({ name: "n" });
      expect(fresh.get("constructor")).toBeUndefined();
      expect(fresh.get("toString")).toBeUndefined();
      const saved = await Account.create({ name: "s" });
      const read = await Account.findOrFail(saved.id);
      expect(read.get("constructor")).toBeUndefined();
      expect(read.get("hasOwnProperty")).toBeUndefined();
      expect(read.get("__proto__")).toBeUndefined();
      expect(new Account().get("__proto__")).toBeUndefined();
      expect(read.isDirty()).toBe(false);
      expect(Object.keys(read.getDirty())).toEqual([]);
      // a hostile key in a hydrated row's original is just as inert
      expect((read.getOriginal() as Record<string, unknown>).constructor).toBeUndefined();
      expect((read.getAttributes() as Record<string, unknown>).constructor).toBeUndefined();
    });
  });

  describe("in-place json and date changes", () => {
    it("a json value changed in place is saved by save()", async () => {
      const a = await Account.create({ name: "j", meta: { tags: ["a"] } });
      const read = await Account.findOrFail(a.id);
      (read.meta!.tags as string[]).push("x");
      expect(read.isDirty("meta")).toBe(true);
      await read.save();
      expect((await Account.findOrFail(a.id)).meta).toEqual({ tags: ["a", "x"] });
    });

    it("a json value reached through getAttributes() or toJSON() and changed in place is saved", async () => {
      const a = await Account.create({ name: "j3", meta: { list: [1] } });
      const viaAttrs = await Account.findOrFail(a.id);
      (viaAttrs.getAttributes().meta as { list: number[] }).list.push(2);
      await viaAttrs.save();
      expect((await Account.findOrFail(a.id)).meta).toEqual({ list: [1, 2] });
      const viaJson = await Account.findOrFail(a.id);
      (viaJson.toJSON().meta as { list: number[] }).list.push(3);
      expect(viaJson.isDirty("meta")).toBe(true);
      await viaJson.save();
      expect((await Account.findOrFail(a.id)).meta).toEqual({ list: [1, 2, 3] });
      const [eager] = await Account.query().where("id", a.id).get();
      (eager!.meta!.list as number[]).length = 0;
      await eager!.save();
      expect((await Account.findOrFail(a.id)).meta).toEqual({ list: [] });
    });

    it("update({ meta }) with the same, mutated object is saved", async () => {
      const a = await Account.create({ name: "j2", meta: { n: 1 } });
      const meta = a.meta!;
      meta.n = 2;
      await a.update({ meta });
      expect((await Account.findOrFail(a.id)).meta).toEqual({ n: 2 });
      expect(a.isDirty()).toBe(false);
      (a.meta as Record<string, unknown>).n = 3; // after a save too: the snapshot follows the write
      await a.save();
      expect((await Account.findOrFail(a.id)).meta).toEqual({ n: 3 });
    });

    it("a Date changed in place is saved; an untouched model writes nothing", async () => {
      const a = await Account.create({ name: "d", seen_at: new Date("2026-01-01T00:00:00.000Z") });
      const read = await Account.findOrFail(a.id);
      const none = await withQueryCount(() => read.save());
      expect(none.count).toBe(0);
      read.seen_at!.setUTCFullYear(2030);
      expect(read.getDirty()).toHaveProperty("seen_at");
      await read.save();
      expect((await Account.findOrFail(a.id)).seen_at!.toISOString()).toBe("2030-01-01T00:00:00.000Z");
    });
  });

  it("a number written to a string column is stored as its decimal string (string-keyed morphs match)", async () => {
    const a = await Account.create({ name: "morph" });
    const note = (await a.related("notes").create({ body: "hi", code: 42 as never })) as Note;
    const raw = await Note.query().toKnex().where("id", note.id!).first();
    expect(raw.notable_id).toBe(String(a.id));
    expect(raw.code).toBe("42");
    expect((await a.related<Note[]>("notes")).map((n) => n.id)).toEqual([note.id]);
    const [eager] = await Account.with("notes").where("id", a.id).get();
    expect(eager!.notes!.map((n) => n.id)).toEqual([note.id]);
    expect(await Note.where("notable_id", a.id as never).count()).toBe(1);
    // the correlated EXISTS compares the string morph id with the integer key (PostgreSQL: as text)
    expect(await Account.query().whereHas("notes").pluck("id")).toEqual([a.id]);
    expect(await Account.query().whereDoesntHave("notes").count()).toBe(0);
    expect(
      await Account.query()
        .withCount("notes")
        .where("id", a.id)
        .first()
        .then((x) => x?.get("notes_count")),
    ).toBe(1);
    expect((await Note.findOrFail(note.id).then((n) => n.related<Account | null>("notable")))?.id).toBe(a.id);
  });

  it("a number written to a pivot's string column is stored as its decimal string", async () => {
    const a = await Account.create({ name: "pivot" });
    const g = await Group.create({ name: "g" });
    await a.related("groups").attach({ [g.id!]: { label: 7 } });
    const [joined] = await a.related<Group[]>("groups");
    expect(joined!.pivot!.label).toBe("7");
    await a.related("groups").updateExistingPivot(g.id, { label: 8.5 });
    expect((await a.related<Group[]>("groups"))[0]!.pivot!.label).toBe("8.5");
    await a.related("groups").detach();
    await g.forceDelete();
  });

  it("createMany keeps column defaults for rows that omit a column another row sets", async () => {
    const rows = await Account.createMany([{ name: "a" }, { name: "b", role: "admin" }, { name: "c" }]);
    const roles = await Account.whereIn(
      "id",
      rows.map((r) => r.id),
    )
      .orderBy("id")
      .pluck("role");
    expect(roles).toEqual(["member", "admin", "member"]);
  });

  it("a relation passed as an attribute is a clear error naming the API to use", async () => {
    await expect(Account.create({ name: "r", notes: [{ body: "x" }] } as never)).rejects.toThrow(
      /Account: 'notes' is a morphMany relation, not a column.*related\("notes"\)\.createMany/,
    );
    await expect(Account.create({ name: "g", groups: [1] } as never)).rejects.toThrow(/'groups' is a belongsToMany relation.*attach/);
    expect(() => new Note({ body: "x", notable: new Account() } as never)).toThrow(/'notable' is a morphTo relation.*foreign key/);
    expect(await Account.count()).toBe(0);
  });
});

describe("class fields that shadow attribute accessors", () => {
  it("are refused at first use, naming the class, the field and `declare`", () => {
    // (TypeScript flags the field when the Attrs type lists it too — TS2612; here it does not)
    class Shadowed extends SqlModel<{ id?: number }> {
      static schema = { id: column("increments", undefined, { primary: true }), title: column("string") };
      title?: string;
    }
    expect(() => new Shadowed({ title: "x" } as never)).toThrow(/Shadowed declares a class field 'title'.*declare title\?/);
    expect(() => Shadowed.query()).toThrow(/Shadowed declares a class field 'title'/);
  });
  it("are refused by registerModels (start-up), before any use", () => {
    class Early extends SqlModel<{ id?: number }> {
      static schema = { id: column("increments", undefined, { primary: true }), title: column("string") };
      title?: string;
    }
    expect(() => registerModels([Early], { logger: false })).toThrow(/Early declares a class field 'title'/);
  });
  it("a declare-only field is fine", () => {
    class Declared extends SqlModel<{ id?: number; title?: string }> {
      static schema = { id: column("increments", undefined, { primary: true }), title: column("string") };
      declare title?: string;
    }
    expect(new Declared({ title: "x" }).title).toBe("x");
  });
});
