/**
 * Misconfiguration of the plugin or the project, reported as one clear diagnostic with the fix instead of
 * silently checking nothing (GraphQLSP diagnoses its own setup the same way).
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import type { Diagnostic } from "eloquent-engine";
import type { FileFacts } from "../extract/file-facts";
import type { ProgramExtraction } from "../extract/program";
import { modelDeclarationDiagnostics } from "./model-forms";
import { isSeedModule } from "../extract/eloquent-modules";

export const SETUP_RULE = {
  id: "plugin-setup",
  code: "ELQ950",
  defaultSeverity: "warning",
  description: "The editor/build integration can load the rule engine, resolve the runtime and find the project's models.",
} as const;

function setupDiagnostic(file: string, span: { start: number; end: number }, message: string, hint: string): Diagnostic {
  return {
    ruleId: SETUP_RULE.id,
    code: SETUP_RULE.code,
    severity: SETUP_RULE.defaultSeverity,
    message,
    hint,
    node: { model: "", part: "model" },
    span: { file, start: span.start, end: span.end },
    suggestions: [],
  };
}

/** Module resolutions kept between snapshots (cleared when compiler options or many files change). */
export type ResolutionCache = Map<string, boolean>;

export interface SetupContext {
  compilerOptions: TS.CompilerOptions;
  resolutionCache?: ResolutionCache;
  /** Set when the engine could not be loaded. */
  engineError?: string;
}

/**
 * Per-file results, keyed by the file's facts object (new facts = the file changed) and the project-wide
 * inputs, so an edit re-checks one file.
 */
export type SetupCache = WeakMap<FileFacts, { key: string; diagnostics: Diagnostic[] }>;

/** Setup diagnostics for every file that imports the runtime. */
export function checkSetup(
  extraction: ProgramExtraction,
  context: SetupContext,
  cache?: SetupCache,
  previous?: { result: Map<string, Diagnostic[]>; key: string },
): Map<string, Diagnostic[]> & { key?: string } {
  const resolved = context.resolutionCache ?? new Map<string, boolean>();
  const noModels = extraction.graph.models.length === 0;
  const key = `${noModels}\0${context.engineError ?? ""}`;
  const recheck = (facts: FileFacts): Diagnostic[] => {
    if (facts.runtimeImports.length === 0) return [];
    const cached = cache?.get(facts);
    const diagnostics = cached && cached.key === key ? cached.diagnostics : checkFile(facts, context, resolved, noModels);
    if (cache && cached?.diagnostics !== diagnostics) cache.set(facts, { key, diagnostics });
    return diagnostics;
  };
  // After an edit only the edited files can change, unless a project-wide input did.
  if (previous && previous.key === key && extraction.changedFiles.size < extraction.files.size) {
    const byFile = new Map(previous.result) as Map<string, Diagnostic[]> & { key?: string };
    for (const fileName of extraction.changedFiles) {
      const facts = extraction.files.get(fileName);
      const diagnostics = facts ? recheck(facts) : [];
      if (diagnostics.length > 0) byFile.set(fileName, diagnostics);
      else byFile.delete(fileName);
    }
    byFile.key = key;
    return withModelDeclarations(byFile, extraction);
  }
  const byFile = new Map<string, Diagnostic[]>() as Map<string, Diagnostic[]> & { key?: string };
  for (const facts of extraction.files.values()) {
    const diagnostics = recheck(facts);
    if (diagnostics.length > 0) byFile.set(facts.fileName, diagnostics);
  }
  byFile.key = key;
  return withModelDeclarations(byFile, extraction);
}

/** Adds the model-declaration diagnostics (they depend on the whole link, so they are recomputed: cheap). */
function withModelDeclarations(
  byFile: Map<string, Diagnostic[]> & { key?: string },
  extraction: ProgramExtraction,
): Map<string, Diagnostic[]> & { key?: string } {
  const declarations = modelDeclarationDiagnostics(extraction.files.values(), extraction.graph);
  if (declarations.size === 0) return byFile;
  const merged = new Map(byFile) as Map<string, Diagnostic[]> & { key?: string };
  merged.key = byFile.key;
  for (const [file, list] of declarations) merged.set(file, [...(merged.get(file) ?? []), ...list]);
  return merged;
}

function checkFile(facts: FileFacts, context: SetupContext, resolved: ResolutionCache, _noModels: boolean): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const add = (diagnostic: Diagnostic) => diagnostics.push(diagnostic);
  const unresolved: FileFacts["runtimeImports"] = [];
  for (const runtimeImport of facts.runtimeImports) {
    if (context.engineError !== undefined) {
      add(
        setupDiagnostic(
          facts.fileName,
          runtimeImport.span,
          `eloquent-ts-plugin could not load the rule engine (eloquent-engine), so relations in this project are not checked: ${context.engineError}`,
          "Install the runtime next to the plugin (npm install eloquent-orm eloquent-ts-plugin) and restart the TypeScript server.",
        ),
      );
      break;
    }
    if (!isResolvable(runtimeImport.module, facts.fileName, context, resolved)) {
      unresolved.push(runtimeImport);
      continue;
    }
    // A project without models, and classes not understood as models: the model-declaration rule (model-forms.ts).
  }
  if (unresolved.length > 0) {
    // One diagnostic per file, on the first such import: the fix is one install, not one per import line.
    const modules = [...new Set(unresolved.map((runtimeImport) => runtimeImport.module))];
    const seed = modules.filter(isSeedModule);
    const quoted = modules.map((module) => `'${module}'`);
    const named = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]!}`;
    diagnostics.unshift(
      setupDiagnostic(
        facts.fileName,
        unresolved[0]!.span,
        `${named} cannot be resolved from this file, so these models will not run (relations are still checked from source).`,
        seed.length > 0
          ? `Install eloquent-orm under the seed's name (npm install @alpha.consultings/eloquent-orm.js@npm:eloquent-orm-seed), or map it in tsconfig.json: "paths": { ${seed.map((module) => `"${module}": ["./node_modules/eloquent-orm/dist/seed-${module.endsWith("/Model") ? "model-" : ""}entry.d.ts"]`).join(", ")} }.`
          : `Run npm install eloquent-orm in this project (check "moduleResolution": "node16" or "bundler" in tsconfig.json).`,
      ),
    );
  }
  return diagnostics;
}

function isResolvable(specifier: string, fromFile: string, context: SetupContext, cache: Map<string, boolean>): boolean {
  const key = `${fromFile.slice(0, fromFile.lastIndexOf("/"))}\0${specifier}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let ok: boolean;
  try {
    ok = ts.resolveModuleName(specifier, fromFile, context.compilerOptions, ts.sys).resolvedModule !== undefined;
  } catch {
    ok = true; // Unknown is not a misconfiguration: never report what we could not determine.
  }
  cache.set(key, ok);
  return ok;
}
