/**
 * A script that used a connection and never closed it should still exit when its work is done, as a
 * script with an idle pg/mysql2 socket or a timer would not. Two things keep Node's event loop alive
 * after the last query: the pool's reaping timer (tarn's setInterval: a SQLite script never exited)
 * and the sockets of idle pooled connections (PostgreSQL/MySQL scripts waited for the 30 s idle
 * timeout). The timer is unref'd; a socket is unref'd while its connection sits idle in the pool
 * and ref'd again when it is acquired, so a query in flight still keeps the process alive.
 */
import type { Knex } from "knex";

interface Refable {
  ref?(): unknown;
  unref?(): unknown;
}

interface TarnPool {
  interval?: Refable | null;
  on(event: "createSuccess" | "acquireSuccess" | "release", listener: (...args: unknown[]) => void): void;
}

/** The socket of a pooled driver connection: mysql2 `conn.stream`, pg `client.connection.stream`. */
function socketOf(resource: unknown): Refable | undefined {
  const r = resource as { stream?: Refable; connection?: { stream?: Refable } } | null;
  return r?.stream ?? r?.connection?.stream;
}

export function letProcessExitWhenIdle(knex: Knex): void {
  const pool = (knex.client as { pool?: TarnPool }).pool;
  if (!pool || typeof pool.on !== "function") return;
  const unrefTimer = () => pool.interval?.unref?.();
  pool.on("createSuccess", (_id, resource) => {
    unrefTimer();
    socketOf(resource)?.unref?.(); // created for an acquire: ref'd again right below
  });
  pool.on("acquireSuccess", (_id, resource) => {
    unrefTimer();
    socketOf(resource)?.ref?.();
  });
  pool.on("release", (resource) => {
    unrefTimer();
    socketOf(resource)?.unref?.();
  });
}
