/**
 * The Pivot class pivot rows of a relation without `using` are hydrated as. pivot.ts defines it (it extends
 * SqlModel, which imports the adapter), so the adapter asks through this holder instead of importing it.
 */
import type { ModelClass } from "../model/types";
import type { ResolvedRelation } from "../relations/resolve";

let factory: ((relation: ResolvedRelation) => ModelClass) | undefined;

export function setDefaultPivotFactory(make: (relation: ResolvedRelation) => ModelClass): void {
  factory = make;
}

export function defaultPivotModel(relation: ResolvedRelation): ModelClass | undefined {
  return factory?.(relation);
}
