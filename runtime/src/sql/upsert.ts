/**
 * `Model.upsert(rows, uniqueBy, update?)`: insert rows, updating the ones that collide on `uniqueBy`,
 * in one statement per chunk — `INSERT … ON CONFLICT (uniqueBy) DO UPDATE SET …` on SQLite and
 * PostgreSQL, `INSERT … ON DUPLICATE KEY UPDATE …` on MySQL/MariaDB (knex `onConflict().merge()`).
 *
 * Laravel's semantics: without `update` every written column that is not in `uniqueBy` is updated;
 * with timestamps, `created_at`/`updated_at` are set on insert and `updated_at` on update; a uuid
 * primary key missing from a row is generated. PostgreSQL and SQLite need a unique index (or the
 * primary key) on exactly the `uniqueBy` columns; MySQL uses whichever unique index collides.
 */
import { assertEnumValue } from "../model/column-values";
import { didYouMean, EloquentError } from "../model/errors";
import { hasUpsertRows, upsertColumns, type UpsertColumnRules } from "../model/upsert-input";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { newUniqueId } from "../model/unique-ids";
import { chunkSize, getConnection } from "./sql-connections";
import { runnerFor } from "./transaction";
import { toDatabase } from "./sql-values";

export class UpsertError extends EloquentError {}

/** What SQL's upsert accepts: schema columns only, a non-empty update list. */
const RULES: UpsertColumnRules = { error: UpsertError, implicit: [], emptyUpdate: false, listColumns: true };

/** Writes the rows; returns how many input rows were inserted or updated. */
export async function upsert(
  model: ModelClass,
  rows: ReadonlyArray<Record<string, unknown>>,
  uniqueByInput: string | readonly string[],
  updateInput?: readonly string[],
): Promise<number> {
  const meta = modelMeta(model);
  if (!hasUpsertRows(meta, rows, RULES)) return 0;
  const uniqueBy = upsertColumns(meta, uniqueByInput, "uniqueBy", RULES);
  const conn = getConnection(meta.connection);
  const now = new Date();
  const pkType: string | undefined = meta.columns.get(meta.primaryKey)?.type;

  const dbRows = rows.map((input, i) => {
    if (input === null || typeof input !== "object" || Array.isArray(input)) {
      throw new UpsertError(`${meta.name}.upsert(): row ${i} is not an object ({ column: value }).`);
    }
    const row: Record<string, unknown> = { ...input };
    if (meta.timestamps) {
      row.created_at ??= now;
      row.updated_at ??= now;
    }
    if (row[meta.primaryKey] == null && (pkType === "uuid" || pkType === "ulid")) row[meta.primaryKey] = newUniqueId(pkType);
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      const column = meta.columns.get(key);
      if (!column) {
        throw new UpsertError(
          `${meta.name}.upsert(): row ${i} has '${key}', which is not a column of ${meta.table}.${didYouMean(key, meta.columns.keys())}`,
        );
      }
      if (value === undefined) continue;
      assertEnumValue(column, key, value, `${meta.name}.upsert(): row ${i}`);
      out[key] = toDatabase(conn.dialect, column, value, () => `${meta.name}.upsert()`);
    }
    return out;
  });

  // One column list for the whole statement: a row missing a column would be written as DEFAULT/NULL.
  const signature = Object.keys(dbRows[0]!).sort().join(",");
  dbRows.forEach((r, i) => {
    if (Object.keys(r).sort().join(",") !== signature) {
      throw new UpsertError(
        `${meta.name}.upsert(): row ${i} has columns (${Object.keys(r).sort().join(", ")}) but row 0 has (${signature.split(",").join(", ")}). ` +
          `Every row of one upsert writes the same columns; give missing ones an explicit value (null) or upsert the groups separately.`,
      );
    }
  });
  for (const c of uniqueBy) {
    if (!(c in dbRows[0]!))
      throw new UpsertError(`${meta.name}.upsert(): uniqueBy column '${c}' is missing from the rows; every row needs a value for it.`);
  }

  const written = Object.keys(dbRows[0]!);
  let update =
    updateInput === undefined
      ? written.filter((c) => !uniqueBy.includes(c) && c !== "created_at")
      : upsertColumns(meta, updateInput, "update", RULES);
  if (meta.timestamps && written.includes("updated_at") && !update.includes("updated_at")) update = [...update, "updated_at"];

  const runner = runnerFor(conn.name);
  // knex writes SQLite multi-row inserts as UNION ALL selects: at most 500 terms per statement.
  const size = Math.max(1, Math.min(conn.dialect === "sqlite" ? 500 : Infinity, Math.floor(chunkSize(conn) / written.length)));
  for (let i = 0; i < dbRows.length; i += size) {
    const insert = runner(meta.table)
      .insert(dbRows.slice(i, i + size))
      .onConflict(uniqueBy);
    // Nothing to update (only unique columns written): keep the existing rows.
    await (update.length ? insert.merge(update) : insert.ignore());
  }
  return dbRows.length;
}
