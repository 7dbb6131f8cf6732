/**
 * `relation(kind, target, options)`: the relation half of a model's `static schema`.
 *
 * The descriptor keeps the literal kind and target in its type so relation names and eager-load
 * paths can be typed, and of the options only the facts the types read (option-facts.ts). At
 * runtime nothing is validated here: whatever was passed is kept verbatim (also from untyped
 * JavaScript) and the rule engine reports every problem at once.
 */

import type { RelationOptionFacts } from "./option-facts";

export const RELATION_KINDS = [
  "hasOne",
  "hasMany",
  "belongsTo",
  "belongsToMany",
  "morphOne",
  "morphMany",
  "morphTo",
  "hasOneThrough",
  "hasManyThrough",
  "morphToMany",
  "morphedByMany",
] as const;

export type RelationKind = (typeof RELATION_KINDS)[number];

/** The kinds that load a list (the others load one model or null). */
export const TO_MANY_KINDS = [
  "hasMany",
  "belongsToMany",
  "morphMany",
  "hasManyThrough",
  "morphToMany",
  "morphedByMany",
] as const satisfies readonly RelationKind[];
export type ToManyKind = (typeof TO_MANY_KINDS)[number];
/** The kinds that read a pivot onto each related model (`related.pivot`). */
export type PivotKind = "belongsToMany" | "morphToMany" | "morphedByMany";

/** Accepted on every kind for the seed package's `RelationOptions`; relation loading does not read it. */
export interface CascadeOption {
  /** The seed package's migration hint (ON DELETE CASCADE); accepted, never read when loading relations. */
  cascade?: boolean;
}

/** Operators a relation's `where` / `wherePivot` option may compare with (the query builders' own). */
export const CONSTRAINT_OPERATORS = ["=", "!=", "<>", "<", "<=", ">", ">=", "like", "not like"] as const;

export type ConstraintOperator = (typeof CONSTRAINT_OPERATORS)[number];

/** `[column, value]` (equality) or `[column, operator, value]`: Laravel's `->where(...)` in the relation method. */
export type RelationConstraint =
  readonly [column: string, value: unknown] | readonly [column: string, operator: ConstraintOperator, value: unknown];

/**
 * Constraints of the relation definition itself (Laravel's `->where()`, `->withTrashed()`, `->withoutGlobalScopes()`
 * in the relation method): every read through the relation applies them — lazy, eager, has/whereHas, counts.
 */
export interface DefinitionOptions {
  /** A condition on the target rows, applied everywhere the relation is used. */
  where?: RelationConstraint;
  /** Include soft-deleted targets (the target's "softDeletes" global scope is not applied). */
  withTrashed?: boolean;
  /** The target's global scopes (soft deletes included) do not apply through this relation. */
  withoutGlobalScopes?: boolean;
}

/** Options of the many-to-many kinds on their pivot (Laravel's `->wherePivot()` / `->as()`). */
export interface PivotDefinitionOptions {
  /** A condition on the pivot rows (a pivot key, a pivotColumns entry or a column of the `using` model). */
  wherePivot?: RelationConstraint;
  /** The pivot is exposed as `model.<as>` instead of `model.pivot`. */
  as?: string;
}

/** hasOne / hasMany / morphOne / morphMany: Laravel's `->inverse()` / `->chaperone()`. */
export interface InverseOption {
  /** The relation on the child set to the parent object without a query (`true`: found from the schema). */
  inverse?: true | string;
}

export interface HasOptions extends CascadeOption, DefinitionOptions, InverseOption {
  /** Column on the target holding this model's key. Default: `<snake declaring model>_id`. */
  foreignKey?: string;
  /** Column on this model the foreign key points at. Default: this model's primary key. */
  localKey?: string;
}

/**
 * hasOne / morphOne as "one of many" (Laravel's `->latestOfMany()` / `->oldestOfMany()` / `->ofMany()`): the single
 * related row with the greatest (or smallest) value of a column, per parent.
 */
export interface OneOfManyOptions {
  /** The row with the greatest column (`true`: the target's primary key). */
  latestOfMany?: true | string;
  /** The row with the smallest column (`true`: the target's primary key). */
  oldestOfMany?: true | string;
  /** `[column, "max" | "min"]`: Laravel's `ofMany($column, $aggregate)`. */
  ofMany?: readonly [string, "max" | "min"];
}

export interface HasOneOptions extends HasOptions, OneOfManyOptions {}

/**
 * hasOneThrough / hasManyThrough (Laravel's parameters): `through.firstKey = owner.localKey` and
 * `target.secondKey = through.secondLocalKey`.
 */
export interface ThroughOptions extends CascadeOption, DefinitionOptions {
  /** The intermediate model (required). */
  through?: string;
  /** Column on the through model holding this model's key. Default: `<snake declaring model>_id`. */
  firstKey?: string;
  /** Column on the target holding the through model's key. Default: `<snake through model>_id`. */
  secondKey?: string;
  /** Column on this model `firstKey` points at. Default: this model's primary key. */
  localKey?: string;
  /** Column on the through model `secondKey` points at. Default: the through model's primary key. */
  secondLocalKey?: string;
}

/**
 * morphToMany / morphedByMany: a belongsToMany whose pivot also stores the morph owner's alias in
 * `<morphName>_type`. Laravel's foreignPivotKey is `pivotLocalKey`, its relatedPivotKey `pivotForeignKey`.
 */
export interface MorphToManyOptions extends CascadeOption, DefinitionOptions, PivotDefinitionOptions {
  /** Prefix of the pivot's `<morphName>_type` / `<morphName>_id` columns (required). */
  morphName?: string;
  /** Pivot table. Default: the plural of morphName (`taggable` → `taggables`). */
  pivotTable?: string;
  /** Pivot column holding this model's key. morphToMany: `<morphName>_id`; morphedByMany: `<snake declaring>_id`. */
  pivotLocalKey?: string;
  /** Pivot column holding the target's key. morphToMany: `<snake target>_id`; morphedByMany: `<morphName>_id`. */
  pivotForeignKey?: string;
  /** Pivot column holding the morph alias. Default `<morphName>_type`. */
  morphType?: string;
  /** Column on this model referenced by the pivot. Default: this model's primary key. */
  localKey?: string;
  /** Column on the target referenced by the pivot. Default: the target's primary key. */
  ownerKey?: string;
  /** Extra pivot columns exposed as `related.pivot.<column>`. */
  pivotColumns?: readonly string[];
  /** A `MorphPivot` model the pivot rows are hydrated as (Laravel's `->using()`); its table is the default pivotTable. */
  using?: string;
}

export interface BelongsToOptions extends CascadeOption, DefinitionOptions {
  /** Column on this model holding the target's key. Default: `<snake target>_id`. */
  foreignKey?: string;
  /** Column on the target the foreign key points at. Default: the target's primary key. */
  ownerKey?: string;
}

export interface BelongsToManyOptions extends CascadeOption, DefinitionOptions, PivotDefinitionOptions {
  /** Pivot table (SQL) or pivot collection (Mongo). Required on SQL models. */
  pivotTable?: string;
  /** Pivot column holding this model's key. Required on SQL models. */
  pivotLocalKey?: string;
  /** Pivot column holding the target's key. Required on SQL models. */
  pivotForeignKey?: string;
  /** Extra pivot columns exposed as `related.pivot.<column>`. */
  pivotColumns?: readonly string[];
  /** A `Pivot` model the pivot rows are hydrated as (Laravel's `->using()`); its table stands in for pivotTable. */
  using?: string;
  /** Column on this model referenced by the pivot. Default: this model's primary key. */
  localKey?: string;
  /** Column on the target referenced by the pivot. Default: the target's primary key. */
  ownerKey?: string;
  /** Mongo document references: the array field on this document holding target ids. Default `<snake target>_ids`. */
  foreignKey?: string;
}

/** The seed package's names for the morph column overrides (`typeColumn` = morphType, `idColumn` = morphId). */
export interface SeedMorphColumnOptions {
  /** Same as `morphType` (the seed package's name). */
  typeColumn?: string;
  /** Same as `morphId` (the seed package's name). */
  idColumn?: string;
}

export interface MorphManyOptions extends CascadeOption, SeedMorphColumnOptions, DefinitionOptions, InverseOption {
  /** Prefix of the `<morphName>_type` / `<morphName>_id` columns on the target. */
  morphName?: string;
  /** Override for the type column name (default `<morphName>_type`). */
  morphType?: string;
  /** Override for the id column name (default `<morphName>_id`). */
  morphId?: string;
  /** Column on this model stored in the target's id column. Default: this model's primary key. */
  localKey?: string;
}

export interface MorphOneOptions extends MorphManyOptions, OneOfManyOptions {}

export interface MorphToOptions extends CascadeOption, SeedMorphColumnOptions, DefinitionOptions {
  /** Prefix of the `<morphName>_type` / `<morphName>_id` columns on this model. Default: the relation name. */
  morphName?: string;
  morphType?: string;
  morphId?: string;
  /** Column on the parent the id column points at. Default: the parent's primary key. */
  ownerKey?: string;
}

export interface RelationOptionsByKind {
  hasOne: HasOneOptions;
  hasMany: HasOptions;
  belongsTo: BelongsToOptions;
  belongsToMany: BelongsToManyOptions;
  morphOne: MorphOneOptions;
  morphMany: MorphManyOptions;
  morphTo: MorphToOptions;
  hasOneThrough: ThroughOptions;
  hasManyThrough: ThroughOptions;
  morphToMany: MorphToManyOptions;
  morphedByMany: MorphToManyOptions;
}

export type RelationOptions = RelationOptionsByKind[RelationKind];

/** Every option key any kind accepts (for did-you-mean on unknown keys). */
export const RELATION_OPTION_KEYS = [
  "foreignKey",
  "localKey",
  "ownerKey",
  "pivotTable",
  "pivotLocalKey",
  "pivotForeignKey",
  "pivotColumns",
  "morphName",
  "morphType",
  "morphId",
  "through",
  "using",
  "firstKey",
  "secondKey",
  "secondLocalKey",
  "latestOfMany",
  "oldestOfMany",
  "ofMany",
  "where",
  "withTrashed",
  "withoutGlobalScopes",
  "wherePivot",
  "as",
  "inverse",
  "cascade",
] as const;

/**
 * The seed package's option names that mean a native option: `relation()`, the seed's object-literal
 * entries and the static extractor all rename them, so every rule and the runtime read one name.
 */
export const OPTION_ALIASES: Readonly<Record<string, RelationOptionKey>> = { typeColumn: "morphType", idColumn: "morphId" };

/**
 * `options` with the seed's alias keys renamed to the native ones. When both names are given the alias is
 * kept as written, so the relation-options rule can say that one of the two must go.
 */
export function canonicalRelationOptions<O>(options: O): O {
  if (options === null || typeof options !== "object" || Array.isArray(options)) return options;
  if (!Object.keys(options).some((key) => Object.hasOwn(OPTION_ALIASES, key))) return options;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    const native = OPTION_ALIASES[key];
    result[native !== undefined && !Object.hasOwn(options, native) ? native : key] = value;
  }
  return result as O;
}

export type RelationOptionKey = (typeof RELATION_OPTION_KEYS)[number];

/** `O` is what the ORM's types read from the options (`relation()` gives their facts, see option-facts.ts). */
export interface RelationDescriptor<K extends RelationKind = RelationKind, T extends string = string, O = RelationOptionsByKind[K]> {
  readonly __eloquent: "relation";
  readonly kind: K;
  readonly target: T;
  readonly options: Readonly<O>;
}

export function relation<const K extends RelationKind, const T extends string, const O extends RelationOptionsByKind[K] = {}>(
  kind: K,
  target: T,
  options?: O,
): RelationDescriptor<K, T, RelationOptionFacts<O>> {
  return Object.freeze({
    __eloquent: "relation" as const,
    kind,
    target,
    // Options stay exactly as given (even a non-object) so the engine can name the mistake.
    options: (options === undefined ? Object.freeze({}) : canonicalRelationOptions(options)) as Readonly<RelationOptionFacts<O>>,
  });
}

export function isRelationDescriptor(value: unknown): value is RelationDescriptor {
  return value !== null && typeof value === "object" && (value as { __eloquent?: unknown }).__eloquent === "relation";
}
