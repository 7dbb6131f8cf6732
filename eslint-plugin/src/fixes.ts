/**
 * Engine suggestions → ESLint edits in the linted file. A `replace` (did-you-mean) becomes an autofix;
 * adding a column, options or an inverse relation becomes an editor suggestion, and only when the edit
 * lands in the file being linted (ESLint cannot edit other files; the tsserver plugin's quick fixes can).
 */
import type { Diagnostic, ModelGraph, ModelNode, SourceSpan, Suggestion } from "eloquent-orm/engine";
import type { FileFacts } from "eloquent-ts-plugin/extract";
import { normalizeFileName } from "eloquent-ts-plugin/cli";
import { spanOfNode } from "eloquent-ts-plugin/extract";

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

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Edits for one suggestion, or undefined when it cannot be applied inside this file. */
export function editsFor(diagnostic: Diagnostic, suggestion: Suggestion, target: FixTarget): TextEdit[] | undefined {
  switch (suggestion.kind) {
    case "replace": {
      // Query-site paths carry the span of the path segment itself (no quotes).
      const span = suggestion.node.part === "relation-name" && diagnostic.span ? diagnostic.span : spanOfNode(target.graph, suggestion.node);
      if (!inFile(span, target)) return undefined;
      const original = target.text.slice(span.start, span.end);
      const quote = original[0];
      if (quote === '"' || quote === "'" || quote === "`") {
        // The span may cover more than the literal (`"strng" as never`): replace the literal only.
        const close = closingQuote(original, quote);
        if (close < 0) return undefined;
        return [{ range: [span.start, span.start + close + 1], text: `${quote}${escapeFor(suggestion.replacement, quote)}${quote}` }];
      }
      // An unquoted property key (`foreignkey: ...`) or a path segment inside a string.
      if (IDENTIFIER.test(original) || suggestion.node.part === "relation-name") {
        const text = IDENTIFIER.test(suggestion.replacement) || suggestion.node.part === "relation-name" ? suggestion.replacement : JSON.stringify(suggestion.replacement);
        return [{ range: [span.start, span.end], text }];
      }
      return undefined;
    }
    case "add-column":
      return insertSchemaEntry(target, suggestion.model, `${propertyName(suggestion.column)}: column(${JSON.stringify(suggestion.columnType)})`);
    case "add-relation": {
      const options = Object.keys(suggestion.options).length > 0 ? `, ${objectText(suggestion.options)}` : "";
      const entry = `${propertyName(suggestion.name)}: relation(${JSON.stringify(suggestion.relationKind)}, ${JSON.stringify(suggestion.target)}${options})`;
      return insertSchemaEntry(target, suggestion.model, entry);
    }
    case "add-options":
      return addOptions(target, suggestion.node.model, suggestion.node.relation, suggestion.options);
    case "remove-option":
      return removeOption(target, suggestion.node.model, suggestion.node.relation, suggestion.node.option);
    default:
      return undefined;
  }
}

function inFile(span: SourceSpan | undefined, target: FixTarget): span is SourceSpan {
  return span !== undefined && normalizeFileName(span.file) === target.fileName && span.end <= target.text.length;
}

function escapeFor(value: string, quote: string): string {
  return value.replace(/\\/g, "\\\\").split(quote).join(`\\${quote}`);
}

function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function objectText(options: Record<string, string>): string {
  return `{ ${Object.entries(options).map(([key, value]) => `${propertyName(key)}: ${JSON.stringify(value)}`).join(", ")} }`;
}

function modelNamed(graph: ModelGraph, name: string): ModelNode | undefined {
  return graph.models.find((model) => model.name === name);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function newLine(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** Appends `entry` after the last entry of the model's `static schema`, matching its indentation. */
function insertSchemaEntry(target: FixTarget, modelName: string, entry: string): TextEdit[] | undefined {
  const model = modelNamed(target.graph, modelName);
  const last = model?.loc?.schemaInsertAt;
  if (!inFile(last, target)) return undefined;
  const { text } = target;
  const nl = newLine(text);
  const indent = lineIndent(text, last.start);
  let after = last.end;
  while (after < text.length && /[ \t]/.test(text[after]!)) after++;
  if (text[after] === ",") return [{ range: [after + 1, after + 1], text: `${nl}${indent}${entry},` }];
  return [{ range: [last.end, last.end], text: `,${nl}${indent}${entry}` }];
}

function relationLoc(target: FixTarget, modelName: string, relationName: string | undefined) {
  if (relationName === undefined) return undefined;
  return modelNamed(target.graph, modelName)?.relations.find((relation) => relation.name === relationName)?.loc;
}

function addOptions(
  target: FixTarget,
  modelName: string,
  relationName: string | undefined,
  options: Record<string, string>,
): TextEdit[] | undefined {
  const loc = relationLoc(target, modelName, relationName);
  if (!loc) return undefined;
  const { text } = target;
  if (loc.options) {
    if (!inFile(loc.options, target)) return undefined;
    const objectText_ = text.slice(loc.options.start, loc.options.end);
    if (!objectText_.startsWith("{") || !objectText_.endsWith("}")) return undefined;
    const edits: TextEdit[] = [];
    const fresh: string[] = [];
    for (const [key, value] of Object.entries(options)) {
      // An existing key of the same name gets its value replaced rather than a duplicate key.
      const existing = loc.optionValues?.[key];
      if (existing && inFile(existing, target)) edits.push({ range: [existing.start, existing.end], text: JSON.stringify(value) });
      else fresh.push(`${propertyName(key)}: ${JSON.stringify(value)}`);
    }
    if (fresh.length > 0) {
      const close = loc.options.end - 1;
      const inner = objectText_.slice(1, -1);
      if (inner.trim() === "") {
        edits.push({ range: [loc.options.start, loc.options.end], text: `{ ${fresh.join(", ")} }` });
      } else {
        let before = close - 1;
        while (before > loc.options.start && /\s/.test(text[before]!)) before--;
        const multiline = inner.includes("\n");
        if (multiline) {
          const indent = lineIndent(text, (loc.optionKeys && Object.values(loc.optionKeys)[0]?.start) ?? before);
          const separator = text[before] === "," ? "" : ",";
          edits.push({ range: [before + 1, before + 1], text: `${separator}${fresh.map((entry) => `${newLine(text)}${indent}${entry},`).join("")}` });
        } else {
          edits.push({ range: [before + 1, before + 1], text: `${text[before] === "," ? "" : ","} ${fresh.join(", ")}` });
        }
      }
    }
    return edits;
  }
  const anchor = loc.target ?? loc.kind;
  if (!inFile(anchor, target)) return undefined;
  return [{ range: [anchor.end, anchor.end], text: `, ${objectText(options)}` }];
}

function removeOption(
  target: FixTarget,
  modelName: string,
  relationName: string | undefined,
  option: string | undefined,
): TextEdit[] | undefined {
  const loc = relationLoc(target, modelName, relationName);
  const key = option === undefined ? undefined : loc?.optionKeys?.[option];
  const value = option === undefined ? undefined : loc?.optionValues?.[option];
  if (!inFile(key, target) || !inFile(value, target)) return undefined;
  const { text } = target;
  let end = value.end;
  let cursor = end;
  while (cursor < text.length && /\s/.test(text[cursor]!)) cursor++;
  if (text[cursor] === ",") {
    end = cursor + 1;
    while (end < text.length && /[ \t]/.test(text[end]!)) end++;
  }
  return [{ range: [key.start, end], text: "" }];
}

/** Index of the quote closing the literal that opens `text`, or -1. */
function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}
