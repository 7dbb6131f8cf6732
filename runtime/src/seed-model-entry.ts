/** The seed package's `/Model` subpath: this runtime's model bases plus the seed's BaseModel / CoreModel. */
export * from "./model-entry";
export { BaseModel, CoreModel, MorphableMixin, PivotHelperMixin, type ModelInstance, type ModelAttrs } from "./compat/seed-api";
