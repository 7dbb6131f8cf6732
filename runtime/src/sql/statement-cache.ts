/**
 * SQLite reads through better-sqlite3 directly, with each statement prepared once per connection.
 * knex stays the builder (its SQL, its bindings), but its better-sqlite3 client prepares every
 * statement anew: a 10k-key IN list is parsed and planned on every eager load, and a page of 50
 * parents pays a prepare per relation. Here the compiled SQL text keys a per-connection cache of
 * prepared statements (bound many times). The rest of knex's execution is kept: the connection
 * comes from the pool (or the open transaction), and the `query` / `query-response` /
 * `query-error` events fire as knex fires them, so onQuery(), knex listeners and transactions see
 * no difference. Anything that is not a plain SELECT on better-sqlite3 runs through knex as before.
 */
import type { Knex } from "knex";

interface SqliteStatement {
  readonly reader: boolean;
  all(params: readonly unknown[]): unknown[];
  safeIntegers(on?: boolean): SqliteStatement;
}

interface SqliteDatabase {
  prepare(sql: string): SqliteStatement;
  __knexUid?: string;
  __knexTxId?: string;
}

interface CompiledQuery {
  sql: string;
  bindings: readonly unknown[];
  method?: string;
  options?: { safeIntegers?: unknown };
  timeout?: unknown;
  __knexQueryUid?: string;
}

/** The parts of knex's (internal) client this path uses. */
interface KnexClient {
  readonly driverName?: string;
  readonly transacting?: boolean;
  readonly config: { postProcessResponse?: unknown; compileSqlOnError?: boolean };
  acquireConnection(): Promise<SqliteDatabase>;
  releaseConnection(connection: SqliteDatabase): Promise<unknown>;
  prepBindings(bindings: readonly unknown[]): readonly unknown[];
  positionBindings(sql: string): string;
  postProcessResponse(response: unknown, queryContext: unknown): unknown;
  emit(event: string, ...args: unknown[]): boolean;
  _escapeBinding?(value: unknown, options: object): string;
}

interface Cache {
  statements: Map<string, SqliteStatement>;
  /** Characters of SQL held: statements with 30k-placeholder IN lists are large, so both are capped. */
  chars: number;
}

const MAX_STATEMENTS = 256;
const MAX_SQL_CHARS = 4_000_000;
const caches = new WeakMap<SqliteDatabase, Cache>();

/** The prepared statement for `sql` on `db` (least recently used ones are dropped past the caps). */
function statementFor(db: SqliteDatabase, sql: string, safeIntegers: boolean | undefined): SqliteStatement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = { statements: new Map(), chars: 0 }));
  // a statement keeps its safeIntegers mode, so the mode is part of the key
  const key = safeIntegers === undefined ? `d${sql}` : safeIntegers ? `s${sql}` : `n${sql}`;
  const hit = cache.statements.get(key);
  if (hit) {
    cache.statements.delete(key); // most recently used last
    cache.statements.set(key, hit);
    return hit;
  }
  const statement = db.prepare(sql);
  if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
  cache.statements.set(key, statement);
  cache.chars += key.length;
  for (const [oldest] of cache.statements) {
    if (cache.statements.size <= MAX_STATEMENTS && cache.chars <= MAX_SQL_CHARS) break;
    cache.statements.delete(oldest);
    cache.chars -= oldest.length;
  }
  return statement;
}

/** knex's better-sqlite3 binding conversions (Dates as epoch milliseconds, booleans as 0/1). */
function driverBindings(bindings: readonly unknown[]): unknown[] {
  const out = new Array<unknown>(bindings.length);
  for (let i = 0; i < bindings.length; i++) {
    const b = bindings[i];
    out[i] = b instanceof Date ? b.valueOf() : typeof b === "boolean" ? Number(b) : b;
  }
  return out;
}

/** knex's error message prefix: the SQL with its bindings written in. */
function describedSql(client: KnexClient, sql: string, bindings: readonly unknown[]): string {
  if (client.config.compileSqlOnError === false || !client._escapeBinding) return sql;
  let i = 0;
  return sql.replace(/\\?\?/g, (match) =>
    match === "\\?" ? "?" : i === bindings.length ? match : client._escapeBinding!(bindings[i++], {}),
  );
}

/**
 * Runs a SELECT builder and returns its rows: prepared-statement cache on better-sqlite3, knex
 * itself everywhere else (other drivers, writes, `first`/`pluck` shapes, timeouts) and inside
 * transactions, where knex's transaction client also refuses statements once the transaction ended.
 */
export async function readRows(qb: Knex.QueryBuilder): Promise<unknown> {
  const client = (qb as unknown as { client: KnexClient }).client;
  if (client.driverName !== "better-sqlite3" || client.transacting || (qb as unknown as { _connection?: unknown })._connection) return qb;
  const compiled = qb.toSQL() as unknown as CompiledQuery;
  if (compiled.method !== "select" || compiled.timeout) return qb;
  const connection = await client.acquireConnection();
  const safe = compiled.options?.safeIntegers;
  const query: CompiledQuery = {
    ...compiled,
    bindings: client.prepBindings(compiled.bindings),
    sql: client.positionBindings(compiled.sql),
  };
  const ids = { __knexUid: connection.__knexUid, __knexTxId: connection.__knexTxId };
  try {
    client.emit("query", { ...ids, ...query });
    let rows: unknown;
    try {
      const statement = statementFor(connection, query.sql, typeof safe === "boolean" ? safe : undefined);
      if (!statement.reader) throw new Error(`readRows(): not a read statement: ${query.sql}`);
      rows = statement.all(driverBindings(query.bindings));
    } catch (error) {
      if (error instanceof Error) error.message = `${describedSql(client, query.sql, query.bindings)} - ${error.message}`;
      client.emit("query-error", error, { ...ids, queryContext: qb.queryContext(), ...query });
      throw error;
    }
    const result = client.postProcessResponse(rows, qb.queryContext());
    client.emit("query-response", result, { ...ids, ...query }, qb);
    return result;
  } finally {
    await client.releaseConnection(connection);
  }
}
