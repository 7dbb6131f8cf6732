/**
 * Where the Mongo contract suite runs: the embedded in-process store always, or the real server
 * MONGODB_URL points at (mongodb:// or mongodb+srv://). Each test file gets its own database,
 * dropped before use, so files run in parallel against one server.
 */
import { closeMongoConnection, configureMongoConnection, getMongoConnection, onMongoCommand, type MongoCommandEvent } from "eloquent-orm";

export interface MongoTarget {
  kind: "embedded" | "server";
  url: string;
}

let warned = false;

export function mongoTarget(): MongoTarget {
  const url = process.env.MONGODB_URL?.trim();
  if (url && !url.startsWith("memory:")) return { kind: "server", url };
  if (!warned) {
    warned = true;
    console.warn("\n!!! MONGODB_URL is not set: the Mongo contract suite runs on the EMBEDDED store only (set MONGODB_URL=mongodb://… to run it on a server).\n");
  }
  return { kind: "embedded", url: "memory:" };
}

/** Points connection `name` at a fresh database for `tag`; returns the teardown. */
export async function useMongo(tag: string, name = "mongo"): Promise<() => Promise<void>> {
  const target = mongoTarget();
  await closeMongoConnection(name);
  const database = `elq_${tag}`.replace(/[^a-zA-Z0-9_]/g, "_");
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
