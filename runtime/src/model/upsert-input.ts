/**
 * The argument checks `upsert(rows, uniqueBy, update?)` shares across stores (sql/upsert.ts,
 * mongo/mongo-upsert.ts): what a store accepts differs only in the rules below.
 */
import { didYouMean, type EloquentError } from "./errors";
import type { ModelMeta } from "./meta";

export interface UpsertColumnRules {
  /** The store's error class (UpsertError, MongoUpsertError). */
  error: new (message: string) => EloquentError;
  /** Names accepted besides the schema's columns (Mongo's implicit `id`). */
  implicit: readonly string[];
  /** Whether `update` may be an empty list (Mongo: insert missing rows, leave matches alone). */
  emptyUpdate: boolean;
  /** Whether an unknown name's message lists every column. */
  listColumns: boolean;
}

/** `rows` must be an array; returns whether there is anything to write. */
export function hasUpsertRows(meta: ModelMeta, rows: unknown, rules: UpsertColumnRules): boolean {
  if (!Array.isArray(rows))
    throw new rules.error(`${meta.name}.upsert(): expected an array of rows, got ${rows === null ? "null" : typeof rows}.`);
  return rows.length > 0;
}

/** `uniqueBy` / `update` as a list of known column names, or a clear error naming the bad one. */
export function upsertColumns(meta: ModelMeta, names: unknown, what: "uniqueBy" | "update", rules: UpsertColumnRules): string[] {
  const list = typeof names === "string" ? [names] : names;
  const mayBeEmpty = what === "update" && rules.emptyUpdate;
  if (!Array.isArray(list) || (!mayBeEmpty && !list.length) || list.some((c) => typeof c !== "string")) {
    throw new rules.error(
      `${meta.name}.upsert(): ${what} must be a column name or ${mayBeEmpty ? "an" : "a non-empty"} array of column names, got ${JSON.stringify(names)}.`,
    );
  }
  for (const c of list as string[]) {
    if (!rules.implicit.includes(c) && !meta.columns.has(c)) {
      const columns = [...rules.implicit, ...meta.columns.keys()];
      throw new rules.error(
        `${meta.name}.upsert(): ${what} names '${c}', which is not a column of ${meta.table}.${didYouMean(c, columns)}` +
          (rules.listColumns ? ` Columns: ${[...meta.columns.keys()].join(", ")}.` : ""),
      );
    }
  }
  return list as string[];
}
