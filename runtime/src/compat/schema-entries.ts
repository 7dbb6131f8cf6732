/**
 * One view of a model's relations and columns for the runtime: `static schema` entries in any form the seed
 * package writes (native descriptors, validate()-wrapped columns, mixins, object literals) plus its relation
 * methods. The registry and the model metadata both read it, so they can never disagree.
 */
import { isMixinDescriptor, isSeedMixinName, nativeSchemaEntry, seedImplicitPivot, usesSeedImplicitPivot } from "eloquent-engine";
import type { RelationDescriptor } from "eloquent-engine";
import { relationMethodsOf } from "./relation-methods";

/** `static schema` entries as native descriptors; mixins that add no column are dropped (they are not mistakes). */
export function schemaEntries(schema: object): [string, unknown][] {
  const entries: [string, unknown][] = [];
  for (const [name, raw] of Object.entries(schema)) {
    const entry = nativeSchemaEntry(raw);
    if (isMixinDescriptor(entry) && isSeedMixinName(entry.name)) continue;
    entries.push([name, entry]);
  }
  return entries;
}

/** Relation methods not shadowed by a `static schema` relation of the same name. */
export function methodRelations(model: Function, schemaNames: ReadonlySet<string>): [string, RelationDescriptor][] {
  return [...relationMethodsOf(model)].filter(([name]) => !schemaNames.has(name));
}

/**
 * A seed-package belongsToMany without pivot metadata, with the seed's implicit pivot filled in (the names
 * its migration generator creates), so the runtime queries the tables seed code already has.
 */
export function withSeedPivot(descriptor: RelationDescriptor, ownerTable: string, store: string): RelationDescriptor {
  if (descriptor.kind !== "belongsToMany" || store !== "sql") return descriptor;
  const node = {
    name: "",
    kind: descriptor.kind,
    target: descriptor.target,
    options: descriptor.options,
    conventions: (descriptor as { conventions?: "seed" }).conventions,
  };
  if (!usesSeedImplicitPivot(node)) return descriptor;
  const target = typeof descriptor.target === "function" ? (descriptor.target as Function).name : String(descriptor.target);
  const pivot = seedImplicitPivot(ownerTable, target);
  return Object.freeze({
    ...descriptor,
    options: Object.freeze({
      ...descriptor.options,
      pivotTable: pivot.table,
      pivotLocalKey: pivot.localKey,
      pivotForeignKey: pivot.foreignKey,
    }),
  });
}
