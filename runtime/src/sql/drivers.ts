/**
 * Database drivers are optional peer dependencies (as with knex, TypeORM, MikroORM): a PostgreSQL app
 * installs no better-sqlite3 compile. Checked when a connection opens, so a missing driver is one clear
 * error naming the package to install instead of knex's stack trace at the first query.
 */
import type { Dialect } from "./sql-connections";

export const DRIVER_PACKAGES: Readonly<Record<Dialect, string>> = { sqlite: "better-sqlite3", pg: "pg", mysql: "mysql2" };

/** The error message when the dialect's driver cannot be resolved, else undefined. */
export function missingDriverMessage(
  dialect: Dialect,
  connectionName: string,
  resolve: (id: string) => string = require.resolve,
): string | undefined {
  const pkg = DRIVER_PACKAGES[dialect];
  try {
    resolve(pkg);
    return undefined;
  } catch {
    return (
      `Connection '${connectionName}' uses ${dialect}, whose driver '${pkg}' is not installed. ` +
      `Install it next to eloquent-orm:  npm install ${pkg}`
    );
  }
}
