/**
 * Multi-document atomicity for pivot writes (attach/detach/sync/toggle).
 *  - Embedded store: the database is snapshotted before the work and restored when it throws, so a
 *    failure midway leaves every collection exactly as before.
 *  - Real server: the work runs in a transaction (`session.withTransaction`); every collection call
 *    made inside it joins the session through AsyncLocalStorage (see `sessionAwareDb`). A
 *    standalone server has no transactions: the first attempt fails before anything is written,
 *    the connection remembers it, and the work runs as single-document-atomic writes instead.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientSession, Collection, Db, Document } from "mongodb";
import type { MongoConnection } from "./connection";
import { EmbeddedDb } from "./embedded";
import type { CollectionPort, DbPort } from "./port";

const sessions = new AsyncLocalStorage<ClientSession>();
/** Connections (by client) known to lack transactions (standalone servers). */
const noTransactions = new WeakSet<object>();

/** The server's answer when a standalone mongod is asked for a transaction. */
function isTransactionsUnsupported(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 20 || (typeof e?.message === "string" && /Transaction numbers are only allowed|transactions are not supported/i.test(e.message));
}

export async function runAtomically<T>(conn: MongoConnection, work: () => Promise<T>): Promise<T> {
  if (conn.db instanceof EmbeddedDb) {
    const restore = conn.db.snapshot();
    try {
      return await work();
    } catch (error) {
      restore();
      throw error;
    }
  }
  const client = conn.client;
  if (!client || sessions.getStore() || noTransactions.has(client)) return work(); // nested: joins the open one
  const session = client.startSession();
  try {
    let result: T | undefined;
    await session.withTransaction(async () => {
      result = await sessions.run(session, work);
    });
    return result as T;
  } catch (error) {
    if (!isTransactionsUnsupported(error)) throw error;
    noTransactions.add(client);
    return work();
  } finally {
    await session.endSession();
  }
}

/** Adds the open transaction's session (if any) to a driver call's options. */
function withSession<O extends object>(options?: O): (O & { session?: ClientSession }) | undefined {
  const session = sessions.getStore();
  return session ? { ...(options ?? ({} as O)), session } : options;
}

function sessionAwareCollection(c: Collection<Document>): CollectionPort {
  return {
    collectionName: c.collectionName,
    insertOne: (doc) => c.insertOne(doc, withSession()),
    insertMany: (docs) => c.insertMany(docs, withSession()),
    find: (filter, options) => c.find(filter, withSession(options)),
    findOne: (filter, options) => c.findOne(filter, withSession(options) ?? {}),
    updateOne: (filter, update, options) => c.updateOne(filter, update, withSession(options)),
    updateMany: (filter, update, options) => c.updateMany(filter, update, withSession(options)),
    deleteOne: (filter) => c.deleteOne(filter, withSession()),
    deleteMany: (filter) => c.deleteMany(filter, withSession()),
    aggregate: (pipeline) => c.aggregate(pipeline, withSession()),
    countDocuments: (filter, options) => c.countDocuments(filter, withSession(options)),
    findOneAndUpdate: (filter, update, options) => c.findOneAndUpdate(filter, update, withSession(options) ?? {}),
    drop: () => c.drop(),
  };
}

/** A driver Db whose collections join the transaction opened by `runAtomically`. */
export function sessionAwareDb(db: Db): DbPort {
  const cache = new Map<string, CollectionPort>();
  return {
    databaseName: db.databaseName,
    collection(name) {
      let c = cache.get(name);
      if (!c) cache.set(name, (c = sessionAwareCollection(db.collection(name))));
      return c;
    },
    dropDatabase: () => db.dropDatabase(),
  };
}
