/**
 * Accessors, mutators and custom casts (Laravel's `Attribute::make(get, set)` and `$casts` with a cast class):
 *
 *   static accessors = {
 *     name: { get: (m, value) => String(value).trim(), set: (m, value) => String(value).trim() }, // a column
 *     full_name: { get: (m) => `${m.first_name} ${m.last_name}`,                                  // virtual
 *                  set: (m, value) => ({ first_name: ..., last_name: ... }) },
 *   };
 *   static casts = { price: MoneyCast };  // a class or object with get(value, model, key) / set(value, model, key)
 *
 * The store always holds the raw value: hydration, dirty tracking, `getAttributes()` and the queries see it
 * untouched (nothing is cast while 100k rows load). `model.price` / `get("price")` and `toJSON()` apply `get`;
 * `model.price = v`, `set`, `fill` and `create` apply `set`. A cast's `get` may return an object the caller changes
 * in place (`order.price.amount = 5`): the object is remembered and written back through `set` before the model is
 * compared, saved or serialised, so that change is never lost (Laravel's class-cast cache).
 *
 * Laravel's built-in cast names (`"boolean"`, `"json"`, `"datetime"`…) are accepted and do nothing more: the column
 * type already casts (see casts.ts).
 */
import { EloquentError, didYouMean } from "./errors";

/** A custom cast: what `static casts = { price: MoneyCast }` names (an object, or a class built once per model). */
export interface CastsAttributes<Value = any, Stored = any> {
  /** The stored value → what `model.<key>` reads. */
  get?(value: Stored, model: any, key: string): Value;
  /** What is assigned → the value to store. */
  set?(value: Value, model: any, key: string): Stored;
}

/** An accessor/mutator: on a column it transforms that column's value; on any other name it is a virtual attribute. */
export interface AttributeAccessor<M = any, Value = any> {
  /** Column: `(model, storedValue)` → what `model.<key>` reads. Virtual: `(model)` → the computed value. */
  get?(model: M, value: unknown): Value;
  /**
   * Column: `(model, value)` → the value to store. Virtual: `(model, value)` → an object of column values to store
   * (`{ first_name, last_name }`).
   */
  set?(model: M, value: Value): unknown;
}

/** Where a class keeps its resolved transforms (an own, non-enumerable static set with its metadata). */
export const ATTRIBUTE_TRANSFORMS: unique symbol = Symbol("eloquent.attributeTransforms");

export type CastDefinition = CastsAttributes | (new () => CastsAttributes) | string;

/** One attribute's transform, resolved once per class. */
export interface AttributeTransform {
  readonly key: string;
  /** A schema column (else a virtual attribute: never stored under its own name). */
  readonly column: boolean;
  readonly get: ((model: any, raw: unknown) => unknown) | undefined;
  readonly set: ((model: any, value: unknown) => unknown) | undefined;
  /** A custom cast: objects its `get` returns are remembered so in-place changes are written back. */
  readonly remembers: boolean;
}

export interface AttributeTransforms {
  readonly byKey: ReadonlyMap<string, AttributeTransform>;
  /** Transforms of columns that have a `get`: what toJSON applies. */
  readonly columnGetters: readonly AttributeTransform[];
  readonly remembers: boolean;
  /** Virtual attribute names (a prototype accessor is installed for each one that is not a member yet). */
  readonly virtual: readonly string[];
}

const BUILT_IN_CASTS = new Set([
  "array",
  "bool",
  "boolean",
  "collection",
  "date",
  "datetime",
  "decimal",
  "double",
  "float",
  "immutable_date",
  "immutable_datetime",
  "int",
  "integer",
  "json",
  "object",
  "real",
  "string",
  "timestamp",
]);

interface TransformStatics {
  name: string;
  casts?: unknown;
  accessors?: unknown;
}

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);

const describe = (value: unknown): string =>
  typeof value === "function"
    ? `function ${value.name || "(anonymous)"}`
    : value === null
      ? "null"
      : Array.isArray(value)
        ? "an array"
        : typeof value;

/** The class's accessors and casts, checked; undefined when it declares none (the common case costs nothing). */
export function resolveAttributeTransforms(
  model: TransformStatics,
  columns: ReadonlySet<string>,
  relations: ReadonlySet<string>,
): AttributeTransforms | undefined {
  const casts = model.casts;
  const accessors = model.accessors;
  if (casts === undefined && accessors === undefined) return undefined;
  const byKey = new Map<string, AttributeTransform>();
  const where = (statics: string, key: string) => `${model.name}.${statics}.${key}`;

  if (casts !== undefined) {
    if (!isPlainRecord(casts))
      throw new EloquentError(`${model.name}.casts must be an object of column → cast, e.g. { price: MoneyCast }; got ${describe(casts)}.`);
    for (const [key, definition] of Object.entries(casts)) {
      if (!columns.has(key)) {
        throw new EloquentError(
          `${model.name}.casts lists '${key}', but ${model.name} has no column '${key}'.${didYouMean(key, columns)} ` +
            `Casts apply to schema columns; for a computed attribute use static accessors.`,
        );
      }
      const cast = castOf(definition, where("casts", key));
      if (cast === undefined) continue; // a built-in name: the column type casts already
      byKey.set(key, {
        key,
        column: true,
        get: cast.get ? (m, raw) => cast.get!(raw, m, key) : undefined,
        set: cast.set ? (m, value) => cast.set!(value, m, key) : undefined,
        remembers: cast.get !== undefined && cast.set !== undefined,
      });
    }
  }

  if (accessors !== undefined) {
    if (!isPlainRecord(accessors))
      throw new EloquentError(
        `${model.name}.accessors must be an object of name → { get?, set? }, e.g. { full_name: { get: (m) => ... } }; got ${describe(accessors)}.`,
      );
    for (const [key, accessor] of Object.entries(accessors)) {
      const at = where("accessors", key);
      if (relations.has(key)) throw new EloquentError(`${at}: '${key}' is a relation of ${model.name}; an accessor cannot replace it.`);
      if (byKey.has(key))
        throw new EloquentError(
          `${at}: '${key}' also has a cast in ${model.name}.casts. Keep one of the two: both would transform the value.`,
        );
      if (!isPlainRecord(accessor) || (accessor.get === undefined && accessor.set === undefined))
        throw new EloquentError(`${at} must be an object with get(model, value) and/or set(model, value); got ${describe(accessor)}.`);
      for (const side of ["get", "set"] as const)
        if (accessor[side] !== undefined && typeof accessor[side] !== "function")
          throw new EloquentError(`${at}.${side} must be a function; got ${describe(accessor[side])}.`);
      const { get, set } = accessor as AttributeAccessor;
      const column = columns.has(key);
      byKey.set(key, {
        key,
        column,
        get: get ? (m, raw) => get(m, raw) : undefined,
        set: set ? (m, value) => set(m, value) : undefined,
        remembers: false,
      });
    }
  }

  if (byKey.size === 0) return undefined;
  const all = [...byKey.values()];
  return {
    byKey,
    columnGetters: all.filter((t) => t.column && t.get !== undefined),
    remembers: all.some((t) => t.remembers),
    virtual: all.filter((t) => !t.column).map((t) => t.key),
  };
}

function castOf(definition: unknown, at: string): CastsAttributes | undefined {
  if (typeof definition === "string") {
    const name = definition.split(":")[0]!.toLowerCase();
    if (BUILT_IN_CASTS.has(name)) return undefined;
    throw new EloquentError(
      `${at}: '${definition}' is not a cast. Give a cast class or object with get(value, model, key) / set(value, model, key), ` +
        `or one of Laravel's built-in names (${[...BUILT_IN_CASTS].join(", ")}), which the column type already applies.`,
    );
  }
  let cast: unknown = definition;
  if (typeof definition === "function") {
    const proto = (definition as { prototype?: Record<string, unknown> }).prototype;
    if (!proto || (typeof proto.get !== "function" && typeof proto.set !== "function"))
      throw new EloquentError(
        `${at}: ${describe(definition)} is not a cast class: it has no get(value, model, key) or set(value, model, key) method.`,
      );
    try {
      cast = new (definition as new () => unknown)();
    } catch (error) {
      throw new EloquentError(`${at}: the cast class ${definition.name} could not be built with no arguments: ${(error as Error).message}`);
    }
  }
  if (cast === null || typeof cast !== "object")
    throw new EloquentError(
      `${at} must be a cast: a class or object with get(value, model, key) and/or set(value, model, key); got ${describe(cast)}.`,
    );
  const c = cast as Record<string, unknown>;
  for (const side of ["get", "set"] as const)
    if (c[side] !== undefined && typeof c[side] !== "function")
      throw new EloquentError(`${at}.${side} must be a function; got ${describe(c[side])}.`);
  if (c.get === undefined && c.set === undefined)
    throw new EloquentError(
      `${at} must be a cast: a class or object with get(value, model, key) and/or set(value, model, key); it has neither.`,
    );
  return c as CastsAttributes;
}

/** The object a virtual mutator returned, checked: its keys are what gets stored. */
export function virtualWrites(model: { constructor: { name: string } }, key: string, written: unknown): Record<string, unknown> {
  if (!isPlainRecord(written))
    throw new EloquentError(
      `${model.constructor.name}.accessors.${key}.set must return an object of column values to store (e.g. { first_name, last_name }); ` +
        `got ${describe(written)}. '${key}' is not a column, so nothing else could keep the value.`,
    );
  return written;
}

export function readOnlyVirtualError(model: { constructor: { name: string } }, key: string): EloquentError {
  return new EloquentError(
    `${model.constructor.name}.${key} is a computed attribute without a set: it cannot be assigned. ` +
      `Add set(model, value) to ${model.constructor.name}.accessors.${key}, returning the columns to store.`,
  );
}

/** Raw values a cast's `get` turned into objects, per model: written back through `set` when changed in place. */
const remembered = new WeakMap<object, Map<string, { raw: unknown; value: object }>>();

export function rememberCastValue(model: object, key: string, raw: unknown, value: unknown): void {
  if (value === null || typeof value !== "object") return;
  let entries = remembered.get(model);
  if (!entries) remembered.set(model, (entries = new Map()));
  entries.set(key, { raw, value });
}

/** The object a cast returned for this stored value before, so repeated reads change one object. */
export function rememberedCastValue(model: object, key: string, raw: unknown): object | undefined {
  const entry = remembered.get(model)?.get(key);
  return entry !== undefined && entry.raw === raw ? entry.value : undefined;
}

export function forgetCastValue(model: object, key: string): void {
  remembered.get(model)?.delete(key);
}

/**
 * Writes remembered cast objects back: `set(value)` of each one whose stored value is still the one it was read
 * from (else the attribute was replaced since, and the remembered object is stale). Returns the keys to re-store.
 */
export function changedCastValues(
  model: object,
  transforms: AttributeTransforms,
  current: (key: string) => unknown,
): Array<[string, unknown]> | undefined {
  const entries = remembered.get(model);
  if (!entries || entries.size === 0) return undefined;
  let out: Array<[string, unknown]> | undefined;
  for (const [key, entry] of entries) {
    if (current(key) !== entry.raw) {
      entries.delete(key);
      continue;
    }
    const raw = transforms.byKey.get(key)!.set!(model, entry.value);
    if (!sameStored(raw, entry.raw)) {
      (out ??= []).push([key, raw]);
      entry.raw = raw;
    }
  }
  return out;
}

function sameStored(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}
