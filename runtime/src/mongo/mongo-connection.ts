/**
 * Named Mongo connections, like the SQL ones. Resolution of a connection name, first match wins:
 *   1. `configureMongoConnection(name, config)` in code;
 *   2. `MONGODB_<NAME>_URL` / `MONGODB_<NAME>_DATABASE` (name upper-cased, non-alphanumerics → `_`);
 *   3. `MONGODB_URL` / `MONGODB_DATABASE` (every name falls back to them);
 *   4. the embedded in-process store (`memory:`).
 * The database name comes from the config, else the URL path (`mongodb://host/shop`), else
 * `eloquent`. `mongodb://` and `mongodb+srv://` URLs open a real `MongoClient` (official driver);
 * `memory:` (or `memory:<server>`) the embedded store.
 */
import type { Db, MongoClient, MongoClientOptions } from "mongodb";
import { mongoDriver } from "./driver";
import { EloquentError } from "../model/errors";
import { registerConnectionCloser } from "../sql/sql-connections";
import { sessionAwareDb } from "./atomic";
import { embeddedServer, isEmbeddedUrl } from "./embedded";
import { emitMongoCommand, hasMongoListeners, INTERNAL_COMMANDS } from "./mongo-events";
import type { DbPort } from "./port";

export interface MongoConnectionConfig {
  /** `mongodb://…`, `mongodb+srv://…` or `memory:` (the embedded store). Default `memory:`. */
  url?: string;
  /** Database name. Default: the URL's path, else `eloquent`. */
  database?: string;
  /** Extra driver options for real servers. */
  options?: MongoClientOptions;
}

export interface MongoConnection {
  readonly name: string;
  readonly url: string;
  readonly databaseName: string;
  /** True for the embedded in-process store. */
  readonly embedded: boolean;
  readonly db: DbPort;
  /** The driver's client (real servers only). */
  readonly client?: MongoClient;
}

export class MongoConnectionError extends EloquentError {}

// A real driver Db must satisfy the port the runtime is written against.
const _dbIsPort: (db: Db) => DbPort = (db) => db;
void _dbIsPort;

const configs = new Map<string, MongoConnectionConfig>();
const open = new Map<string, MongoConnection>();

export const DEFAULT_MONGO_DATABASE = "eloquent";

/** Name used when a Mongo model sets no connection: `MONGODB_CONNECTION`, default `mongo`. */
export function defaultMongoConnectionName(): string {
  const env = process.env.MONGODB_CONNECTION;
  return env && env.trim() !== "" ? env.trim() : "mongo";
}

/** Registers (or replaces) a named connection; a string is a URL. Takes effect on next open. */
export function configureMongoConnection(name: string, config: MongoConnectionConfig | string): void {
  if (typeof name !== "string" || name === "")
    throw new MongoConnectionError(`configureMongoConnection(): the connection name must be a non-empty string.`);
  const c = typeof config === "string" ? { url: config } : config;
  if (c === null || typeof c !== "object") {
    throw new MongoConnectionError(
      `configureMongoConnection("${name}", …): expected a URL string or { url, database, options }, got ${c === null ? "null" : typeof c}.`,
    );
  }
  if (c.url !== undefined) checkUrl(c.url, `configureMongoConnection("${name}")`);
  configs.set(name, { ...c });
}

function envPrefix(name: string): string {
  return `MONGODB_${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_`;
}

function env(key: string): string | undefined {
  const v = process.env[key];
  return v !== undefined && v.trim() !== "" ? v.trim() : undefined;
}

function checkUrl(url: unknown, where: string): string {
  if (typeof url !== "string" || !(isEmbeddedUrl(url) || /^mongodb(\+srv)?:\/\//i.test(url.trim()))) {
    throw new MongoConnectionError(
      `${where}: ${JSON.stringify(url)} is not a MongoDB URL. Use mongodb://host:27017/db, mongodb+srv://cluster/db, ` +
        `or memory: for the embedded in-process store.`,
    );
  }
  return url.trim();
}

function databaseFromUrl(url: string): string | undefined {
  if (isEmbeddedUrl(url)) return undefined;
  const m = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/i.exec(url);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

function resolve(name: string): Required<Pick<MongoConnectionConfig, "url" | "database">> & MongoConnectionConfig {
  const configured = configs.get(name);
  const prefix = envPrefix(name);
  const source =
    configured?.url !== undefined ? `configureMongoConnection("${name}")` : env(prefix + "URL") ? prefix + "URL" : "MONGODB_URL";
  const url = checkUrl(configured?.url ?? env(prefix + "URL") ?? env("MONGODB_URL") ?? "memory:", source);
  const database =
    configured?.database ?? env(prefix + "DATABASE") ?? env("MONGODB_DATABASE") ?? databaseFromUrl(url) ?? DEFAULT_MONGO_DATABASE;
  return { ...configured, url, database };
}

/** The named connection (default `MONGODB_CONNECTION` or `mongo`), opened on first use. */
export function getMongoConnection(name?: string): MongoConnection {
  const key = name ?? defaultMongoConnectionName();
  let conn = open.get(key);
  if (conn) return conn;
  const config = resolve(key);
  if (isEmbeddedUrl(config.url)) {
    const db = embeddedServer(config.url).db(config.database, (e) => {
      if (hasMongoListeners()) emitMongoCommand({ connection: key, ...e });
    });
    conn = { name: key, url: config.url, databaseName: config.database, embedded: true, db };
  } else {
    const client = new (mongoDriver().MongoClient)(config.url, {
      monitorCommands: true,
      ...timeoutDefaults(config.url),
      ...config.options,
    });
    attachCommandEvents(key, client);
    const failure = (error: unknown) => connectionFailure(key, config.url, client, error);
    conn = {
      name: key,
      url: config.url,
      databaseName: config.database,
      embedded: false,
      db: sessionAwareDb(client.db(config.database), failure),
      client,
    };
  }
  open.set(key, conn);
  return conn;
}

/**
 * A server that does not answer fails in a few seconds, not the driver's 30: a wrong URL or a
 * stopped server should be an error you see, not a hang. Options in the URL or in `options` win.
 */
export const DEFAULT_SERVER_SELECTION_TIMEOUT_MS = 5_000;

function timeoutDefaults(url: string): MongoClientOptions {
  const out: MongoClientOptions = {};
  if (!/[?&]serverSelectionTimeoutMS=/i.test(url)) out.serverSelectionTimeoutMS = DEFAULT_SERVER_SELECTION_TIMEOUT_MS;
  if (!/[?&]connectTimeoutMS=/i.test(url)) out.connectTimeoutMS = DEFAULT_SERVER_SELECTION_TIMEOUT_MS;
  return out;
}

/** The URL without its password, for error messages. */
export function redactUrl(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/)([^@/]*)@/i, (_, scheme: string, auth: string) => `${scheme}${auth.split(":")[0]}:***@`);
}

/** The driver's "no server answered" as an error that names the connection, the URL and the fix. */
function connectionFailure(name: string, url: string, client: MongoClient, error: unknown): unknown {
  const e = error as { name?: unknown; message?: unknown };
  if (e?.name !== "MongoServerSelectionError") return error;
  const ms = client.options.serverSelectionTimeoutMS;
  const source =
    configs.get(name)?.url !== undefined
      ? `configureMongoConnection("${name}")`
      : env(envPrefix(name) + "URL")
        ? envPrefix(name) + "URL"
        : "MONGODB_URL";
  const wrapped = new MongoConnectionError(
    `Mongo connection "${name}": no MongoDB server answered at ${redactUrl(url)} within ${ms} ms (${String(e.message)}). ` +
      `Is the server running and reachable from here? The URL comes from ${source}; ` +
      `raise the wait with ?serverSelectionTimeoutMS=… in the URL, or unset it to use the embedded store.`,
  );
  (wrapped as { cause?: unknown }).cause = error;
  return wrapped;
}

/** Reports the driver's command events in the runtime's shape (cursor batches and handshakes left out). */
function attachCommandEvents(connection: string, client: MongoClient): void {
  const started = new Map<number, { command: string; collection: string; database: string; filter: unknown; at: number }>();
  client.on("commandStarted", (e) => {
    if (!hasMongoListeners() || INTERNAL_COMMANDS.has(e.commandName)) return;
    const cmd = e.command as Record<string, unknown>;
    const collection = typeof cmd[e.commandName] === "string" ? (cmd[e.commandName] as string) : "";
    const filter =
      cmd.filter ??
      (Array.isArray(cmd.updates) ? (cmd.updates[0] as { q?: unknown })?.q : undefined) ??
      (Array.isArray(cmd.deletes) ? (cmd.deletes[0] as { q?: unknown })?.q : undefined) ??
      cmd.query;
    started.set(e.requestId, { command: e.commandName, collection, database: e.databaseName, filter, at: performance.now() });
  });
  const finish = (requestId: number, error?: Error) => {
    const s = started.get(requestId);
    if (!s) return;
    started.delete(requestId);
    emitMongoCommand({
      connection,
      database: s.database,
      collection: s.collection,
      command: s.command,
      durationMs: performance.now() - s.at,
      filter: s.filter,
      ...(error ? { error } : {}),
    });
  };
  client.on("commandSucceeded", (e) => finish(e.requestId));
  client.on("commandFailed", (e) => finish(e.requestId, e.failure));
}

/** Closes every open Mongo connection (they reopen on next use; embedded data stays). */
export async function closeMongoConnections(): Promise<void> {
  const all = [...open.values()];
  open.clear();
  await Promise.all(all.map((c) => c.client?.close()));
}

// `closeAllConnections()` closes Mongo clients too.
registerConnectionCloser(closeMongoConnections);

export async function closeMongoConnection(name: string): Promise<void> {
  const conn = open.get(name);
  open.delete(name);
  await conn?.client?.close();
}
