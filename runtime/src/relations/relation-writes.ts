/**
 * Writes through a relation, as in Laravel: `user.related("posts").create({...})` / `createMany` /
 * `save(post)` / `saveMany` fill the keys from the parent (belongsToMany saves, then attaches), the
 * find-or-write helpers look up among the parent's related rows only, and `update` / `delete` /
 * `restore` / `forceDelete` are one mass statement on those rows.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { QueryConstraint } from "./adapter";
import { setInverse } from "./inverse";
import * as pivots from "./pivot-ops";
import { scopedQuery } from "./relation-scope";
import { RelationError, type ResolvedRelation } from "./resolve";

type Attrs = Record<string, unknown>;

const CHILD_KINDS = new Set(["hasOne", "hasMany", "morphOne", "morphMany"]);

function canCreate(relation: ResolvedRelation, op: string): void {
  if (CHILD_KINDS.has(relation.kind) || relation.kind === "belongsToMany") return;
  throw new RelationError(
    `${relation.owner.name}.${relation.name} is a ${relation.kind} relation: ${op}() works on hasOne/hasMany/morphOne/morphMany/belongsToMany. ` +
      `Save the related model, then associate() it: await post.related("${relation.name}").associate(model).save().`,
  );
}

/** The parent's key the related rows point at; an unsaved parent has none yet. */
function parentKey(parent: Model, relation: ResolvedRelation, op: string): unknown {
  const key = parent.get(relation.localKey);
  if (key == null) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.${op}(): save the ${relation.owner.name} first (its ${relation.localKey} is empty, ` +
        `so the related rows would point at nothing).`,
    );
  }
  return key;
}

/** The foreign key (and morph type) a child of `parent` carries. */
function childKeys(parent: Model, relation: ResolvedRelation, op: string): Attrs {
  const keys: Attrs = { [relation.morphId ?? relation.foreignKey]: parentKey(parent, relation, op) };
  if (relation.morphType) keys[relation.morphType] = relation.ownerMeta.morphAlias;
  return keys;
}

/** Saves `model` as related to `parent`: the keys filled in (has*), or saved then attached (belongsToMany). */
export async function saveRelated<M extends Model>(parent: Model, relation: ResolvedRelation, model: M, pivot: Attrs = {}): Promise<M> {
  canCreate(relation, "save");
  if (!(model instanceof relation.target!)) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name}.save(): expected a ${relation.target!.name}, got ${(model as object)?.constructor?.name ?? typeof model}.`,
    );
  }
  if (relation.kind === "belongsToMany") {
    parentKey(parent, relation, "save");
    await model.save();
    await pivots.attach(parent, relation, { [String(model.get(relation.ownerKey!))]: pivot });
    return model;
  }
  for (const [k, v] of Object.entries(childKeys(parent, relation, "save"))) model.set(k, v);
  setInverse(parent, relation, [model]);
  await model.save();
  return model;
}

export async function createRelated(parent: Model, relation: ResolvedRelation, attributes: Attrs, pivot: Attrs = {}): Promise<Model> {
  canCreate(relation, "create");
  const model = new relation.target!();
  model.fill(attributes); // the keys are set (not filled) by saveRelated: a guarded foreign key still gets its value
  return saveRelated(parent, relation, model, pivot);
}

/** The first related row matching `attributes`, else a new unsaved one with the keys filled in. */
export async function firstOrNewRelated(
  parent: Model,
  relation: ResolvedRelation,
  found: Model | null,
  attributes: Attrs,
  values: Attrs,
): Promise<Model> {
  return found ?? makeRelated(parent, relation, { ...attributes, ...values }, "firstOrNew");
}

/** A new unsaved related model of `attributes` with the relation's keys set (belongsToMany: none to set). */
export function makeRelated(parent: Model, relation: ResolvedRelation, attributes: Attrs, op = "make"): Model {
  canCreate(relation, op);
  const model = new relation.target!();
  model.fill(attributes);
  if (relation.kind !== "belongsToMany") {
    for (const [k, v] of Object.entries(childKeys(parent, relation, op))) model.set(k, v);
    setInverse(parent, relation, [model]);
  }
  return model;
}

/**
 * `findOrNew`'s new model: an unsaved target; hasOne/hasMany/morphOne/morphMany set the parent's key (and morph
 * type) as Laravel's `setForeignAttributesForCreate` does, the other kinds leave the keys to attach()/associate().
 */
export function newRelated(parent: Model, relation: ResolvedRelation): Model {
  if (!relation.target) {
    throw new RelationError(
      `${relation.owner.name}.${relation.name} is a morphTo relation: findOrNew() cannot know which model to make. Create the parent model, then associate() it.`,
    );
  }
  const model = new relation.target();
  if (CHILD_KINDS.has(relation.kind)) {
    for (const [k, v] of Object.entries(childKeys(parent, relation, "findOrNew"))) model.set(k, v);
    setInverse(parent, relation, [model]);
  }
  return model;
}

export type MassWrite = "update" | "delete" | "restore" | "forceDelete";

/** One statement over the parent's related rows (narrowed by the recorded where clauses). Returns the rows written. */
export async function massWrite(
  parent: Model,
  relation: ResolvedRelation,
  op: MassWrite,
  constraint: QueryConstraint | undefined,
  values: Attrs = {},
): Promise<number> {
  const { query: q } = await scopedQuery(parent, relation, op, constraint);
  switch (op) {
    case "update":
      return q.update(values);
    case "delete":
      return q.delete();
    case "forceDelete":
      return q.withTrashed().forceDelete();
    case "restore":
      if (!modelMeta(relation.target!).softDeletes) {
        throw new RelationError(
          `${relation.owner.name}.${relation.name}.restore(): ${relation.target!.name} has no softDeletes column, so nothing is ever trashed. ` +
            `Add deleted_at: column("softDeletes") to its schema, or use delete()/forceDelete().`,
        );
      }
      return q.onlyTrashed().update({ deleted_at: null });
  }
}
