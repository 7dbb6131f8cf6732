/**
 * `Model.withoutTouching(cb)` / `SqlModel.withoutTouchingOn([User, Post], cb)` / `Model.isIgnoringTouch()`
 * (Laravel's names): inside the callback's async context the listed classes are never touched by the models
 * that name them in `static touches`. Kept in AsyncLocalStorage, like the transaction and sticky-read scopes, so
 * concurrent requests do not see each other's scopes. Calling it on a base class (SqlModel, MongoModel, Model)
 * covers every subclass; scopes nest (an inner scope adds to the outer one).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { EloquentError } from "../model/errors";

const ignoring = new AsyncLocalStorage<ReadonlySet<Function>>();

export function withoutTouchingOn<T>(classes: readonly Function[], work: () => T): T {
  if (!Array.isArray(classes) || classes.some((c) => typeof c !== "function")) {
    throw new EloquentError(
      `withoutTouchingOn(classes, callback): classes must be a list of model classes ([User, Post]), got ${JSON.stringify(classes)}.`,
    );
  }
  if (typeof work !== "function") {
    throw new EloquentError(`withoutTouching(callback): the callback must be a function, got ${typeof work}.`);
  }
  const next = new Set(ignoring.getStore() ?? []);
  for (const cls of classes) next.add(cls);
  return ignoring.run(next, work);
}

/** True inside a withoutTouching scope of `cls` or of one of its base classes. */
export function isIgnoringTouch(cls: Function): boolean {
  const set = ignoring.getStore();
  if (!set?.size) return false;
  for (let c: unknown = cls; typeof c === "function"; c = Object.getPrototypeOf(c)) if (set.has(c as Function)) return true;
  return false;
}
