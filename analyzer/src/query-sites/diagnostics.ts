/**
 * Relation paths at query sites (`User.with("posts.comments")`, `load`, `withCount`, `related`, …) of one
 * file, checked by the engine's relation-path rule against the project graph. Shared by `eloquent check`
 * and the ESLint plugin so both report the same `relation-path` diagnostics as tsserver.
 */
import type * as TS from "typescript";
import { checkRelationPath, modelsByName, type Diagnostic, type ModelGraph } from "eloquent-engine";
import type { FileFacts } from "../extract";
import { findQuerySites, MAY_HAVE_QUERY_SITES } from "./find";

export { MAY_HAVE_QUERY_SITES };

export function querySiteDiagnostics(
  sourceFile: TS.SourceFile,
  fileName: string,
  graph: ModelGraph,
  facts: FileFacts | undefined,
  checker?: TS.TypeChecker,
): Diagnostic[] {
  if (graph.models.length === 0 || !MAY_HAVE_QUERY_SITES.test(sourceFile.text)) return [];
  const models = modelsByName(graph);
  const diagnostics: Diagnostic[] = [];
  for (const site of findQuerySites(sourceFile, facts, (name) => models.has(name), checker)) {
    for (const path of site.paths) {
      diagnostics.push(
        ...checkRelationPath(models, {
          method: site.method,
          root: site.root,
          path: path.path,
          parent: path.parent,
          file: fileName,
          start: path.start,
        }).diagnostics,
      );
    }
  }
  return diagnostics;
}
