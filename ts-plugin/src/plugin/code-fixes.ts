/**
 * Engine suggestions → quick fixes (text edits, possibly in another file): replace a misspelt literal, add
 * the missing column to another model's schema, add or remove options, add the missing inverse relation.
 */
import type * as TS from "typescript";
import type { Diagnostic, ModelNode, SourceSpan, Suggestion } from "eloquent-orm/engine";
import { spanOfNode } from "../extract/span";
import type { Snapshot } from "../analysis/project-analysis";
import { RELATION_PATH_RULE } from "../query-sites";

export interface FixContext {
  ts: typeof TS;
  snapshot: Snapshot;
  getSourceFile(fileName: string): TS.SourceFile | undefined;
  newLine: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function fixesFor(diagnostic: Diagnostic, context: FixContext): TS.CodeFixAction[] {
  const actions: TS.CodeFixAction[] = [];
  for (const suggestion of diagnostic.suggestions) {
    const changes = changesFor(diagnostic, suggestion, context);
    if (!changes || changes.length === 0) continue;
    actions.push({ fixName: `eloquent-${suggestion.kind}`, description: suggestion.description, changes });
  }
  return actions;
}

function fileChange(fileName: string, span: { start: number; end: number }, newText: string): TS.FileTextChanges {
  return { fileName, textChanges: [{ span: { start: span.start, length: span.end - span.start }, newText }] };
}

function changesFor(diagnostic: Diagnostic, suggestion: Suggestion, context: FixContext): TS.FileTextChanges[] | undefined {
  const graph = context.snapshot.extraction.graph;
  switch (suggestion.kind) {
    case "replace": {
      // Query-site paths: the diagnostic's span is the path segment itself.
      const span = diagnostic.ruleId === RELATION_PATH_RULE.id ? diagnostic.span : spanOfNode(graph, suggestion.node);
      if (!span) return undefined;
      const text = context.getSourceFile(span.file)?.text;
      if (text === undefined) return undefined;
      if (diagnostic.ruleId === RELATION_PATH_RULE.id) return [fileChange(span.file, span, suggestion.replacement)];
      const original = text.slice(span.start, span.end);
      const quote = original[0];
      const quoted = quote === '"' || quote === "'" || quote === "`";
      const newText = quoted ? `${quote}${suggestion.replacement}${quote}` : IDENTIFIER.test(suggestion.replacement) ? suggestion.replacement : JSON.stringify(suggestion.replacement);
      return [fileChange(span.file, span, newText)];
    }
    case "add-column":
      return insertSchemaEntry(context, suggestion.model, `${propertyName(suggestion.column)}: column(${JSON.stringify(suggestion.columnType)})`, "column");
    case "add-relation": {
      const options = Object.keys(suggestion.options).length > 0 ? `, ${objectText(suggestion.options)}` : "";
      return insertSchemaEntry(
        context,
        suggestion.model,
        `${propertyName(suggestion.name)}: relation(${JSON.stringify(suggestion.relationKind)}, ${JSON.stringify(suggestion.target)}${options})`,
        "relation",
      );
    }
    case "add-options":
      return addOptions(context, suggestion.node.model, suggestion.node.relation, suggestion.options);
    case "remove-option":
      return removeOption(context, suggestion.node.model, suggestion.node.relation, suggestion.node.option);
    default:
      return undefined;
  }
}

function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function objectText(options: Record<string, string>): string {
  return `{ ${Object.entries(options)
    .map(([key, value]) => `${propertyName(key)}: ${JSON.stringify(value)}`)
    .join(", ")} }`;
}

function modelNamed(context: FixContext, name: string): ModelNode | undefined {
  return context.snapshot.models.get(name);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** Adds `entry` as the last entry of a model's `static schema` (in whichever file declares it). */
function insertSchemaEntry(context: FixContext, modelName: string, entry: string, dsl: "column" | "relation"): TS.FileTextChanges[] | undefined {
  const model = modelNamed(context, modelName);
  const last = model?.loc?.schemaInsertAt;
  const schema = model?.loc?.schema;
  const file = last?.file ?? schema?.file;
  if (!model || !file) return undefined;
  const sourceFile = context.getSourceFile(file);
  if (!sourceFile) return undefined;
  const text = sourceFile.text;
  const changes: TS.TextChange[] = [];
  if (last) {
    const indent = lineIndent(text, last.start);
    let after = last.end;
    while (after < text.length && /[ \t]/.test(text[after]!)) after++;
    if (text[after] === ",") changes.push({ span: { start: after + 1, length: 0 }, newText: `${context.newLine}${indent}${entry},` });
    else changes.push({ span: { start: last.end, length: 0 }, newText: `,${context.newLine}${indent}${entry},` });
  } else if (schema) {
    const open = text.indexOf("{", schema.start);
    if (open < 0 || open >= schema.end) return undefined;
    const indent = lineIndent(text, schema.start) + "  ";
    changes.push({ span: { start: open + 1, length: 0 }, newText: `${context.newLine}${indent}  ${entry},${context.newLine}${indent}` });
  } else return undefined;
  const importChange = ensureImported(context, file, dsl);
  if (importChange) changes.unshift(importChange);
  return [{ fileName: file, textChanges: changes }];
}

/** `column` / `relation` must be in scope in the file receiving a new entry. */
function ensureImported(context: FixContext, file: string, name: "column" | "relation"): TS.TextChange | undefined {
  const facts = context.snapshot.extraction.files.get(file);
  if (!facts) return undefined;
  for (const [local, binding] of facts.imports) if (local === name || binding.name === name) return undefined;
  const runtime = facts.runtimeImports.find((runtimeImport) => !runtimeImport.module.endsWith("/Model")) ?? facts.runtimeImports[0];
  const module = runtime ? runtime.module.replace(/\/Model$/, "") : "eloquent-orm";
  return { span: { start: 0, length: 0 }, newText: `import { ${name} } from ${JSON.stringify(module)};${context.newLine}` };
}

function relationOf(context: FixContext, modelName: string, relationName: string | undefined) {
  const model = modelNamed(context, modelName);
  return relationName === undefined ? undefined : model?.relations.find((relation) => relation.name === relationName);
}

function addOptions(context: FixContext, modelName: string, relationName: string | undefined, options: Record<string, string>): TS.FileTextChanges[] | undefined {
  const relation = relationOf(context, modelName, relationName);
  const loc = relation?.loc;
  if (!loc) return undefined;
  const entries = Object.entries(options).map(([key, value]) => `${propertyName(key)}: ${JSON.stringify(value)}`);
  if (loc.options) {
    const sourceFile = context.getSourceFile(loc.options.file);
    if (!sourceFile) return undefined;
    const text = sourceFile.text.slice(loc.options.start, loc.options.end);
    if (!text.startsWith("{")) return undefined;
    // Keep an existing key of the same name out: replace its value instead.
    const changes: TS.TextChange[] = [];
    const fresh: string[] = [];
    for (const [key, value] of Object.entries(options)) {
      const existing = loc.optionValues?.[key];
      if (existing) changes.push({ span: { start: existing.start, length: existing.end - existing.start }, newText: JSON.stringify(value) });
      else fresh.push(`${propertyName(key)}: ${JSON.stringify(value)}`);
    }
    if (fresh.length > 0) {
      const close = loc.options.start + text.lastIndexOf("}");
      const inner = text.slice(1, text.lastIndexOf("}")).trim();
      if (inner === "") changes.push({ span: { start: loc.options.start, length: loc.options.end - loc.options.start }, newText: `{ ${fresh.join(", ")} }` });
      else {
        let before = close - 1;
        while (before > loc.options.start && /\s/.test(sourceFile.text[before]!)) before--;
        const hasComma = sourceFile.text[before] === ",";
        changes.push({ span: { start: before + 1, length: 0 }, newText: `${hasComma ? "" : ","} ${fresh.join(", ")}` });
      }
    }
    return [{ fileName: loc.options.file, textChanges: changes }];
  }
  const anchor: SourceSpan | undefined = loc.target ?? loc.kind;
  if (!anchor) return undefined;
  return [fileChange(anchor.file, { start: anchor.end, end: anchor.end }, `, { ${entries.join(", ")} }`)];
}

function removeOption(context: FixContext, modelName: string, relationName: string | undefined, option: string | undefined): TS.FileTextChanges[] | undefined {
  const relation = relationOf(context, modelName, relationName);
  const keySpan = option === undefined ? undefined : relation?.loc?.optionKeys?.[option];
  const valueSpan = option === undefined ? undefined : relation?.loc?.optionValues?.[option];
  if (!keySpan || !valueSpan) return undefined;
  const text = context.getSourceFile(keySpan.file)?.text;
  if (text === undefined) return undefined;
  let start = keySpan.start;
  let end = valueSpan.end;
  let cursor = end;
  while (cursor < text.length && /\s/.test(text[cursor]!)) cursor++;
  if (text[cursor] === ",") {
    // `a: 1, b: 2` → remove "a: 1, ".
    end = cursor + 1;
    while (end < text.length && /[ \t]/.test(text[end]!)) end++;
  } else {
    // Last entry: `a: 1, b: 2 }` → remove ", b: 2" (no dangling comma left behind).
    let back = start - 1;
    while (back >= 0 && /\s/.test(text[back]!)) back--;
    if (text[back] === ",") start = back;
  }
  return [fileChange(keySpan.file, { start, end }, "")];
}
