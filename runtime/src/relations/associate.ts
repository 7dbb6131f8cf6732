/**
 * belongsTo / morphTo writes on the child: `post.related("author").associate(user)` sets the foreign
 * key (and the morph type) and the loaded relation; `dissociate()` clears both. Neither saves, as in
 * Laravel: call `save()` after. Assigning the accessor (`post.author = user`) associates the same way;
 * assigning a to-many or hasOne relation fails loudly, since no single key on the parent could hold it.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { RelationError, resolveRelation, type ResolvedRelation } from "./resolve";

function ownerSideOnly(relation: ResolvedRelation, op: string): void {
  if (relation.kind === "belongsTo" || relation.kind === "morphTo") return;
  const how =
    relation.kind === "belongsToMany"
      ? `attach(ids) / sync(ids) on related("${relation.name}")`
      : `related("${relation.name}").save(model) (it sets the child's foreign key)`;
  throw new RelationError(
    `${relation.owner.name}.${relation.name} is a ${relation.kind} relation: ${op} only works on belongsTo/morphTo, ` +
      `where the key lives on this model. Use ${how}.`,
  );
}

export function associate(child: Model, relation: ResolvedRelation, related: Model | null): Model {
  ownerSideOnly(relation, "associate()");
  if (related === null || related === undefined) return dissociate(child, relation);
  if (relation.kind === "belongsTo") {
    if (!(related instanceof relation.target!)) {
      throw new RelationError(
        `${relation.owner.name}.${relation.name}.associate(): expected a ${relation.target!.name}, got ${(related as object)?.constructor?.name ?? typeof related}.`,
      );
    }
    const key = related.get(relation.ownerKey!);
    if (key == null) {
      throw new RelationError(
        `${relation.owner.name}.${relation.name}.associate(): the ${relation.target!.name} has no ${relation.ownerKey} yet; save it first.`,
      );
    }
    child.set(relation.foreignKey, key);
  } else {
    const meta = modelMeta(related.constructor as ModelClass);
    const key = related.get(relation.ownerKey ?? meta.primaryKey);
    if (key == null) {
      throw new RelationError(`${relation.owner.name}.${relation.name}.associate(): the ${meta.name} has no key yet; save it first.`);
    }
    child.set(relation.morphType!, meta.morphAlias);
    child.set(relation.morphId!, key);
  }
  child.setRelation(relation.name, related);
  return child;
}

export function dissociate(child: Model, relation: ResolvedRelation): Model {
  ownerSideOnly(relation, "dissociate()");
  if (relation.kind === "morphTo") {
    child.set(relation.morphType!, null);
    child.set(relation.morphId!, null);
  } else child.set(relation.foreignKey, null);
  child.setRelation(relation.name, null);
  return child;
}

/** `post.author = user` (the relation accessor's setter). */
export function assignRelation(child: Model, name: string, value: unknown): void {
  const relation = resolveRelation(child.constructor as ModelClass, name);
  if (relation.kind !== "belongsTo" && relation.kind !== "morphTo") {
    throw new RelationError(
      `${relation.owner.name}.${name} = ...: a ${relation.kind} relation cannot be assigned (nothing would be saved). ` +
        (relation.kind === "belongsToMany"
          ? `Use await model.related("${name}").sync(ids).`
          : `Use await model.related("${name}").save(child) or ${relation.kind === "hasOne" || relation.kind === "morphOne" ? "create({...})" : "createMany([...])"}.`),
    );
  }
  associate(child, relation, value as Model | null);
}
