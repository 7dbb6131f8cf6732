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
import type { MongoConnection } from "./mongo-connection";
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
  return (
    typeof e?.message === "string" &&
    /Transaction numbers are only allowed|transactions are not supported|unknown field "(autocommit|txnNumber|startTransaction)"/i.test(
      e.message,
    )
  );
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
  if (conn.embedded) return journaled(work);
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

/** Turns a driver failure into the error the runtime reports (e.g. "no server answered at <url>"). */
export type FailureMapper = (error: unknown) => unknown;

function sessionAwareCollection(c: Collection<Document>, fail: FailureMapper): CollectionPort {
  const run = <T>(p: Promise<T>): Promise<T> => p.catch((error) => Promise.reject(fail(error)));
  return {
    collectionName: c.collectionName,
    insertOne: (doc) => run(c.insertOne(doc, withSession())),
    insertMany: (docs) => run(c.insertMany(docs, withSession())),
    find: (filter, options) => {
      const cursor = c.find(filter, withSession(options));
      return { toArray: () => run(cursor.toArray()) };
    },
    findOne: (filter, options) => run(c.findOne(filter, withSession(options) ?? {})),
    updateOne: (filter, update, options) => run(c.updateOne(filter, update, withSession(options))),
    updateMany: (filter, update, options) => run(c.updateMany(filter, update, withSession(options))),
    deleteOne: (filter) => run(c.deleteOne(filter, withSession())),
    bulkWrite: (operations) => run(c.bulkWrite([...operations], withSession({ ordered: true }))),
    deleteMany: (filter) => run(c.deleteMany(filter, withSession())),
    aggregate: (pipeline) => {
      const cursor = c.aggregate(pipeline, withSession());
      return { toArray: () => run(cursor.toArray()) };
    },
    countDocuments: (filter, options) => run(c.countDocuments(filter, withSession(options))),
    findOneAndUpdate: (filter, update, options) => run(c.findOneAndUpdate(filter, update, withSession(options) ?? {})),
    drop: () => run(c.drop()),
    createIndex: (keys, options) => run(c.createIndex(keys, options ?? {})),
    indexes: () => run(c.indexes()),
  };
}

/** A driver Db whose collections join the transaction opened by `runAtomically`. */
export function sessionAwareDb(db: Db, fail: FailureMapper = (e) => e): DbPort {
  const cache = new Map<string, CollectionPort>();
  return {
    databaseName: db.databaseName,
    collection(name) {
      let c = cache.get(name);
      if (!c) cache.set(name, (c = sessionAwareCollection(db.collection(name), fail)));
      return c;
    },
    dropDatabase: () => db.dropDatabase().catch((error) => Promise.reject(fail(error))),
  };
}
