/**
 * The dialects one SQL suite runs on: SQLite always; PostgreSQL and MariaDB/MySQL when
 * ELOQUENT_TEST_PG_URL / ELOQUENT_TEST_MYSQL_URL are set (a loud warning otherwise).
 * Each test file gets its own PostgreSQL schema / MySQL database, so files run in parallel.
 */
import knexFactory from "knex";
import { closeConnection, configureConnection } from "eloquent-orm";

export type DialectName = "sqlite" | "pg" | "mysql";

export interface DialectTarget {
  name: DialectName;
  url?: string;
}

const warned = new Set<string>();

export function sqlDialects(): DialectTarget[] {
  const out: DialectTarget[] = [{ name: "sqlite" }];
  const pg = process.env.ELOQUENT_TEST_PG_URL;
  const my = process.env.ELOQUENT_TEST_MYSQL_URL;
  if (pg) out.push({ name: "pg", url: pg });
  else warnOnce("ELOQUENT_TEST_PG_URL is not set: SKIPPING the PostgreSQL runs of the SQL runtime suite.");
  if (my) out.push({ name: "mysql", url: my });
  else warnOnce("ELOQUENT_TEST_MYSQL_URL is not set: SKIPPING the MySQL/MariaDB runs of the SQL runtime suite.");
  return out;
}

function warnOnce(line: string) {
  if (warned.has(line)) return;
  warned.add(line);
  console.warn(`\n!!! ${line}\n`);
}

/**
 * Points connection `name` at a fresh, isolated database for `tag` (a short unique word per test
 * file). Returns the teardown, which closes the connection and drops the isolated database.
 */
export async function useDialect(target: DialectTarget, tag: string, name = "test"): Promise<() => Promise<void>> {
  await closeConnection(name);
  // ELOQUENT_TEST_DB_PREFIX keeps two checkouts that test at once on one server out of each other's databases.
  const isolated = `${process.env.ELOQUENT_TEST_DB_PREFIX ?? "elq"}_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  if (target.name === "sqlite") {
    configureConnection(name, { client: "sqlite", filename: ":memory:" });
    return () => closeConnection(name);
  }
  if (target.name === "pg") {
    const admin = knexFactory({ client: "pg", connection: target.url });
    await admin.raw(`drop schema if exists ?? cascade`, [isolated]);
    await admin.raw(`create schema ??`, [isolated]);
    await admin.destroy();
    configureConnection(name, { client: "pg", url: target.url, knex: { searchPath: [isolated] } });
    return async () => {
      await closeConnection(name);
      const a = knexFactory({ client: "pg", connection: target.url });
      await a.raw(`drop schema if exists ?? cascade`, [isolated]);
      await a.destroy();
    };
  }
  const url = new URL(target.url!);
  const admin = knexFactory({
    client: "mysql2",
    connection: {
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    },
  });
  await admin.raw(`drop database if exists ??`, [isolated]);
  await admin.raw(`create database ??`, [isolated]);
  await admin.destroy();
  url.pathname = `/${isolated}`;
  configureConnection(name, { client: "mysql", url: url.toString() });
  return async () => {
    await closeConnection(name);
    const a = knexFactory({
      client: "mysql2",
      connection: {
        host: url.hostname,
        port: Number(url.port || 3306),
        user: decodeURIComponent(url.username),
        password: decodeURIComponent(url.password),
      },
    });
    await a.raw(`drop database if exists ??`, [isolated]);
    await a.destroy();
  };
}
