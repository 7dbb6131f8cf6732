/**
 * Relation targets are strings (`relation("hasMany", "Post")`, the seed's form). To type what a
 * relation loads, each name must lead to its class: `Models` maps model names to classes. It is
 * empty here; `eloquent types` writes a declaration file that fills it by declaration merging:
 *
 *   declare module "eloquent-orm" { interface Models { Post: typeof Post; User: typeof User } }
 *
 * A name missing from `Models` loads as the untyped `Model` (nothing breaks, nothing is inferred).
 */
import type { Model } from "../model/model";

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Models {}

/** The class registered under a model name, or undefined when the registry does not know it. */
export type ModelClassNamed<N> = N extends keyof Models ? Models[N] : undefined;

/** Whether a name is registered. */
export type IsRegistered<N> = N extends keyof Models ? true : false;

/** The instance type for unknown targets. */
export type UnknownTarget = Model;
