/**
 * `morphMap({ user: User, post: "Post" }, merge = true)` (Laravel's `Relation::morphMap`): runtime aliases for the
 * values stored in `<morph>_type` columns. The alias a model is stored under is still decided in one place, the
 * engine's `morphTypeValue` (map alias, else `static morphAlias`, else the model name), which `meta.morphAlias`
 * asks on every read; this module only holds the map. Rows holding an alias resolve through the map first.
 */
import { EloquentError } from "./errors";
import { findModel } from "./lookup";
import type { ModelClass } from "./types";

/** alias → class, in the order given (the first alias of a class is the one it is stored under, as Laravel). */
let aliases = new Map<string, ModelClass>();
let aliasOfClass = new Map<Function, string>();

export type MorphMapInput = Readonly<Record<string, ModelClass | string>>;

function classOf(alias: string, value: unknown): ModelClass {
  if (typeof value === "string") {
    const found = findModel(value);
    if (found) return found;
    throw new EloquentError(
      `morphMap({ ${alias}: "${value}" }): no registered model is named '${value}'. Pass the class itself ({ ${alias}: ${value} }) or register it with registerModels([...]) first.`,
    );
  }
  if (typeof value !== "function") {
    throw new EloquentError(
      `morphMap({ ${alias}: ... }): expected a model class or a model name, got ${value === null ? "null" : typeof value}.`,
    );
  }
  return value as ModelClass;
}

/** Adds (merge) or replaces the map; returns the current map as a new object. */
export function morphMap(map?: MorphMapInput, merge = true): Record<string, ModelClass> {
  if (map !== undefined) {
    if (map === null || typeof map !== "object" || Array.isArray(map)) {
      throw new EloquentError(
        `morphMap(map): expected an object of alias → model class ({ user: User }), got ${Array.isArray(map) ? "an array" : typeof map}.`,
      );
    }
    const next = merge ? new Map(aliases) : new Map<string, ModelClass>();
    for (const [alias, value] of Object.entries(map)) {
      if (alias === "") throw new EloquentError("morphMap(map): an alias must be a non-empty string.");
      next.set(alias, classOf(alias, value));
    }
    aliases = next;
    aliasOfClass = new Map();
    for (const [alias, cls] of aliases) if (!aliasOfClass.has(cls)) aliasOfClass.set(cls, alias);
  }
  return Object.fromEntries(aliases);
}

/** The alias `morphMap` gives exactly this class, if any. */
export function mappedMorphAlias(model: Function): string | undefined {
  return aliasOfClass.size ? aliasOfClass.get(model) : undefined;
}

/** The class a stored type value names through the map, if any. */
export function modelForMappedAlias(typeValue: string): ModelClass | undefined {
  return aliases.size ? aliases.get(typeValue) : undefined;
}
