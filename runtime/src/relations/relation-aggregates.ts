/**
 * `post.related("comments").sum("votes")` (and avg/min/max): one aggregate over the parent's
 * related rows only, on the target's own query (so its column checks, soft-delete scope and the
 * recorded narrowing apply). belongsToMany reads the pivot's related keys first (two queries).
 */
import type { Model } from "../model/model";
import type { QueryConstraint } from "./adapter";
import { distinctKeys } from "./keys";
import { withDefinition } from "./definition";
import { RelationError, type ResolvedRelation } from "./resolve";

export type RelationAggregate = "sum" | "avg" | "min" | "max";

interface AggregatingQuery {
  whereKeyIn(column: string, values: readonly unknown[]): AggregatingQuery;
  whereKeyEquals(column: string, value: unknown): AggregatingQuery;
  sum?(column: string): Promise<unknown>;
}

export async function relationAggregate(
  parent: Model,
  relation: ResolvedRelation,
  fn: RelationAggregate,
  column: string,
  constraint: QueryConstraint | undefined,
): Promise<unknown> {
  const target = relation.target;
  if (!target || relation.kind === "morphTo") {
    throw new RelationError(
      `${relation.owner.name}.${relation.name} is a morphTo relation: ${fn}() needs one target model. Query the target class directly.`,
    );
  }
  const q = (target as unknown as { query(): AggregatingQuery }).query();
  if (typeof (q as unknown as Record<string, unknown>)[fn] !== "function") {
    throw new RelationError(`${relation.owner.name}.${relation.name}: ${fn}() is not available on ${target.name}'s store.`);
  }
  withDefinition(relation, constraint)?.(q as never);
  const empty = fn === "sum" ? 0 : null;
  switch (relation.kind) {
    case "belongsTo": {
      const key = parent.get(relation.foreignKey);
      if (key == null) return empty;
      q.whereKeyEquals(relation.ownerKey!, key);
      break;
    }
    case "belongsToMany": {
      const ownerKey = parent.get(relation.localKey);
      if (ownerKey == null) return empty;
      const spec = relation.pivot!;
      const pivots = await relation.owner.adapter.fetchPivotRows(spec, [ownerKey]);
      const ids = distinctKeys(pivots.map((row) => row[spec.foreignKey]));
      if (!ids.length) return empty;
      q.whereKeyIn(relation.ownerKey!, ids);
      break;
    }
    default: {
      const key = parent.get(relation.localKey);
      if (key == null) return empty;
      q.whereKeyEquals(relation.morphId ?? relation.foreignKey, key);
      if (relation.morphType) q.whereKeyEquals(relation.morphType, relation.ownerMeta.morphAlias);
    }
  }
  return (q as unknown as Record<string, (c: string) => Promise<unknown>>)[fn]!(column);
}
