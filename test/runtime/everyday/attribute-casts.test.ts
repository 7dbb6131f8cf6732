/**
 * Accessors, mutators and custom cast classes (Laravel's Attribute::make and $casts with a cast class) on every
 * dialect and on the Mongo stores: the database keeps the raw value, reads and toJSON see the accessor's, writes go
 * through the mutator, an in-place change of a cast object is saved, and every misdeclaration is a clear error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { column, dropTables, migrate, MongoModel, registerModels, SqlModel, type CastsAttributes } from "eloquent-orm";
import { sqlDialects, useDialect } from "../shared/dialects";
import { mongoTargets, useMongo } from "../mongo/target";

/** An amount of money kept as integer cents in the database. */
class Money {
  constructor(
    public amount: number,
    public currency = "EUR",
  ) {}
  toJSON(): string {
    return `${this.amount.toFixed(2)} ${this.currency}`;
  }
}

class MoneyCast implements CastsAttributes<Money | null, number | null> {
  get(cents: number | null): Money | null {
    return cents === null || cents === undefined ? null : new Money(cents / 100);
  }
  set(value: Money | number | null): number | null {
    if (value === null) return null;
    return Math.round((value instanceof Money ? value.amount : value) * 100);
  }
}

type CaCustomerAttrs = {
  id?: number;
  first_name?: string;
  last_name?: string;
  email?: string;
  balance?: Money | null;
  active?: boolean;
  full_name?: string;
};

class CaCustomer extends SqlModel<CaCustomerAttrs> {
  static connectionName = "test";
  static tableName = "ca_customers";
  static appends = ["full_name"];
  static override casts = { balance: MoneyCast, active: "boolean" };
  static override accessors = {
    // a column: stored lower-cased, read as stored
    email: { set: (_m: CaCustomer, value: string) => value.trim().toLowerCase() },
    // a column: read capitalised, stored as given
    first_name: { get: (_m: CaCustomer, value: unknown) => (typeof value === "string" ? value[0]!.toUpperCase() + value.slice(1) : value) },
    // virtual: computed from two columns, and split back into them
    full_name: {
      get: (m: CaCustomer) => `${m.first_name} ${m.last_name}`,
      set: (_m: CaCustomer, value: string) => {
        const [first, ...rest] = value.split(" ");
        return { first_name: first, last_name: rest.join(" ") };
      },
    },
  };
  static schema = {
    id: column("increments", undefined, { primary: true }),
    first_name: column("string", 100),
    last_name: column("string", 100),
    email: column("string", 255),
    balance: column("int", undefined, { nullable: true }),
    active: column("boolean", undefined, { default: true }),
  };
}
registerModels([CaCustomer], { logger: false });

describe.each(sqlDialects())("accessors, mutators and casts on $name", (dialect) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useDialect(dialect, "ev_casts");
    await migrate([CaCustomer]);
  });
  afterAll(async () => {
    await dropTables([CaCustomer]);
    await teardown();
  });
  beforeEach(async () => {
    await CaCustomer.query().forceDelete();
  });

  it("stores the raw value and reads the cast one; queries see the raw value", async () => {
    const created = await CaCustomer.create({
      first_name: "ada",
      last_name: "Lovelace",
      email: "  Ada@Example.COM ",
      balance: new Money(12.5),
    });
    const raw = await CaCustomer.query().where("id", created.id!).toKnex().first();
    expect(raw).toMatchObject({ first_name: "ada", email: "ada@example.com", balance: 1250 });
    const found = (await CaCustomer.where("balance", 1250).first())!;
    expect(found.balance).toBeInstanceOf(Money);
    expect(found.balance!.amount).toBe(12.5);
    expect(found.get("balance")).toBe(found.balance); // one object per stored value
    expect(found.first_name).toBe("Ada");
    expect(found.getAttributes()).toMatchObject({ first_name: "ada", balance: 1250 });
    expect(found.isDirty()).toBe(false); // reading through a cast changes nothing
  });

  it("saves a cast object changed in place, and only then", async () => {
    const c = await CaCustomer.create({ first_name: "grace", last_name: "Hopper", email: "g@h.io", balance: new Money(1) });
    const fresh = (await CaCustomer.find(c.id!))!;
    fresh.balance!.amount = 42.25;
    expect(fresh.getDirty()).toEqual({ balance: 4225 });
    await fresh.save();
    expect((await CaCustomer.query().where("id", c.id!).toKnex().first()).balance).toBe(4225);
    expect(fresh.isDirty()).toBe(false);
    // Replaced, then the old object changed: the replacement wins.
    const old = fresh.balance!;
    fresh.balance = new Money(3);
    old.amount = 99;
    await fresh.save();
    expect((await CaCustomer.find(c.id!))!.balance!.amount).toBe(3);
  });

  it("a virtual attribute reads from its columns and writes into them (also through fill/create)", async () => {
    const c = await CaCustomer.create({ full_name: "katherine Johnson", email: "k@j.io" });
    expect([c.first_name, c.last_name]).toEqual(["Katherine", "Johnson"]);
    const raw = await CaCustomer.query().where("id", c.id!).toKnex().first();
    expect([raw.first_name, raw.last_name]).toEqual(["katherine", "Johnson"]);
    c.full_name = "Dorothy Vaughan";
    expect(c.getDirty()).toEqual({ first_name: "Dorothy", last_name: "Vaughan" });
    await c.save();
    expect((await CaCustomer.find(c.id!))!.full_name).toBe("Dorothy Vaughan");
  });

  it("toJSON shows the accessors' and casts' values, and appends the virtual one", async () => {
    const c = await CaCustomer.create({ first_name: "mary", last_name: "Jackson", email: "M@J.io", balance: new Money(7) });
    const json = JSON.parse(JSON.stringify(await CaCustomer.find(c.id!)));
    expect(json).toMatchObject({ first_name: "Mary", email: "m@j.io", balance: "7.00 EUR", full_name: "Mary Jackson", active: true });
    const empty = await CaCustomer.create({ first_name: "x", last_name: "y", email: "x@y.z" });
    expect(empty.toJSON().balance ?? null).toBe(null);
  });
});

type CaWalletAttrs = { id?: string; owner?: string; balance?: Money | null };
class CaWallet extends MongoModel<CaWalletAttrs> {
  static connectionName = "mongo";
  static override casts = { balance: { get: (cents: number) => new Money(cents / 100), set: (m: Money) => Math.round(m.amount * 100) } };
  static schema = { owner: column("string", 100), balance: column("int", undefined, { nullable: true }) };
}
registerModels([CaWallet], { logger: false });

describe.each(mongoTargets())("a custom cast on a Mongo model on the $kind store", (target) => {
  let teardown: () => Promise<void>;
  beforeAll(async () => {
    teardown = await useMongo("ev_casts", target);
  });
  afterAll(() => teardown());

  it("stores cents, reads Money, saves an in-place change", async () => {
    const w = await CaWallet.create({ owner: "ada", balance: new Money(2.5) });
    const found = (await CaWallet.where("balance", 250).first())!;
    expect(found.balance!.amount).toBe(2.5);
    found.balance!.amount = 10;
    await found.save();
    expect((await CaWallet.find(w.id!))!.balance!.amount).toBe(10);
    expect(await CaWallet.where("balance", 1000).count()).toBe(1);
  });
});

describe("misdeclared accessors and casts are clear errors at the first use of the class", () => {
  const declare = (statics: Record<string, unknown>) => {
    class CaBroken extends SqlModel {
      static schema = { id: column("increments", undefined, { primary: true }), price: column("int"), owner: column("int") };
    }
    Object.assign(CaBroken, statics);
    return () => new CaBroken();
  };

  it("a cast on a name that is not a column names the model, the key and the closest column", () => {
    expect(declare({ casts: { prise: MoneyCast } })).toThrow(
      /CaBroken\.casts lists 'prise', but CaBroken has no column 'prise'\. Did you mean 'price'\?/,
    );
  });
  it("a cast that is not a cast", () => {
    expect(declare({ casts: { price: "money" } })).toThrow(/CaBroken\.casts\.price: 'money' is not a cast/);
    expect(declare({ casts: { price: class NotACast {} } })).toThrow(/CaBroken\.casts\.price: function NotACast is not a cast class/);
    expect(declare({ casts: { price: { get: 1 } } })).toThrow(/CaBroken\.casts\.price\.get must be a function/);
    expect(declare({ casts: ["price"] })).toThrow(/CaBroken\.casts must be an object of column → cast/);
  });
  it("an accessor without get or set, or on a name that also has a cast", () => {
    expect(declare({ accessors: { label: {} } })).toThrow(
      /CaBroken\.accessors\.label must be an object with get\(model, value\) and\/or set/,
    );
    expect(declare({ casts: { price: MoneyCast }, accessors: { price: { get: () => 1 } } })).toThrow(/also has a cast/);
  });
  it("assigning a computed attribute without set, or a set that returns no columns", () => {
    const readOnly = declare({ accessors: { label: { get: () => "x" } } })() as SqlModel & { label: string };
    expect(() => (readOnly.label = "y")).toThrow(/CaBroken\.label is a computed attribute without a set: it cannot be assigned/);
    const lossy = declare({ accessors: { label: { set: () => "y" } } })() as SqlModel & { label: string };
    expect(() => (lossy.label = "y")).toThrow(/CaBroken\.accessors\.label\.set must return an object of column values to store/);
  });
});
