/**
 * Where the Mongo contract suite runs: the embedded in-process store always, plus the real server
 * MONGODB_URL points at (mongodb:// or mongodb+srv://) when it is set. Each test file gets its own
 * database per target, dropped before and after, so files run in parallel against one server.
 */
import { closeMongoConnection, configureMongoConnection, getMongoConnection, onMongoCommand, type MongoCommandEvent } from "eloquent-orm";
import { ferretDbVersion, serverUrlFromEnv } from "./legs";

export interface MongoTarget {
  kind: "embedded" | "server";
  url: string;
}

let warned = false;

/**
 * The targets of this run: always the embedded store; the server too when MONGODB_URL names one.
 * Name the per-target describe block "… on the $kind store": that is how the end-of-run report
 * (legs-reporter.ts) finds each leg's tests.
 */
export function mongoTargets(): MongoTarget[] {
  const targets: MongoTarget[] = [{ kind: "embedded", url: "memory:" }];
  const url = serverUrlFromEnv();
  if (url) targets.push({ kind: "server", url });
  else if (!warned) {
    warned = true;
    console.warn(
      "\n!!! MONGODB_URL is not set: SKIPPING the real-server run of the Mongo contract suite (embedded store only). Set MONGODB_URL=mongodb://… to add it.\n",
    );
  }
  return targets;
}

/** Points connection `name` at a fresh database for `tag` on `target`; returns the teardown. */
export async function useMongo(tag: string, target: MongoTarget, name = "mongo"): Promise<() => Promise<void>> {
  await closeMongoConnection(name);
  // ELOQUENT_TEST_DB_PREFIX keeps two checkouts that test at once on one server out of each other's databases.
  const database = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_${tag}`.replace(/[^a-zA-Z0-9_]/g, "_");
  configureMongoConnection(name, { url: target.url, database });
  await getMongoConnection(name).db.dropDatabase();
  return async () => {
    await getMongoConnection(name).db.dropDatabase();
    await closeMongoConnection(name);
  };
}

/** Runs `work` and returns its result with the Mongo commands it issued. */
export async function withCommands<T>(work: () => PromiseLike<T>): Promise<{ result: T; count: number; commands: MongoCommandEvent[] }> {
  const commands: MongoCommandEvent[] = [];
  const stop = onMongoCommand((e) => commands.push(e));
  try {
    const result = await work();
    return { result, count: commands.length, commands };
  } finally {
    stop();
  }
}

/**
 * Which server answers: the embedded store, MongoDB, or FerretDB (the wire-compatible server CI runs;
 * `buildInfo` carries a `ferretdb` section). Used only to skip what a server does not implement.
 */
export async function serverFlavor(name = "mongo"): Promise<"embedded" | "mongodb" | "ferretdb"> {
  const conn = getMongoConnection(name);
  if (conn.embedded || !conn.client) return "embedded";
  const info = await conn.client.db("admin").command({ buildInfo: 1 });
  return ferretDbVersion(info) !== undefined ? "ferretdb" : "mongodb";
}

/**
 * Whether pivot writes are undone on failure: the embedded store (its journal) and servers with
 * transactions (a replica set or mongos: `hello` names a set). FerretDB 1.x and a standalone mongod
 * have none, so the runtime falls back to single-document-atomic writes there.
 */
export async function pivotWritesAreAtomic(name = "mongo"): Promise<boolean> {
  const conn = getMongoConnection(name);
  if (conn.embedded || !conn.client) return true;
  const hello = await conn.client.db("admin").command({ hello: 1 });
  return typeof hello.setName === "string" || hello.msg === "isdbgrid";
}
