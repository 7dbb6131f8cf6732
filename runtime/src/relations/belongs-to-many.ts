/**
 * belongsToMany through a pivot. When the target shares the pivot's connection the store adapter
 * may join (one query); otherwise the pivot is read, then the targets (one query per store).
 * Each related model carries its own pivot row (`tag.pivot.created_at`), so a tag attached to two
 * posts is two instances with two pivots.
 */
import { hydrateAll } from "../model/hydrate";
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import { exposePivotColumns, linkPivot } from "../model/pivot-link";
import { withPivotClauses } from "./pivot-queries";
import type { ModelClass } from "../model/types";
import type { PivotMatches, QueryConstraint } from "./adapter";
import { distinctAttribute, distinctKeys, groupBy, indexBy, keyNormalizer } from "./keys";
import type { RelationKindHandler } from "./kind";
import type { ResolvedRelation } from "./resolve";

function sameConnection(relation: ResolvedRelation): boolean {
  const target = relation.target!;
  return target.adapter === relation.owner.adapter && modelMeta(target).connection === relation.ownerMeta.connection;
}

async function fetchMatches(parents: readonly Model[], relation: ResolvedRelation, given?: QueryConstraint) {
  // An eager constraint may call the pivot clauses of relation queries (with({ tags: (q) => q.wherePivot(...) })).
  const constraint = given && withPivotClauses(relation, given);
  const spec = relation.pivot!;
  const target = relation.target!;
  const ownerKeys = distinctAttribute(parents, relation.localKey);
  if (!ownerKeys.length) return { ownerKeys, matches: { models: [], pivots: [] } as PivotMatches };
  const adapter = relation.owner.adapter;
  if (adapter.fetchThroughPivot && sameConnection(relation)) {
    return { ownerKeys, matches: await adapter.fetchThroughPivot(spec, target, relation.ownerKey!, ownerKeys, constraint) };
  }
  const rows = await adapter.fetchPivotRows(spec, ownerKeys);
  const relatedKeys = distinctKeys(rows.map((row) => row[spec.foreignKey]));
  const related = relatedKeys.length
    ? await target.adapter.fetchByKeys({ model: target, column: relation.ownerKey!, values: relatedKeys, constraint })
    : [];
  const norm = keyNormalizer(relatedKeys, related.length ? [related[0]!.get(relation.ownerKey!)] : []);
  const byKey = indexBy(related, (m) => m.get(relation.ownerKey!), norm);
  const matches: PivotMatches = { models: [], pivots: [] };
  for (const pivot of rows) {
    const model = byKey.get(norm(pivot[spec.foreignKey]));
    if (!model) continue; // filtered out by the constraint, or a dangling pivot row
    matches.models.push(copyOf(target, model));
    matches.pivots.push(pivot);
  }
  return { ownerKeys, matches };
}

function copyOf(target: ModelClass, model: Model): Model {
  return hydrateAll(target, [{ ...model.getAttributes() }])[0]!;
}

export const belongsToMany: RelationKindHandler = {
  many: true,
  async fetch(parents, relation, constraint) {
    // A store's own way first (Mongo without pivot metadata: an id array on the owner document).
    const own = relation.owner.adapter.relationHandler?.(relation);
    if (own) return own.fetch(parents, relation, constraint);
    const spec = relation.pivot!;
    const { ownerKeys, matches } = await fetchMatches(parents, relation, constraint);
    const { models: related, pivots } = matches;
    // `using`: instances of the pivot model, linked to their rows by the two keys; otherwise light PivotRows,
    // made when `.pivot` is first read.
    const pivotModels = spec.using ? hydrateAll(spec.using, pivots) : undefined;
    for (let i = 0; i < related.length; i++) {
      if (pivotModels) {
        linkPivot(pivotModels[i]!, spec, pivots[i]!);
        exposePivotColumns(pivotModels[i]!);
        related[i]!.setPivot(pivotModels[i] as unknown as Record<string, unknown>, spec.accessor);
      } else related[i]!.setPivotRow(spec, pivots[i]!);
    }
    const norm = keyNormalizer(ownerKeys, pivots.length ? [pivots[0]![spec.localKey]] : []);
    // Grouped by the raw pivot rows: reading `.pivot` would make every PivotRow now, and a pivot
    // model's accessors must not change which parent a row belongs to.
    const groups = groupBy(related, (_, i) => pivots[i]![spec.localKey], norm);
    return { related, resultFor: (parent: Model) => groups.get(norm(parent.get(relation.localKey))) ?? [] };
  },
  async count(parents, relation, constraint) {
    const own = relation.owner.adapter.relationHandler?.(relation);
    if (own) return own.count(parents, relation, constraint);
    const spec = relation.pivot!;
    const adapter = relation.owner.adapter;
    const ownerKeys = distinctAttribute(parents, relation.localKey);
    let counts: Array<readonly [unknown, number]>;
    if (!ownerKeys.length) counts = [];
    else if (adapter.countThroughPivot && sameConnection(relation)) {
      counts = await adapter.countThroughPivot(
        spec,
        relation.target!,
        relation.ownerKey!,
        ownerKeys,
        constraint && withPivotClauses(relation, constraint),
      );
    } else {
      const { matches } = await fetchMatches(parents, relation, constraint);
      const tally = new Map<unknown, number>();
      for (const pivot of matches.pivots) tally.set(pivot[spec.localKey], (tally.get(pivot[spec.localKey]) ?? 0) + 1);
      counts = [...tally];
    }
    const norm = keyNormalizer(ownerKeys, counts.length ? [counts[0]![0]] : []);
    const byKey = new Map(counts.map(([k, n]) => [norm(k), Number(n)] as const));
    return (parent) => byKey.get(norm(parent.get(relation.localKey))) ?? 0;
  },
};
