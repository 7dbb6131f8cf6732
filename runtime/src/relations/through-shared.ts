/**
 * Shared by hasOneThrough / hasManyThrough: targets whose secondKey holds an intermediate (through) row's
 * secondLocalKey, for through rows whose firstKey holds the parent's localKey. When through and target
 * share a connection the store joins them (one query per level); otherwise the through rows are read,
 * then the targets (one query per store). Soft-deleted through rows are skipped when the through model
 * declares softDeletes.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { QueryConstraint } from "./adapter";
import { distinctAttribute, distinctKeys, groupBy, keyNormalizer, type KeyNormalizer } from "./keys";
import type { ResolvedRelation, ThroughKeys } from "./resolve";

function joinable(relation: ResolvedRelation, through: ThroughKeys): boolean {
  const target = relation.target!;
  return (
    through.model.adapter.fetchThroughPivot !== undefined &&
    target.adapter === through.model.adapter &&
    modelMeta(target).connection === modelMeta(through.model).connection
  );
}

export interface ThroughFetch {
  related: Model[];
  /** Parent localKey (normalised) → its targets, in the store's order. */
  groups: Map<unknown, Model[]>;
  norm: KeyNormalizer;
}

export async function fetchThrough(
  parents: readonly Model[],
  relation: ResolvedRelation,
  constraint?: QueryConstraint,
): Promise<ThroughFetch> {
  const through = relation.through!;
  const target = relation.target!;
  const ownerKeys = distinctAttribute(parents, relation.localKey);
  if (!ownerKeys.length) return { related: [], groups: new Map(), norm: keyNormalizer([], []) };
  if (joinable(relation, through)) {
    const { models: related, pivots } = await through.model.adapter.fetchThroughPivot!(
      through.spec,
      target,
      through.secondKey,
      ownerKeys,
      constraint,
    );
    const norm = keyNormalizer(ownerKeys, pivots.length ? [pivots[0]![through.firstKey]] : []);
    return { related, groups: groupBy(related, (_, i) => pivots[i]![through.firstKey], norm), norm };
  }
  // Across stores or connections: the through rows, then the targets.
  const rows = await through.model.adapter.fetchByKeys({ model: through.model, column: through.firstKey, values: ownerKeys });
  const secondKeys = distinctKeys(rows.map((row) => row.get(through.secondLocalKey)));
  const targets = secondKeys.length
    ? await target.adapter.fetchByKeys({ model: target, column: through.secondKey, values: secondKeys, constraint })
    : [];
  const secondNorm = keyNormalizer(secondKeys, targets.length ? [targets[0]!.get(through.secondKey)] : []);
  const bySecondKey = groupBy(targets, (m) => m.get(through.secondKey), secondNorm);
  const norm = keyNormalizer(ownerKeys, rows.length ? [rows[0]!.get(through.firstKey)] : []);
  const groups = new Map<unknown, Model[]>();
  const related: Model[] = [];
  for (const row of rows) {
    const reached = bySecondKey.get(secondNorm(row.get(through.secondLocalKey)));
    if (!reached) continue;
    const key = norm(row.get(through.firstKey));
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    for (const model of reached) {
      group.push(model);
      related.push(model);
    }
  }
  return { related, groups, norm };
}

/** Targets per parent (withCount, `related(name).count()`). */
export async function countThrough(
  parents: readonly Model[],
  relation: ResolvedRelation,
  constraint?: QueryConstraint,
): Promise<(parent: Model) => number> {
  const through = relation.through!;
  const ownerKeys = distinctAttribute(parents, relation.localKey);
  if (ownerKeys.length && joinable(relation, through) && through.model.adapter.countThroughPivot) {
    const counts = await through.model.adapter.countThroughPivot(through.spec, relation.target!, through.secondKey, ownerKeys, constraint);
    const norm = keyNormalizer(ownerKeys, counts.length ? [counts[0]![0]] : []);
    const byKey = new Map(counts.map(([k, n]) => [norm(k), Number(n)] as const));
    return (parent) => byKey.get(norm(parent.get(relation.localKey))) ?? 0;
  }
  const { groups, norm } = await fetchThrough(parents, relation, constraint);
  return (parent) => groups.get(norm(parent.get(relation.localKey)))?.length ?? 0;
}
