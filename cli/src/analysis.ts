/** Project-level analysis shared by `check` and `graph`: engine + query sites over every loaded project. */
import { DATABASE_RULES, RULES, type Diagnostic, type ModelGraph } from "eloquent-engine";
import {
  locateEngineDiagnostics,
  MAY_HAVE_QUERY_SITES,
  MODEL_DECLARATION_RULE,
  modelDeclarationDiagnostics,
  normalizeFileName,
  parseForExtraction,
  querySiteDiagnostics,
  RELATION_PATH_RULE,
} from "eloquent-analyzer";
import { readText } from "./io";
import type { LoadedProjects } from "./load";

/** Every rule `eloquent check` can report: the engine's, relation paths at query sites, model declarations, and (with --db) the database rules. */
export const CHECK_RULES = [...RULES, RELATION_PATH_RULE, MODEL_DECLARATION_RULE, ...DATABASE_RULES];

/**
 * Engine over every project graph, plus the query sites of the reported files; each diagnostic
 * located, then kept when it is in a reported file.
 */
export function checkAll(loaded: LoadedProjects): Diagnostic[] {
  const all: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const project of loaded.graphs) {
    const modelFiles = new Map(project.link.models.map((m) => [m.node.name, normalizeFileName(m.file)]));
    const located = locateEngineDiagnostics(project.graph);
    const found = [...[...located.byFile.values()].flat(), ...located.unplaced];
    for (const fileName of project.fileNames) {
      if (loaded.reportFiles && !loaded.reportFiles.has(fileName)) continue;
      const text = readText(fileName);
      if (text === undefined || !MAY_HAVE_QUERY_SITES.test(text)) continue;
      const sourceFile = parseForExtraction(fileName, text);
      found.push(...querySiteDiagnostics(sourceFile, fileName, project.graph, project.files.get(fileName)));
    }
    // Classes not understood as models, and files importing the package in a project without models.
    for (const list of modelDeclarationDiagnostics(project.files.values(), project.graph).values()) found.push(...list);
    // Classes not understood as models, and files importing the package in a project without models.
    for (const list of modelDeclarationDiagnostics(project.files.values(), project.graph).values()) found.push(...list);
    for (const diagnostic of found) {
      const file = diagnostic.span ? normalizeFileName(diagnostic.span.file) : modelFiles.get(diagnostic.node.model);
      if (loaded.reportFiles && (file === undefined || !loaded.reportFiles.has(file))) continue;
      // Two projects can share files (a solution tsconfig and its references): report each problem once.
      const key = `${diagnostic.ruleId}\u0000${file ?? ""}\u0000${diagnostic.span?.start ?? ""}\u0000${diagnostic.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push(
        diagnostic.span ? { ...diagnostic, span: { ...diagnostic.span, file: normalizeFileName(diagnostic.span.file) } } : diagnostic,
      );
    }
  }
  return all;
}

export function mergedGraph(loaded: LoadedProjects): ModelGraph {
  if (loaded.graphs.length === 1) return loaded.graphs[0]!.graph;
  const seen = new Set<string>();
  const models = [];
  for (const project of loaded.graphs) {
    for (const linked of project.link.models) {
      const key = `${normalizeFileName(linked.file)}\u0000${linked.node.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      models.push(linked.node);
    }
  }
  return { models };
}
