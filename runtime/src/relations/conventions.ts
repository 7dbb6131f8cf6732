/**
 * Naming conventions for inferred names (table, foreign keys, morph columns, pivot names).
 *
 * These MUST agree with the rule engine's conventions (runtime/src/engine/conventions.ts): a name the
 * checker reports as "inferred foreignKey 'user_id'" is exactly the column the runtime queries.
 * When the engine module exists, this file re-exports it instead of duplicating it.
 */

/** `UserProfile` → `user_profile`, `HTTPRequest` → `http_request`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-\s]+/g, "_")
    .toLowerCase();
}

/** English plural of a snake word, good enough for table names (`category` → `categories`). */
export function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return word.slice(0, -1) + "ies";
  if (/(s|x|z|ch|sh)$/.test(word)) return word + "es";
  return word + "s";
}

/** Default table of a model class: snake plural of the class name (`PostTag` → `post_tags`). */
export function defaultTableName(modelName: string): string {
  return pluralize(snakeCase(modelName));
}

/** belongsTo: `<snake target>_id` on the declaring model. */
export function inferBelongsToForeignKey(targetModel: string): string {
  return `${snakeCase(targetModel)}_id`;
}

/** hasOne / hasMany: `<snake declaring model>_id` on the target. */
export function inferHasForeignKey(declaringModel: string): string {
  return `${snakeCase(declaringModel)}_id`;
}

/** Morph columns: `<morphName>_type` / `<morphName>_id`. */
export function morphTypeColumn(morphName: string): string {
  return `${morphName}_type`;
}
export function morphIdColumn(morphName: string): string {
  return `${morphName}_id`;
}

/** belongsToMany pivot defaults (Laravel's): singular snake names in alphabetical order. */
export function inferPivotTable(a: string, b: string): string {
  return [snakeCase(a), snakeCase(b)].sort().join("_");
}
export function inferPivotKey(model: string): string {
  return `${snakeCase(model)}_id`;
}

/** belongsToMany on a document store: the array field holding target ids (`tag_ids`). */
export function inferDocumentReferenceField(targetModel: string): string {
  return `${snakeCase(targetModel)}_ids`;
}
