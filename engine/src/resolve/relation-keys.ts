/**
 * Which column each key option of a relation names, on which model or table, and whether it is written
 * or inferred by convention: the one description the key rules check and the editor completes, navigates
 * and hovers, so both always agree with the runtime's queries.
 */
import { inferBelongsToForeignKey, inferHasForeignKey, inferMongoReferenceArray, inferPivotKey, morphColumns } from "./conventions";
import type { RelationNode } from "../graph/graph";
import { resolveKey, targetModel, type ResolvedKey } from "./keys";
import { effectiveMorphName, type ModelIndex, type ModelInfo } from "./model-index";
import { kindOf, stringOption, targetOf } from "../graph/values";

export type KeyOption = "foreignKey" | "localKey" | "ownerKey" | "pivotLocalKey" | "pivotForeignKey" | "morphType" | "morphId";

/** Whose column a key option names: a model (declaring or target), or the pivot table. */
export type KeyOwner = { model: string } | { table: string };

export interface RelationKey extends ResolvedKey {
  option: KeyOption;
  /** Undefined when the owner is not known (no literal target, no pivotTable). */
  owner: KeyOwner | undefined;
}

export type RelationKeys = Partial<Record<KeyOption, RelationKey>>;

/**
 * Whose column `option` names for a relation of `kind` declared on `declaring` toward `target`. Pure on
 * names, so an editor can answer while the relation is still being typed.
 */
export function keyOwner(kind: unknown, option: string, declaring: string, target: string | undefined, pivotTable: string | undefined): KeyOwner | undefined {
  const on = (model: string | undefined): KeyOwner | undefined => (model === undefined ? undefined : { model });
  switch (kind) {
    case "belongsTo":
      return option === "foreignKey" ? on(declaring) : option === "ownerKey" ? on(target) : undefined;
    case "hasOne":
    case "hasMany":
      return option === "foreignKey" ? on(target) : option === "localKey" ? on(declaring) : undefined;
    case "belongsToMany":
      if (option === "pivotLocalKey" || option === "pivotForeignKey") return pivotTable === undefined ? undefined : { table: pivotTable };
      if (option === "localKey" || option === "foreignKey") return on(declaring);
      return option === "ownerKey" ? on(target) : undefined;
    case "morphOne":
    case "morphMany":
      return option === "morphType" || option === "morphId" ? on(target) : option === "localKey" ? on(declaring) : undefined;
    case "morphTo":
      return option === "morphType" || option === "morphId" ? on(declaring) : option === "ownerKey" ? on(target) : undefined;
    default:
      return undefined;
  }
}

/**
 * Every key the runtime uses for `relation` of `model`: the explicit option, else the convention. A key is
 * missing when its option is present but not a plain string (another rule reports that) or no convention
 * applies (e.g. the target is not a declared model).
 */
export function describeRelationKeys(index: ModelIndex, model: ModelInfo, relation: RelationNode): RelationKeys {
  const kind = kindOf(relation);
  const targetName = targetOf(relation);
  const target = targetModel(index, relation);
  const pivotTable = stringOption(relation, "pivotTable");
  const keys: RelationKeys = {};
  const add = (option: KeyOption, convention: () => string | undefined): void => {
    const key = resolveKey(relation, option, convention);
    if (key !== undefined) keys[option] = { ...key, option, owner: keyOwner(kind, option, model.name, targetName, pivotTable) };
  };
  const addMorph = (morphName: string | undefined): void => {
    if (morphName === undefined) return;
    const names = morphColumns(morphName);
    add("morphType", () => names.type);
    add("morphId", () => names.id);
  };
  switch (kind) {
    case "belongsTo":
      add("foreignKey", () => (target ? inferBelongsToForeignKey(target.name) : undefined));
      add("ownerKey", () => target?.primaryKey);
      break;
    case "hasOne":
    case "hasMany":
      add("foreignKey", () => inferHasForeignKey(model.name));
      add("localKey", () => model.primaryKey);
      break;
    case "belongsToMany":
      add("localKey", () => model.primaryKey);
      add("ownerKey", () => target?.primaryKey);
      if (model.store === "mongo") {
        add("foreignKey", () => (targetName ? inferMongoReferenceArray(targetName) : undefined));
      } else {
        add("pivotLocalKey", () => inferPivotKey(model.name));
        add("pivotForeignKey", () => (target ? inferPivotKey(target.name) : undefined));
      }
      break;
    case "morphOne":
    case "morphMany":
      add("localKey", () => model.primaryKey);
      addMorph(stringOption(relation, "morphName"));
      break;
    case "morphTo":
      add("ownerKey", () => target?.primaryKey);
      addMorph(effectiveMorphName(relation));
      break;
    default:
      break;
  }
  return keys;
}
