/**
 * Transactions that model operations join automatically: the open transaction of each connection
 * travels with the async context (AsyncLocalStorage). A nested `transaction()` on the same
 * connection is a savepoint; a throw rolls back to it (or the whole transaction at the top).
 */
import type { Knex } from "knex";
import { defaultConnectionName, getConnection } from "./connections";
import { transactionScope as context } from "./transaction-scope";

export interface TransactionOptions {
  /** Connection name (default: the default connection). */
  connection?: string;
}

export async function transaction<T>(work: (trx: Knex.Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const name = options.connection ?? defaultConnectionName();
  const outer = context.getStore();
  const current = outer?.get(name);
  const runner: Knex | Knex.Transaction = current ?? getConnection(name).knex;
  return runner.transaction((trx) => {
    const scope = new Map(outer ?? []);
    scope.set(name, trx);
    return context.run(scope, () => work(trx));
  });
}

/** The query runner for a connection: its open transaction in this async context, or the pool. */
export function runnerFor(connection: string | undefined): Knex | Knex.Transaction {
  const name = connection ?? defaultConnectionName();
  return context.getStore()?.get(name) ?? getConnection(name).knex;
}

/** True inside a transaction on that connection. */
export function inTransaction(connection?: string): boolean {
  return context.getStore()?.has(connection ?? defaultConnectionName()) ?? false;
}
