/**
 * Which imports make a class an eloquent model. Kept in one place so the extractor, the misconfiguration
 * check and the query-site checker agree on what "the runtime" is.
 */
import type { Store } from "eloquent-engine";

/** Module specifiers that export the DSL (`column`, `relation`) and the model base classes. */
export const RUNTIME_MODULES: ReadonlySet<string> = new Set([
  "eloquent-orm",
  "eloquent-orm/Model",
  // The seed's published package name: its examples must work verbatim.
  "@alpha.consultings/eloquent-orm.js",
  "@alpha.consultings/eloquent-orm.js/Model",
  // The name the seed's own markdown docs use.
  "eloquent-orm.js",
  "eloquent-orm.js/Model",
]);

/** The seed package's names: code importing them is written for the seed (its conventions apply). */
export const SEED_MODULES: ReadonlySet<string> = new Set([
  "@alpha.consultings/eloquent-orm.js",
  "@alpha.consultings/eloquent-orm.js/Model",
  "eloquent-orm.js",
  "eloquent-orm.js/Model",
]);

export function isSeedModule(specifier: string): boolean {
  return SEED_MODULES.has(specifier);
}

/** Base classes exported by the runtime, and the store their subclasses use. */
export const ROOT_BASES: Readonly<Record<string, Store>> = {
  SqlModel: "sql",
  // Pivot models (`using`): SQL models whose rows are found by their two keys.
  Pivot: "sql",
  MorphPivot: "sql",
  MongoModel: "mongo",
  // The store-neutral base has no store: its direct subclasses are reported (rule model-store) and
  // otherwise checked as SQL, exactly as registerModels does.
  Model: "sql",
  // The seed package's bases (`extends BaseModel`, `extends MorphableMixin(BaseModel)`): SQL models here.
  BaseModel: "sql",
  CoreModel: "sql",
};

/** Root bases without a store of their own (see the engine's model-store rule). */
export const STORE_NEUTRAL_BASES: ReadonlySet<string> = new Set(["Model"]);

export const DSL_FUNCTIONS = ["column", "relation", "validate", "mixin"] as const;
export type DslFunction = (typeof DSL_FUNCTIONS)[number];

export function isRuntimeModule(specifier: string): boolean {
  return RUNTIME_MODULES.has(specifier);
}
