/**
 * Read/write connections (Laravel's `read` / `write` / `sticky`):
 *
 *   configureConnection("main", { client: "pg", write: "postgres://primary/app", read: ["postgres://replica-1/app"], sticky: true });
 *
 * Reads of model queries (get, first, count, pluck, aggregates, pagination, streaming, eager loads) go to the
 * replicas in turn; writes, locking reads (`lockForUpdate`/`sharedLock`), pivot work, migrations and everything
 * inside `transaction()` go to the primary. A replica lags behind its primary, so with `sticky: true` a read that
 * follows a write in the same `readWriteScope()` (wrap each request or job in one, as Laravel's request cycle) goes
 * to the primary and sees that write. Outside a scope there is nothing to be sticky to, and reads use the replicas.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Knex } from "knex";

/** What a connection with replicas carries beside its primary knex. */
export interface ReadReplicas {
  readonly readers: readonly Knex[];
  readonly sticky: boolean;
  next: number;
}

/** Per scope: the connections written to in it. */
const written = new AsyncLocalStorage<Set<string>>();

/**
 * Runs `work` as one unit for sticky reads: after a write on a sticky connection inside it, its reads go to the
 * primary. Scopes nest (an inner scope shares the outer one's writes: it is the same request).
 */
export function readWriteScope<T>(work: () => T): T {
  const outer = written.getStore();
  return outer ? work() : written.run(new Set(), work);
}

/** Records a write on the connection (only sticky connections with replicas care). */
export function noteWrite(connection: string, replicas: ReadReplicas): void {
  if (replicas.sticky) written.getStore()?.add(connection);
}

/** The knex a read of `connection` runs on: a replica in turn, or the primary when sticky after a write. */
export function readerFor(connection: string, primary: Knex, replicas: ReadReplicas): Knex {
  if (replicas.sticky && written.getStore()?.has(connection)) return primary;
  const reader = replicas.readers[replicas.next % replicas.readers.length]!;
  replicas.next = (replicas.next + 1) % replicas.readers.length;
  return reader;
}
