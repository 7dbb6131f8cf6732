/**
 * Multi-document atomicity for pivot writes (attach/detach/sync/toggle).
 *  - Embedded store: the database is snapshotted before the work and restored when it throws, so a
 *    failure midway leaves every collection exactly as before.
 *  - Real server: the work runs as written. Multi-document transactions need a replica set and a
 *    session threaded through every call; see docs/mongo.md ("Atomicity") for the current limit.
 */
import type { MongoConnection } from "./connection";
import { EmbeddedDb } from "./embedded";

export async function runAtomically<T>(conn: MongoConnection, work: () => Promise<T>): Promise<T> {
  if (!(conn.db instanceof EmbeddedDb)) return work();
  const restore = conn.db.snapshot();
  try {
    return await work();
  } catch (error) {
    restore();
    throw error;
  }
}
