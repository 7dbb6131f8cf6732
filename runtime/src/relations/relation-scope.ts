/**
 * The target's own query narrowed to one parent's related rows, for the operations that are not a
 * load: mass writes through a relation (`user.related("posts").update({...})`, `delete()`,
 * `restore()`, `forceDelete()`). The keys are the resolver's; belongsToMany reads the parent's pivot
 * keys first (or the id array of a Mongo document), so it works on every store.
 */
import type { Model } from "../model/model";
import type { QueryConstraint } from "./adapter";
import { distinctKeys } from "./keys";
import { withDefinition } from "./definition";
import { RelationError, type ResolvedRelation } from "./resolve";

/** The part of SqlQuery / MongoQuery the scope needs. */
export interface ScopedQuery {
  whereKeyIn(column: string, values: readonly unknown[]): ScopedQuery;
  whereKeyEquals(column: string, value: unknown): ScopedQuery;
  withTrashed(): ScopedQuery;
  onlyTrashed(): ScopedQuery;
  update(values: Record<string, unknown>): Promise<number>;
  delete(): Promise<number>;
  forceDelete(): Promise<number>;
}

/** Related keys of a belongsToMany parent: its pivot rows, or a Mongo document's id array. */
export async function pivotRelatedKeys(parent: Model, relation: ResolvedRelation): Promise<unknown[]> {
  if (relation.mongoMode === "array") {
    const ids = parent.get(relation.foreignKey);
    return Array.isArray(ids) ? distinctKeys(ids) : [];
  }
  const ownerKey = parent.get(relation.localKey);
  if (ownerKey == null) return [];
  const spec = relation.pivot!;
  const rows = await relation.owner.adapter.fetchPivotRows(spec, [ownerKey]);
  return distinctKeys(rows.map((row) => row[spec.foreignKey]));
}

export async function scopedQuery(
  parent: Model,
  relation: ResolvedRelation,
  op: string,
  constraint: QueryConstraint | undefined,
): Promise<{ query: ScopedQuery }> {
  const target = relation.target;
  if (!target) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name} is a morphTo relation: ${op}() needs one target model. ` +
        `Load the parent (await model.related("${relation.name}")) and call ${op}() on it.`,
    );
  }
  const q = (target as unknown as { query(): ScopedQuery }).query();
  if (typeof (q as unknown as Record<string, unknown>)[op] !== "function" && op !== "restore") {
    throw new RelationError(`${relation.owner.name}.${relation.name}: ${op}() is not available on ${target.name}'s store.`);
  }
  switch (relation.kind) {
    case "belongsTo": {
      const key = parent.get(relation.foreignKey);
      q.whereKeyIn(relation.ownerKey!, key == null ? [] : [key]);
      break;
    }
    case "belongsToMany":
      q.whereKeyIn(relation.ownerKey!, await pivotRelatedKeys(parent, relation));
      break;
    default: {
      const key = parent.get(relation.localKey);
      q.whereKeyIn(relation.morphId ?? relation.foreignKey, key == null ? [] : [key]);
      if (relation.morphType) q.whereKeyEquals(relation.morphType, relation.ownerMeta.morphAlias);
    }
  }
  withDefinition(relation, constraint)?.(q); // writes through the relation reach only the rows it reads
  return { query: q }; // wrapped: a query is thenable, so returning it from an async function would run it
}
