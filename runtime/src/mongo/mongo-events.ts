/**
 * Command events: every operation a Mongo connection sends (to a real server or to the embedded
 * store) is reported with the same shape, so tests and users count operations identically on both.
 * Mirrors the SQL runtime's `onQuery`.
 */

/** Operation names as the server knows them (`find`, `insert`, `update`, `delete`, `aggregate`…). */
export type MongoCommandName = string;

export interface MongoCommandEvent {
  /** Connection name (`mongo` by default). */
  connection: string;
  database: string;
  collection: string;
  command: MongoCommandName;
  durationMs: number;
  /** The filter sent (find/update/delete/count), for debugging; never mutated by the store. */
  filter?: unknown;
  /** Set when the command failed. */
  error?: Error;
}

export type MongoCommandListener = (event: MongoCommandEvent) => void;

const listeners = new Set<MongoCommandListener>();

/** Subscribes to every Mongo command; returns the unsubscribe function. */
export function onMongoCommand(listener: MongoCommandListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasMongoListeners(): boolean {
  return listeners.size > 0;
}

export function emitMongoCommand(event: MongoCommandEvent): void {
  for (const listener of listeners) listener(event);
}

/**
 * Driver commands that are not operations a user issued (cursor batches, handshakes, sessions):
 * not reported, so a large result read in several batches still counts as one query.
 */
export const INTERNAL_COMMANDS: ReadonlySet<string> = new Set([
  "getMore",
  "killCursors",
  "hello",
  "isMaster",
  "ismaster",
  "ping",
  "endSessions",
  "saslStart",
  "saslContinue",
  "buildInfo",
  "listCollections",
]);
