/**
 * belongsToMany on a Mongo model without pivot metadata: document references. The owner document
 * holds an array of target keys (option `foreignKey`, default `<snake target>_ids`, e.g.
 * `tag_ids`). Loading reads the arrays already on the parents and runs ONE `$in` query on the
 * target (per store, plus chunks); order follows each array. Writes (attach/detach/sync/toggle)
 * go through the pivot operations, which the Mongo adapter maps onto `$addToSet` / `$pull` of the
 * array (see `mongoAdapter`).
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { PivotSpec, QueryConstraint } from "../relations/adapter";
import type { RelationKindHandler } from "../relations/kind";
import { resolveRelation, type ResolvedRelation } from "../relations/resolve";
import { keyString } from "./ids";

/** True when a belongsToMany relation is stored as an id array on the owner document. */
export function usesDocumentReferences(relation: ResolvedRelation): boolean {
  return relation.mongoMode === "array";
}

/** The document-reference relation a pivot spec belongs to (pivot writes arrive with the spec only). */
export function documentReferenceFor(spec: PivotSpec): ResolvedRelation | undefined {
  for (const name of modelMeta(spec.owner).relations.keys()) {
    const relation = resolveRelation(spec.owner, name);
    if (relation.pivot === spec) return usesDocumentReferences(relation) ? relation : undefined;
  }
  return undefined;
}

function idsOf(parent: Model, field: string): unknown[] {
  const value = parent.get(field);
  return Array.isArray(value) ? value : [];
}

async function fetchTargets(parents: readonly Model[], relation: ResolvedRelation, constraint?: QueryConstraint) {
  const target = relation.target as ModelClass;
  const seen = new Set<string>();
  const keys: unknown[] = [];
  for (const p of parents) {
    for (const id of idsOf(p, relation.foreignKey)) {
      const k = keyString(id);
      if (k !== undefined && !seen.has(k)) {
        seen.add(k);
        keys.push(id);
      }
    }
  }
  const related = keys.length
    ? await target.adapter.fetchByKeys({ model: target, column: relation.ownerKey!, values: keys, constraint })
    : [];
  const byKey = new Map<string, Model>();
  for (const m of related) byKey.set(keyString(m.get(relation.ownerKey!))!, m);
  return { related, byKey };
}

export const documentReferences: RelationKindHandler = {
  many: true,
  async fetch(parents, relation, constraint) {
    const { related, byKey } = await fetchTargets(parents, relation, constraint);
    return {
      related,
      resultFor(parent: Model) {
        const out: Model[] = [];
        for (const id of idsOf(parent, relation.foreignKey)) {
          const m = byKey.get(keyString(id) ?? "");
          if (m) out.push(m);
        }
        return out;
      },
    };
  },
  async count(parents, relation, constraint) {
    const { byKey } = await fetchTargets(parents, relation, constraint);
    return (parent) => idsOf(parent, relation.foreignKey).filter((id) => byKey.has(keyString(id) ?? "")).length;
  },
};
