/**
 * Model events (Laravel's creating/created/updating/updated/saving/saved/deleting/deleted/
 * restoring/restored), registered per class with `Post.on(event, fn)` or an observer object
 * (`Post.observe({ creating(post) {...} })`). An "-ing" listener that returns (or resolves to)
 * `false` cancels the write: `save()` then resolves without writing and the model stays unsaved/dirty.
 *
 * Listeners are awaited in the caller's async context, so their queries join the transaction the
 * write runs in (and a listener that throws rolls it back). `Model.withoutEvents(fn)` mutes them for
 * the class (or every class, called on the base) inside `fn`'s async context.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { EloquentError } from "./errors";
import type { Model } from "./model";

export const MODEL_EVENTS = [
  "creating",
  "created",
  "updating",
  "updated",
  "saving",
  "saved",
  "deleting",
  "deleted",
  "restoring",
  "restored",
] as const;
export type ModelEvent = (typeof MODEL_EVENTS)[number];
export type ModelListener<M = Model> = (model: M) => unknown;
/** An observer: any object (or class instance) with methods named after events. */
export type ModelObserver<M = Model> = Partial<Record<ModelEvent, ModelListener<M>>>;

const listeners = new WeakMap<Function, Map<ModelEvent, ModelListener[]>>();
const muted = new AsyncLocalStorage<ReadonlySet<Function>>();

function checkedEvent(cls: Function, event: unknown): ModelEvent {
  if (typeof event !== "string" || !(MODEL_EVENTS as readonly string[]).includes(event)) {
    throw new EloquentError(`${cls.name}.on(${JSON.stringify(event)}, ...): unknown model event. Events: ${MODEL_EVENTS.join(", ")}.`);
  }
  return event as ModelEvent;
}

/** Registers a listener; returns the function that removes it. */
export function addListener(cls: Function, event: ModelEvent, listener: ModelListener): () => void {
  const name = checkedEvent(cls, event);
  if (typeof listener !== "function")
    throw new EloquentError(`${cls.name}.on("${name}", ...): the listener must be a function, got ${typeof listener}.`);
  let byEvent = listeners.get(cls);
  if (!byEvent) listeners.set(cls, (byEvent = new Map()));
  const list = byEvent.get(name) ?? [];
  byEvent.set(name, [...list, listener]);
  return () => {
    const current = byEvent!.get(name) ?? [];
    byEvent!.set(
      name,
      current.filter((l) => l !== listener),
    );
  };
}

/** Registers every event method an observer has (prototype methods of a class instance too). */
export function addObserver(cls: Function, observer: object): () => void {
  if (observer === null || typeof observer !== "object") {
    throw new EloquentError(
      `${cls.name}.observe(): expected an observer object with event methods (${MODEL_EVENTS.join(", ")}), got ${observer === null ? "null" : typeof observer}.`,
    );
  }
  const removers: Array<() => void> = [];
  for (const event of MODEL_EVENTS) {
    const method = (observer as Record<string, unknown>)[event];
    if (typeof method === "function") removers.push(addListener(cls, event, (m) => method.call(observer, m)));
  }
  if (!removers.length) {
    throw new EloquentError(`${cls.name}.observe(): the observer has none of the event methods ${MODEL_EVENTS.join(", ")}.`);
  }
  return () => removers.forEach((r) => r());
}

/** Removes every listener of the class (tests). */
export function clearListeners(cls: Function): void {
  listeners.delete(cls);
}

/** Runs `work` with the events of `cls` (and its subclasses; every model for the base) muted. */
export function withoutEvents<T>(cls: Function, work: () => T): T {
  const next = new Set(muted.getStore() ?? []);
  next.add(cls);
  return muted.run(next, work);
}

function isMuted(cls: Function): boolean {
  const set = muted.getStore();
  if (!set) return false;
  for (let c: unknown = cls; typeof c === "function"; c = Object.getPrototypeOf(c)) if (set.has(c as Function)) return true;
  return false;
}

/** Fires an event; false when an "-ing" listener cancelled it. Listeners run one after another. */
export async function fireEvent(model: Model, event: ModelEvent): Promise<boolean> {
  const cls = model.constructor;
  const list = listeners.get(cls)?.get(event);
  if (!list?.length || isMuted(cls)) return true;
  const cancellable = event.endsWith("ing");
  for (const listener of list) {
    const result = await listener(model);
    if (cancellable && result === false) return false;
  }
  return true;
}
