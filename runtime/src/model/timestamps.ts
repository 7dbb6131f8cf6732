/** created_at / updated_at on insert (both stores); a value the caller set is kept. */
import type { ModelMeta } from "./meta";
import type { Model } from "./model";
import { assignUniqueId } from "./unique-ids";

export function stampCreate(meta: ModelMeta, model: Model, now: Date): void {
  if (!meta.timestamps) return;
  if (model.get("created_at") == null) model.set("created_at", now);
  if (model.get("updated_at") == null) model.set("updated_at", now);
}

/** Unsaved models for a batch insert (createMany of either store): filled and stamped with one clock reading. */
export function modelsForInsert<M extends Model>(cls: new () => M, meta: ModelMeta, rows: ReadonlyArray<object>): M[] {
  const now = new Date();
  return rows.map((attrs) => {
    const model = new cls();
    model.fill(attrs as Record<string, unknown>);
    stampCreate(meta, model, now);
    assignUniqueId(meta, model);
    return model;
  });
}
