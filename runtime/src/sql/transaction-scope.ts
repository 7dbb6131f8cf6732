/**
 * The open transaction of each connection in the current async context (AsyncLocalStorage). Its
 * own module so connections.ts can consult it without importing transaction.ts (which imports it).
 *
 * Each entry links to the transaction it is nested in: work scheduled inside a transaction that
 * runs after it settled (a timer, an un-awaited promise) falls back to the enclosing transaction
 * that is still open, else to the pool — never to a finished transaction.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Knex } from "knex";

/** One transaction() level; `failure` is set when the database gave up on it (see transaction.ts). */
export interface TransactionLevel {
  failure?: Error;
}

export interface ScopeEntry {
  readonly trx: Knex.Transaction;
  readonly outer: ScopeEntry | undefined;
  /** Levels of this connection's transaction now open, outermost first (shared by the nested entries). */
  readonly stack: TransactionLevel[];
  readonly level: TransactionLevel;
}

export const transactionScope = new AsyncLocalStorage<ReadonlyMap<string, ScopeEntry>>();

/** The innermost still-open transaction entry this async context has on `connection`. */
export function openEntry(connection: string): ScopeEntry | undefined {
  let entry = transactionScope.getStore()?.get(connection);
  while (entry && entry.trx.isCompleted()) entry = entry.outer;
  return entry;
}

/** The transaction this async context holds open on `connection`, if any. */
export function openTransaction(connection: string): Knex.Transaction | undefined {
  return openEntry(connection)?.trx;
}
