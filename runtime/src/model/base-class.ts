/**
 * The store-neutral Model class, registered by model.ts as it loads. Modules that the model base reaches
 * through its metadata (the seed's relation-method helpers) refer to it through here, so no import cycle
 * runs through model.ts.
 */
let base: Function | undefined;

export function registerModelBase(cls: Function): void {
  base = cls;
}

export function modelBase(): Function {
  if (base === undefined)
    throw new Error("eloquent: the model base class is not loaded yet (import eloquent-orm or eloquent-orm/Model first).");
  return base;
}
