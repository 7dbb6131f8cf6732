/**
 * What the last save wrote (Laravel's getChanges/wasChanged) and whether it inserted the row
 * (wasRecentlyCreated). Kept beside the model, not in it, so the model's own state stays minimal.
 */
import type { Model } from "./model";

const changes = new WeakMap<Model, Record<string, unknown>>();
const created = new WeakSet<Model>();

export function recordChanges(model: Model, values: Record<string, unknown>): void {
  changes.set(model, values);
}

export function changesOf(model: Model): Record<string, unknown> {
  return { ...changes.get(model) };
}

export function markCreated(model: Model): void {
  created.add(model);
  changes.delete(model); // Laravel: an insert leaves no "changes"
}

export function wasRecentlyCreated(model: Model): boolean {
  return created.has(model);
}
