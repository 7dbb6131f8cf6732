/**
 * Multi-document atomicity for pivot writes (attach/detach/sync/toggle).
 *  - Embedded store: the writes the work makes are journaled and undone when it throws, so a
 *    failure midway leaves its collections as before — and concurrent writes by others untouched.
 *  - Real server: the work runs in a transaction (`session.withTransaction`); every collection call
 *    made inside it joins the session through AsyncLocalStorage (see `sessionAwareDb`). A server
 *    without transactions (a standalone mongod: its `hello` names no replica set; FerretDB 1.x) is
 *    recognised once per client — up front from `hello`, or from its refusal of the first
 *    transactional command, before anything is written — and the work then runs as
 *    single-document-atomic writes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientSession, Collection, Db, Document, MongoClient } from "mongodb";
import type { MongoConnection } from "./connection";
import { EmbeddedDb } from "./embedded";
import { journaled } from "./embedded/journal";
import type { CollectionPort, DbPort } from "./port";

const sessions = new AsyncLocalStorage<ClientSession>();
/** Connections (by client) known to lack transactions (standalone servers). */
const noTransactions = new WeakSet<object>();

/**
 * The server's answer when a server without transactions is asked for one: a standalone mongod
 * (code 20), or a wire-compatible server that does not know the transaction fields (FerretDB 1.x:
 * `insert: unknown field "autocommit"`, code 9).
 */
function isTransactionsUnsupported(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  if (e?.code === 20) return true;
  return typeof e?.message === "string" && /Transaction numbers are only allowed|transactions are not supported|unknown field "(autocommit|txnNumber|startTransaction)"/i.test(e.message);
}

/** Whether the server can run transactions: replica-set members and mongos can, a standalone cannot. */
const transactionSupport = new WeakMap<MongoClient, Promise<boolean>>();
function supportsTransactions(client: MongoClient): Promise<boolean> {
  let known = transactionSupport.get(client);
  if (!known) {
    known = client
      .db("admin")
      .command({ hello: 1 })
      .then((hello) => typeof hello.setName === "string" || hello.msg === "isdbgrid")
      .catch(() => true); // unknown: try, and learn from the server's refusal below
    transactionSupport.set(client, known);
  }
  return known;
}

export async function runAtomically<T>(conn: MongoConnection, work: () => Promise<T>): Promise<T> {
  if (conn.db instanceof EmbeddedDb) return journaled(work);
  const client = conn.client;
  if (!client || sessions.getStore() || noTransactions.has(client)) return work(); // nested: joins the open one
  if (!(await supportsTransactions(client))) {
    noTransactions.add(client);
    return work();
  }
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
