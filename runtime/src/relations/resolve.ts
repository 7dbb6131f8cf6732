/**
 * Resolves a declared relation into concrete keys once per (class, relation): explicit options
 * first, the shared conventions otherwise. Mistakes become errors that name the model, the relation
 * and the fix (the rule engine reports the same mistakes earlier, at registration or in the editor).
 */
import {
  conventionalKey,
  defaultPivotTable,
  isMorphPivotKind,
  isThroughKind,
  keyOptionNames,
  relationPivotTable,
  throughOf,
  mongoBelongsToManyMode,
  RELATION_KINDS,
  resolveMorphName,
  unknownRelationText,
  type KeyConventionInput,
  type KeyOption,
  type MongoBelongsToManyMode,
  type RelationDescriptor,
  type RelationKind,
} from "eloquent-engine";
import { didYouMean } from "../model/errors";
import { RelationError } from "./relation-error";
import { findModel, knownModelNames } from "../model/lookup";
import { modelMeta, type ModelMeta } from "../model/meta";
import type { ModelClass } from "../model/types";
import type { PivotSpec } from "./adapter";
import { isPivotClass } from "../model/pivot-link";
import { relationDefinition, type RelationDefinition } from "./definition";
import { modelForMappedAlias } from "../model/morph-map";

export interface ResolvedRelation {
  readonly name: string;
  readonly kind: RelationKind;
  readonly owner: ModelClass;
  readonly ownerMeta: ModelMeta;
  /** The target class (undefined for morphTo, whose target depends on each row's type column). */
  readonly target: ModelClass | undefined;
  /** hasOne/hasMany: FK on the target. belongsTo: FK on the owner. belongsToMany (Mongo): id array field. */
  readonly foreignKey: string;
  /** Owner column referenced by the related rows (hasOne/hasMany/belongsToMany/morphOne/morphMany). */
  readonly localKey: string;
  /** Target column referenced (belongsTo/belongsToMany); morphTo: explicit ownerKey or each parent's primary key. */
  readonly ownerKey: string | undefined;
  readonly pivot: PivotSpec | undefined;
  readonly morphName: string | undefined;
  readonly morphType: string | undefined;
  readonly morphId: string | undefined;
  /** belongsToMany on a Mongo model: id array on the document, or pivot collection (the engine's mongoBelongsToManyMode). */
  readonly mongoMode: MongoBelongsToManyMode | undefined;
  /** hasOneThrough / hasManyThrough: the intermediate model and its keys (see `ThroughKeys`). */
  readonly through?: ThroughKeys;
  /** hasOne / morphOne as one of many: the row with the greatest (max) or smallest (min) `column` per parent. */
  readonly ofMany?: OfMany;
  /**
   * The definition's own constraints (`where`, `withTrashed`, `withoutGlobalScopes`; the pivot's `wherePivot` and
   * `as` are on `pivot` too). Every read composes them in front of its own constraint: see definition.ts.
   */
  readonly definition: RelationDefinition;
}

/** `through.firstKey = owner.localKey`, `target.secondKey = through.secondLocalKey` (Laravel's parameter names). */
export interface ThroughKeys {
  readonly model: ModelClass;
  /** The through table read like a pivot (localKey = firstKey, foreignKey = secondLocalKey), for the store's join. */
  readonly spec: PivotSpec;
  readonly firstKey: string;
  readonly secondKey: string;
  readonly secondLocalKey: string;
}

export interface OfMany {
  readonly column: string;
  readonly aggregate: "max" | "min";
}

export { RelationError };

const cache = new WeakMap<ModelClass, Map<string, ResolvedRelation>>();

export function resolveRelation(owner: ModelClass, name: string): ResolvedRelation {
  let perClass = cache.get(owner);
  if (!perClass) cache.set(owner, (perClass = new Map()));
  let resolved = perClass.get(name);
  if (!resolved) {
    resolved = compute(owner, name);
    perClass.set(name, resolved);
  }
  return resolved;
}

/** Forget resolutions (tests that redefine models). */
export function resetResolvedRelations(owner: ModelClass): void {
  cache.delete(owner);
}

export function targetModel(owner: ModelClass, relationName: string, targetName: unknown): ModelClass {
  if (typeof targetName !== "string") {
    throw new RelationError(
      `${modelMeta(owner).name}.${relationName}: the relation target must be a model name (a string), got ${typeof targetName}.`,
    );
  }
  const found = findModel(targetName);
  if (!found) {
    throw new RelationError(
      `${modelMeta(owner).name}.${relationName} targets '${targetName}', which is not a known model.` +
        didYouMean(targetName, knownModelNames().sort()) +
        ` Register every model with registerModels([...]) before querying relations.`,
    );
  }
  return found;
}

function option(desc: RelationDescriptor, key: string): string | undefined {
  const opts = desc.options as Record<string, unknown> | undefined;
  const value = opts && typeof opts === "object" ? opts[key] : undefined;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The explicit option, else the engine's convention (`conventionalKey`): one rule for checks and queries. */
function keyOf(desc: RelationDescriptor, key: KeyOption, input: KeyConventionInput): string | undefined {
  for (const written of keyOptionNames(key)) {
    const value = option(desc, written);
    if (value !== undefined) return value;
  }
  return conventionalKey(key, input);
}

function compute(owner: ModelClass, name: string): ResolvedRelation {
  const ownerMeta = modelMeta(owner);
  const desc = ownerMeta.relations.get(name);
  if (!desc) {
    const text = unknownRelationText(ownerMeta.name, name, [...ownerMeta.relations.keys()]);
    throw new RelationError(`${text.message} ${text.hint}`);
  }
  const kind = desc.kind;
  if (!(RELATION_KINDS as readonly string[]).includes(kind)) {
    throw new RelationError(
      `${ownerMeta.name}.${name} has unknown relation kind '${String(kind)}'.` + didYouMean(String(kind), RELATION_KINDS),
    );
  }
  if (isThroughKind(kind) && throughOf(desc.options) === undefined) {
    throw new RelationError(
      `${ownerMeta.name}.${name} (${kind}) names no through model: the intermediate model the target is reached through. ` +
        `Add { through: "<Model>" } to its options.`,
    );
  }
  // morphTo's target depends on each row's type column; every other kind names one model.
  const target = kind === "morphTo" ? undefined : targetModel(owner, name, desc.target);
  const targetMeta = target === undefined ? undefined : modelMeta(target);
  const morphName = resolveMorphName(kind, name, desc.options);
  if ((kind === "morphOne" || kind === "morphMany" || isMorphPivotKind(kind)) && morphName === undefined) {
    throw new RelationError(
      `${ownerMeta.name}.${name} (${kind}) needs a morphName: the prefix of the <morphName>_type / <morphName>_id columns on ${targetMeta!.name}. ` +
        `Add { morphName: "..." } to its options.`,
    );
  }
  const input: KeyConventionInput = {
    kind,
    store: ownerMeta.store,
    declaring: ownerMeta,
    target: targetMeta,
    targetName: targetMeta?.name,
    morphName,
    mongoMode: mongoBelongsToManyMode(desc.options),
  };
  const throughClass = isThroughKind(kind) ? targetModel(owner, name, throughOf(desc.options)) : undefined;
  if (throughClass) input.through = modelMeta(throughClass);
  const key = (option: KeyOption) => keyOf(desc, option, input);
  const mongoMode = kind === "belongsToMany" && ownerMeta.store === "mongo" ? input.mongoMode : undefined;
  const definition = relationDefinition(ownerMeta.name, name, desc);
  if (mongoMode === "array" && (definition.pivotConditions.length || definition.pivotAccessor)) {
    throw new RelationError(
      `${ownerMeta.name}.${name} stores document references (an id array), so it has no pivot rows for wherePivot / as. ` +
        `Give it pivotTable/pivotLocalKey/pivotForeignKey (a pivot collection), or remove those options.`,
    );
  }
  const base = {
    name,
    kind,
    owner,
    ownerMeta,
    target,
    pivot: undefined,
    morphName: undefined,
    morphType: undefined,
    morphId: undefined,
    mongoMode,
    definition,
  };
  switch (kind) {
    case "hasOne":
    case "hasMany":
      return {
        ...base,
        foreignKey: key("foreignKey")!,
        localKey: key("localKey")!,
        ownerKey: undefined,
        ofMany: kind === "hasOne" ? ofManyOf(desc, targetMeta!) : undefined,
      };
    case "hasOneThrough":
    case "hasManyThrough":
      return {
        ...base,
        foreignKey: key("secondKey")!,
        localKey: key("localKey")!,
        ownerKey: undefined,
        through: throughKeys(throughClass!, key("firstKey")!, key("secondKey")!, key("secondLocalKey")!),
      };
    case "morphToMany":
    case "morphedByMany": {
      // The pivot row's type column holds the morph owner's alias: the declaring model's (morphToMany) or the target's.
      const morphOwner = kind === "morphToMany" ? ownerMeta : targetMeta!;
      return {
        ...base,
        foreignKey: key("pivotForeignKey")!,
        localKey: key("localKey")!,
        ownerKey: key("ownerKey")!,
        morphName,
        pivot: pivotSpec(owner, name, desc, {
          table: relationPivotTable(kind, name, desc.options, tableOfModel)!,
          localKey: key("pivotLocalKey")!,
          foreignKey: key("pivotForeignKey")!,
          // Read when used, not now: a later morphMap() changes the alias stored in the type column.
          where: Object.defineProperty({}, key("morphType")!, { enumerable: true, get: () => morphOwner.morphAlias }),
        }),
      };
    }
    case "belongsTo":
      return { ...base, foreignKey: key("foreignKey")!, localKey: ownerMeta.primaryKey, ownerKey: key("ownerKey")! };
    case "belongsToMany": {
      return {
        ...base,
        foreignKey: key("foreignKey")!,
        localKey: key("localKey")!,
        ownerKey: key("ownerKey")!,
        pivot: pivotSpec(owner, name, desc, {
          table: relationPivotTable(kind, name, desc.options, tableOfModel) ?? defaultPivotTable(ownerMeta.name, targetMeta!.name),
          localKey: key("pivotLocalKey")!,
          foreignKey: key("pivotForeignKey")!,
        }),
      };
    }
    case "morphOne":
    case "morphMany":
    case "morphTo": {
      const morphType = key("morphType")!;
      const morphId = key("morphId")!;
      return {
        ...base,
        foreignKey: morphId,
        localKey: kind === "morphTo" ? ownerMeta.primaryKey : key("localKey")!,
        // morphTo: an explicit ownerKey, else each parent's own primary key.
        ownerKey: kind === "morphTo" ? option(desc, "ownerKey") : undefined,
        morphName,
        morphType,
        morphId,
        ofMany: kind === "morphOne" ? ofManyOf(desc, targetMeta!) : undefined,
      };
    }
  }
}

function throughKeys(model: ModelClass, firstKey: string, secondKey: string, secondLocalKey: string): ThroughKeys {
  const meta = modelMeta(model);
  const spec: PivotSpec = {
    owner: model,
    table: meta.table,
    localKey: firstKey,
    foreignKey: secondLocalKey,
    columns: [],
    timestamps: [],
    // Laravel filters intermediate rows for soft deletes only when the through model uses them.
    whereNull: meta.softDeletes ? ["deleted_at"] : [],
  };
  return { model, spec, firstKey, secondKey, secondLocalKey };
}

/** The table of a registered model (the engine's `relationPivotTable` asks it for a `using` pivot model). */
function tableOfModel(name: string): string | undefined {
  const model = findModel(name);
  return model === undefined ? undefined : modelMeta(model).table;
}

/**
 * A many-to-many's pivot: its table and keys, the columns read onto `related.pivot` (`pivotColumns`, and every
 * column of a `using` pivot model), and which of them are the timestamps attach() fills in.
 */
function pivotSpec(
  owner: ModelClass,
  relation: string,
  desc: RelationDescriptor,
  keys: Pick<PivotSpec, "table" | "localKey" | "foreignKey" | "where">,
): PivotSpec {
  const opts = desc.options as { pivotColumns?: unknown };
  const declared = Array.isArray(opts?.pivotColumns) ? opts.pivotColumns.filter((c): c is string => typeof c === "string") : [];
  const using = pivotModel(owner, relation, desc, keys);
  // The two keys are read anyway; a morph pivot model's type column is read too (it is one of its columns).
  const identity = new Set([keys.localKey, keys.foreignKey]);
  const columns = new Set(declared);
  if (using) for (const column of modelMeta(using).columns.keys()) if (!identity.has(column)) columns.add(column);
  const isTimestamp = (c: string) => c === "created_at" || c === "updated_at";
  const { pivotConditions, pivotAccessor } = relationDefinition(modelMeta(owner).name, relation, desc);
  checkPivotConditions(`${modelMeta(owner).name}.${relation}`, pivotConditions, [
    keys.localKey,
    keys.foreignKey,
    ...Object.keys(keys.where ?? {}),
    ...columns,
  ]);
  return {
    owner,
    ...keys,
    columns: [...columns].filter((c) => !isTimestamp(c)),
    timestamps: [...columns].filter(isTimestamp),
    ...(using ? { using } : {}),
    ...(pivotConditions.length ? { conditions: pivotConditions } : {}),
    ...(pivotAccessor ? { accessor: pivotAccessor } : {}),
  };
}

/** A `wherePivot` column is one the pivot is read with (its keys, pivotColumns, a `using` model's columns): nothing unknown reaches a query. */
function checkPivotConditions(where: string, conditions: readonly { column: string }[], known: readonly string[]): void {
  for (const { column } of conditions) {
    if (known.includes(column)) continue;
    throw new RelationError(
      `${where}: wherePivot names '${column}', which is not a pivot column of this relation.` +
        didYouMean(column, known) +
        ` Pivot columns: ${known.join(", ")} (declare others in the relation's pivotColumns).`,
    );
  }
}

/** The `using` option: a registered Pivot / MorphPivot subclass on the pivot table, holding both pivot keys. */
function pivotModel(
  owner: ModelClass,
  relation: string,
  desc: RelationDescriptor,
  keys: Pick<PivotSpec, "table" | "localKey" | "foreignKey" | "where">,
): ModelClass | undefined {
  const name = option(desc, "using");
  const ownerMeta = modelMeta(owner);
  const where = `${ownerMeta.name}.${relation}`;
  if (name === undefined) {
    const written = (desc.options as { using?: unknown } | undefined)?.using;
    if (written === undefined) return undefined;
    throw new RelationError(`${where}: using must name a pivot model (its class name as a string), got ${typeof written}.`);
  }
  if (ownerMeta.store !== "sql") {
    throw new RelationError(
      `${where}: using is for SQL pivot tables; a Mongo pivot document stays a plain object on related.pivot. Remove it.`,
    );
  }
  const model = findModel(name);
  if (model === undefined) {
    throw new RelationError(
      `${where}: pivot model '${name}' is not registered.` +
        didYouMean(name, knownModelNames().sort()) +
        ` Declare \`class ${name} extends Pivot { ... }\` and pass it to registerModels([...]).`,
    );
  }
  const meta = modelMeta(model);
  if (!isPivotClass(model)) {
    throw new RelationError(
      `${where}: pivot model ${meta.name} does not extend Pivot (or MorphPivot): a pivot row is found by its two keys, not by ${meta.primaryKey}. ` +
        `Write \`class ${meta.name} extends Pivot\` (import { Pivot } from "eloquent-orm").`,
    );
  }
  if (meta.table !== keys.table) {
    throw new RelationError(
      `${where}: pivotTable '${keys.table}' is not the table of its pivot model ${meta.name} ('${meta.table}'). Remove pivotTable, or set ${meta.name}.tableName = "${keys.table}".`,
    );
  }
  const missing = [keys.localKey, keys.foreignKey, ...Object.keys(keys.where ?? {})].filter((c) => !meta.columns.has(c));
  if (missing.length) {
    throw new RelationError(
      `${where}: pivot model ${meta.name} has no column ${missing.map((c) => `'${c}'`).join(", ")}; the pivot rows are read and saved by it. ` +
        `Add ${missing.map((c) => `${c}: column(...)`).join(", ")} to ${meta.name}'s static schema.`,
    );
  }
  return model;
}

/** latestOfMany / oldestOfMany (`true`: the target's primary key) / ofMany: [column, "max" | "min"]. */
function ofManyOf(desc: RelationDescriptor, target: ModelMeta): OfMany | undefined {
  const opts = desc.options as { latestOfMany?: unknown; oldestOfMany?: unknown; ofMany?: unknown };
  const columnOf = (value: unknown) => (typeof value === "string" && value !== "" ? value : target.primaryKey);
  if (opts.latestOfMany !== undefined && opts.latestOfMany !== false) return { column: columnOf(opts.latestOfMany), aggregate: "max" };
  if (opts.oldestOfMany !== undefined && opts.oldestOfMany !== false) return { column: columnOf(opts.oldestOfMany), aggregate: "min" };
  if (Array.isArray(opts.ofMany) && typeof opts.ofMany[0] === "string") {
    return { column: opts.ofMany[0], aggregate: String(opts.ofMany[1]).toLowerCase() === "min" ? "min" : "max" };
  }
  return undefined;
}

/** The model class stored under a morph type value (a `morphMap` alias, `static morphAlias`, else the class name). */
export function modelForMorphType(relation: ResolvedRelation, typeValue: string): ModelClass {
  const mapped = modelForMappedAlias(typeValue);
  if (mapped) return mapped;
  const direct = findModel(typeValue);
  if (direct && modelMeta(direct).morphAlias === typeValue) return direct;
  for (const name of knownModelNames()) {
    const model = findModel(name)!;
    if (modelMeta(model).morphAlias === typeValue) return model;
  }
  throw new RelationError(
    `${relation.owner.name}.${relation.name}: no known model has morph alias '${typeValue}' ` +
      `(stored in ${relation.ownerMeta.table}.${relation.morphType}). Give the parent class \`static morphAlias = "${typeValue}"\` ` +
      `(or map it: morphMap({ ${typeValue}: Model })), or register it with registerModels([...]).`,
  );
}
