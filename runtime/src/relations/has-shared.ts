/**
 * Shared by hasOne/hasMany/morphOne/morphMany: children whose key column holds the parent's
 * localKey (plus the morph type filter for morph kinds), fetched in one query per store.
 */
import type { Model } from "../model/model";
import type { QueryConstraint } from "./adapter";
import { inverseRelationName, setInverse } from "./inverse";
import { distinctAttribute, groupBy, keyNormalizer, type KeyNormalizer } from "./keys";
import type { ResolvedRelation } from "./resolve";

export function childColumn(relation: ResolvedRelation): string {
  return relation.morphId ?? relation.foreignKey;
}

export function morphFilter(relation: ResolvedRelation): Record<string, unknown> | undefined {
  return relation.morphType ? { [relation.morphType]: relation.ownerMeta.morphAlias } : undefined;
}

export async function fetchChildren(
  parents: readonly Model[],
  relation: ResolvedRelation,
  constraint?: QueryConstraint,
): Promise<{ related: Model[]; groups: Map<unknown, Model[]>; norm: KeyNormalizer }> {
  const target = relation.target!;
  // Resolved before the query, so a wrong `inverse` fails whether or not rows come back.
  const inverse = inverseRelationName(relation);
  const keys = distinctAttribute(parents, relation.localKey);
  const column = childColumn(relation);
  const related = keys.length
    ? await target.adapter.fetchByKeys({
        model: target,
        column,
        values: keys,
        equals: morphFilter(relation),
        constraint: withoutDefaultInverse(inverse, constraint),
        ofMany: relation.ofMany,
      })
    : [];
  const norm = keyNormalizer(keys, related.length ? [related[0]!.get(column)] : []);
  const groups = groupBy(related, (m) => m.get(column), norm);
  // `inverse`: each child points back at its parent object (lazy and eager loads both come through here).
  if (related.length && inverse !== undefined) {
    for (const parent of parents) setInverse(parent, relation, groups.get(norm(parent.get(relation.localKey))) ?? []);
  }
  return { related, groups, norm };
}

/**
 * The target's `static defaultWith` would read the inverse relation that is about to be set to the parent: leave
 * it out (unless the default loads more below it, which the parent object may not hold).
 */
function withoutDefaultInverse(inverse: string | undefined, constraint: QueryConstraint | undefined): QueryConstraint | undefined {
  if (inverse === undefined) return constraint;
  return (q: { skipLeafLoad(name: string): unknown }) => {
    q.skipLeafLoad(inverse);
    return constraint?.(q);
  };
}

export async function countMatcher(
  parents: readonly Model[],
  relation: ResolvedRelation,
  constraint?: QueryConstraint,
): Promise<(parent: Model) => number> {
  const target = relation.target!;
  const keys = distinctAttribute(parents, relation.localKey);
  const counts = keys.length
    ? await target.adapter.countByKeys({
        model: target,
        column: childColumn(relation),
        values: keys,
        equals: morphFilter(relation),
        constraint,
      })
    : [];
  const norm = keyNormalizer(keys, counts.length ? [counts[0]![0]] : []);
  const byKey = new Map<unknown, number>();
  for (const [key, count] of counts) byKey.set(norm(key), Number(count));
  return (parent) => byKey.get(norm(parent.get(relation.localKey))) ?? 0;
}
