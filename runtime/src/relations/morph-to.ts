/**
 * morphTo: each row names its parent's type (`<morphName>_type`, a morph alias) and key
 * (`<morphName>_id`). Eager loading groups rows by type: one query per parent type.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { distinctKeys, indexBy, keyNormalizer, type KeyNormalizer } from "./keys";
import type { RelationKindHandler } from "./kind";
import { morphTypeConstraint } from "./morph-with";
import { modelForMorphType, RelationError } from "./resolve";

export const morphTo: RelationKindHandler = {
  many: false,
  async fetch(parents, relation, constraint) {
    const typeColumn = relation.morphType!;
    const idColumn = relation.morphId!;
    const idsByType = new Map<string, unknown[]>();
    for (const p of parents) {
      const type = p.get(typeColumn);
      const id = p.get(idColumn);
      if (type === null || type === undefined || id === null || id === undefined) continue;
      const list = idsByType.get(String(type));
      if (list) list.push(id);
      else idsByType.set(String(type), [id]);
    }
    const related: Model[] = [];
    const lookups = new Map<string, { byKey: Map<unknown, Model>; norm: KeyNormalizer }>();
    for (const [type, ids] of idsByType) {
      const model: ModelClass = modelForMorphType(relation, type);
      const key = relation.ownerKey ?? modelMeta(model).primaryKey;
      const keys = distinctKeys(ids);
      const perType = constraint && morphTypeConstraint(relation, model, constraint);
      const rows = await model.adapter.fetchByKeys({ model, column: key, values: keys, constraint: perType });
      const norm = keyNormalizer(keys, rows.length ? [rows[0]!.get(key)] : []);
      lookups.set(type, { byKey: indexBy(rows, (m) => m.get(key), norm), norm });
      for (const r of rows) related.push(r);
    }
    return {
      related,
      resultFor(parent: Model) {
        const lookup = lookups.get(String(parent.get(typeColumn)));
        return lookup ? (lookup.byKey.get(lookup.norm(parent.get(idColumn))) ?? null) : null;
      },
    };
  },
  async count(_parents, relation) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name} is a morphTo relation: withCount is not available for it ` +
        `(its value is one parent or null). Check \`${relation.morphId}\` for null instead.`,
    );
  },
};
