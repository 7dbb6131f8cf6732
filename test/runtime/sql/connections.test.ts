/** Connection configuration (code, env, URLs), the seed's constructor form, and clear configuration errors. */
import { afterEach, describe, expect, it } from "vitest";
import {
  closeAllConnections,
  column,
  configureConnection,
  defaultConnectionName,
  getConnection,
  migrate,
  modelMeta,
  relation,
  SqlModel,
  sqliteParamLimit,
} from "eloquent-orm";

afterEach(async () => {
  delete process.env.DB_CONNECTION;
  delete process.env.DB_REPORTING_URL;
  await closeAllConnections();
});

describe("connections", () => {
  it("defaults to DB_CONNECTION, else sqlite (in memory)", async () => {
    expect(defaultConnectionName()).toBe("sqlite");
    process.env.DB_CONNECTION = "reporting";
    expect(defaultConnectionName()).toBe("reporting");
    delete process.env.DB_CONNECTION;
    const conn = getConnection();
    expect(conn.dialect).toBe("sqlite");
    expect(await conn.knex.raw("select 1 + 1 as two")).toEqual([{ two: 2 }]);
  });

  it("reads DB_<NAME>_URL from the environment", () => {
    process.env.DB_REPORTING_URL = "sqlite::memory:";
    expect(getConnection("reporting").dialect).toBe("sqlite");
  });

  it("accepts PostgreSQL and MySQL URLs in code", () => {
    configureConnection("pgx", "postgres://u@127.0.0.1:1/db");
    configureConnection("myx", "mariadb://u@127.0.0.1:1/db");
    expect(getConnection("pgx").dialect).toBe("pg");
    expect(getConnection("myx").dialect).toBe("mysql");
  });

  it("explains an unknown connection and a bad URL", () => {
    expect(() => getConnection("nowhere")).toThrow(/No SQL connection named 'nowhere'.*configureConnection\("nowhere".*DB_NOWHERE_URL/);
    expect(() => configureConnection("bad", "localhost:5432")).toThrow(/unknown client 'localhost'/);
    expect(() => configureConnection("bad", "not a url")).toThrow(/is not a connection URL/);
  });
});

describe("the seed's constructor form", () => {
  type UserAttrs = { id?: number; name?: string };
  class SeedUser extends SqlModel<UserAttrs> {
    static schema = {
      id: column("increments", undefined, { primary: true }),
      name: column("string", 255),
      posts: relation("hasMany", "SeedPost", { foreignKey: "user_id" }),
    };
    constructor() {
      super("seed_users", "seed");
    }
  }
  class SeedPost extends SqlModel<{ id?: number; title?: string; user_id?: number }> {
    static tableName = "seed_posts_static"; // static wins over the constructor argument
    static schema = {
      id: column("increments", undefined, { primary: true }),
      title: column("string", 255),
      user_id: column("int"),
      author: relation("belongsTo", "SeedUser", { foreignKey: "user_id" }),
    };
    constructor() {
      super("seed_posts_ctor", "seed");
    }
  }

  it("records table and connection from super(table, connection); statics win", async () => {
    configureConnection("seed", { client: "sqlite", filename: ":memory:" });
    expect(modelMeta(SeedUser)).toMatchObject({ table: "seed_users", connection: "seed" });
    expect(modelMeta(SeedPost)).toMatchObject({ table: "seed_posts_static", connection: "seed" });
    await migrate([SeedUser, SeedPost]);
    const u = await SeedUser.create({ name: "Ada" });
    await SeedPost.create({ title: "hello", user_id: u.id });
    const loaded = await SeedUser.with("posts").firstOrFail();
    expect((loaded.getRelation("posts") as SeedPost[]).map((p) => p.title)).toEqual(["hello"]);
    expect(await getConnection("seed").knex.raw("select count(*) as n from seed_posts_static")).toEqual([{ n: 1 }]);
  });
});

describe("parameter limits", () => {
  it("knows SQLite's limit by version and reads it from the live connection", async () => {
    expect(sqliteParamLimit("3.31.1")).toBe(999);
    expect(sqliteParamLimit("3.32.0")).toBe(32_766);
    expect(sqliteParamLimit("3.50.4")).toBe(32_766);
    const conn = getConnection("sqlite");
    conn.paramLimit = 5; // overwritten from sqlite_version() when the first connection opens
    await conn.knex.raw("select 1");
    expect(conn.paramLimit).toBe(32_766); // better-sqlite3 12 bundles a modern SQLite
  });
});
