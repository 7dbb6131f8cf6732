/**
 * What `toJSON()` shows (Laravel's `$hidden`, `$visible`, `$appends`):
 *
 *   static hidden = ["password"]        never serialised (attributes and relations alike)
 *   static visible = ["id", "name"]     when set, only these are serialised
 *   static appends = ["full_name"]      computed values (a getter on the class) added to the output
 *
 * Only serialisation changes: `model.password` still reads the value.
 */
import { EloquentError } from "./errors";

interface SerializationStatics {
  hidden?: readonly string[];
  visible?: readonly string[];
  appends?: readonly string[];
  name: string;
}

function list(cls: SerializationStatics, key: "hidden" | "visible" | "appends"): readonly string[] | undefined {
  const value = cls[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new EloquentError(`${cls.name}.${key} must be an array of attribute names, got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** Per-instance changes (Laravel's makeHidden / makeVisible): added to / removed from the class's hidden list. */
const instanceHidden = new WeakMap<object, { hide: Set<string>; show: Set<string> }>();

export function makeHidden(model: object, keys: readonly string[]): void {
  const entry = instanceHidden.get(model) ?? { hide: new Set<string>(), show: new Set<string>() };
  for (const k of keys) {
    entry.hide.add(k);
    entry.show.delete(k);
  }
  instanceHidden.set(model, entry);
}

export function makeVisible(model: object, keys: readonly string[]): void {
  const entry = instanceHidden.get(model) ?? { hide: new Set<string>(), show: new Set<string>() };
  for (const k of keys) {
    entry.show.add(k);
    entry.hide.delete(k);
  }
  instanceHidden.set(model, entry);
}

/** Applies hidden/visible/appends of the model's class to its serialised form (in place). */
export function applyVisibility(model: object, out: Record<string, unknown>): Record<string, unknown> {
  const cls = model.constructor as unknown as SerializationStatics;
  const own = instanceHidden.get(model);
  const appends = list(cls, "appends");
  if (appends) {
    for (const name of appends) {
      const value = (model as Record<string, unknown>)[name];
      if (value === undefined && !(name in model)) {
        throw new EloquentError(
          `${cls.name}.appends lists '${name}', but ${cls.name} has no '${name}' getter. Declare \`get ${name}() { ... }\` on the class.`,
        );
      }
      out[name] = typeof value === "function" ? (value as () => unknown).call(model) : value;
    }
  }
  const visible = list(cls, "visible");
  if (visible) for (const key of Object.keys(out)) if (!visible.includes(key) && !own?.show.has(key)) delete out[key];
  const hidden = list(cls, "hidden");
  if (hidden) for (const key of hidden) if (!own?.show.has(key)) delete out[key];
  if (own) for (const key of own.hide) delete out[key];
  return out;
}
