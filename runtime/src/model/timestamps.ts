/** created_at / updated_at on insert (both stores); a value the caller set is kept. */
import type { ModelMeta } from "./meta";
import type { Model } from "./model";

export function stampCreate(meta: ModelMeta, model: Model, now: Date): void {
  if (!meta.timestamps) return;
  if (model.get("created_at") == null) model.set("created_at", now);
  if (model.get("updated_at") == null) model.set("updated_at", now);
}
