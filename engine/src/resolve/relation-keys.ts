/**
 * Which column each key option of a relation names, on which model or table, and whether it is written
 * or inferred by convention: the one description the key rules check and the editor completes, navigates
 * and hovers, so both always agree with the runtime's queries.
 */
import {
  defaultMorphPivotTable,
  inferBelongsToForeignKey,
  inferHasForeignKey,
  inferMongoReferenceArray,
  inferPivotKey,
  morphColumns,
} from "./conventions";
import type { RelationNode, Store } from "../graph/graph";
import type { RelationKind } from "../vocabulary";
import { resolveKey, targetModel, type ResolvedKey } from "./keys";
import { effectiveMorphName, type ModelIndex, type ModelInfo } from "./model-index";
import { isRecord, kindOf, targetOf } from "../graph/values";
import { mongoBelongsToManyMode, resolveMorphName, type MongoBelongsToManyMode } from "./relation-modes";

export type KeyOption =
  | "foreignKey"
  | "localKey"
  | "ownerKey"
  | "pivotLocalKey"
  | "pivotForeignKey"
  | "morphType"
  | "morphId"
  | "firstKey"
  | "secondKey"
  | "secondLocalKey";

/** hasOneThrough / hasManyThrough: the target is reached through an intermediate model. */
export function isThroughKind(kind: unknown): kind is "hasOneThrough" | "hasManyThrough" {
  return kind === "hasOneThrough" || kind === "hasManyThrough";
}

/** morphToMany / morphedByMany: a many-to-many whose pivot also stores a morph type. */
export function isMorphPivotKind(kind: unknown): kind is "morphToMany" | "morphedByMany" {
  return kind === "morphToMany" || kind === "morphedByMany";
}

/** The through model a through relation names (its `through` option), when a non-empty string. */
export function throughOf(options: unknown): string | undefined {
  const value = isRecord(options) ? options.through : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The pivot model a many-to-many names in `using` (Laravel's `->using(PostTag::class)`), when a non-empty string. */
export function usingOf(options: unknown): string | undefined {
  const value = isRecord(options) ? options.using : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * THE pivot table of a many-to-many: the `pivotTable` option; else the table of the `using` pivot model
 * (`tableOfModel` answers it, when the caller knows the models); else, for morphToMany / morphedByMany, the
 * plural of the morph name (Laravel's `Str::plural($name)`: `taggable` → `taggables`).
 */
export function relationPivotTable(
  kind: unknown,
  relationName: string,
  options: unknown,
  tableOfModel?: (model: string) => string | undefined,
): string | undefined {
  const written = isRecord(options) ? options.pivotTable : undefined;
  if (typeof written === "string" && written !== "") return written;
  if (written !== undefined) return undefined;
  const using = usingOf(options);
  const usingTable = using === undefined ? undefined : tableOfModel?.(using);
  if (usingTable !== undefined) return usingTable;
  if (!isMorphPivotKind(kind)) return undefined;
  const morphName = resolveMorphName(kind, relationName, options);
  return morphName === undefined ? undefined : defaultMorphPivotTable(morphName);
}

/**
 * `pivotTable` and the `using` model's table are both known and differ: the pivot-using rule reports it, and
 * the column rules stay quiet (which of the two tables is meant is the question).
 */
export function pivotTableConflict(index: ModelIndex, relation: RelationNode): boolean {
  const written = isRecord(relation.options) ? relation.options.pivotTable : undefined;
  const using = usingOf(relation.options);
  const usingTable = using === undefined ? undefined : index.model(using)?.table;
  return typeof written === "string" && written !== "" && usingTable !== undefined && usingTable !== written;
}

/** `relationPivotTable` with the models of `index`: the one pivot table every rule and front checks against. */
export function pivotTableOf(index: ModelIndex, relation: RelationNode): string | undefined {
  return relationPivotTable(relation.kind, relation.name, relation.options, (name) => index.model(name)?.table);
}

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
export function keyOwner(
  kind: unknown,
  option: string,
  declaring: string,
  target: string | undefined,
  pivotTable: string | undefined,
  /** The relation's options: through kinds read `through`, morph pivot kinds `morphName` (their default pivot table). */
  options?: unknown,
): KeyOwner | undefined {
  const on = (model: string | undefined): KeyOwner | undefined => (model === undefined ? undefined : { model });
  switch (kind) {
    case "hasOneThrough":
    case "hasManyThrough":
      if (option === "firstKey" || option === "secondLocalKey") return on(throughOf(options));
      return option === "secondKey" ? on(target) : option === "localKey" ? on(declaring) : undefined;
    case "morphToMany":
    case "morphedByMany": {
      if (option === "pivotLocalKey" || option === "pivotForeignKey" || option === "morphType") {
        const table = pivotTable ?? relationPivotTable(kind, "", options);
        return table === undefined ? undefined : { table };
      }
      return option === "localKey" ? on(declaring) : option === "ownerKey" ? on(target) : undefined;
    }
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

/** The names a key convention needs: the relation, both models' names and primary keys. */
export interface KeyConventionInput {
  kind: RelationKind;
  /** The declaring model's store. */
  store: Store;
  declaring: { name: string; primaryKey: string };
  /** The resolved target model; undefined when the target is not a (known) model. */
  target: { name: string; primaryKey: string } | undefined;
  /** The target as written (a model name), even when not a known model. */
  targetName: string | undefined;
  /** morphOne/morphMany/morphTo: the resolved morph name (see `resolveMorphName`). */
  morphName: string | undefined;
  /** Mongo belongsToMany: see `mongoBelongsToManyMode`. */
  mongoMode?: MongoBelongsToManyMode;
  /** hasOneThrough / hasManyThrough: the resolved through model. */
  through?: { name: string; primaryKey: string } | undefined;
}

/**
 * The key options a relation uses, in the order they are described. One list for the engine's key rules,
 * the editor's hover and the runtime's `resolveRelation`.
 */
export function keyOptionsOf(kind: RelationKind, store: Store, mongoMode: MongoBelongsToManyMode = "array"): readonly KeyOption[] {
  switch (kind) {
    case "belongsTo":
      return ["foreignKey", "ownerKey"];
    case "hasOne":
    case "hasMany":
      return ["foreignKey", "localKey"];
    case "belongsToMany":
      return store === "mongo" && mongoMode === "array"
        ? ["localKey", "ownerKey", "foreignKey"]
        : ["localKey", "ownerKey", "pivotLocalKey", "pivotForeignKey"];
    case "morphOne":
    case "morphMany":
      return ["localKey", "morphType", "morphId"];
    case "morphTo":
      return ["ownerKey", "morphType", "morphId"];
    case "hasOneThrough":
    case "hasManyThrough":
      return ["localKey", "firstKey", "secondLocalKey", "secondKey"];
    case "morphToMany":
    case "morphedByMany":
      return ["localKey", "ownerKey", "pivotLocalKey", "pivotForeignKey", "morphType"];
  }
}

/**
 * THE key conventions: the column `option` names when it is not written. Undefined when no convention
 * applies (the target is not a known model, a morph relation has no morph name, morphTo's ownerKey —
 * each parent's own primary key).
 */
export function conventionalKey(option: KeyOption, input: KeyConventionInput): string | undefined {
  const { kind, declaring, target } = input;
  switch (option) {
    case "foreignKey":
      if (kind === "belongsTo") return target ? inferBelongsToForeignKey(target.name) : undefined;
      if (kind === "hasOne" || kind === "hasMany") return inferHasForeignKey(declaring.name);
      if (kind === "belongsToMany") return input.targetName ? inferMongoReferenceArray(input.targetName) : undefined;
      return undefined;
    case "localKey":
      return kind === "belongsTo" || kind === "morphTo" ? undefined : declaring.primaryKey;
    case "ownerKey":
      return kind === "belongsTo" || kind === "belongsToMany" || kind === "morphTo" || isMorphPivotKind(kind)
        ? target?.primaryKey
        : undefined;
    case "pivotLocalKey":
      // morphToMany: the owner's key sits in the morph id column; morphedByMany: `<snake owner>_id`.
      if (kind === "morphToMany") return input.morphName === undefined ? undefined : morphColumns(input.morphName).id;
      return inferPivotKey(declaring.name);
    case "pivotForeignKey":
      if (kind === "morphedByMany") return input.morphName === undefined ? undefined : morphColumns(input.morphName).id;
      return target ? inferPivotKey(target.name) : undefined;
    case "firstKey":
      return inferHasForeignKey(declaring.name);
    case "secondKey":
      return input.through ? inferHasForeignKey(input.through.name) : undefined;
    case "secondLocalKey":
      return input.through?.primaryKey;
    case "morphType":
      return input.morphName === undefined ? undefined : morphColumns(input.morphName).type;
    case "morphId":
      return input.morphName === undefined ? undefined : morphColumns(input.morphName).id;
  }
}

/**
 * Every key the runtime uses for `relation` of `model`: the explicit option, else the convention. A key is
 * missing when its option is present but not a plain string (another rule reports that) or no convention
 * applies (e.g. the target is not a declared model).
 */
export function describeRelationKeys(index: ModelIndex, model: ModelInfo, relation: RelationNode): RelationKeys {
  const kind = kindOf(relation);
  const keys: RelationKeys = {};
  if (kind === undefined) return keys;
  const targetName = targetOf(relation);
  const target = targetModel(index, relation);
  const pivotTable = kind === "belongsToMany" || isMorphPivotKind(kind) ? pivotTableOf(index, relation) : undefined;
  const throughName = isThroughKind(kind) ? throughOf(relation.options) : undefined;
  const input: KeyConventionInput = {
    kind,
    store: model.store,
    declaring: model,
    target,
    targetName,
    morphName: effectiveMorphName(relation),
    mongoMode: mongoBelongsToManyMode(relation.options),
    through: throughName === undefined ? undefined : index.model(throughName),
  };
  for (const option of keyOptionsOf(kind, model.store, input.mongoMode)) {
    // A morph relation without a morph name has no columns to name (morph-name reports it).
    if ((option === "morphType" || option === "morphId") && input.morphName === undefined) continue;
    const key = resolveKey(relation, option, () => conventionalKey(option, input));
    if (key !== undefined) {
      keys[option] = { ...key, option, owner: keyOwner(kind, option, model.name, targetName, pivotTable, relation.options) };
    }
  }
  return keys;
}
