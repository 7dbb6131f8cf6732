/**
 * Query events: every statement run by any connection (inside transactions too) is reported with
 * its SQL, bindings, duration and connection name. Tests count queries with it.
 */
import { performance } from "node:perf_hooks";
import type { SqlConnection } from "./sql-connections";

export interface QueryEvent {
  connection: string;
  sql: string;
  bindings: readonly unknown[];
  durationMs: number;
  /** Set when the statement failed. */
  error?: Error;
  /**
   * "transaction" for BEGIN / SAVEPOINT / RELEASE / COMMIT / ROLLBACK (reported when sent, with
   * durationMs 0, and again with `error` if one fails); "query" for every other statement.
   */
  kind: "query" | "transaction";
}

export type QueryListener = (event: QueryEvent) => void;

const listeners = new Set<QueryListener>();

/** Subscribes to every query; returns the unsubscribe function. */
export function onQuery(listener: QueryListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface KnexQueryData {
  __knexQueryUid?: string;
  sql: string;
  bindings?: readonly unknown[];
}

const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|SAVEPOINT|RELEASE SAVEPOINT|COMMIT|ROLLBACK)\b/i;

export function attachQueryEvents(conn: SqlConnection): void {
  const started = new Map<string, number>();
  const emit = (data: KnexQueryData, error?: Error, kind: QueryEvent["kind"] = "query") => {
    if (!listeners.size) return;
    const uid = data.__knexQueryUid;
    const start = uid ? started.get(uid) : undefined;
    if (uid) started.delete(uid);
    const event: QueryEvent = {
      connection: conn.name,
      sql: data.sql,
      bindings: data.bindings ?? [],
      durationMs: start === undefined ? 0 : performance.now() - start,
      ...(error ? { error } : {}),
      kind,
    };
    for (const l of listeners) l(event);
  };
  conn.knex.on("query", (data: KnexQueryData) => {
    if (!listeners.size) return;
    if (data.__knexQueryUid) started.set(data.__knexQueryUid, performance.now());
    // knex sends transaction control without a query uid and reports no response for it
    else if (TRANSACTION_CONTROL.test(data.sql)) emit(data, undefined, "transaction");
  });
  conn.knex.on("query-response", (_response: unknown, data: KnexQueryData) => emit(data));
  conn.knex.on("query-error", (error: Error, data: KnexQueryData) =>
    emit(data, error, !data.__knexQueryUid && TRANSACTION_CONTROL.test(data.sql) ? "transaction" : "query"),
  );
}
