/**
 * Engine suggestions → ESLint edits in the linted file. A `replace` (did-you-mean) becomes an autofix;
 * adding a column, options or an inverse relation becomes an editor suggestion, and only when every edit
 * lands in the file being linted (ESLint cannot edit other files; the tsserver plugin's quick fixes can).
 * The edits themselves come from the shared `eloquent-analyzer`, like the tsserver quick fixes.
 */
import type { Diagnostic, ModelGraph, Suggestion } from "eloquent-engine";
import type { FileFacts } from "eloquent-analyzer";
import { normalizeFileName } from "eloquent-analyzer";
import { suggestionEdits } from "eloquent-analyzer";

export interface TextEdit {
  range: [number, number];
  text: string;
}

export interface FixTarget {
  fileName: string;
  text: string;
  graph: ModelGraph;
  facts: FileFacts | undefined;
}

/** Edits for one suggestion, or undefined when it cannot be applied inside this file. */
export function editsFor(diagnostic: Diagnostic, suggestion: Suggestion, target: FixTarget): TextEdit[] | undefined {
  const inFile = (fileName: string) => normalizeFileName(fileName) === target.fileName;
  const edits = suggestionEdits(diagnostic, suggestion, {
    graph: target.graph,
    text: (fileName) => (inFile(fileName) ? target.text : undefined),
    facts: (fileName) => (inFile(fileName) ? target.facts : undefined),
  });
  if (!edits || edits.length === 0 || !edits.every((edit) => inFile(edit.fileName))) return undefined;
  return edits.map((edit) => ({ range: [edit.start, edit.end], text: edit.newText }));
}
