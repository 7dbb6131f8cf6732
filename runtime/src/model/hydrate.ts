/**
 * Store rows → persisted models. The row object is adopted as the model's attribute store (no copy):
 * hydrateAll parks it here and the Model constructor takes it, so hydration runs no attribute setters.
 * Kept apart from model.ts so the relation loaders can hydrate without importing the model base.
 */
import type { Model } from "./model";
import { modelMeta, type ModelMeta } from "./meta";
import type { ModelClass } from "./types";

let pendingRow: Record<string, unknown> | undefined;
/** json/date columns of the row being hydrated (snapshotted when first handed out). */
let pendingMutable: readonly string[] | undefined;

/**
 * For the Model constructor: the row hydrateAll is building a model for, if any (taken once). The
 * row and its json/date columns are taken by two calls rather than as one `{ row, mutable }` pair:
 * that pair was one more allocation per hydrated row (~5% of a 100k-row eager load's CPU).
 */
export function takePendingRow(): Record<string, unknown> | undefined {
  const row = pendingRow;
  pendingRow = undefined;
  return row;
}

/** For the Model constructor, right after takePendingRow() returned a row: that row's json/date columns. */
export function takePendingMutable(): readonly string[] | undefined {
  const mutable = pendingMutable;
  pendingMutable = undefined;
  return mutable;
}

/**
 * A driver's row becomes the attribute store as it is, prototype included: re-parenting every row
 * (Object.setPrototypeOf) costs ~70 ns a row, several % of a 100k-row eager load. It is safe because
 * the adopted row is only ever read: its keys are the table's column names, `get()` never returns an
 * inherited member, and the first write copies it into a prototype-free store (`copyStore`). Every
 * store that user input can reach — new models, written attributes, getAttributes/getOriginal/getDirty
 * copies — has no prototype.
 */
export function adoptRow(row: Record<string, unknown>): Record<string, unknown> {
  return row;
}

/** Applies the class's read casts to a row in place. */
export function castRow(meta: ModelMeta, row: Record<string, unknown>): Record<string, unknown> {
  const casts = meta.readCasts;
  for (let i = 0; i < casts.length; i++) {
    const [column, cast] = casts[i]!;
    if (column in row) row[column] = cast(row[column]);
  }
  return row;
}

/**
 * Builds a persisted model from a store row. The row object is adopted (not copied): it becomes the
 * model's attribute store until the first write.
 */
export function hydrate<M extends Model>(model: ModelClass<M>, row: Record<string, unknown>): M {
  return hydrateAll(model, [row])[0]!;
}

/** Hydrates many rows: one metadata lookup, casts applied in place, rows adopted as attributes. */
export function hydrateAll<M extends Model>(model: ModelClass<M>, rows: Record<string, unknown>[]): M[] {
  const meta = modelMeta(model);
  const casts = meta.readCasts.length > 0;
  const mutable = meta.mutableColumns.length > 0 ? meta.mutableColumns : undefined;
  const out = new Array<M>(rows.length);
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = adoptRow(rows[i]!);
      if (casts) castRow(meta, row);
      pendingMutable = mutable;
      pendingRow = row;
      out[i] = new model() as M;
    }
  } finally {
    pendingRow = undefined;
    pendingMutable = undefined;
  }
  return out;
}
