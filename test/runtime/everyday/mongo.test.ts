/** The store-neutral part of the everyday API on MongoModel: find-or-write, events, serialization, mass assignment, changes. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clearListeners, column, MassAssignmentError, MongoModel, registerModels } from "eloquent-orm";
import { mongoTargets, useMongo } from "../mongo/target";

type EvNoteAttrs = { id?: string; title?: string; slug?: string; secret?: string; stars?: number; created_at?: Date; updated_at?: Date };
class EvNote extends MongoModel<EvNoteAttrs> {
  static connectionName = "mongo";
  static hidden = ["secret"];
  static guarded = ["slug"];
  static schema = {
    title: column("string", 255),
    slug: column("string", 255, { nullable: true }),
    secret: column("string", 255, { nullable: true }),
    stars: column("int", undefined, { default: 0 }),
    timestamps: column("timestamps"),
  };
}
registerModels([EvNote], { logger: false });

describe.each(mongoTargets())("everyday model API on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("ev_mongo", target);
  });
  afterAll(() => teardown());
  afterEach(async () => {
    clearListeners(EvNote);
    await EvNote.query().forceDelete();
  });

  it("firstOrNew / firstOrCreate / updateOrCreate", async () => {
    const made = await EvNote.firstOrNew({ title: "a" }, { stars: 1 });
    expect(made.isPersisted()).toBe(false);
    const created = await EvNote.firstOrCreate({ title: "a" }, { stars: 1 });
    expect(created.wasRecentlyCreated).toBe(true);
    const found = await EvNote.firstOrCreate({ title: "a" }, { stars: 9 });
    expect(found.id).toBe(created.id);
    expect(found.stars).toBe(1);
    const updated = await EvNote.updateOrCreate({ title: "a" }, { stars: 5 });
    expect(updated.id).toBe(created.id);
    expect(updated.wasChanged("stars")).toBe(true);
    expect((await EvNote.findOrFail(created.id)).stars).toBe(5);
    expect(await EvNote.count()).toBe(1);
  });

  it("events set a slug and cancel; hidden and guarded apply", async () => {
    const log: string[] = [];
    EvNote.on("saving", (n) => {
      n.slug = n.title!.toLowerCase();
      log.push("saving");
    });
    EvNote.on("created", () => void log.push("created"));
    EvNote.on("deleting", (n) => (n.title === "Keep" ? false : undefined));
    const n = await EvNote.create({ title: "Keep", secret: "x" });
    expect(log).toEqual(["saving", "created"]);
    expect((await EvNote.findOrFail(n.id)).slug).toBe("keep");
    await n.delete();
    expect(await EvNote.find(n.id)).not.toBeNull();
    expect(JSON.parse(JSON.stringify(n))).not.toHaveProperty("secret");
    expect(() => new EvNote({ title: "t", slug: "s" })).toThrow(MassAssignmentError);
    const quiet = await EvNote.withoutEvents(() => EvNote.create({ title: "Quiet" }));
    expect(quiet.slug).toBeUndefined();
  });

  it("findMany, destroy, fresh, replicate, is/isNot, touch, getChanges", async () => {
    const [a, b, c] = await Promise.all(["x", "y", "z"].map((title) => EvNote.create({ title })));
    expect((await EvNote.findMany([a!.id, c!.id])).map((n) => n.title).sort()).toEqual(["x", "z"]);
    expect(await EvNote.destroy([a!.id])).toBe(1);
    expect(await EvNote.count()).toBe(2);
    await EvNote.query()
      .where("title", "y")
      .update({ stars: 4, updated_at: new Date("2020-01-01T00:00:00Z") } as never);
    const fresh = await b!.fresh();
    expect(fresh!.stars).toBe(4);
    expect(fresh!.is(b!)).toBe(true);
    expect(fresh!.isNot(c!)).toBe(true);
    const copy = c!.replicate();
    expect(copy.id).toBeUndefined();
    await copy.save();
    expect(copy.isNot(c!)).toBe(true);
    expect(fresh!.updated_at!.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    expect(await fresh!.touch()).toBe(true);
    expect((await EvNote.findOrFail(fresh!.id)).updated_at!.getTime()).toBeGreaterThan(Date.parse("2020-01-02"));
    await fresh!.update({ stars: 5 });
    expect(Object.keys(fresh!.getChanges()).sort()).toEqual(["stars", "updated_at"]);
  });
});
