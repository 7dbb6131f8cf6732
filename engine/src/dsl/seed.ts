/**
 * The seed package's (`@alpha.consultings/eloquent-orm.js`) schema forms, so code written for it runs and is
 * checked unchanged: `validate(column(...), rules)`, `mixin("SoftDeletes")`, and the object-literal entries its
 * `relation()`/`column()` return and its generators emit (`{ kind: "relation", relation, model, options }`).
 * Every form becomes the native descriptor here, once, for the runtime; the static extractor reads the same
 * shapes from source.
 */
import { column, isColumnDescriptor, type ColumnDescriptor, type ColumnOptions, type ColumnType } from "./column";
import type { RelationOptionFacts } from "./option-facts";
import {
  canonicalRelationOptions,
  isRelationDescriptor,
  relation,
  type RelationDescriptor,
  type RelationKind,
  type RelationOptionsByKind,
} from "./relation";

/** The seed's validation rules: kept on the column for a future rule, never changing what the column is. */
export interface ValidationRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  email?: boolean;
  numeric?: boolean;
  in?: Array<string | number>;
}

/** `validate(column("string", 255), { required: true })`: the column, carrying its rules. */
export function validate<C>(columnDef: C, rules: ValidationRule): C & { readonly validate: ValidationRule } {
  if (columnDef === null || typeof columnDef !== "object") return columnDef as C & { readonly validate: ValidationRule };
  return Object.freeze({ ...(columnDef as object), validate: rules }) as C & { readonly validate: ValidationRule };
}

/**
 * The seed's mixin names and the columns each contributes to the table. Only SoftDeletes adds one
 * (`deleted_at`, what the seed's migration generator creates); the others add behaviour this runtime
 * has built in (casts, eager loading, hooks, scopes, serialization, pivot helpers) or ignores (QueryCache).
 */
export const SEED_MIXINS = {
  SoftDeletes: ["deleted_at"],
  Casts: [],
  EagerLoading: [],
  Hooks: [],
  Scope: [],
  QueryCache: [],
  Serialize: [],
  PivotHelper: [],
} as const satisfies Record<string, readonly string[]>;

export type MixinName = keyof typeof SEED_MIXINS;

export interface MixinDescriptor<N extends string = MixinName> {
  readonly __eloquent: "mixin";
  readonly kind: "mixin";
  readonly name: N;
}

export function isSeedMixinName(name: unknown): name is MixinName {
  return typeof name === "string" && Object.hasOwn(SEED_MIXINS, name);
}

/**
 * `mixin("SoftDeletes")` is the `softDeletes` column (it adds `deleted_at`, soft deletes apply); any other
 * mixin is a marker that contributes no column.
 */
export function mixin<const N extends MixinName>(
  name: N,
): N extends "SoftDeletes" ? ColumnDescriptor<"softDeletes"> & { readonly kind: "mixin"; readonly name: N } : MixinDescriptor<N> {
  if (name === "SoftDeletes") return Object.freeze({ ...column("softDeletes"), kind: "mixin", name }) as never;
  return Object.freeze({ __eloquent: "mixin", kind: "mixin", name }) as never;
}

export function isMixinDescriptor(value: unknown): value is MixinDescriptor<string> {
  return value !== null && typeof value === "object" && (value as { __eloquent?: unknown }).__eloquent === "mixin";
}

/** An object-literal entry as the seed writes it: `{ kind: "relation" | "column" | "mixin", ... }`. */
export interface SeedRelationEntry {
  kind: "relation";
  relation: RelationKind;
  model?: string;
  options?: Record<string, unknown>;
}

/** A `static schema` entry in one of the seed's own forms (what the runtime's schema type accepts besides descriptors). */
export type SeedSchemaEntry =
  | MixinDescriptor<string>
  // Written without `as const` (as the seed's generators emit them), `kind` is a plain string in the type.
  | { readonly kind: string; readonly relation: string; readonly model?: string; readonly options?: object }
  | { readonly kind: string; readonly type: string; readonly options?: object; readonly validate?: ValidationRule }
  | { readonly kind: string; readonly name: string };

/**
 * One `static schema` entry as the runtime should see it: native descriptors as they are (with the seed's
 * option aliases renamed), the seed's object literals as the descriptor they mean, anything else unchanged
 * (the schema-entry rule names it).
 */
export function nativeSchemaEntry(entry: unknown): unknown {
  if (entry === null || typeof entry !== "object" || Array.isArray(entry)) return entry;
  if (isRelationDescriptor(entry) || isColumnDescriptor(entry) || isMixinDescriptor(entry)) return entry;
  const record = entry as Record<string, unknown>;
  if (record.kind === "relation" && "relation" in record) {
    const descriptor: RelationDescriptor & { conventions: "seed" } = {
      __eloquent: "relation",
      kind: record.relation as RelationKind,
      target: record.model as string,
      options: (record.options === undefined ? {} : canonicalRelationOptions(record.options)) as RelationDescriptor["options"],
      conventions: "seed",
    };
    return Object.freeze(descriptor);
  }
  if (record.kind === "column" && "type" in record) {
    const options = (record.options ?? {}) as ColumnOptions & { length?: number };
    const { length, ...rest } = options;
    const native = column(record.type as ColumnType, typeof length === "number" ? length : undefined, rest);
    return record.validate === undefined ? native : validate(native, record.validate as ValidationRule);
  }
  if (record.kind === "mixin" && "name" in record) {
    return record.name === "SoftDeletes" ? mixin("SoftDeletes") : Object.freeze({ __eloquent: "mixin", kind: "mixin", name: record.name });
  }
  return entry;
}

/**
 * The seed package's relation methods (`posts() { return this.hasMany(Post, "user_id"); }`): which
 * positional argument is the target and which option each other argument is. The runtime's helpers and
 * the static extractor both read this table, so a method means the same relation to both.
 */
export const RELATION_METHOD_PARAMETERS: Readonly<Record<RelationKind, { target: boolean; options: readonly string[] }>> = {
  belongsTo: { target: true, options: ["foreignKey", "ownerKey"] },
  hasOne: { target: true, options: ["foreignKey", "localKey"] },
  hasMany: { target: true, options: ["foreignKey", "localKey"] },
  belongsToMany: { target: true, options: ["pivotTable", "pivotLocalKey", "pivotForeignKey"] },
  morphOne: { target: true, options: ["morphName"] },
  morphMany: { target: true, options: ["morphName"] },
  morphTo: { target: false, options: ["morphName"] },
  // Laravel's positional parameters, in Laravel's order (the through model is passed as a class).
  hasOneThrough: { target: true, options: ["through", "firstKey", "secondKey", "localKey", "secondLocalKey"] },
  hasManyThrough: { target: true, options: ["through", "firstKey", "secondKey", "localKey", "secondLocalKey"] },
  morphToMany: { target: true, options: ["morphName", "pivotTable", "pivotLocalKey", "pivotForeignKey", "localKey", "ownerKey"] },
  morphedByMany: { target: true, options: ["morphName", "pivotTable", "pivotLocalKey", "pivotForeignKey", "localKey", "ownerKey"] },
};

/** Options that name a model: a class passed (`through: Writer`, `using: PostTag`) is the model of that name. */
export const MODEL_VALUED_OPTIONS: ReadonlySet<string> = new Set(["through", "using"]);

export function isRelationMethodName(name: string): name is RelationKind {
  return Object.hasOwn(RELATION_METHOD_PARAMETERS, name);
}

/** The descriptor a relation method call means: `hasMany(Post, "user_id")` → relation("hasMany", Post, { foreignKey: "user_id" }). */
export function relationFromMethodCall(
  kind: RelationKind,
  args: readonly unknown[],
): RelationDescriptor & { readonly conventions: "seed"; readonly fromMethod: true } {
  const parameters = RELATION_METHOD_PARAMETERS[kind];
  const rest = parameters.target ? args.slice(1) : args;
  const options: Record<string, unknown> = {};
  parameters.options.forEach((option, i) => {
    const value = rest[i];
    if (value === undefined) return;
    options[option] = MODEL_VALUED_OPTIONS.has(option) && typeof value === "function" && value.name ? value.name : value;
  });
  return Object.freeze({
    __eloquent: "relation" as const,
    kind,
    target: (parameters.target ? args[0] : undefined) as string,
    options: Object.freeze(options),
    conventions: "seed" as const,
    fromMethod: true as const,
  });
}

/**
 * `relation()` as imported from the seed package's name: the native descriptor, marked as seed code so a
 * belongsToMany without pivot metadata uses the seed's implicit pivot (resolve/seed-pivot.ts).
 */
export function seedRelation<const K extends RelationKind, const T extends string, const O extends RelationOptionsByKind[K] = {}>(
  kind: K,
  target: T,
  options?: O,
): RelationDescriptor<K, T, RelationOptionFacts<O>> {
  return Object.freeze({ ...relation(kind, target, options), conventions: "seed" as const });
}

/** Which conventions a relation descriptor was written for (`"seed"`: the seed package's forms). */
export function relationConventions(descriptor: unknown): "seed" | undefined {
  return descriptor !== null && typeof descriptor === "object" && (descriptor as { conventions?: unknown }).conventions === "seed"
    ? "seed"
    : undefined;
}

/** What an unknown mixin entry is, for the schema-entry rule (same words from the source and the runtime). */
export function describeUnknownMixin(name: unknown): string {
  return `mixin(${JSON.stringify(name)}), which is not one of the seed's mixins (${Object.keys(SEED_MIXINS).join(", ")})`;
}
