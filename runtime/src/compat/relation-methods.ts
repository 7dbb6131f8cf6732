/**
 * The seed package's relation methods, `posts() { return this.hasMany(Post, "user_id"); }`: the helpers
 * (`this.hasMany(...)` with the seed's positional signatures) return the relation descriptor the method means,
 * and `relationMethodsOf(model)` finds them once per class so they are relations like `static schema` ones —
 * for `with()`, `load()`, `related()`, `registerModels()` and the resolver.
 */
import { relationFromMethodCall, RELATION_KINDS, type RelationDescriptor, type RelationKind } from "eloquent-engine";
import { modelBase } from "../model/base-class";
import { rememberModel } from "../model/lookup";
import type { ModelClass } from "../model/types";

/** A model class as the helpers accept it (the seed passes the class itself). */
type RelatedClass = abstract new (...args: any[]) => object;

/** The helpers the seed's BaseModel offers to relation methods. */
export interface SeedRelationHelpers {
  belongsTo(related: RelatedClass, foreignKey: string, ownerKey?: string, name?: string): RelationDescriptor<"belongsTo">;
  hasOne(related: RelatedClass, foreignKey: string, localKey?: string, name?: string): RelationDescriptor<"hasOne">;
  hasMany(related: RelatedClass, foreignKey: string, localKey?: string, name?: string): RelationDescriptor<"hasMany">;
  belongsToMany(
    related: RelatedClass,
    pivotTable: string,
    foreignPivotKey: string,
    relatedPivotKey: string,
  ): RelationDescriptor<"belongsToMany">;
  morphOne(related: RelatedClass, morphName: string): RelationDescriptor<"morphOne">;
  morphMany(related: RelatedClass, morphName: string): RelationDescriptor<"morphMany">;
  morphTo(morphName: string): RelationDescriptor<"morphTo">;
  hasOneThrough(
    related: RelatedClass,
    through: RelatedClass,
    firstKey?: string,
    secondKey?: string,
    localKey?: string,
    secondLocalKey?: string,
  ): RelationDescriptor<"hasOneThrough">;
  hasManyThrough(
    related: RelatedClass,
    through: RelatedClass,
    firstKey?: string,
    secondKey?: string,
    localKey?: string,
    secondLocalKey?: string,
  ): RelationDescriptor<"hasManyThrough">;
  morphToMany(
    related: RelatedClass,
    morphName: string,
    pivotTable?: string,
    foreignPivotKey?: string,
    relatedPivotKey?: string,
    parentKey?: string,
    relatedKey?: string,
  ): RelationDescriptor<"morphToMany">;
  morphedByMany(
    related: RelatedClass,
    morphName: string,
    pivotTable?: string,
    foreignPivotKey?: string,
    relatedPivotKey?: string,
    parentKey?: string,
    relatedKey?: string,
  ): RelationDescriptor<"morphedByMany">;
}

declare module "../model/model" {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Model<A extends object = any> extends SeedRelationHelpers {}
}

let installed = false;

/**
 * Puts the helpers on the model base once. Called by the package entries after the model module loaded
 * (and before any relation method is probed), since model ↔ metadata imports are circular.
 */
export function installRelationHelpers(): void {
  if (installed) return;
  installed = true;
  for (const kind of RELATION_KINDS) {
    Object.defineProperty(modelBase().prototype, kind, {
      configurable: true,
      enumerable: false,
      writable: true,
      value(this: unknown, ...args: unknown[]) {
        return relationFromMethodCall(kind, args);
      },
    });
  }
}

/** The user's relation method behind an accessor installed by `exposeLoaded` (so subclasses still find it). */
const ORIGINAL = Symbol("eloquent.relationMethod");

/** The method a prototype property holds: its value, or the original behind our accessor. */
function methodOf(proto: object, name: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(proto, name);
  if (descriptor === undefined) return undefined;
  return descriptor.value ?? (descriptor.get as { [ORIGINAL]?: unknown } | undefined)?.[ORIGINAL];
}

/**
 * The seed's semantics after loading: `user.posts` is the loaded value once `with("posts")` / `load("posts")`
 * ran, and the relation method before that (the seed assigns the result over the method).
 */
function exposeLoaded(proto: object, name: string, method: Function): void {
  const get = function (this: { relationLoaded(n: string): boolean; getRelation(n: string): unknown }) {
    return this.relationLoaded(name) ? this.getRelation(name) : method;
  };
  Object.defineProperty(get, ORIGINAL, { value: method });
  Object.defineProperty(proto, name, {
    configurable: true,
    enumerable: false,
    get,
    set(this: { setRelation(n: string, v: unknown): unknown }, value: unknown) {
      this.setRelation(name, value);
    },
  });
}

const CALLS_A_HELPER = new RegExp(`\\bthis\\s*\\.\\s*(?:${RELATION_KINDS.join("|")})\\s*\\(`);
const found = new WeakMap<Function, ReadonlyMap<string, RelationDescriptor>>();

/**
 * The relation methods a model class declares (own or inherited from user base classes): zero-argument
 * methods whose body calls a helper on `this`. Only those are called, on a bare prototype (no constructor,
 * no instance state), and only the descriptor they return is kept; one that throws is not a relation.
 */
export function relationMethodsOf(model: Function): ReadonlyMap<string, RelationDescriptor> {
  const cached = found.get(model);
  if (cached) return cached;
  installRelationHelpers();
  const methods = new Map<string, RelationDescriptor>();
  const probe = Object.create(model.prototype as object) as Record<string, unknown>;
  for (
    let proto = model.prototype as object | null;
    proto && proto !== modelBase().prototype && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || methods.has(name) || (RELATION_KINDS as readonly string[]).includes(name)) continue;
      const value = methodOf(proto, name);
      if (typeof value !== "function" || value.length !== 0 || !CALLS_A_HELPER.test(Function.prototype.toString.call(value))) continue;
      try {
        const descriptor = value.call(probe) as { fromMethod?: unknown } | undefined;
        if (descriptor && descriptor.fromMethod === true) {
          methods.set(name, byModelName(descriptor as unknown as RelationDescriptor));
          if (Object.getOwnPropertyDescriptor(proto, name)?.value === value) exposeLoaded(proto, name, value);
        }
      } catch {
        // Not a relation method after all (it needed instance state): leave it alone.
      }
    }
  }
  found.set(model, methods);
  return methods;
}

/**
 * Relation targets are model names; the seed passes the class. Name it (and make the name findable), so the
 * resolver and the rule engine see exactly what a `static schema` relation to that model would give.
 */
function byModelName(descriptor: RelationDescriptor): RelationDescriptor {
  const target = descriptor.target as unknown;
  if (typeof target !== "function") return descriptor;
  const cls = target as ModelClass & { modelName?: unknown };
  if (typeof cls.store === "string") rememberModel(cls);
  const name = typeof cls.modelName === "string" && cls.modelName !== "" ? cls.modelName : cls.name;
  return Object.freeze({ ...descriptor, target: name });
}

export type { RelationKind };
