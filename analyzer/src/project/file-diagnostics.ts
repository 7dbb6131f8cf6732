/**
 * Diagnostics of one linted file: the engine's (run once per distinct project graph, grouped by file)
 * plus the query-site paths found in this file. Every ESLint rule of the plugin reads from here and
 * reports only its own rule id, so a lint of N rules costs one lookup, not N engine runs.
 */
import type { Diagnostic } from "eloquent-engine";
import { MAY_HAVE_QUERY_SITES, querySiteDiagnostics } from "../query-sites/diagnostics";
import { normalizeFileName } from "./tsconfig";
import { loadTypeScript, ts } from "../typescript";
import { locateEngineDiagnostics } from "./located-diagnostics";
import { modelDeclarationDiagnostics } from "../setup/model-forms";
import { projectGraphFor, type LintedFile, type ProjectGraph } from "./project-graph";

export interface FileReport {
  fileName: string;
  project: ProjectGraph;
  /** This file's diagnostics, every rule. */
  diagnostics: Diagnostic[];
}

const MAX_CACHED_GRAPHS = 8;
/** graph key → diagnostics by normalized file name. */
const engineRuns = new Map<string, Map<string, Diagnostic[]>>();

/** Engine counters, for tests and the benchmark: how often the engine actually ran. */
export const engineStats = { runs: 0 };

export function diagnosticsByFile(project: ProjectGraph): Map<string, Diagnostic[]> {
  let byFile = engineRuns.get(project.key);
  if (byFile) {
    // Refresh recency for the LRU.
    engineRuns.delete(project.key);
    engineRuns.set(project.key, byFile);
    return byFile;
  }
  engineStats.runs++;
  if (process.env.ELOQUENT_ESLINT_TRACE === "1") {
    process.stderr.write(`eloquent: engine run #${engineStats.runs} (${project.graph.models.length} models, ${project.mode})\n`);
  }
  // Unplaced diagnostics have nowhere to show in ESLint (the CLI lists them under "(project)").
  byFile = locateEngineDiagnostics(project.graph).byFile;
  engineRuns.set(project.key, byFile);
  if (engineRuns.size > MAX_CACHED_GRAPHS) engineRuns.delete(engineRuns.keys().next().value!);
  return byFile;
}

/** A JavaScript file that can hold no model or query site (eslint.config.mjs, scripts): not analyzed at all. */
const JS_FILE = /\.[cm]?jsx?$/;
const MAY_CONCERN_ELOQUENT =
  /["'](?:eloquent-orm|@alpha\.consultings\/eloquent-orm\.js)|static\s+schema|\bthis\s*\.\s*(?:hasOne|hasMany|belongsTo|belongsToMany|morphOne|morphMany|morphTo)\s*\(/;
const NO_PROJECT: ProjectGraph = { mode: "untyped", key: "", graph: { models: [] }, files: new Map() };

export function reportForFile(file: LintedFile): FileReport {
  const fileName = normalizeFileName(file.fileName);
  if (JS_FILE.test(fileName) && !MAY_CONCERN_ELOQUENT.test(file.text) && !MAY_HAVE_QUERY_SITES.test(file.text)) {
    return { fileName, project: NO_PROJECT, diagnostics: [] };
  }
  const project = projectGraphFor(file);
  const diagnostics = [
    ...(diagnosticsByFile(project).get(fileName) ?? []),
    ...querySitesOf(file, fileName, project),
    ...modelDeclarationsOf(fileName, project),
  ];
  return { fileName, project, diagnostics };
}

function querySitesOf(file: LintedFile, fileName: string, project: ProjectGraph): Diagnostic[] {
  if (project.graph.models.length === 0 || !MAY_HAVE_QUERY_SITES.test(file.text)) return [];
  loadTypeScript();
  const sourceFile = file.sourceFile ?? ts.createSourceFile(fileName, file.text, ts.ScriptTarget.Latest, true);
  return querySiteDiagnostics(sourceFile, fileName, project.graph, project.files.get(fileName), project.checker);
}

/** The model-declaration diagnostics of this file (classes not understood as models, a project without models). */
function modelDeclarationsOf(fileName: string, project: ProjectGraph): Diagnostic[] {
  const facts = project.files.get(fileName);
  if (facts === undefined || facts.runtimeImports.length === 0) return [];
  if (project.graph.models.length > 0 && !facts.classes.some((cls) => cls.declares.schema)) return [];
  return modelDeclarationDiagnostics([facts], project.graph).get(facts.fileName) ?? [];
}
