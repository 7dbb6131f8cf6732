/**
 * Naming conventions shared by the rule engine and the SQL/Mongo runtimes, so the name a check
 * infers ("inferred foreignKey 'user_id'") is exactly the name the runtime queries.
 */

/** `PostTag` → `post_tag`, `HTTPRequest` → `http_request`, `userId` → `user_id`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-\s]+/g, "_")
    .toLowerCase();
}

const IRREGULAR_PLURALS: Readonly<Record<string, string>> = {
  person: "people",
  man: "men",
  woman: "women",
  child: "children",
  mouse: "mice",
  goose: "geese",
  foot: "feet",
  tooth: "teeth",
  datum: "data",
  medium: "media",
  index: "indices",
  analysis: "analyses",
};

const UNCOUNTABLE = new Set(["data", "media", "information", "equipment", "news", "series", "species", "metadata"]);

/** English plural of one lower-case word (`category` → `categories`, `box` → `boxes`). */
export function pluralizeWord(word: string): string {
  if (word === "" || UNCOUNTABLE.has(word)) return word;
  const irregular = IRREGULAR_PLURALS[word];
  if (irregular !== undefined) return irregular;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]o$/.test(word) && !/(photo|piano|memo|logo|video|radio|zoo)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Pluralizes the last segment of a snake_case name: `post_tag` → `post_tags`. */
export function pluralize(snakeName: string): string {
  const cut = snakeName.lastIndexOf("_");
  return cut < 0 ? pluralizeWord(snakeName) : snakeName.slice(0, cut + 1) + pluralizeWord(snakeName.slice(cut + 1));
}

/** Table (or collection) a model maps to when it declares no `static tableName`: `BlogPost` → `blog_posts`. */
export function defaultTableName(className: string): string {
  return pluralize(snakeCase(className));
}

/** belongsTo without `foreignKey`: `<snake target>_id` on the declaring model (`User` → `user_id`). */
export function inferBelongsToForeignKey(targetName: string): string {
  return `${snakeCase(targetName)}_id`;
}

/** hasOne / hasMany without `foreignKey`: `<snake declaring model>_id` on the target. */
export function inferHasForeignKey(declaringModelName: string): string {
  return `${snakeCase(declaringModelName)}_id`;
}

/** Mongo belongsToMany without `foreignKey`: the array of target ids on the declaring document. */
export function inferMongoReferenceArray(targetName: string): string {
  return `${snakeCase(targetName)}_ids`;
}

/** belongsToMany pivot key columns when not given: `<snake model>_id`. */
export function inferPivotKey(modelName: string): string {
  return `${snakeCase(modelName)}_id`;
}

/** Laravel's pivot naming: both singular snake names in alphabetical order (`Post`,`Tag` → `post_tag`). */
export function defaultPivotTable(modelA: string, modelB: string): string {
  return [snakeCase(modelA), snakeCase(modelB)].sort().join("_");
}

/** morphToMany / morphedByMany without `pivotTable`: the plural of the morph name (`taggable` → `taggables`). */
export function defaultMorphPivotTable(morphName: string): string {
  return pluralize(snakeCase(morphName));
}

export interface MorphColumnOverrides {
  morphType?: string;
  morphId?: string;
}

/** The `<morphName>_type` / `<morphName>_id` pair, or the explicit overrides. */
export function morphColumns(morphName: string, options: MorphColumnOverrides = {}): { type: string; id: string } {
  return {
    type: options.morphType ?? `${morphName}_type`,
    id: options.morphId ?? `${morphName}_id`,
  };
}

/**
 * The value stored in a morph type column for a model: the alias a runtime `morphMap({ alias: Model })` gives it
 * (only the runtime knows it), else its `static morphAlias` when set, else the class name.
 */
export function morphTypeValue(modelName: string, morphAlias?: string, mappedAlias?: string): string {
  return mappedAlias ?? morphAlias ?? modelName;
}

/** Mongo documents always carry `_id`; the runtime exposes it as `id` too. */
export const MONGO_ID_FIELDS: readonly string[] = ["id", "_id"];

/**
 * THE type of a Mongo model's `_id`, for the checks and the runtime's key filters: the declared type of
 * its primary key, else of an `id`/`_id` column, else ObjectId (what the driver generates).
 */
export function mongoIdType(primaryKey: string, declaredType: (column: string) => string | undefined): string {
  return declaredType(primaryKey) ?? MONGO_ID_FIELDS.map(declaredType).find((type) => type !== undefined) ?? "objectId";
}

/**
 * The attribute a relation count or aggregate is loaded as, Laravel's name (`Str::snake` of "relation function
 * column", other characters dropped): `withCount("allFours")` → `all_fours_count`, `withSum("roles",
 * "role_user.level")` → `roles_sum_role_userlevel`, `withExists("posts")` → `posts_exists`.
 */
export function aggregateAttribute(relation: string, fn: "count" | "exists" | "sum" | "avg" | "min" | "max", column?: string): string {
  const parts = [snakeCase(relation), fn];
  if (column !== undefined) parts.push(snakeCase(column.replace(/[^A-Za-z0-9_]/g, "")));
  return parts.join("_");
}
