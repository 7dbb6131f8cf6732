/**
 * The relation vocabulary every front shares: which kinds exist, which option keys each kind reads, and in
 * which order an editor offers them per store. The relation-options rule checks against this same table,
 * so completions never disagree with the diagnostics.
 */
import { RELATION_KINDS, RELATION_OPTION_KEYS, type RelationKind } from "./dsl/relation";
import type { Store } from "./graph/graph";

export { RELATION_KINDS, RELATION_OPTION_KEYS, type RelationKind };

/** Constraints of the relation definition every kind accepts (Laravel's `->where()` / `->withTrashed()` / `->withoutGlobalScopes()`). */
const DEFINITION_KEYS = ["where", "withTrashed", "withoutGlobalScopes"] as const;

/** The many-to-many kinds' pivot modifiers (`->wherePivot()`, `->as()`). */
const PIVOT_DEFINITION_KEYS = ["wherePivot", "as"] as const;

/** morphToMany and its inverse read the same options (a pivot with a morph type column). */
const MORPH_PIVOT_KEYS: readonly string[] = [
  "morphName",
  "pivotTable",
  "pivotLocalKey",
  "pivotForeignKey",
  "morphType",
  "localKey",
  "ownerKey",
  "pivotColumns",
  "using",
  ...DEFINITION_KEYS,
  ...PIVOT_DEFINITION_KEYS,
];

/** Which option keys each kind reads. */
export const OPTION_KEYS_BY_KIND: Readonly<Record<RelationKind, readonly string[]>> = {
  hasOne: ["foreignKey", "localKey", "latestOfMany", "oldestOfMany", "ofMany", ...DEFINITION_KEYS, "inverse"],
  hasMany: ["foreignKey", "localKey", ...DEFINITION_KEYS, "inverse"],
  belongsTo: ["foreignKey", "ownerKey", ...DEFINITION_KEYS],
  belongsToMany: [
    "pivotTable",
    "pivotLocalKey",
    "pivotForeignKey",
    "pivotColumns",
    "using",
    "localKey",
    "ownerKey",
    "foreignKey",
    ...DEFINITION_KEYS,
    ...PIVOT_DEFINITION_KEYS,
  ],
  morphOne: ["morphName", "morphType", "morphId", "localKey", "latestOfMany", "oldestOfMany", "ofMany", ...DEFINITION_KEYS, "inverse"],
  morphMany: ["morphName", "morphType", "morphId", "localKey", ...DEFINITION_KEYS, "inverse"],
  morphTo: ["morphName", "morphType", "morphId", "ownerKey", ...DEFINITION_KEYS],
  hasOneThrough: ["through", "firstKey", "secondKey", "localKey", "secondLocalKey", ...DEFINITION_KEYS],
  hasManyThrough: ["through", "firstKey", "secondKey", "localKey", "secondLocalKey", ...DEFINITION_KEYS],
  morphToMany: MORPH_PIVOT_KEYS,
  morphedByMany: MORPH_PIVOT_KEYS,
};

/** A Mongo belongsToMany is an id array on the document first (foreignKey), so its keys lead. */
const MONGO_BELONGS_TO_MANY_KEYS: readonly string[] = [
  "foreignKey",
  "ownerKey",
  "localKey",
  "pivotTable",
  "pivotLocalKey",
  "pivotForeignKey",
  "pivotColumns",
  ...DEFINITION_KEYS,
  ...PIVOT_DEFINITION_KEYS,
];

/**
 * Options every kind accepts that no loader reads: the seed package's `cascade` (a migration hint). Accepted
 * by the relation-options rule, never offered by completions.
 */
export const PASSIVE_OPTION_KEYS: ReadonlySet<string> = new Set(["cascade"]);

/**
 * A SQL belongsToMany goes through its pivot: `foreignKey` (a Mongo id array) is rejected there. (`using` is
 * SQL-only: a Mongo pivot document is not hydrated as a model, so MONGO_BELONGS_TO_MANY_KEYS leaves it out.)
 */
const SQL_BELONGS_TO_MANY_KEYS: readonly string[] = OPTION_KEYS_BY_KIND.belongsToMany.filter((key) => key !== "foreignKey");

/**
 * Option keys a kind reads, in the order editors offer them on `store`; empty for an unknown kind.
 * Never offers a key the relation-options rule would reject on that store.
 */
export function optionKeysFor(kind: unknown, store: Store | undefined): readonly string[] {
  if (typeof kind !== "string" || !Object.hasOwn(OPTION_KEYS_BY_KIND, kind)) return [];
  if (kind === "belongsToMany" && store === "mongo") return MONGO_BELONGS_TO_MANY_KEYS;
  if (kind === "belongsToMany" && store === "sql") return SQL_BELONGS_TO_MANY_KEYS;
  return OPTION_KEYS_BY_KIND[kind as RelationKind];
}

/** `foreignKey` on a SQL belongsToMany has no effect: it names a Mongo document's id array. */
export function isSqlPivotForeignKey(kind: RelationKind, key: string, store: Store): boolean {
  return kind === "belongsToMany" && key === "foreignKey" && store === "sql";
}
