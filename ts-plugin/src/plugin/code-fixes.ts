/**
 * Engine suggestions → tsserver quick fixes. The edits (possibly in another file: the missing column or
 * inverse relation goes to the other model's schema) come from the shared `../fixes`, like ESLint's.
 */
import type * as TS from "typescript";
import type { Diagnostic } from "eloquent-engine";
import type { Snapshot } from "eloquent-analyzer";
import { suggestionEdits, type FixSources } from "eloquent-analyzer";

export interface FixContext {
  snapshot: Snapshot;
  getSourceFile(fileName: string): TS.SourceFile | undefined;
  newLine: string;
}

export function fixesFor(diagnostic: Diagnostic, context: FixContext): TS.CodeFixAction[] {
  const sources: FixSources = {
    graph: context.snapshot.extraction.graph,
    text: (fileName) => context.getSourceFile(fileName)?.text,
    facts: (fileName) => context.snapshot.extraction.files.get(fileName),
    newLine: context.newLine,
  };
  const actions: TS.CodeFixAction[] = [];
  for (const suggestion of diagnostic.suggestions) {
    const edits = suggestionEdits(diagnostic, suggestion, sources);
    if (!edits || edits.length === 0) continue;
    const changes = new Map<string, TS.TextChange[]>();
    const newFiles = new Set<string>();
    for (const edit of edits) {
      const list = changes.get(edit.fileName) ?? [];
      list.push({ span: { start: edit.start, length: edit.end - edit.start }, newText: edit.newText });
      changes.set(edit.fileName, list);
      if (edit.isNewFile) newFiles.add(edit.fileName);
    }
    actions.push({
      fixName: `eloquent-${suggestion.kind}`,
      description: suggestion.description,
      changes: [...changes].map(([fileName, textChanges]) => ({
        fileName,
        textChanges,
        ...(newFiles.has(fileName) ? { isNewFile: true } : {}),
      })),
    });
  }
  return actions;
}
