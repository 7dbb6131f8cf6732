/**
 * `post.related("author").is(user)`, Laravel's ComparesRelatedModels: whether `model` is the row a to-one
 * relation points at, decided from the keys already on both models (no query). The same key, the same table
 * and the same connection; null is never the related model.
 */
import type { Model } from "../model/model";
import { modelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import { childColumn } from "./has-shared";
import { RelationError, type ResolvedRelation } from "./resolve";

export function isRelated(parent: Model, relation: ResolvedRelation, model: Model | null | undefined): boolean {
  if (model === null || model === undefined) return false;
  const theirs = modelMeta(model.constructor as ModelClass);
  switch (relation.kind) {
    case "belongsTo":
      return sameKey(parent.get(relation.foreignKey), model.get(relation.ownerKey!)) && sameStorage(theirs, relation.target!);
    case "morphTo":
      // the stored type names the parent's class (its alias), so the table follows from it
      return (
        parent.get(relation.morphType!) === theirs.morphAlias &&
        sameKey(parent.get(relation.morphId!), model.get(relation.ownerKey ?? theirs.primaryKey))
      );
    case "hasOne":
    case "morphOne":
      if (relation.morphType && model.get(relation.morphType) !== relation.ownerMeta.morphAlias) return false;
      return sameKey(parent.get(relation.localKey), model.get(childColumn(relation))) && sameStorage(theirs, relation.target!);
    default:
      throw new RelationError(
        `${relation.owner.name}.${relation.name} is a ${relation.kind} relation: is() compares the one model a belongsTo, morphTo, ` +
          `hasOne or morphOne points at. For a to-many relation ask the database: ` +
          `(await model.related("${relation.name}").find(other.getKey())) !== null.`,
      );
  }
}

/** Laravel compares tables and connections, not classes: another class on the same table is the same row. */
function sameStorage(theirs: ReturnType<typeof modelMeta>, target: ModelClass): boolean {
  const ours = modelMeta(target);
  return theirs.table === ours.table && theirs.connection === ours.connection;
}

/** Laravel's compareKeys: neither empty, and equal as text (an integer key matches its string form, an ObjectId its hex). */
function sameKey(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || a === "" || b === null || b === undefined || b === "") return false;
  return String(a) === String(b);
}
