/**
 * What ties a pivot model instance (`tag.pivot` of a relation declared with `using`) to its row: the
 * pivot's two key columns and, for morph pivots, the type column. Pivot rows are addressed by these,
 * not by a primary key (most pivot tables have none), so `pivot.save()` updates exactly that row.
 * Kept in the model layer so relation loading can link instances without importing a store.
 */
import type { PivotSpec } from "../relations/adapter";
import { modelMeta } from "./meta";
import type { ModelClass } from "./types";

/** Marks pivot base classes (`Pivot`, `MorphPivot`): `using` must name a subclass of one. */
export const PIVOT_CLASS: unique symbol = Symbol.for("eloquent.pivotClass");

export interface PivotLink {
  readonly spec: PivotSpec;
  /** Column → value identifying the row (localKey, foreignKey and the spec's `where` equalities). */
  readonly keys: Record<string, unknown>;
}

const links = new WeakMap<object, PivotLink>();

export function linkPivot(instance: object, spec: PivotSpec, row: Readonly<Record<string, unknown>>): void {
  const keys: Record<string, unknown> = { ...spec.where };
  keys[spec.localKey] = row[spec.localKey];
  keys[spec.foreignKey] = row[spec.foreignKey];
  links.set(instance, { spec, keys });
}

export function pivotLink(instance: object): PivotLink | undefined {
  return links.get(instance);
}

/** The link of `from`, given to `to` (a fresh copy of the same row). */
export function copyPivotLink(from: object, to: object): void {
  const link = links.get(from);
  if (link) links.set(to, { spec: link.spec, keys: { ...link.keys } });
}

/** A class whose prototype chain reaches a pivot base class. */
export function isPivotClass(cls: unknown): boolean {
  for (let c = cls as { [PIVOT_CLASS]?: unknown } | null; c; c = Object.getPrototypeOf(c) as typeof c) {
    if (Object.hasOwn(c, PIVOT_CLASS)) return true;
  }
  return false;
}

const ownColumns = new WeakMap<ModelClass, PropertyDescriptorMap>();

/**
 * Gives a pivot instance its columns as own enumerable properties (read and written through get/set), so
 * `Object.keys(tag.pivot)`, `{ ...tag.pivot }` and `toEqual` see the row as they did when pivots were plain
 * objects. One shared descriptor map per class, one defineProperties call per row.
 */
export function exposePivotColumns(instance: object): void {
  const cls = instance.constructor as ModelClass;
  let descriptors = ownColumns.get(cls);
  if (!descriptors) {
    descriptors = {};
    for (const column of modelMeta(cls).columns.keys()) {
      descriptors[column] = {
        enumerable: true,
        configurable: true,
        get(this: { get(key: string): unknown }) {
          return this.get(column);
        },
        set(this: { set(key: string, value: unknown): unknown }, value: unknown) {
          this.set(column, value);
        },
      };
    }
    ownColumns.set(cls, descriptors);
  }
  const present: PropertyDescriptorMap = {};
  const attributes = (instance as { getAttributes(): Record<string, unknown> }).getAttributes();
  // Only the columns the row was read with: a plain pivot never listed columns it did not select.
  for (const column of Object.keys(attributes)) if (descriptors[column]) present[column] = descriptors[column];
  Object.defineProperties(instance, present);
}
