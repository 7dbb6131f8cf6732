/**
 * Engine suggestions → plain text edits: replace a misspelt literal, add a column or relation to a model's
 * schema (in whichever file declares it, importing `column`/`relation` when missing), add or remove options.
 * Pure (no tsserver or ESLint types): the tsserver quick fixes and the ESLint fixes/suggestions only
 * translate these edits into their own format.
 */
import type { Diagnostic, ModelGraph, ModelNode, SourceSpan, Suggestion } from "eloquent-engine";
import type { FileFacts } from "../extract/file-facts";
import { spanOfNode } from "../extract/span";

export interface SourceEdit {
  fileName: string;
  start: number;
  end: number;
  newText: string;
  /** The edit creates this file (it does not exist yet; start = end = 0). */
  isNewFile?: boolean;
}

export interface FixSources {
  /** The graph the diagnostics were computed from (its spans locate the edits). */
  graph: ModelGraph;
  /** Current text of a file, or undefined when it cannot be edited (then no edit is produced there). */
  text(fileName: string): string | undefined;
  /** Extraction facts of a file: which names it imports (for a new entry's `column`/`relation` import). */
  facts?(fileName: string): FileFacts | undefined;
  /** Line break for inserted lines; default: the file's own. */
  newLine?: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Edits applying one suggestion, or undefined when it cannot be applied to the available texts. */
export function suggestionEdits(diagnostic: Diagnostic, suggestion: Suggestion, sources: FixSources): SourceEdit[] | undefined {
  switch (suggestion.kind) {
    case "replace":
      return replaceLiteral(diagnostic, suggestion, sources);
    case "add-column":
      return insertSchemaEntry(
        sources,
        suggestion.model,
        `${propertyName(suggestion.column)}: column(${JSON.stringify(suggestion.columnType)})`,
        "column",
      );
    case "add-relation": {
      const options = Object.keys(suggestion.options).length > 0 ? `, ${objectText(suggestion.options)}` : "";
      const entry = `${propertyName(suggestion.name)}: relation(${JSON.stringify(suggestion.relationKind)}, ${JSON.stringify(suggestion.target)}${options})`;
      return insertSchemaEntry(sources, suggestion.model, entry, "relation");
    }
    case "add-options":
      return addOptions(sources, suggestion.node.model, suggestion.node.relation, suggestion.options);
    case "remove-option":
      return removeOption(sources, suggestion.node.model, suggestion.node.relation, suggestion.node.option);
    case "create-model":
      return createModel(sources, suggestion);
    default:
      return undefined;
  }
}

/** The text of the span's file when the span lies inside it (a stale span yields undefined). */
function textAt(sources: FixSources, span: SourceSpan | undefined): string | undefined {
  if (span === undefined) return undefined;
  const text = sources.text(span.file);
  return text !== undefined && span.end <= text.length ? text : undefined;
}

function edit(fileName: string, start: number, end: number, newText: string): SourceEdit {
  return { fileName, start, end, newText };
}

function replaceLiteral(
  diagnostic: Diagnostic,
  suggestion: Extract<Suggestion, { kind: "replace" }>,
  sources: FixSources,
): SourceEdit[] | undefined {
  // Query-site paths carry the span of the path segment itself (no quotes).
  const segment = suggestion.node.part === "relation-name";
  const span = segment && diagnostic.span ? diagnostic.span : spanOfNode(sources.graph, suggestion.node);
  const text = textAt(sources, span);
  if (span === undefined || text === undefined) return undefined;
  const original = text.slice(span.start, span.end);
  const quote = original[0];
  if (quote === '"' || quote === "'" || quote === "`") {
    // The span may cover more than the literal (`"strng" as never`): replace the literal only.
    const close = closingQuote(original, quote);
    if (close < 0) return undefined;
    return [edit(span.file, span.start, span.start + close + 1, `${quote}${escapeFor(suggestion.replacement, quote)}${quote}`)];
  }
  // An unquoted property key (`foreignkey: ...`) or a path segment inside a string.
  if (IDENTIFIER.test(original) || segment) {
    const newText = IDENTIFIER.test(suggestion.replacement) || segment ? suggestion.replacement : JSON.stringify(suggestion.replacement);
    return [edit(span.file, span.start, span.end, newText)];
  }
  return undefined;
}

function escapeFor(value: string, quote: string): string {
  return value.replace(/\\/g, "\\\\").split(quote).join(`\\${quote}`);
}

/** Index of the quote closing the literal that opens `text`, or -1. */
function closingQuote(text: string, quote: string): number {
  for (let i = 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

function objectText(options: Record<string, string>): string {
  return `{ ${Object.entries(options)
    .map(([key, value]) => `${propertyName(key)}: ${JSON.stringify(value)}`)
    .join(", ")} }`;
}

function modelNamed(graph: ModelGraph, name: string): ModelNode | undefined {
  return graph.models.find((model) => model.name === name);
}

function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function newLineOf(sources: FixSources, text: string): string {
  return sources.newLine ?? (text.includes("\r\n") ? "\r\n" : "\n");
}

/** Adds `entry` as the last entry of a model's `static schema`, matching its indentation. */
function insertSchemaEntry(sources: FixSources, modelName: string, entry: string, dsl: "column" | "relation"): SourceEdit[] | undefined {
  const model = modelNamed(sources.graph, modelName);
  const last = model?.loc?.schemaInsertAt;
  const schema = model?.loc?.schema;
  const anchor = last ?? schema;
  const text = textAt(sources, anchor);
  if (anchor === undefined || text === undefined) return undefined;
  const nl = newLineOf(sources, text);
  const edits: SourceEdit[] = [];
  if (last) {
    const indent = lineIndent(text, last.start);
    let after = last.end;
    while (after < text.length && /[ \t]/.test(text[after]!)) after++;
    if (text[after] === ",") edits.push(edit(last.file, after + 1, after + 1, `${nl}${indent}${entry},`));
    else edits.push(edit(last.file, last.end, last.end, `,${nl}${indent}${entry},`));
  } else {
    // An empty schema: `static schema = {}`.
    const open = text.indexOf("{", anchor.start);
    if (open < 0 || open >= anchor.end) return undefined;
    const indent = lineIndent(text, anchor.start) + "  ";
    edits.push(edit(anchor.file, open + 1, open + 1, `${nl}${indent}  ${entry},${nl}${indent}`));
  }
  const importEdit = ensureImported(sources, anchor.file, dsl, nl);
  if (importEdit) edits.unshift(importEdit);
  return edits;
}

/** `column` / `relation` must be in scope in the file receiving a new entry. */
function ensureImported(sources: FixSources, file: string, name: "column" | "relation", nl: string): SourceEdit | undefined {
  const facts = sources.facts?.(file);
  if (!facts) return undefined;
  for (const [local, binding] of facts.imports) if (local === name || binding.name === name) return undefined;
  const runtime = facts.runtimeImports.find((runtimeImport) => !runtimeImport.module.endsWith("/Model")) ?? facts.runtimeImports[0];
  const module = runtime ? runtime.module.replace(/\/Model$/, "") : "eloquent-orm";
  return edit(file, 0, 0, `import { ${name} } from ${JSON.stringify(module)};${nl}`);
}

function relationLoc(graph: ModelGraph, modelName: string, relationName: string | undefined) {
  if (relationName === undefined) return undefined;
  return modelNamed(graph, modelName)?.relations.find((relation) => relation.name === relationName)?.loc;
}

function addOptions(
  sources: FixSources,
  modelName: string,
  relationName: string | undefined,
  options: Record<string, string>,
): SourceEdit[] | undefined {
  const loc = relationLoc(sources.graph, modelName, relationName);
  if (!loc) return undefined;
  if (!loc.options) {
    const anchor = loc.target ?? loc.kind;
    const text = textAt(sources, anchor);
    if (anchor === undefined || text === undefined) return undefined;
    // The seed's object-literal entry (`{ kind: "relation", relation: …, model: "Tag" }`): add an `options` property.
    const property = /[\w$"']\s*:\s*$/.test(text.slice(Math.max(0, anchor.start - 40), anchor.start));
    return [edit(anchor.file, anchor.end, anchor.end, property ? `, options: ${objectText(options)}` : `, ${objectText(options)}`)];
  }
  const span = loc.options;
  const text = textAt(sources, span);
  if (text === undefined) return undefined;
  const object = text.slice(span.start, span.end);
  if (!object.startsWith("{") || !object.endsWith("}")) return undefined;
  const edits: SourceEdit[] = [];
  const fresh: string[] = [];
  for (const [key, value] of Object.entries(options)) {
    // An existing key of the same name gets its value replaced rather than a duplicate key.
    const existing = loc.optionValues?.[key];
    if (existing && textAt(sources, existing) !== undefined)
      edits.push(edit(existing.file, existing.start, existing.end, JSON.stringify(value)));
    else fresh.push(`${propertyName(key)}: ${JSON.stringify(value)}`);
  }
  if (fresh.length === 0) return edits;
  const inner = object.slice(1, -1);
  if (inner.trim() === "") {
    edits.push(edit(span.file, span.start, span.end, `{ ${fresh.join(", ")} }`));
    return edits;
  }
  let before = span.end - 2;
  while (before > span.start && /\s/.test(text[before]!)) before--;
  const separator = text[before] === "," ? "" : ",";
  if (inner.includes("\n")) {
    const indent = lineIndent(text, (loc.optionKeys && Object.values(loc.optionKeys)[0]?.start) ?? before);
    const nl = newLineOf(sources, text);
    edits.push(edit(span.file, before + 1, before + 1, `${separator}${fresh.map((entry) => `${nl}${indent}${entry},`).join("")}`));
  } else {
    edits.push(edit(span.file, before + 1, before + 1, `${separator} ${fresh.join(", ")}`));
  }
  return edits;
}

function removeOption(
  sources: FixSources,
  modelName: string,
  relationName: string | undefined,
  option: string | undefined,
): SourceEdit[] | undefined {
  const loc = relationLoc(sources.graph, modelName, relationName);
  const key = option === undefined ? undefined : loc?.optionKeys?.[option];
  const value = option === undefined ? undefined : loc?.optionValues?.[option];
  const text = textAt(sources, key);
  if (key === undefined || value === undefined || text === undefined || value.end > text.length) return undefined;
  let start = key.start;
  let end = value.end;
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
  return [edit(key.file, start, end, "")];
}

/** A new model class beside `besides`: appended to its file, or in a new file next to it (same imports). */
function createModel(sources: FixSources, suggestion: Extract<Suggestion, { kind: "create-model" }>): SourceEdit[] | undefined {
  const besides = modelNamed(sources.graph, suggestion.besides);
  const nameSpan = besides?.loc?.name;
  const text = textAt(sources, nameSpan);
  if (!besides || !nameSpan || text === undefined || modelNamed(sources.graph, suggestion.model)) return undefined;
  // The same base class as the model that refers to it (`extends SqlModel`, or the project's own base).
  const base = /^\s*(?:<[^>]*>)?\s*extends\s+([\w$.]+)/.exec(text.slice(nameSpan.end))?.[1];
  if (base === undefined) return undefined;
  const nl = newLineOf(sources, text);
  const entries = Object.entries(suggestion.columns).map(
    ([name, type], index) =>
      `    ${propertyName(name)}: column(${JSON.stringify(type)}${index === 0 && type === "increments" ? ", undefined, { primary: true }" : ""}),`,
  );
  const columnName = localNameOf(sources.facts?.(nameSpan.file), "column") ?? "column";
  const tableLine = suggestion.table === undefined ? [] : [`  static tableName = ${JSON.stringify(suggestion.table)};`];
  const body = [
    `export class ${suggestion.model} extends ${base} {`,
    ...tableLine,
    "  static schema = {",
    ...entries.map((entry) => entry.replace("column(", `${columnName}(`)),
    "  };",
    "}",
  ].join(nl);
  if (suggestion.placement === "same-file") {
    const importEdit = entries.length > 0 ? ensureImported(sources, nameSpan.file, "column", nl) : undefined;
    const trailing = text.endsWith("\n") ? "" : nl;
    return [...(importEdit ? [importEdit] : []), edit(nameSpan.file, text.length, text.length, `${trailing}${nl}${body}${nl}`)];
  }
  const directory = nameSpan.file.slice(0, nameSpan.file.lastIndexOf("/") + 1);
  const extension = /\.[cm]?[jt]sx?$/.exec(nameSpan.file)?.[0] ?? ".ts";
  const fileName = `${directory}${kebab(suggestion.model)}${extension}`;
  if (sources.text(fileName) !== undefined) return undefined;
  // The new file imports what the class needs the way the referring file does (relative paths stay valid: same folder).
  const facts = sources.facts?.(nameSpan.file);
  const wanted = [base.split(".")[0]!, ...(entries.length > 0 ? [columnName] : [])];
  const lines: string[] = [];
  const byModule = new Map<string, string[]>();
  for (const local of wanted) {
    const binding = facts?.imports.get(local);
    if (!binding) continue;
    if (binding.name === "*" || binding.name === "default")
      lines.push(
        binding.name === "*"
          ? `import * as ${local} from ${JSON.stringify(binding.module)};`
          : `import ${local} from ${JSON.stringify(binding.module)};`,
      );
    else
      byModule.set(binding.module, [
        ...(byModule.get(binding.module) ?? []),
        binding.name === local ? local : `${binding.name} as ${local}`,
      ]);
  }
  for (const [module, names] of byModule) lines.push(`import { ${names.join(", ")} } from ${JSON.stringify(module)};`);
  return [{ fileName, start: 0, end: 0, newText: `${lines.join(nl)}${lines.length > 0 ? nl + nl : ""}${body}${nl}`, isNewFile: true }];
}

function localNameOf(facts: FileFacts | undefined, imported: string): string | undefined {
  for (const [local, binding] of facts?.imports ?? []) if (binding.name === imported) return local;
  return undefined;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}
