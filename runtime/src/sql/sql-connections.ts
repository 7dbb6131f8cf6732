/**
 * Named connections, configured in code (`configureConnection`) or from the environment.
 *
 * Resolution of a connection name, first match wins:
 *   1. `configureConnection(name, config)` in code;
 *   2. `DB_<NAME>_URL` (name upper-cased, non-alphanumerics → `_`), e.g. `DB_PG_URL=postgres://...`;
 *   3. for the default connection (`DB_CONNECTION`, default `sqlite`): `DATABASE_URL`;
 *   4. the name `sqlite`: SQLite at `DB_DATABASE`, else `:memory:`.
 * URLs: `postgres://…`, `postgresql://…`, `mysql://…`, `mariadb://…`, `sqlite:path` / `sqlite::memory:`.
 */
import knexFactory, { type Knex } from "knex";
import { EloquentError } from "../model/errors";
import { missingDriverMessage } from "./drivers";
import { attachQueryEvents } from "./sql-events";
import { letProcessExitWhenIdle } from "./idle-exit";
import { mysqlPreparedClient } from "./mysql-prepared";
import { openTransaction } from "./transaction-scope";
import type { ReadReplicas } from "./read-write";

export type Dialect = "sqlite" | "pg" | "mysql";

export interface ConnectionConfig {
  /** `sqlite` (better-sqlite3), `pg` / `postgres`, `mysql` / `mariadb` (mysql2). */
  client: string;
  /** SQLite: a file path or `:memory:`. */
  filename?: string;
  /** PostgreSQL / MySQL connection URL. */
  url?: string;
  pool?: { min?: number; max?: number };
  /** Extra knex configuration, merged last. */
  knex?: Partial<Knex.Config>;
  /** Read replicas (URLs of the same client; `sqlite:path` for SQLite): model reads go to them in turn (read-write.ts). */
  read?: string | readonly string[];
  /** The primary's URL when `read` is set (else `url` / `filename`): writes and transactions. */
  write?: string;
  /** With `read`: a read after a write in the same readWriteScope() goes to the primary. */
  sticky?: boolean;
}

export interface SqlConnection {
  readonly name: string;
  readonly dialect: Dialect;
  readonly knex: Knex;
  /** Maximum bound parameters per statement. */
  paramLimit: number;
  /** The read replicas, when the connection has `read` URLs. */
  readonly replicas?: ReadReplicas;
}

const configs = new Map<string, ConnectionConfig>();
const open = new Map<string, SqlConnection>();

export class ConnectionError extends EloquentError {}

/** Registers (or replaces) a named connection. A string is a URL. */
export function configureConnection(name: string, config: ConnectionConfig | string): void {
  configs.set(name, typeof config === "string" ? fromUrl(config, `configureConnection("${name}")`) : config);
}

/** Name used when a model sets no connection: `DB_CONNECTION`, default `sqlite`. */
export function defaultConnectionName(): string {
  const env = process.env.DB_CONNECTION;
  return env && env.trim() !== "" ? env.trim() : "sqlite";
}

function envKey(name: string): string {
  return `DB_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`;
}

function normaliseClient(client: string, where: string): Dialect {
  const c = client.toLowerCase();
  if (c === "sqlite" || c === "sqlite3" || c === "better-sqlite3") return "sqlite";
  if (c === "pg" || c === "postgres" || c === "postgresql" || c === "pgsql") return "pg";
  if (c === "mysql" || c === "mysql2" || c === "mariadb") return "mysql";
  throw new ConnectionError(`${where}: unknown client '${client}'. Use "sqlite", "pg" (PostgreSQL) or "mysql" (MySQL/MariaDB).`);
}

function fromUrl(url: string, where: string): ConnectionConfig {
  const m = /^([a-z0-9+]+):/i.exec(url);
  if (!m) {
    throw new ConnectionError(
      `${where}: '${url}' is not a connection URL. Expected postgres://user@host:5432/db, mysql://user@host:3306/db or sqlite:path/to/file.db (or sqlite::memory:).`,
    );
  }
  const scheme = m[1]!.toLowerCase();
  if (scheme === "sqlite" || scheme === "file") {
    const filename = url.slice(m[0].length).replace(/^\/\//, "") || ":memory:";
    return { client: "sqlite", filename };
  }
  return { client: normaliseClient(scheme, where), url };
}

function resolveConfig(name: string): ConnectionConfig {
  const configured = configs.get(name);
  if (configured) return configured;
  const fromEnv = process.env[envKey(name)];
  if (fromEnv) return fromUrl(fromEnv, envKey(name));
  if (name === defaultConnectionName() && process.env.DATABASE_URL) return fromUrl(process.env.DATABASE_URL, "DATABASE_URL");
  if (name === "sqlite") return { client: "sqlite", filename: process.env.DB_DATABASE || ":memory:" };
  throw new ConnectionError(
    `No SQL connection named '${name}'. Configure it in code with configureConnection("${name}", "postgres://user@host/db") ` +
      `or set ${envKey(name)} in the environment. Configured: ${[...configs.keys()].join(", ") || "none"}.`,
  );
}

const PG_TIMESTAMP_OID = 1114;

function parseUtcTimestamp(text: string): Date | string {
  const d = new Date(`${text.replace(" ", "T")}Z`);
  return Number.isNaN(d.getTime()) ? text : d; // 'infinity' stays text
}

/** SQLite before 3.32 binds at most 999 parameters per statement; later versions 32,766. */
export function sqliteParamLimit(version: string): number {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > 3 || (major === 3 && minor >= 32) ? 32_766 : 999;
}

function knexConfig(config: ConnectionConfig, dialect: Dialect, onSqliteVersion: (v: string) => void): Knex.Config {
  const pool = { min: config.pool?.min ?? (dialect === "sqlite" ? 1 : 0), max: config.pool?.max ?? (dialect === "sqlite" ? 1 : 10) };
  switch (dialect) {
    case "sqlite":
      return {
        client: "better-sqlite3",
        connection: { filename: config.filename ?? ":memory:" },
        useNullAsDefault: true,
        // SQLite keeps one connection: an in-memory database must never be dropped by the pool.
        pool: {
          ...pool,
          idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
          afterCreate(conn: { pragma(s: string, o?: { simple: boolean }): unknown }, done: (err: Error | null, conn: unknown) => void) {
            conn.pragma("foreign_keys = ON");
            try {
              onSqliteVersion(
                String(
                  (conn as unknown as { prepare(s: string): { pluck(): { get(): unknown } } })
                    .prepare("select sqlite_version()")
                    .pluck()
                    .get(),
                ),
              );
            } catch {
              // keep the default limit
            }
            done(null, conn);
          },
        },
        ...config.knex,
      } as Knex.Config;
    case "pg":
      return {
        client: "pg",
        connection: config.url,
        pool: {
          ...pool,
          // `timestamp without time zone` (datetime columns) holds UTC wall time: read it as UTC, not as local time.
          afterCreate(
            conn: { setTypeParser?(oid: number, parse: (s: string) => unknown): void },
            done: (e: Error | null, c: unknown) => void,
          ) {
            conn.setTypeParser?.(PG_TIMESTAMP_OID, parseUtcTimestamp);
            done(null, conn);
          },
        },
        ...config.knex,
      } as Knex.Config;
    case "mysql": {
      const u = new URL(config.url!);
      return {
        // values as server-side bound parameters, safe under any sql_mode (see mysql-prepared.ts)
        client: mysqlPreparedClient(),
        connection: {
          host: u.hostname,
          port: u.port ? Number(u.port) : 3306,
          user: decodeURIComponent(u.username),
          password: decodeURIComponent(u.password),
          database: u.pathname.replace(/^\//, ""),
          // Dates are stored and read as UTC, like the other dialects.
          timezone: "Z",
          supportBigNumbers: true,
          // prepared statements cached per connection; the server caps them globally (max_prepared_stmt_count)
          maxPreparedStatements: 512,
        },
        pool,
        ...config.knex,
      } as Knex.Config;
    }
  }
}

/** The named connection (default: `DB_CONNECTION` or `sqlite`), opened on first use. */
export function getConnection(name?: string): SqlConnection {
  const key = name ?? defaultConnectionName();
  let conn = open.get(key);
  if (!conn) {
    const config = resolveConfig(key);
    const dialect = normaliseClient(config.client, `connection '${key}'`);
    const missing = missingDriverMessage(dialect, key);
    if (missing) throw new ConnectionError(missing);
    const holder: { conn?: SqlConnection } = {};
    const onSqliteVersion = (v: string) => holder.conn && (holder.conn.paramLimit = sqliteParamLimit(v));
    const split = readWriteConfigs(key, config, dialect);
    const knexOptions = knexConfig(split?.write ?? config, dialect, onSqliteVersion);
    const knex = knexFactory(knexOptions);
    const readers = split?.read.map((read) => knexFactory(knexConfig(read, dialect, onSqliteVersion)));
    conn = {
      name: key,
      dialect,
      knex,
      paramLimit: dialect === "sqlite" ? 32_766 : 65_535,
      ...(readers ? { replicas: { readers, sticky: config.sticky === true, next: 0 } } : {}),
    };
    holder.conn = conn;
    attachQueryEvents(conn);
    letProcessExitWhenIdle(knex);
    for (const reader of readers ?? []) {
      attachQueryEvents({ ...conn, knex: reader });
      letProcessExitWhenIdle(reader);
    }
    if (knexOptions.pool?.max === 1) failFastOnSelfDeadlock(conn);
    open.set(key, conn);
  }
  return conn;
}

/** `read` / `write` / `sticky`, checked: the primary's and each replica's own config (pool and knex options shared). */
function readWriteConfigs(
  name: string,
  config: ConnectionConfig,
  dialect: Dialect,
): { write: ConnectionConfig; read: ConnectionConfig[] } | undefined {
  const where = `connection '${name}'`;
  if (config.read === undefined) {
    if (config.write !== undefined || config.sticky !== undefined)
      throw new ConnectionError(
        `${where}: 'write' and 'sticky' need 'read' (the replica URLs), e.g. { read: ["postgres://replica/db"], write: "postgres://primary/db" }.`,
      );
    return undefined;
  }
  const reads = typeof config.read === "string" ? [config.read] : config.read;
  if (!Array.isArray(reads) || reads.length === 0 || reads.some((r) => typeof r !== "string" || r === ""))
    throw new ConnectionError(`${where}: 'read' must be a replica URL or a non-empty list of them; got ${JSON.stringify(config.read)}.`);
  if (config.sticky !== undefined && typeof config.sticky !== "boolean")
    throw new ConnectionError(`${where}: 'sticky' must be true or false; got ${JSON.stringify(config.sticky)}.`);
  const shared = { client: config.client, ...(config.pool ? { pool: config.pool } : {}), ...(config.knex ? { knex: config.knex } : {}) };
  const endpoint = (url: string, role: string): ConnectionConfig => {
    const parsed = fromUrl(url, `${where} (${role})`);
    if (normaliseClient(parsed.client, where) !== dialect)
      throw new ConnectionError(
        `${where}: the ${role} URL '${url}' is not a ${dialect} URL; every replica and the primary use one client.`,
      );
    return { ...shared, ...parsed, client: config.client };
  };
  const write =
    config.write !== undefined
      ? endpoint(config.write, "write")
      : config.url !== undefined || config.filename !== undefined
        ? config
        : undefined;
  if (write === undefined)
    throw new ConnectionError(`${where}: with 'read' replicas, give the primary as 'write' (or 'url'): writes and transactions go there.`);
  return { write, read: reads.map((url, i) => endpoint(url, `read[${i}]`)) };
}

/**
 * With a one-connection pool (SQLite's default), a query sent to the pool (`getConnection().knex`)
 * from inside an open `transaction()` on the same connection waits for that connection, which the
 * transaction only releases after the query: knex would give up after acquireConnectionTimeout
 * (60 s) with a vague "pool is probably full". Fail at once instead, naming the fix.
 */
function failFastOnSelfDeadlock(conn: SqlConnection): void {
  const client = conn.knex.client as { acquireConnection(): Promise<unknown> };
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = () => {
    if (!openTransaction(conn.name)) return acquire();
    return Promise.reject(
      new ConnectionError(
        `Connection '${conn.name}' (${conn.dialect}) has a pool of one connection, and this async context holds it in an open transaction(): ` +
          `a query sent to the pool (getConnection(${JSON.stringify(conn.name)}).knex) would wait for the transaction forever. ` +
          `Inside transaction(), run raw SQL on the transaction it passes you: transaction(async (trx) => { await trx.raw(...) }); models join it automatically.`,
      ),
    );
  };
}

/** Other stores (the Mongo runtime) register their own close-all here, so one call closes every pool. */
const otherStoreClosers = new Set<() => Promise<void>>();

export function registerConnectionCloser(close: () => Promise<void>): void {
  otherStoreClosers.add(close);
}

/** Closes every open pool of every store (connections reopen on next use). */
export async function closeAllConnections(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all([...all.map(destroy), ...[...otherStoreClosers].map((close) => close())]);
}

/** Closes one connection. */
export async function closeConnection(name: string): Promise<void> {
  const conn = open.get(name);
  open.delete(name);
  if (conn) await destroy(conn);
}

async function destroy(conn: SqlConnection): Promise<void> {
  await Promise.all([conn.knex.destroy(), ...(conn.replicas?.readers ?? []).map((reader) => reader.destroy())]);
}

/** Bound values per IN-list chunk: below the dialect limit, leaving room for the constraint's bindings. */
export function chunkSize(conn: SqlConnection): number {
  return conn.paramLimit - Math.min(1_000, Math.floor(conn.paramLimit / 10));
}
