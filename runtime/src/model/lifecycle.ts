/**
 * The write lifecycle around each store's own `save`/`forceDelete` and the base `delete`/`restore`:
 * model events (see events.ts), generated uuid/ulid keys, and the bookkeeping behind
 * getChanges()/wasChanged()/wasRecentlyCreated. Installed once per store base class, so the stores'
 * write code stays as it is.
 *
 * Order as in Laravel: saving → (creating | updating when dirty) → write → (created | updated) → saved;
 * deleting → delete → deleted; restoring → restore (a save, with its events) → restored.
 * A soft delete is one delete, not a save: it fires no saving/updating events.
 */
import { markCreated, recordChanges } from "./changes";
import { fireEvent } from "./events";
import { modelMeta } from "./meta";
import type { Model } from "./model";
import type { ModelClass } from "./types";
import { assignUniqueId } from "./unique-ids";
import { checkTouches, touchOwners } from "../relations/touches";

/** Models inside delete(): their save (soft delete) / forceDelete fire no events of their own. */
const deleting = new WeakSet<Model>();
const installed = new WeakSet<object>();

type Method = (this: Model, ...args: unknown[]) => Promise<unknown>;

function wrapSave(original: Method): Method {
  return async function save(this: Model) {
    if (deleting.has(this)) return original.call(this);
    const creating = !this.isPersisted();
    if (creating) assignUniqueId(modelMeta(this.constructor as ModelClass), this);
    checkTouches(this);
    if (!(await fireEvent(this, "saving"))) return this;
    const updating = !creating && this.isDirty();
    if (creating ? !(await fireEvent(this, "creating")) : updating && !(await fireEvent(this, "updating"))) return this;
    // What the update writes: the dirty columns (after the listeners ran) and updated_at.
    const written = Object.keys(this.getDirty() as Record<string, unknown>);
    if (modelMeta(this.constructor as ModelClass).timestamps && !written.includes("updated_at")) written.push("updated_at");
    await original.call(this);
    if (creating) {
      markCreated(this);
      await fireEvent(this, "created");
    } else if (updating) {
      const changed: Record<string, unknown> = {};
      for (const key of written) changed[key] = this.get(key);
      recordChanges(this, changed);
      await fireEvent(this, "updated");
    }
    await fireEvent(this, "saved");
    if (creating || updating) await touchOwners(this);
    return this;
  };
}

function wrapDelete(original: Method): Method {
  return async function del(this: Model, ...args: unknown[]) {
    if (deleting.has(this)) return original.apply(this, args);
    if (!(await fireEvent(this, "deleting"))) return undefined;
    deleting.add(this);
    let result: unknown;
    try {
      result = await original.apply(this, args);
    } finally {
      deleting.delete(this);
    }
    await fireEvent(this, "deleted");
    await touchOwners(this);
    return result;
  };
}

function wrapRestore(original: Method): Method {
  return async function restore(this: Model) {
    if (!(await fireEvent(this, "restoring"))) return this;
    const result = await original.call(this);
    await fireEvent(this, "restored");
    return result;
  };
}

/** Wraps `save` and `forceDelete` of a store's base class (and once, the shared delete/restore). */
export function installLifecycle(base: { prototype: Model }, root: { prototype: Model }): void {
  const patch = (proto: object, name: string, wrap: (m: Method) => Method) => {
    const original = (proto as Record<string, Method>)[name];
    if (typeof original !== "function") return;
    Object.defineProperty(proto, name, { value: wrap(original), writable: true, configurable: true, enumerable: false });
  };
  if (!installed.has(root.prototype)) {
    installed.add(root.prototype);
    patch(root.prototype, "delete", wrapDelete);
    patch(root.prototype, "restore", wrapRestore);
  }
  if (installed.has(base.prototype)) return;
  installed.add(base.prototype);
  patch(base.prototype, "save", wrapSave);
  patch(base.prototype, "forceDelete", wrapDelete);
}
