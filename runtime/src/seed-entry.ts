/**
 * The seed package's entry (`@alpha.consultings/eloquent-orm.js`): this runtime's whole API plus the seed's
 * names (validate, mixin, BaseModel, CoreModel, MorphableMixin, its types). Its `relation()` marks relations
 * as seed code, so a belongsToMany without pivot metadata uses the seed's implicit `_pivot` table.
 * Published as `eloquent-orm/seed`; install it under the seed's name with the re-export package in
 * `seed-compat/` (see docs/seed-package.md).
 */
export * from "./index";
export { seedRelation as relation, validate, mixin, SEED_MIXINS, isSeedMixinName } from "eloquent-engine";
export * from "./compat/seed-api";
