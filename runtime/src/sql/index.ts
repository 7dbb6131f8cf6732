/** The SQL runtime on knex. */
import { setDatabaseVerifier } from "../registry/database-verifier";
import { verifyDatabase } from "./verify-database";

export { SqlModel, SqlModelBase, type SqlModelClass, type SqlModelConstructor, type UntypedSqlModel } from "./sql-model";
export { Pivot, MorphPivot } from "./pivot";
export { SqlQuery, QueryError, type Page, type SimplePage, type CursorPage, type Column, type WithPath } from "./sql-query";
export {
  configureConnection,
  getConnection,
  closeAllConnections,
  closeConnection,
  defaultConnectionName,
  sqliteParamLimit,
  ConnectionError,
  type ConnectionConfig,
  type SqlConnection,
  type Dialect,
} from "./sql-connections";
export { onQuery, type QueryEvent, type QueryListener } from "./sql-events";
export { readWriteScope } from "./read-write";
export {
  DatabaseError,
  MissingTableError,
  MissingColumnError,
  NotNullViolationError,
  UniqueViolationError,
  ForeignKeyViolationError,
  type DatabaseErrorReason,
} from "./driver-errors";
export { transaction, inTransaction, TransactionAbortedError, type TransactionOptions } from "./transaction";
export { sqlAdapter } from "./sql-adapter";
export { upsert, UpsertError } from "./upsert";
export type { ChunkCallback } from "./streaming";
export { migrate, dropTables, type MigrateOptions, type MigrationPlan } from "./migrate";
export { introspect } from "./introspect";
export { diffSchema, type DiffOptions, type SchemaDiff, type MigrationOperation } from "./schema-diff";
export {
  makeMigration,
  migrateLatest,
  migrateRollback,
  migrateStatus,
  migrationSql,
  runMigration,
  MigrationError,
  MIGRATIONS_TABLE,
  type MakeMigrationOptions,
  type MadeMigration,
  type MigratorOptions,
  type MigrationStatus,
} from "./migrations";
export { verifyDatabase, type VerifyDatabaseOptions } from "./verify-database";

// registerModels(models, { verifyDatabase: true }) runs the SQL runtime's check (the registry imports no store).
setDatabaseVerifier((models, { strict }) => verifyDatabase(models, { strict }));
