/**
 * `static touches = ["post"]` (Laravel's `$touches`): saving or deleting a comment sets its parents'
 * updated_at, one UPDATE per relation (no parent events, as Laravel's touchOwners). Only the
 * belongs-to side can name its parents: belongsTo, morphTo, belongsToMany. Inside `withoutTouching` (touch-scope.ts)
 * the ignored classes are skipped.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { scopedQuery } from "./relation-scope";
import { modelForMorphType, RelationError, resolveRelation } from "./resolve";
import { isIgnoringTouch } from "./touch-scope";

interface Touchable {
  whereKeyIn(column: string, values: readonly unknown[]): Touchable;
  update(values: Record<string, unknown>): Promise<number>;
}

export function touchedRelations(cls: ModelClass): readonly string[] {
  const touches = (cls as unknown as { touches?: unknown }).touches;
  if (touches === undefined) return [];
  if (!Array.isArray(touches) || touches.some((t) => typeof t !== "string")) {
    throw new RelationError(`${cls.name}.touches must be a list of relation names (static touches = ["post"]).`);
  }
  return touches as string[];
}

/** Before the write: a touches entry that cannot touch fails without writing anything. */
export function checkTouches(model: Model): void {
  const cls = model.constructor as ModelClass;
  for (const name of touchedRelations(cls)) {
    const relation = resolveRelation(cls, name);
    if (relation.kind === "belongsTo" || relation.kind === "morphTo" || relation.kind === "belongsToMany") continue;
    throw new RelationError(
      `${relation.owner.name}.touches names '${name}', a ${relation.kind} relation: only belongsTo, morphTo and belongsToMany ` +
        `point at parents to touch. Remove it from touches (or declare touches on the ${relation.target?.name ?? "related"} model).`,
    );
  }
}

export async function touchOwners(model: Model): Promise<void> {
  const cls = model.constructor as ModelClass;
  for (const name of touchedRelations(cls)) {
    const relation = resolveRelation(cls, name);
    // withoutTouching(...): the parents' class is left alone (morphTo: decided per row type below).
    if (relation.target !== undefined && isIgnoringTouch(relation.target)) continue;
    switch (relation.kind) {
      case "belongsTo": {
        const key = model.get(relation.foreignKey);
        if (key == null) break;
        const q = (relation.target as unknown as { query(): Touchable }).query();
        await q.whereKeyIn(relation.ownerKey!, [key]).update({});
        break;
      }
      case "morphTo": {
        const type = model.get(relation.morphType!);
        const id = model.get(relation.morphId!);
        if (type == null || id == null) break;
        const parent = modelForMorphType(relation, String(type));
        if (isIgnoringTouch(parent)) break;
        const q = (parent as unknown as { query(): Touchable }).query();
        await q.whereKeyIn(relation.ownerKey ?? modelMeta(parent).primaryKey, [id]).update({});
        break;
      }
      case "belongsToMany":
        await (await scopedQuery(model, relation, "update", undefined)).query.update({});
        break;
      default:
        break; // rejected by checkTouches before the write
    }
  }
}
