/**
 * Mass-assignment protection (Laravel's `$fillable` / `$guarded`) for `create()`, `fill()`,
 * `update()`, `new Model({...})` and the find-or-write statics — the calls that take a whole object,
 * typically a request body. Unlike Laravel, a protected key is an error naming it (not silently
 * dropped), so an attack or a typo is seen at once. `forceFill()` and `set()` bypass the check.
 *
 *   static fillable = ["name", "email"]   only these may be mass assigned
 *   static guarded = ["is_admin"]         everything except these ("*": nothing)
 */
import { EloquentError } from "./errors";
import type { ModelMeta } from "./meta";

export class MassAssignmentError extends EloquentError {}

interface GuardStatics {
  fillable?: readonly string[];
  guarded?: readonly string[];
}

/** Throws when `key` may not be mass assigned on the class. */
export function assertFillable(meta: ModelMeta, key: string): void {
  const { fillable, guarded } = meta.model as unknown as GuardStatics;
  if (fillable === undefined && guarded === undefined) return;
  if (fillable !== undefined && !fillable.includes(key)) {
    throw new MassAssignmentError(
      `${meta.name}: '${key}' is not mass assignable (static fillable = [${fillable.map((f) => `"${f}"`).join(", ")}]). ` +
        `Remove it from the input (pick the allowed fields of the request body), add it to ${meta.name}.fillable, or set it explicitly with model.set("${key}", value) / forceFill().`,
    );
  }
  if (guarded !== undefined && (guarded.includes("*") || guarded.includes(key))) {
    throw new MassAssignmentError(
      `${meta.name}: '${key}' is guarded against mass assignment (static guarded = [${guarded.map((f) => `"${f}"`).join(", ")}]). ` +
        `Remove it from the input, or set it explicitly with model.set("${key}", value) / forceFill().`,
    );
  }
}
