/**
 * The open transaction of each connection in the current async context (AsyncLocalStorage). Its
 * own module so connections.ts can consult it without importing transaction.ts (which imports it).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Knex } from "knex";

export const transactionScope = new AsyncLocalStorage<ReadonlyMap<string, Knex.Transaction>>();

/** The transaction this async context holds open on `connection`, if any. */
export function openTransaction(connection: string): Knex.Transaction | undefined {
  const trx = transactionScope.getStore()?.get(connection);
  return trx && !trx.isCompleted() ? trx : undefined;
}
