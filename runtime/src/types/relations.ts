/**
 * What a relation loads, by kind, and what `with(...)` / `load(...)` / `withCount(...)` add to the
 * result type: `User.with("posts.comments", "profile")` → `{ posts: (Post & { comments: Comment[] })[];
 * profile: Profile | null }`. Targets are found through the `Models` registry (registry.ts).
 */
import type { PivotKind, RelationDescriptor, ToManyKind } from "eloquent-engine";
import type { Model } from "../model/model";
import type { SchemaOf } from "./attributes";
import type { ModelClassNamed } from "./registry";
import type { ModelOf } from "./model-of";

/** Kinds that load a list; the others load one model or null (the engine's list). */
export type ManyKind = ToManyKind;

/** What a native relation descriptor is, for the test below (top level: not instantiated per entry; no `infer`). */
interface RelationEntry {
  readonly __eloquent: "relation";
  readonly kind: string;
  readonly target: string;
  readonly options: unknown;
}

/** Kind, target name and options of a schema entry (native descriptor or the seed's object literal). */
export type RelationParts<E> = E extends RelationEntry
  ? { kind: E["kind"]; target: E["target"]; options: E["options"] }
  : E extends { readonly relation: infer K extends string; readonly model?: infer T }
    ? { kind: K; target: T; options: E extends { readonly options?: infer O } ? O : {} }
    : never;

/** Names of the relations declared in a schema (any string for a non-literal schema). */
export type RelationKeys<S> = string extends keyof S
  ? string
  : { [K in keyof S]: [RelationParts<S[K]>] extends [never] ? never : K & string }[keyof S];

/** Relations declared the seed's way, as methods returning a descriptor (`labels() { return this.belongsToMany(...) }`). */
export type RelationMethodKeys<M> = {
  // the base's own members (related, load, ...) are skipped: they are no relations, and typing them here would be circular
  [K in Exclude<keyof M, keyof Model>]: M[K] extends () => RelationDescriptor ? K & string : never;
}[Exclude<keyof M, keyof Model>];

/** The class a relation of schema `S` targets (undefined when the registry does not know it). */
export type TargetClass<S, K> = K extends keyof S ? ModelClassNamed<RelationParts<S[K]>["target"]> : undefined;

/** `related.pivot` on belongsToMany: the declared pivot columns (and whatever else the row had). */
export type PivotOf<O> = O extends { readonly pivotColumns: readonly (infer P extends string)[] }
  ? { readonly [C in P]: unknown } & Record<string, unknown>
  : Record<string, unknown>;

/**
 * One loaded target: the registered class's model, or what the owner's Attrs listed, or `any` — a
 * target the registry does not know is untyped, as every target was before the registry.
 */
type TargetModel<S, K, Owner> =
  TargetClass<S, K> extends infer C
    ? [C] extends [undefined]
      ? K extends keyof Owner
        ? unknown extends Owner[K]
          ? any // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped, as documented above
          : ListedElement<Owner[K]>
        : any // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped, as documented above
      : ModelOf<C>
    : never;

/** `posts?: Post[]` in a hand-written Attrs: Post. */
type ListedElement<V> =
  NonNullable<V> extends readonly (infer E)[] ? (E extends Model ? E : Model) : NonNullable<V> extends Model ? NonNullable<V> : Model;

/** The value of relation K once loaded, with `Nested` (its own loaded relations) on each model. */
export type LoadedValue<S, K, Owner, Nested = unknown> = K extends keyof S
  ? RelationParts<S[K]> extends { kind: infer Kind; options: infer O }
    ? string extends Kind
      ? any // the seed's object literals written without `as const`: the kind is not in the type
      : Kind extends ManyKind
        ? (TargetModel<S, K, Owner> & Nested & (Kind extends PivotKind ? { readonly pivot: PivotOf<O> } : unknown))[]
        : (TargetModel<S, K, Owner> & Nested) | null
    : never
  : any; // a relation method of the seed's form (`labels() { return this.belongsToMany(...) }`): untyped

type Head<P> = P extends `${infer H}.${string}` ? H : P extends `${infer H}:${string}` ? H : P;
type Tail<P, H extends string> = P extends `${H}.${infer R}` ? R : never;

/** The relations paths `P` load into a model of schema S (nested paths merged per head). */
export type Loaded<S, P extends string, Owner = unknown> = [P] extends [never]
  ? unknown
  : {
      [H in Head<P> & RelationKeys<S>]: LoadedValue<S, H, Owner, NestedLoaded<TargetClass<S, H>, Tail<P, H>>>;
    };

type NestedLoaded<C, P extends string> = [P] extends [never]
  ? unknown
  : [C] extends [undefined]
    ? unknown
    : Loaded<SchemaOf<C>, P, ModelOf<C>>;

/** The paths a with()/load() argument names: strings, lists, and the keys of object specs (nested too). */
export type PathsOf<A> = A extends string
  ? A
  : A extends readonly (infer E)[]
    ? PathsOf<E>
    : A extends object
      ? {
          [K in keyof A & string]:
            | K
            | (A[K] extends readonly unknown[] | Record<string, unknown>
                ? A[K] extends Function
                  ? never
                  : `${K}.${PathsOf<A[K]>}`
                : never);
        }[keyof A & string]
      : never;

/**
 * The engine's `snakeCase` (conventions.ts) at the type level, so a count field is named as the run
 * time names it: `userPosts` → `user_posts`, `HTTPRequests` → `http_requests`, `my-posts` → `my_posts`.
 * An underscore goes before an upper-case letter that follows a lower-case letter or digit, or that
 * follows an upper-case letter and precedes a lower-case one.
 */
export type SnakeCase<S extends string, Prev extends string = ""> = string extends S
  ? string // not a literal: any name
  : S extends `${infer C}${infer Rest}`
    ? C extends "-" | " "
      ? `_${SnakeCase<Rest, "_">}`
      : `${StartsWord<Prev, C, Rest> extends true ? "_" : ""}${Lowercase<C>}${SnakeCase<Rest, C>}`
    : "";
type IsUpper<C extends string> = C extends Lowercase<C> ? false : true;
type IsLowerOrDigit<C extends string> = C extends "" | "_"
  ? false
  : IsUpper<C> extends true
    ? false
    : Uppercase<C> extends C
      ? C extends `${number}`
        ? true
        : false
      : true;
type StartsWord<Prev extends string, C extends string, Rest extends string> =
  IsUpper<C> extends false
    ? false
    : IsLowerOrDigit<Prev> extends true
      ? true
      : Prev extends "" | "_"
        ? false
        : IsUpper<Prev> extends true
          ? Rest extends `${infer Next}${string}`
            ? IsUpper<Next> extends false
              ? Lowercase<Next> extends Uppercase<Next>
                ? false // a digit or symbol after the run: no word starts here
                : true
              : false
            : false
          : false;

/** `withCount("posts")` → posts_count; `"userPosts"` → user_posts_count (as the run time names it); `"posts as n"` → n; object keys likewise. */
export type CountField<N> = N extends `${string} as ${infer Alias}` ? Alias : N extends string ? `${SnakeCase<N>}_count` : never;
export type CountFieldsOf<A> = A extends string ? CountField<A> : A extends object ? CountField<keyof A & string> : never;
export type Counted<Args extends readonly unknown[]> = { [F in CountFieldsOf<Args[number]>]: number };
