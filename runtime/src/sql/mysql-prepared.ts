/**
 * knex's mysql2 client with values sent as real bound parameters. knex hands `?` placeholders and
 * bindings to mysql2's `query()`, which escapes the values on the client and splices them into the
 * SQL text. That escaping assumes backslash escapes: under `sql_mode` NO_BACKSLASH_ESCAPES (set by a
 * DBA, a proxy, or `SET SESSION` at any time) `'\' OR 1=1 -- '` breaks out of its string literal.
 * A statement with bindings therefore runs through `execute()` (a server-side prepared statement,
 * values never parsed as SQL); one without bindings (BEGIN, SAVEPOINT, DDL) keeps `query()`.
 */
import knexFactory from "knex";

interface QueryObject {
  sql: string;
  bindings?: readonly unknown[];
  options?: Record<string, unknown>;
  response?: unknown;
}

interface Mysql2Connection {
  execute(options: object, values: readonly unknown[], cb: (err: Error | null, rows: unknown, fields: unknown) => void): void;
}

type ClientClass = new (config: object) => { _query(connection: unknown, obj: QueryObject | string): Promise<unknown> };

let preparedClient: ClientClass | undefined;

/** The client class to pass as knex's `client` option. */
export function mysqlPreparedClient(): ClientClass {
  if (preparedClient) return preparedClient;
  // knex exposes its dialect classes only through an instance (no public subpath with types).
  const probe = knexFactory({ client: "mysql2" });
  const Base = probe.client.constructor as ClientClass;
  void probe.destroy();
  class MysqlPreparedClient extends Base {
    override _query(connection: unknown, obj: QueryObject | string): Promise<unknown> {
      const query = typeof obj === "string" ? { sql: obj } : obj;
      if (!query?.sql || !query.bindings?.length) return super._query(connection, obj);
      return new Promise((resolve, reject) => {
        (connection as Mysql2Connection).execute({ ...query.options, sql: query.sql }, query.bindings!, (err, rows, fields) => {
          if (err) return reject(err);
          query.response = [rows, fields];
          resolve(query);
        });
      });
    }
  }
  Object.defineProperty(MysqlPreparedClient, "name", { value: "Client_MySQL2_Prepared" });
  preparedClient = MysqlPreparedClient;
  return preparedClient;
}
