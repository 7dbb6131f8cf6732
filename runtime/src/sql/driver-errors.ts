/**
 * Driver errors a model operation commonly meets — a missing table or column, NOT NULL, UNIQUE and
 * foreign-key violations — become eloquent errors that name the model, the operation, the connection
 * and the fix; the driver's error stays as `cause` (its code/errno included). Other errors pass
 * through unchanged, so code that inspects `errno` (deadlocks) or `code` keeps working.
 */
import { EloquentError } from "../model/errors";
import type { ModelMeta } from "../model/meta";
import { getConnection, type Dialect } from "./sql-connections";

export type DatabaseErrorReason = "missing-table" | "missing-column" | "not-null" | "unique" | "foreign-key";

export class DatabaseError extends EloquentError {
  declare readonly cause: unknown;
  constructor(
    message: string,
    readonly reason: DatabaseErrorReason,
    readonly model: string,
    readonly connection: string,
    cause: unknown,
  ) {
    super(message);
    this.cause = cause;
  }
}
export class MissingTableError extends DatabaseError {}
export class MissingColumnError extends DatabaseError {}
export class NotNullViolationError extends DatabaseError {}
export class UniqueViolationError extends DatabaseError {}
export class ForeignKeyViolationError extends DatabaseError {}

const CLASSES = {
  "missing-table": MissingTableError,
  "missing-column": MissingColumnError,
  "not-null": NotNullViolationError,
  unique: UniqueViolationError,
  "foreign-key": ForeignKeyViolationError,
} as const;

interface DriverError {
  message?: string;
  code?: string;
  errno?: number;
  column?: string;
  constraint?: string;
}

function reasonOf(dialect: Dialect, e: DriverError): DatabaseErrorReason | undefined {
  const message = String(e.message ?? "");
  switch (dialect) {
    case "sqlite":
      if (/no such table/i.test(message)) return "missing-table";
      if (/no such column|has no column named/i.test(message)) return "missing-column";
      if (e.code === "SQLITE_CONSTRAINT_NOTNULL") return "not-null";
      if (e.code === "SQLITE_CONSTRAINT_UNIQUE" || e.code === "SQLITE_CONSTRAINT_PRIMARYKEY") return "unique";
      if (e.code === "SQLITE_CONSTRAINT_FOREIGNKEY") return "foreign-key";
      return undefined;
    case "pg":
      return (
        { "42P01": "missing-table", "42703": "missing-column", "23502": "not-null", "23505": "unique", "23503": "foreign-key" } as const
      )[e.code as "42P01"];
    case "mysql":
      return (
        {
          1146: "missing-table",
          1054: "missing-column",
          1048: "not-null",
          1364: "not-null",
          1062: "unique",
          1451: "foreign-key",
          1452: "foreign-key",
        } as const
      )[e.errno as 1146];
  }
}

/** The driver's own words, without the SQL knex prefixes to them ("insert into ... - "). */
function driverWords(e: DriverError): string {
  const message = String(e.message ?? "");
  const cut = message.lastIndexOf(" - ");
  return cut >= 0 ? message.slice(cut + 3) : message;
}

function fixFor(reason: DatabaseErrorReason, meta: ModelMeta, table: string): string {
  switch (reason) {
    case "missing-table":
      return `Create it: \`await migrate([${meta.name}])\` (or \`eloquent migrate\`), or check ${meta.name}'s static tableName / connectionName.`;
    case "missing-column":
      return `The table is older than ${meta.name}'s static schema: add the column with a migration (migrate() only creates missing tables).`;
    case "not-null":
      return `Give the column a value, or declare it \`nullable: true\` (or with a \`default\`) in ${meta.name}'s static schema and the table.`;
    case "unique":
      return `A row of ${table} already has this value: look it up first (where(...).first()), update that row, or catch UniqueViolationError.`;
    case "foreign-key":
      return `The referenced row must exist first (create or save it), and rows that reference a row must be removed (or cascade) before it is deleted.`;
  }
}

const WHAT: Record<DatabaseErrorReason, (table: string) => string> = {
  "missing-table": (t) => `table '${t}' does not exist`,
  "missing-column": (t) => `a column of '${t}' does not exist`,
  "not-null": (t) => `a NOT NULL column of '${t}' got no value`,
  unique: (t) => `the write breaks a UNIQUE constraint of '${t}'`,
  "foreign-key": (t) => `the write breaks a foreign key of '${t}'`,
};

/** The eloquent error for a driver error, or the error itself when it is not one of the known kinds. */
export function translateDriverError(error: unknown, meta: ModelMeta, operation: string, table = meta.table): unknown {
  if (error instanceof EloquentError || error === null || typeof error !== "object") return error;
  const conn = getConnection(meta.connection);
  const reason = reasonOf(conn.dialect, error as DriverError);
  if (reason === undefined) return error;
  const message =
    `${meta.name}.${operation} on connection '${conn.name}' (${conn.dialect}): ${WHAT[reason](table)} — ${driverWords(error as DriverError)}. ` +
    fixFor(reason, meta, table);
  return new CLASSES[reason](message, reason, meta.name, conn.name, error);
}

/** Runs one statement of a model operation, translating the known driver errors. */
export async function runStatement<T>(meta: ModelMeta, operation: string, statement: PromiseLike<T>, table?: string): Promise<T> {
  try {
    return await statement;
  } catch (error) {
    throw translateDriverError(error, meta, operation, table);
  }
}
