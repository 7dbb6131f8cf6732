/**
 * Read/write connections on every dialect, with two real databases standing in for a primary and its replica
 * (nothing replicates between them, so each row shows which one answered): reads go to the replica, writes and
 * transactions to the primary, sticky reads follow a write inside readWriteScope(), and misconfigurations are
 * clear errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  closeConnection,
  column,
  configureConnection,
  getConnection,
  migrate,
  readWriteScope,
  registerModels,
  relation,
  SqlModel,
  transaction,
} from "eloquent-orm";
import { sqlDialects, type DialectTarget } from "../shared/dialects";

type RwItemAttrs = { id?: number; name?: string; parent_id?: number | null; children?: RwItem[] };
class RwItem extends SqlModel<RwItemAttrs> {
  static connectionName = "rw";
  static tableName = "rw_items";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 50),
    parent_id: column("int", undefined, { nullable: true }),
    children: relation("hasMany", "RwItem", { foreignKey: "parent_id" }),
  };
}
registerModels([RwItem], { logger: false });

/** A database per role on the target's server (SQLite: a file per role); `admin(role)` opens it directly. */
interface Databases {
  url(role: string): string;
  admin(role: string): Knex;
  drop(): Promise<void>;
}

const prefix = (process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq").toLowerCase().replace(/[^a-z0-9_]/g, "_");

async function databases(target: DialectTarget, roles: readonly string[]): Promise<Databases> {
  if (target.name === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "eloquent-rw-"));
    const file = (role: string) => path.join(dir, `${role}.db`);
    return {
      url: (role) => `sqlite:${file(role)}`,
      admin: (role) => knexFactory({ client: "better-sqlite3", connection: { filename: file(role) }, useNullAsDefault: true }),
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = new URL(target.url!);
  const name = (role: string) => `${prefix}_rw_${role}`;
  const server = () =>
    target.name === "pg"
      ? knexFactory({ client: "pg", connection: target.url })
      : knexFactory({
          client: "mysql2",
          connection: {
            host: base.hostname,
            port: Number(base.port || 3306),
            user: decodeURIComponent(base.username),
            password: decodeURIComponent(base.password),
          },
        });
  const root = server();
  for (const role of roles) {
    await root.raw(target.name === "pg" ? "drop database if exists ?? with (force)" : "drop database if exists ??", [name(role)]);
    await root.raw("create database ??", [name(role)]);
  }
  await root.destroy();
  const url = (role: string) => {
    const u = new URL(target.url!);
    u.pathname = `/${name(role)}`;
    return u.toString();
  };
  return {
    url,
    admin: (role) =>
      target.name === "pg"
        ? knexFactory({ client: "pg", connection: url(role) })
        : knexFactory({ client: "mysql2", connection: url(role) }),
    drop: async () => {
      const again = server();
      for (const role of roles)
        await again.raw(target.name === "pg" ? "drop database if exists ?? with (force)" : "drop database if exists ??", [name(role)]);
      await again.destroy();
    },
  };
}

const names = async () => ((await RwItem.query().orderBy("name").pluck("name")) as string[]).join(",");

describe.each(sqlDialects())("read/write connections on $name", (target) => {
  let dbs: Databases;
  let replica: Knex;
  let primary: Knex;
  const client = target.name === "sqlite" ? "sqlite" : target.name === "pg" ? "pg" : "mysql";

  beforeAll(async () => {
    dbs = await databases(target, ["primary", "replica"]);
    configureConnection("rw", { client, write: dbs.url("primary"), read: [dbs.url("replica")], sticky: true });
    await migrate([RwItem]); // on the primary: migrations are writes
    replica = dbs.admin("replica");
    primary = dbs.admin("primary");
    await replica.schema.createTable("rw_items", (t) => {
      t.increments("id").primary();
      t.string("name", 50);
      t.integer("parent_id").nullable();
    });
  });
  afterAll(async () => {
    await closeConnection("rw");
    await Promise.all([replica.destroy(), primary.destroy()]);
    await dbs.drop();
  });
  beforeEach(async () => {
    await Promise.all([primary("rw_items").del(), replica("rw_items").del()]);
    await replica("rw_items").insert([
      { id: 1, name: "replica-parent", parent_id: null },
      { id: 2, name: "replica-child", parent_id: 1 },
    ]);
  });

  it("writes go to the primary; reads, counts and eager loads to the replica", async () => {
    const written = await RwItem.create({ name: "written" });
    expect(await primary("rw_items").pluck("name")).toEqual(["written"]);
    expect(await names()).toBe("replica-child,replica-parent");
    expect(await RwItem.count()).toBe(2);
    const [parent] = await RwItem.query().whereNull("parent_id").with("children").get();
    expect(parent!.name).toBe("replica-parent");
    expect(parent!.children!.map((c) => c.name)).toEqual(["replica-child"]);
    // the model's own writes still reach its row on the primary
    await written.update({ name: "renamed" });
    await RwItem.query().where("name", "renamed").update({ parent_id: 7 }); // a mass update: primary
    expect(await primary("rw_items").select("name", "parent_id")).toEqual([{ name: "renamed", parent_id: 7 }]);
  });

  it("sticky: inside readWriteScope(), reads after a write go to the primary", async () => {
    await readWriteScope(async () => {
      expect(await names()).toBe("replica-child,replica-parent"); // nothing written yet
      await RwItem.create({ name: "mine" });
      expect(await names()).toBe("mine"); // the write is visible to the same request
    });
    // another scope (another request) starts on the replica again
    await readWriteScope(async () => expect(await names()).toBe("replica-child,replica-parent"));
    // concurrent scopes do not share their writes
    await Promise.all([
      readWriteScope(async () => {
        await RwItem.create({ name: "a" });
        expect(await names()).toBe("a,mine");
      }),
      readWriteScope(async () => expect(await names()).toBe("replica-child,replica-parent")),
    ]);
  });

  it("transactions run on the primary, reads inside them too", async () => {
    await transaction(
      async () => {
        await RwItem.create({ name: "in-trx" });
        expect(await names()).toBe("in-trx");
      },
      { connection: "rw" },
    );
    expect(await names()).toBe("replica-child,replica-parent");
  });

  it("without sticky, reads stay on the replica after a write", async () => {
    await closeConnection("rw");
    configureConnection("rw", { client, write: dbs.url("primary"), read: dbs.url("replica") });
    try {
      await readWriteScope(async () => {
        await RwItem.create({ name: "unseen" });
        expect(await names()).toBe("replica-child,replica-parent");
      });
    } finally {
      await closeConnection("rw");
      configureConnection("rw", { client, write: dbs.url("primary"), read: [dbs.url("replica")], sticky: true });
    }
  });
});

describe("read/write connection settings", () => {
  it("reads go to the replicas in turn", async () => {
    const dbs = await databases({ name: "sqlite" }, ["p", "r1", "r2"]);
    try {
      for (const role of ["p", "r1", "r2"]) {
        const k = dbs.admin(role);
        await k.schema.createTable("rw_items", (t) => {
          t.increments("id");
          t.string("name");
          t.integer("parent_id").nullable();
        });
        await k("rw_items").insert({ name: role });
        await k.destroy();
      }
      configureConnection("rw", { client: "sqlite", write: dbs.url("p"), read: [dbs.url("r1"), dbs.url("r2")] });
      const seen = [await names(), await names(), await names(), await names()];
      expect(seen).toEqual(["r1", "r2", "r1", "r2"]);
    } finally {
      await closeConnection("rw");
      await dbs.drop();
    }
  });

  it("misconfigurations name the connection and what was expected", async () => {
    const attempt = async (config: Parameters<typeof configureConnection>[1]) => {
      await closeConnection("rw_bad");
      configureConnection("rw_bad", config);
      return () => getConnection("rw_bad");
    };
    expect(await attempt({ client: "sqlite", filename: ":memory:", read: [] })).toThrow(
      /connection 'rw_bad': 'read' must be a replica URL or a non-empty list of them; got \[\]/,
    );
    expect(await attempt({ client: "pg", url: "postgres://x/y", sticky: true })).toThrow(
      /connection 'rw_bad': 'write' and 'sticky' need 'read'/,
    );
    expect(await attempt({ client: "pg", read: ["postgres://replica/db"] })).toThrow(/give the primary as 'write' \(or 'url'\)/);
    expect(await attempt({ client: "pg", write: "postgres://p/db", read: ["mysql://r/db"] })).toThrow(
      /the read\[0\] URL 'mysql:\/\/r\/db' is not a pg URL; every replica and the primary use one client/,
    );
  });
});
