/**
 * Transactions that model operations join automatically: the open transaction of each connection
 * travels with the async context (AsyncLocalStorage). A nested `transaction()` on the same
 * connection is a savepoint; a throw rolls back to it (or the whole transaction at the top).
 *
 * A transaction the database has given up on never resolves as if it committed: on PostgreSQL any
 * failed statement aborts the transaction (COMMIT then silently means ROLLBACK), on MySQL/MariaDB a
 * deadlock (1213) or lock wait timeout (1205) rolls it back while the code goes on. When user code
 * catches such an error, the unit throws a `TransactionAbortedError` at its end, and model queries
 * after the failure throw it at once.
 */
import { noteWrite, readerFor } from "./read-write";
import type { Knex } from "knex";
import { EloquentError } from "../model/errors";
import { defaultConnectionName, getConnection, type Dialect } from "./sql-connections";
import { openEntry, transactionScope as context, type ScopeEntry, type TransactionLevel } from "./transaction-scope";

export interface TransactionOptions {
  /** Connection name (default: the default connection). */
  connection?: string;
}

export class TransactionAbortedError extends EloquentError {
  declare readonly cause: Error;
  constructor(message: string, cause: Error) {
    super(message);
    this.cause = cause;
  }
}

/** MySQL/MariaDB errors after which the server has rolled the whole transaction back. */
const MYSQL_ROLLBACK_ERRNOS = new Set([1213 /* ER_LOCK_DEADLOCK */, 1205 /* ER_LOCK_WAIT_TIMEOUT */]);

function abortedError(connection: string, dialect: Dialect, cause: Error): TransactionAbortedError {
  const failed = `${cause.message}`;
  if (dialect === "pg") {
    return new TransactionAbortedError(
      `transaction() on connection '${connection}' (PostgreSQL) was rolled back: a statement inside it failed and the error was caught, ` +
        `and PostgreSQL aborts the whole transaction after any failed statement, so nothing in it could commit. Failed: ${failed}. ` +
        `To let a statement fail without losing the transaction, run it in a nested transaction() (a savepoint) and catch around that.`,
      cause,
    );
  }
  const errno = (cause as { errno?: unknown }).errno;
  return new TransactionAbortedError(
    `transaction() on connection '${connection}' (MySQL/MariaDB) was rolled back by the server: ${errno === 1213 ? "deadlock" : "lock wait timeout"} ` +
      `(errno ${String(errno)}), and the error was caught. Its earlier statements are undone; it cannot commit. Failed: ${failed}. ` +
      `Retry the whole transaction() unit.`,
    cause,
  );
}

/** Marks the levels the database gave up on: PostgreSQL the innermost open one, MySQL all of them. */
function trackFailures(trx: Knex.Transaction, dialect: Dialect, stack: TransactionLevel[]): void {
  if (dialect === "sqlite") return; // a failed SQLite statement leaves the transaction usable
  (trx as unknown as NodeJS.EventEmitter).on("query-error", (error: Error) => {
    if (dialect === "pg") {
      const innermost = stack[stack.length - 1];
      if (innermost && !innermost.failure) innermost.failure = error;
    } else if (MYSQL_ROLLBACK_ERRNOS.has(Number((error as { errno?: unknown }).errno))) {
      for (const level of stack) level.failure ??= error;
    }
  });
}

function firstFailure(entry: ScopeEntry): Error | undefined {
  for (const level of entry.stack) if (level.failure) return level.failure;
  return undefined;
}

export async function transaction<T>(work: (trx: Knex.Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const name = options.connection ?? defaultConnectionName();
  const conn = getConnection(name);
  const outer = openEntry(name);
  const failed = outer && firstFailure(outer);
  if (failed) throw abortedError(name, conn.dialect, failed);
  const runner: Knex | Knex.Transaction = outer?.trx ?? conn.knex;
  return runner.transaction(async (trx) => {
    const stack = outer?.stack ?? [];
    if (!outer) trackFailures(trx, conn.dialect, stack);
    const level: TransactionLevel = {};
    const scope = new Map(context.getStore() ?? []);
    scope.set(name, { trx, outer, stack, level });
    stack.push(level);
    let result: T;
    try {
      result = await context.run(scope, () => work(trx));
    } finally {
      stack.splice(stack.lastIndexOf(level), 1);
    }
    if (level.failure) throw abortedError(name, conn.dialect, level.failure);
    return result;
  });
}

/**
 * The query runner for a connection: its open transaction in this async context, or the pool (a read replica's
 * for reads of a read/write connection).
 * A transaction the database already rolled back is an error here, before the next statement.
 */
export function runnerFor(connection: string | undefined, purpose: "read" | "write" = "write"): Knex | Knex.Transaction {
  const name = connection ?? defaultConnectionName();
  const entry = openEntry(name);
  if (entry === undefined) {
    const conn = getConnection(name);
    if (conn.replicas === undefined) return conn.knex;
    // read/write connections (read-write.ts): reads to a replica unless sticky after a write in this scope
    if (purpose === "read") return readerFor(name, conn.knex, conn.replicas);
    noteWrite(name, conn.replicas);
    return conn.knex;
  }
  const failed = firstFailure(entry);
  if (failed) throw abortedError(name, getConnection(name).dialect, failed);
  return entry.trx;
}

/** True inside a transaction on that connection. */
export function inTransaction(connection?: string): boolean {
  return openEntry(connection ?? defaultConnectionName()) !== undefined;
}
