/**
 * Two decisions about a relation that every front must make the same way: how a Mongo belongsToMany
 * stores its links, and which morph name a morph relation uses.
 */
import { isRecord } from "../graph/values";

/** How a Mongo belongsToMany stores its links: an id array on the document, or a pivot collection. */
export type MongoBelongsToManyMode = "array" | "pivot";

/**
 * THE Mongo belongsToMany mode rule: a non-empty string `pivotTable` means a pivot collection; anything
 * else (absent, or a value another rule reports) means document references (an id array).
 */
export function mongoBelongsToManyMode(options: unknown): MongoBelongsToManyMode {
  const pivotTable = isRecord(options) ? options.pivotTable : undefined;
  return typeof pivotTable === "string" && pivotTable.trim() !== "" ? "pivot" : "array";
}

/**
 * THE morph-name rule: the `morphName` option when a string; morphTo defaults to the relation name.
 * Undefined when morphOne/morphMany has none, or the option is present but not a usable string.
 */
export function resolveMorphName(kind: unknown, relationName: string, options: unknown): string | undefined {
  const value = isRecord(options) ? options.morphName : undefined;
  if (typeof value === "string" && value.trim() !== "") return value;
  if (value !== undefined) return undefined; // invalid or unverifiable: another rule reports it
  return kind === "morphTo" ? relationName : undefined;
}

/**
 * The option keys that may set each key option, first written one wins. THE place for aliases: the
 * engine's key rules and the runtime's resolveRelation both read options through `keyOptionNames`
 * (e.g. the seed's morph `typeColumn` / `idColumn` would be added to morphType / morphId here).
 */
const KEY_OPTION_NAMES: Readonly<Record<string, readonly string[]>> = Object.freeze({
  morphType: Object.freeze(["morphType"]),
  morphId: Object.freeze(["morphId"]),
});

/** The option keys that set `option` (itself, plus any alias). */
export function keyOptionNames(option: string): readonly string[] {
  return KEY_OPTION_NAMES[option] ?? [option];
}
