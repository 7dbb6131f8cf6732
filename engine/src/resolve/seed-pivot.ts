/**
 * The seed package's implicit pivot: for a `belongsToMany` without pivot metadata its migration generator
 * creates `[ownerTable, target].sort().join("_") + "_pivot"` (both lower-cased, the target as the model
 * name is written) with `<ownerTable>_id` and `<target>_id` columns. eloquent-orm uses exactly these names
 * for seed-package relations (`conventions: "seed"`) that declare none, so seed code keeps its tables.
 */
import type { RelationNode } from "../graph/graph";
import { readOption } from "../graph/values";

export interface ImplicitPivot {
  table: string;
  localKey: string;
  foreignKey: string;
}

export function seedImplicitPivot(ownerTable: string, targetName: string): ImplicitPivot {
  const owner = ownerTable.toLowerCase();
  const target = targetName.toLowerCase();
  return { table: [owner, target].sort().join("_") + "_pivot", localKey: `${owner}_id`, foreignKey: `${target}_id` };
}

const PIVOT_OPTIONS = ["pivotTable", "pivotLocalKey", "pivotForeignKey"] as const;

/** A seed-package relation that names none of the three pivot options: the implicit pivot applies. */
export function usesSeedImplicitPivot(relation: RelationNode): boolean {
  return relation.conventions === "seed" && PIVOT_OPTIONS.every((key) => readOption(relation, key).state === "absent");
}
