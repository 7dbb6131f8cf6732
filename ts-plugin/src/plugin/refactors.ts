/**
 * Refactorings on a relation entry that no diagnostic anchors: "Add the inverse relation to Y". The inverse's
 * shape (kind, name, keys) comes from the engine (`inverseRelationSuggestion`), the edits from the shared
 * `fixes`, like every quick fix.
 */
import type * as TS from "typescript";
import type { Diagnostic, RelationNode, Suggestion } from "eloquent-engine";
import type { Snapshot } from "eloquent-analyzer";
import { suggestionEdits } from "eloquent-analyzer";
import { snapshotIndex } from "./snapshot-index";

export const INVERSE_REFACTOR = "eloquent-add-inverse";
const INVERSE_ACTION = "add-inverse-relation";

function inverseAt(snapshot: Snapshot, fileName: string, position: number): Extract<Suggestion, { kind: "add-relation" }> | undefined {
  const engine = snapshot.engine;
  if (!engine) return undefined;
  for (const model of snapshot.extraction.graph.models) {
    if (model.loc?.name?.file !== fileName) continue;
    const relation: RelationNode | undefined = model.relations.find((candidate) => {
      const entry = candidate.loc?.entry;
      return entry !== undefined && position >= entry.start && position <= entry.end;
    });
    if (!relation) continue;
    const index = snapshotIndex(snapshot, engine);
    const declaring = index.models.find((candidate) => candidate.node === model);
    return declaring ? engine.inverseRelationSuggestion(index, declaring, relation) : undefined;
  }
  return undefined;
}

const positionOf = (positionOrRange: number | TS.TextRange) =>
  typeof positionOrRange === "number" ? positionOrRange : positionOrRange.pos;

export function eloquentRefactors(
  snapshot: Snapshot,
  fileName: string,
  positionOrRange: number | TS.TextRange,
): TS.ApplicableRefactorInfo[] {
  const suggestion = inverseAt(snapshot, fileName, positionOf(positionOrRange));
  if (!suggestion) return [];
  return [
    {
      name: INVERSE_REFACTOR,
      description: "Add the inverse relation",
      actions: [{ name: INVERSE_ACTION, description: suggestion.description, kind: "refactor.rewrite.eloquent.inverse" }],
    },
  ];
}

export function eloquentRefactorEdits(
  snapshot: Snapshot,
  program: TS.Program,
  fileName: string,
  positionOrRange: number | TS.TextRange,
  newLine: string,
): TS.RefactorEditInfo | undefined {
  const suggestion = inverseAt(snapshot, fileName, positionOf(positionOrRange));
  if (!suggestion) return undefined;
  // add-relation edits do not read the diagnostic; this refactoring has none.
  const edits = suggestionEdits({ suggestions: [suggestion] } as unknown as Diagnostic, suggestion, {
    graph: snapshot.extraction.graph,
    text: (name) => program.getSourceFile(name)?.text,
    facts: (name) => snapshot.extraction.files.get(name),
    newLine,
  });
  if (!edits || edits.length === 0) return undefined;
  const byFile = new Map<string, TS.TextChange[]>();
  for (const edit of edits)
    byFile.set(edit.fileName, [
      ...(byFile.get(edit.fileName) ?? []),
      { span: { start: edit.start, length: edit.end - edit.start }, newText: edit.newText },
    ]);
  return { edits: [...byFile].map(([name, textChanges]) => ({ fileName: name, textChanges })) };
}
