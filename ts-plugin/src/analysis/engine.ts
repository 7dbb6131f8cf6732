/**
 * Loads the rule engine lazily (not at module load), so a project where `eloquent-orm` cannot be resolved
 * still gets a working editor plus one diagnostic explaining the fix, instead of a plugin that fails to load.
 */
import type * as Engine from "eloquent-orm/engine";
import * as path from "node:path";

/** Naming conventions the runtime queries with (deep-required from the engine's folder, see `loadEngine`). */
export interface Conventions {
  defaultTableName(className: string): string;
  inferBelongsToForeignKey(targetName: string): string;
  inferHasForeignKey(declaringModelName: string): string;
  inferPivotKey(modelName: string): string;
  inferMongoReferenceArray(targetName: string): string;
  morphColumns(morphName: string, options?: { morphType?: string; morphId?: string }): { type: string; id: string };
  DEFAULT_PRIMARY_KEY: string;
}

export interface Suggest {
  didYouMean(input: string, candidates: Iterable<string>): { value: string; caseOnly: boolean } | undefined;
}

export interface SchemaVocabulary {
  RELATION_KINDS: readonly string[];
  /** Option keys each kind reads (the relation-options rule's table). */
  OPTION_KEYS_BY_KIND: Readonly<Record<string, readonly string[]>>;
}

export interface LoadedEngine {
  checkGraph: typeof Engine.checkGraph;
  RULES: typeof Engine.RULES;
  compareDiagnostics: (a: Engine.Diagnostic, b: Engine.Diagnostic) => number;
  conventions: Conventions;
  suggest: Suggest;
  schema: SchemaVocabulary;
  /** Where it was loaded from (for the log). */
  location: string;
}

export type EngineLoad = { ok: true; engine: LoadedEngine } | { ok: false; error: string };

let cached: EngineLoad | undefined;

const FALLBACK_KINDS = ["hasOne", "hasMany", "belongsTo", "belongsToMany", "morphOne", "morphMany", "morphTo"];

export function loadEngine(): EngineLoad {
  if (cached) return cached;
  try {
    const entry = require.resolve("eloquent-orm/engine");
    const engine = require(entry) as typeof Engine;
    cached = {
      ok: true,
      engine: {
        checkGraph: engine.checkGraph,
        RULES: engine.RULES,
        compareDiagnostics: engine.compareDiagnostics,
        conventions: engine.conventions as unknown as Conventions,
        suggest: { didYouMean: engine.didYouMean },
        schema: loadVocabulary(path.dirname(entry)),
        location: entry,
      },
    };
  } catch (error) {
    cached = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return cached;
}

/**
 * The kind list and the per-kind option table live in the runtime's schema and in the relation-options
 * rule; they are read from the same build (not re-declared) so completions never offer what the rule rejects.
 */
function loadVocabulary(engineDir: string): SchemaVocabulary {
  let kinds: readonly string[] = FALLBACK_KINDS;
  let byKind: Readonly<Record<string, readonly string[]>> = {};
  try {
    kinds = (require(path.join(engineDir, "..", "schema", "relation.js")) as { RELATION_KINDS: readonly string[] }).RELATION_KINDS ?? kinds;
  } catch {
    // Keep the fallback: completions degrade, diagnostics are unaffected.
  }
  try {
    byKind = (require(path.join(engineDir, "rules", "relation-options.js")) as { OPTION_KEYS_BY_KIND: typeof byKind }).OPTION_KEYS_BY_KIND ?? byKind;
  } catch {
    byKind = {};
  }
  return { RELATION_KINDS: kinds, OPTION_KEYS_BY_KIND: byKind };
}
