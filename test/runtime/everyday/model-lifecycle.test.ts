/**
 * Model events and observers (cancelling, inside transactions, withoutEvents), serialization
 * (hidden/visible/appends), mass assignment (fillable/guarded), replicate/fresh/is/isNot,
 * getChanges/wasChanged and generated uuid keys — on every dialect.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearListeners, dropTables, MassAssignmentError, migrate, SqlModel, transaction } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { EVERYDAY, EvAccount, EvArticle, EvMember, EvProduct, EvShop, registerEveryday } from "./models";

registerEveryday();

const slugify = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");

describe.each(sqlDialects())("model lifecycle on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_life");
    await migrate([...EVERYDAY]);
  });
  afterAll(async () => {
    await dropTables([...EVERYDAY]);
    await teardown();
  });
  beforeEach(async () => {
    await EvArticle.query().withTrashed().forceDelete();
    await EvMember.query().forceDelete();
    await EvAccount.query().forceDelete();
    await EvProduct.query().withTrashed().forceDelete();
    await EvShop.query().forceDelete();
  });
  afterEach(() => {
    for (const m of EVERYDAY) clearListeners(m);
  });

  it("fires saving → creating → created → saved on insert, and the update events only when dirty", async () => {
    const log: string[] = [];
    for (const e of [
      "saving",
      "creating",
      "created",
      "updating",
      "updated",
      "saved",
      "deleting",
      "deleted",
      "restoring",
      "restored",
    ] as const) {
      EvArticle.on(e, () => void log.push(e));
    }
    const a = await EvArticle.forceCreate({ title: "Hello" });
    expect(log).toEqual(["saving", "creating", "created", "saved"]);
    log.length = 0;
    await a.save(); // nothing dirty: saving/saved only, as Laravel
    expect(log).toEqual(["saving", "saved"]);
    log.length = 0;
    await a.update({ title: "Hello again" });
    expect(log).toEqual(["saving", "updating", "updated", "saved"]);
    log.length = 0;
    await a.delete(); // soft delete: one delete, no save events
    expect(log).toEqual(["deleting", "deleted"]);
    log.length = 0;
    await a.restore();
    expect(log).toEqual(["restoring", "saving", "updating", "updated", "saved", "restored"]);
  });

  it("a creating listener sets a slug; an -ing listener returning false cancels the write", async () => {
    EvArticle.on("saving", (a) => {
      a.slug = slugify(a.title!);
    });
    const a = await EvArticle.forceCreate({ title: "Event Set Slug" });
    expect((await EvArticle.findOrFail(a.id)).slug).toBe("event-set-slug");
    const stop = EvArticle.on("updating", (m) => (m.title === "forbidden" ? false : undefined));
    a.title = "forbidden";
    await a.save();
    expect(a.isDirty("title")).toBe(true);
    expect((await EvArticle.findOrFail(a.id)).title).toBe("Event Set Slug");
    stop();
    await a.save();
    expect((await EvArticle.findOrFail(a.id)).title).toBe("forbidden");
    EvArticle.on("creating", async () => false);
    const cancelled = await EvArticle.forceCreate({ title: "never" });
    expect(cancelled.isPersisted()).toBe(false);
    EvArticle.on("deleting", () => false);
    await a.delete();
    expect(await EvArticle.find(a.id)).not.toBeNull();
    expect(await EvArticle.query().where("title", "never").count()).toBe(0);
  });

  it("observers register every event method; listeners run inside the surrounding transaction", async () => {
    class ArticleObserver {
      seen: string[] = [];
      created(a: EvArticle) {
        this.seen.push(`created ${a.title}`);
      }
      async deleted(a: EvArticle) {
        this.seen.push(`deleted ${a.title}`);
        await EvShop.create({ name: `audit ${a.id}` }); // joins the transaction of the delete
      }
    }
    const observer = new ArticleObserver();
    EvArticle.observe(observer);
    const a = await EvArticle.forceCreate({ title: "Obs" });
    await expect(
      transaction(
        async () => {
          await a.forceDelete();
          throw new Error("roll back");
        },
        { connection: "test" },
      ),
    ).rejects.toThrow("roll back");
    expect(observer.seen).toEqual(["created Obs", "deleted Obs"]);
    expect(await EvShop.count()).toBe(0); // the listener's insert was rolled back with the delete
    expect(await EvArticle.find(a.id)).not.toBeNull();
    expect(() => EvArticle.on("creatin" as never, () => undefined)).toThrow(/unknown model event.*creating/);
    expect(() => EvArticle.observe({} as never)).toThrow(/none of the event methods/);
  });

  it("withoutEvents mutes the class (or every model on SqlModel) inside the callback only", async () => {
    let fired = 0;
    EvArticle.on("creating", () => void fired++);
    await EvArticle.withoutEvents(() => EvArticle.forceCreate({ title: "quiet" }));
    await SqlModel.withoutEvents(() => EvArticle.forceCreate({ title: "quiet too" }));
    expect(fired).toBe(0);
    await EvArticle.forceCreate({ title: "loud" });
    expect(fired).toBe(1);
    let saved = 0;
    EvArticle.on("saved", () => void saved++);
    const quiet = new EvArticle({ title: "q" });
    await quiet.saveQuietly();
    expect(quiet.isPersisted()).toBe(true);
    expect(quiet.isClean()).toBe(true);
    await quiet.deleteQuietly();
    expect(saved).toBe(0);
    expect(await EvArticle.find(quiet.id)).toBeNull();
  });

  it("hidden/visible/appends shape toJSON; the value stays readable", async () => {
    const m = await EvMember.create({ name: "Ada", email: "ada@example.com", password: "s3cret" });
    const json = JSON.parse(JSON.stringify(m));
    expect(json).not.toHaveProperty("password");
    expect(json.label).toBe("Ada <ada@example.com>");
    expect(m.password).toBe("s3cret");
    const reread = JSON.parse(JSON.stringify(await EvMember.findOrFail(m.id)));
    expect(Object.keys(reread).sort()).toEqual(["email", "id", "is_admin", "label", "name"]);
    class Card extends EvMember {
      static visible = ["name"];
      static override appends: string[] = [];
    }
    expect(new Card({ name: "x", email: "y", password: "z" }).toJSON()).toEqual({ name: "x" });
    const shown = (await EvMember.findOrFail(m.id)).makeVisible("password").makeHidden("email");
    expect(Object.keys(shown.toJSON()).sort()).toEqual(["id", "is_admin", "label", "name", "password"]);
    expect(Object.keys((await EvMember.findOrFail(m.id)).toJSON())).not.toContain("password"); // per instance only
  });

  it("fillable/guarded refuse mass assignment with an error naming the field; forceFill and set bypass", async () => {
    const body = JSON.parse('{"name":"Eve","email":"e@x","password":"p","is_admin":true}');
    await expect(EvMember.create(body)).rejects.toThrow(MassAssignmentError);
    await expect(EvMember.create(body)).rejects.toThrow(/EvMember: 'is_admin' is not mass assignable/);
    expect(await EvMember.count()).toBe(0);
    const m = new EvMember().forceFill(body);
    await m.save();
    expect((await EvMember.findOrFail(m.id)).is_admin).toBe(true);
    expect(() => new EvArticle({ title: "t", slug: "s" })).toThrow(/'slug' is guarded against mass assignment/);
    const a = new EvArticle({ title: "t" });
    a.slug = "by-hand";
    await a.save();
    await expect(a.update({ slug: "x" } as never)).rejects.toThrow(MassAssignmentError);
    await expect(EvMember.firstOrCreate({ name: "Z" }, { is_admin: true })).rejects.toThrow(/'is_admin' is not mass assignable/);
  });

  it("getChanges/wasChanged report the last update; replicate, fresh, is/isNot", async () => {
    const shop = await EvShop.create({ name: "Original" });
    expect(shop.wasChanged()).toBe(false);
    expect(shop.getChanges()).toEqual({});
    await shop.update({ name: "Renamed" });
    expect(shop.wasChanged("name")).toBe(true);
    expect(Object.keys(shop.getChanges()).sort()).toEqual(["name", "updated_at"]);
    expect(shop.isDirty()).toBe(false);

    const p = await EvProduct.create({ shop_id: shop.id, sku: "r1", name: "Rope", price: 3 });
    const copy = p.replicate(["sku"]);
    expect(copy.isPersisted()).toBe(false);
    expect(copy.id).toBeUndefined();
    expect(copy.created_at).toBeUndefined();
    expect(copy.sku).toBeUndefined();
    copy.sku = "r2";
    await copy.save();
    expect(copy.id).not.toBe(p.id);
    expect(copy.name).toBe("Rope");

    await EvProduct.query().where("id", p.id).update({ name: "Rope v2" });
    const fresh = await p.fresh("shop");
    expect(fresh!.name).toBe("Rope v2");
    expect(p.name).toBe("Rope"); // fresh() leaves the instance alone
    expect(fresh!.shop!.name).toBe("Renamed");
    expect(fresh!.is(p)).toBe(true);
    expect(fresh!.is(copy)).toBe(false);
    expect(fresh!.isNot(copy)).toBe(true);
    expect(p.is(null)).toBe(false);
    expect(new EvProduct().is(new EvProduct())).toBe(false);
    await p.forceDelete();
    expect(await fresh!.fresh()).toBeNull();
  });

  it("a uuid primary key left empty is generated on create", async () => {
    const a = await EvAccount.create({ name: "acme" });
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i);
    expect((await EvAccount.findOrFail(a.id!)).name).toBe("acme");
    const given = await EvAccount.create({ id: "00000000-0000-4000-8000-000000000001", name: "given" });
    expect(given.id).toBe("00000000-0000-4000-8000-000000000001");
    const many = await EvAccount.createMany([{ name: "m1" }, { name: "m2" }]);
    expect(new Set(many.map((m) => m.id)).size).toBe(2);
    expect(await EvAccount.count()).toBe(4);
  });
});
