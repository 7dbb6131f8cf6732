/**
 * Shared by the Mongo workloads (MW1, MW4): the embedded in-process store seeded inside each child
 * process (it lives in memory, so every implementation seeds the same deterministic data before
 * its timed runs: 10k users, 10 posts each, 10 comments on each post of the first 1k users, with
 * ObjectIds derived from counters), eloquent MongoModels over it, and the floor: raw collection
 * calls (`find` with `$in`) plus Map stitching on the same store.
 */
import { ObjectId, type Document } from "mongodb";
import { queryCounter, type Runner } from "./harness";
import * as mongoModels from "./mongo-models";

export interface MongoContext {
  url: string;
  database: string;
  /** Data already in the database (a server, seeded once by setup); the embedded store seeds per process. */
  seeded?: boolean;
  /** Why this workload does not run here (printed by run.ts instead of timings). */
  skip?: string;
}

export const MONGO_SIZES = { users: 10_000, postsPerUser: 10, commentedUsers: 1_000, commentsPerPost: 10 };

/** Deterministic ObjectIds: collection prefix + counter, so every process builds identical data. */
export const oid = (prefix: number, n: number) => new ObjectId(prefix.toString(16).padStart(4, "0") + n.toString(16).padStart(20, "0"));

export function mongoContext(): MongoContext {
  return { url: "memory:", database: "bench" };
}

/**
 * The server legs (MW1S, MW4S): the same data on the server MONGODB_URL names (e.g. FerretDB from
 * `npm run ferretdb start`), seeded once here; skipped with a notice when it is unset.
 */
export async function serverMongoContext(): Promise<MongoContext> {
  const url = process.env.MONGODB_URL?.trim();
  if (!url || url.startsWith("memory:"))
    return { url: "", database: "", skip: 'MONGODB_URL is not set (eval "$(npm run -s ferretdb start)" starts FerretDB)' };
  const database = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_bench_eager`;
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 5_000 });
  try {
    const db = client.db(database);
    await db.dropDatabase();
    await seed(db as unknown as import("eloquent-orm").DbPort);
  } finally {
    await client.close();
  }
  return { url, database, seeded: true };
}

async function seed(db: import("eloquent-orm").DbPort): Promise<void> {
  const s = MONGO_SIZES;
  const users: Document[] = [];
  const posts: Document[] = [];
  const comments: Document[] = [];
  let postN = 0;
  let commentN = 0;
  for (let u = 1; u <= s.users; u++) {
    users.push({ _id: oid(1, u), n: u, name: `user ${u}` });
    for (let p = 0; p < s.postsPerUser; p++) {
      const postId = oid(2, ++postN);
      posts.push({ _id: postId, user_id: oid(1, u), title: `post ${postN}` });
      if (u <= s.commentedUsers)
        for (let c = 0; c < s.commentsPerPost; c++)
          comments.push({ _id: oid(3, ++commentN), post_id: postId, body: `comment ${postN}.${c}` });
    }
  }
  await db.collection("users").insertMany(users);
  await db.collection("posts").insertMany(posts);
  await db.collection("comments").insertMany(comments);
}

export async function eloquentMongoRunner(
  context: MongoContext,
  run: (models: typeof mongoModels) => Promise<unknown>,
  canonical: (result: any) => unknown,
): Promise<Runner> {
  const orm = await import("eloquent-orm");
  orm.configureMongoConnection("bench_mongo", { url: context.url, database: context.database });
  if (!context.seeded) await seed(orm.getMongoConnection("bench_mongo").db);
  const models = mongoModels;
  orm.registerModels(models.ALL, { logger: false });
  const queries = queryCounter();
  orm.onMongoCommand(() => queries.tick());
  return {
    run: () => run(models),
    canonical,
    takeQueryCount: queries.take,
    close: () => orm.closeMongoConnections(),
  };
}

export interface RawMongo {
  /** `find({ field: { $in: keys } })`, chunked like a careful hand-written loader (50k per $in). */
  findIn(collection: string, field: string, keys: unknown[]): Promise<Document[]>;
  find(collection: string, filter: Document): Promise<Document[]>;
}

export async function rawMongoRunner(
  context: MongoContext,
  run: (raw: RawMongo) => Promise<unknown>,
  canonical: (result: any) => unknown,
): Promise<Runner> {
  const orm = await import("eloquent-orm");
  orm.configureMongoConnection("bench_raw", { url: context.url, database: context.database });
  const db = orm.getMongoConnection("bench_raw").db;
  if (!context.seeded) await seed(db);
  const queries = queryCounter();
  orm.onMongoCommand(() => queries.tick());
  return rawRunner(db, queries, run, canonical, () => orm.closeMongoConnections());
}

/** The floor on a server: the official driver's own MongoClient, nothing of eloquent in between. */
export async function rawDriverRunner(
  context: MongoContext,
  run: (raw: RawMongo) => Promise<unknown>,
  canonical: (result: any) => unknown,
): Promise<Runner> {
  const { MongoClient } = await import("mongodb");
  const client = new MongoClient(context.url, { monitorCommands: true, serverSelectionTimeoutMS: 5_000 });
  const queries = queryCounter();
  client.on("commandStarted", (e) => {
    if (e.commandName === "find" || e.commandName === "aggregate") queries.tick();
  });
  const db = client.db(context.database);
  return rawRunner(db as unknown as import("eloquent-orm").DbPort, queries, run, canonical, () => client.close());
}

function rawRunner(
  db: import("eloquent-orm").DbPort,
  queries: ReturnType<typeof queryCounter>,
  run: (raw: RawMongo) => Promise<unknown>,
  canonical: (result: any) => unknown,
  close: () => Promise<void>,
): Runner {
  const raw: RawMongo = {
    async findIn(collection, field, keys) {
      const out: Document[] = [];
      for (let i = 0; i < keys.length; i += 50_000) {
        for (const d of await db
          .collection(collection)
          .find({ [field]: { $in: keys.slice(i, i + 50_000) } })
          .toArray())
          out.push(d);
      }
      return out;
    },
    find: (collection, filter) => db.collection(collection).find(filter).toArray(),
  };
  return { run: () => run(raw), canonical, takeQueryCount: queries.take, close };
}

/** Groups documents by the hex string of an ObjectId field (one pass). */
export function groupByKey(docs: Document[], field: string): Map<string, Document[]> {
  const map = new Map<string, Document[]>();
  for (const d of docs) {
    const k = String(d[field]);
    const g = map.get(k);
    if (g) g.push(d);
    else map.set(k, [d]);
  }
  return map;
}

export const hex = (v: unknown) => String(v);
