/**
 * Loads the rule engine lazily (not at module load), so a project where `eloquent-orm` cannot be resolved
 * still gets a working editor plus one diagnostic explaining the fix, instead of a plugin that fails to load.
 */
import type * as Engine from "eloquent-engine";

/** Naming conventions the runtime queries with (the engine's `conventions` namespace). */
export type Conventions = typeof Engine.conventions;

export interface Suggest {
  didYouMean(input: string, candidates: Iterable<string>): { value: string; caseOnly: boolean } | undefined;
}

/** The relation vocabulary, from the engine's public entry (the table the relation-options rule checks). */
export interface Vocabulary {
  RELATION_KINDS: typeof Engine.RELATION_KINDS;
  optionKeysFor: typeof Engine.optionKeysFor;
}

export interface LoadedEngine {
  checkGraph: typeof Engine.checkGraph;
  RULES: typeof Engine.RULES;
  compareDiagnostics: (a: Engine.Diagnostic, b: Engine.Diagnostic) => number;
  conventions: Conventions;
  suggest: Suggest;
  vocabulary: Vocabulary;
  /** Which column each key option names, on which model (the key rules' own description). */
  describeRelationKeys: typeof Engine.describeRelationKeys;
  keyOwner: typeof Engine.keyOwner;
  /** Mongo belongsToMany: id array or pivot collection (the runtime's own decision). */
  mongoBelongsToManyMode: typeof Engine.mongoBelongsToManyMode;
  /** A morph relation's morph name (morphTo defaults to the relation name). */
  resolveMorphName: typeof Engine.resolveMorphName;
  /** A through relation's intermediate model (its `through` option). */
  throughOf: typeof Engine.throughOf;
  /** A many-to-many's pivot table (morphToMany / morphedByMany default: the plural of morphName). */
  relationPivotTable: typeof Engine.relationPivotTable;
  /** The pivot table the rules check a relation against: pivotTable, else its `using` model's table, else the morph default. */
  pivotTableOf: typeof Engine.pivotTableOf;
  /** The inverse of a relation as an add-relation suggestion (the "Add the inverse relation" refactoring). */
  inverseRelationSuggestion: typeof Engine.inverseRelationSuggestion;
  ModelIndex: typeof Engine.ModelIndex;
  SpanResolver: typeof Engine.SpanResolver;
  modelTable: typeof Engine.modelTable;
  /** Where it was loaded from (for the log). */
  location: string;
}

export type EngineLoad = { ok: true; engine: LoadedEngine } | { ok: false; error: string };

let cached: EngineLoad | undefined;

export function loadEngine(): EngineLoad {
  if (cached) return cached;
  try {
    const entry = require.resolve("eloquent-engine");
    const engine = require(entry) as typeof Engine;
    cached = {
      ok: true,
      engine: {
        checkGraph: engine.checkGraph,
        RULES: engine.RULES,
        compareDiagnostics: engine.compareDiagnostics,
        conventions: engine.conventions,
        suggest: { didYouMean: engine.didYouMean },
        vocabulary: { RELATION_KINDS: engine.RELATION_KINDS, optionKeysFor: engine.optionKeysFor },
        describeRelationKeys: engine.describeRelationKeys,
        keyOwner: engine.keyOwner,
        mongoBelongsToManyMode: engine.mongoBelongsToManyMode,
        resolveMorphName: engine.resolveMorphName,
        throughOf: engine.throughOf,
        relationPivotTable: engine.relationPivotTable,
        pivotTableOf: engine.pivotTableOf,
        inverseRelationSuggestion: engine.inverseRelationSuggestion,
        ModelIndex: engine.ModelIndex,
        SpanResolver: engine.SpanResolver,
        modelTable: engine.modelTable,
        location: entry,
      },
    };
  } catch (error) {
    cached = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return cached;
}
