/**
 * The seed package's entry (`@alpha.consultings/eloquent-orm.js`): this runtime's whole API (which includes
 * the seed's names: validate, mixin, BaseModel, CoreModel, MorphableMixin, its types) with the seed's
 * `relation()`, which marks relations as seed code so a belongsToMany without pivot metadata uses the seed's
 * implicit `_pivot` table. Published as `eloquent-orm/seed`; installed under the seed's name by the
 * `eloquent-orm-seed` re-export package (seed-compat/, see docs/seed-package.md).
 */
export * from "./index";
export { seedRelation as relation } from "eloquent-engine";
