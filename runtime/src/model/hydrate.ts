/**
 * Store rows → persisted models. The row object is adopted as the model's attribute store (no copy):
 * hydrateAll parks it here and the Model constructor takes it, so hydration runs no attribute setters.
 * Kept apart from model.ts so the relation loaders can hydrate without importing the model base.
 */
import type { Model } from "./model";
import { snapshotOf } from "./attribute-store";
import { modelMeta, type ModelMeta } from "./meta";
import type { ModelClass } from "./types";

let pendingRow: Record<string, unknown> | undefined;
/** Snapshot of the row being hydrated (json/date columns), adopted with it. */
let pendingSnapshot: Record<string, string> | undefined;

/** For the Model constructor: the row hydrateAll is building a model for, if any (taken once). */
export function takePendingRow(): { row: Record<string, unknown>; snapshot: Record<string, string> | undefined } | undefined {
  const row = pendingRow;
  if (row === undefined) return undefined;
  const snapshot = pendingSnapshot;
  pendingRow = undefined;
  pendingSnapshot = undefined;
  return { row, snapshot };
}

/** A driver's row becomes the attribute store: no prototype, so no inherited names read as attributes. */
export function adoptRow(row: Record<string, unknown>): Record<string, unknown> {
  if (Object.getPrototypeOf(row) !== null) Object.setPrototypeOf(row, null);
  return row;
}

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
  const snapshots = meta.mutableColumns.length > 0;
  const out = new Array<M>(rows.length);
  try {
    for (let i = 0; i < rows.length; i++) {
      const row = adoptRow(rows[i]!);
      if (casts) castRow(meta, row);
      if (snapshots) pendingSnapshot = snapshotOf(meta, row);
      pendingRow = row;
      out[i] = new model() as M;
    }
  } finally {
    pendingRow = undefined;
    pendingSnapshot = undefined;
  }
  return out;
}

