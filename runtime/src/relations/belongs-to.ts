/** belongsTo: the owner's foreignKey holds the target's ownerKey. */
import type { Model } from "../model/model";
import { distinctAttribute, indexBy, keyNormalizer } from "./keys";
import type { RelationKindHandler } from "./kind";

export const belongsTo: RelationKindHandler = {
  many: false,
  async fetch(parents, relation, constraint) {
    const target = relation.target!;
    const ownerKey = relation.ownerKey!;
    const keys = distinctAttribute(parents, relation.foreignKey);
    const related = keys.length ? await target.adapter.fetchByKeys({ model: target, column: ownerKey, values: keys, constraint }) : [];
    const norm = keyNormalizer(keys, related.length ? [related[0]!.get(ownerKey)] : []);
    const byKey = indexBy(related, (m) => m.get(ownerKey), norm);
    return { related, resultFor: (parent: Model) => byKey.get(norm(parent.get(relation.foreignKey))) ?? null };
  },
  async count(parents, relation, constraint) {
    const target = relation.target!;
    const keys = distinctAttribute(parents, relation.foreignKey);
    const counts = keys.length
      ? await target.adapter.countByKeys({ model: target, column: relation.ownerKey!, values: keys, constraint })
      : [];
    const norm = keyNormalizer(keys, counts.length ? [counts[0]![0]] : []);
    const byKey = new Map(counts.map(([k, n]) => [norm(k), Number(n)] as const));
    return (parent) => byKey.get(norm(parent.get(relation.foreignKey))) ?? 0;
  },
};
