/**
 * Test support: maps an engine NodeRef to a line of a fixture's source by a small scan of the
 * text (the runtime has no source spans). Deliberately simple — it understands object literals,
 * call arguments, strings and comments, which is all the fixtures use. Not part of the engine.
 */
import type { NodeRef } from "eloquent-engine";

interface Range {
  start: number;
  end: number;
}

interface Entry {
  key: string;
  keyStart: number;
  value: Range;
}

/** Skips a string/comment starting at `i`; returns the index after it, or `i` when none starts there. */
function skipTrivia(text: string, i: number): number {
  const c = text[i];
  if (c === "/" && text[i + 1] === "/") {
    const nl = text.indexOf("\n", i);
    return nl < 0 ? text.length : nl;
  }
  if (c === "/" && text[i + 1] === "*") {
    const close = text.indexOf("*/", i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === '"' || c === "'" || c === "`") {
    let j = i + 1;
    while (j < text.length && text[j] !== c) j += text[j] === "\\" ? 2 : 1;
    return j + 1;
  }
  return i;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    while (i < text.length && /\s/.test(text[i])) i++;
    if (text[i] === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
      i = skipTrivia(text, i);
      continue;
    }
    return i;
  }
}

/** Splits the contents of a bracketed list starting at `open` into top-level comma-separated items. */
function items(text: string, open: number): Range[] {
  const closeOf: Record<string, string> = { "(": ")", "{": "}", "[": "]" };
  const result: Range[] = [];
  let depth = 0;
  let start = skipSpace(text, open + 1);
  let i = open + 1;
  while (i < text.length) {
    const skipped = skipTrivia(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (c === "(" || c === "{" || c === "[") depth++;
    else if (c === ")" || c === "}" || c === "]") {
      if (depth === 0) {
        if (c !== closeOf[text[open]]) throw new Error(`unbalanced ${c} at ${i}`);
        if (text.slice(start, i).trim() !== "") result.push({ start, end: trimEnd(text, start, i) });
        return result;
      }
      depth--;
    } else if (c === "," && depth === 0) {
      result.push({ start, end: trimEnd(text, start, i) });
      start = skipSpace(text, i + 1);
    }
    i++;
  }
  return result;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Entries of the object literal whose `{` is at `open`. */
function objectEntries(text: string, open: number): Entry[] {
  const entries: Entry[] = [];
  for (const item of items(text, open)) {
    const m = /^(?:"([^"]*)"|'([^']*)'|([A-Za-z_$][\w$]*))\s*:/.exec(text.slice(item.start, item.end));
    if (!m) continue;
    const key = m[1] ?? m[2] ?? m[3];
    entries.push({ key, keyStart: item.start, value: { start: skipSpace(text, item.start + m[0].length), end: item.end } });
  }
  return entries;
}

/** Arguments of the call whose value starts at `value` (e.g. `relation("hasMany", ...)`). */
function callArgs(text: string, value: Range): Range[] {
  const paren = text.indexOf("(", value.start);
  if (paren < 0 || paren > value.end) return [];
  return items(text, paren);
}

function findClass(text: string, model: string): { start: number; end: number } | undefined {
  const re = new RegExp(`class\\s+${model}\\b`, "g");
  const m = re.exec(text);
  if (!m) return undefined;
  const next = text.slice(m.index + 1).search(/\bclass\s+[A-Z]/);
  return { start: m.index, end: next < 0 ? text.length : m.index + 1 + next };
}

function staticMember(text: string, cls: { start: number; end: number }, member: string): number | undefined {
  const re = new RegExp(`static\\s+(?:readonly\\s+)?${member}\\b`, "g");
  re.lastIndex = cls.start;
  const m = re.exec(text);
  return m && m.index < cls.end ? m.index : undefined;
}

/** 1-based line of an offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The offset a NodeRef points at in `text`, or undefined when the model is not declared there. */
export function locateNode(text: string, node: NodeRef): number | undefined {
  const cls = findClass(text, node.model);
  if (cls === undefined) return undefined;
  const member = (name: string) => staticMember(text, cls, name) ?? cls.start;
  switch (node.part) {
    case "model":
      return cls.start;
    case "table":
      return member("tableName");
    case "morphAlias":
      return member("morphAlias");
    case "database":
      return member("database");
    default:
      break;
  }
  const schemaAt = staticMember(text, cls, "schema");
  if (schemaAt === undefined) return cls.start;
  const open = text.indexOf("{", schemaAt);
  const entries = objectEntries(text, open);
  const name = node.relation ?? node.column;
  const entry = entries.find((e) => e.key === name);
  if (entry === undefined && node.relation !== undefined) {
    // A relation method (`posts() { return this.hasMany(Post, "user_id"); }`): its name, or its call.
    const method = new RegExp(`\\n\\s*${node.relation}\\(\\)\\s*\\{`, "g");
    method.lastIndex = cls.start;
    const m = method.exec(text);
    if (m && m.index < cls.end) {
      const call = text.indexOf("this.", m.index);
      return node.part === "relation" || node.part === "relation-name" ? m.index + m[0].search(/\S/) : call;
    }
  }
  if (entry === undefined) return schemaAt;
  const args = callArgs(text, entry.value);
  switch (node.part) {
    case "column":
    case "relation":
    case "relation-name":
      return entry.keyStart;
    case "column-type":
    case "kind":
      return args[0]?.start ?? entry.keyStart;
    case "target":
      return args[1]?.start ?? entry.keyStart;
    default:
      break;
  }
  const options = args[2];
  if (options === undefined) return entry.keyStart;
  if (node.part === "options" || text[options.start] !== "{") return options.start;
  const option = objectEntries(text, options.start).find((e) => e.key === node.option);
  if (option === undefined) return options.start;
  return node.part === "option-key" ? option.keyStart : option.value.start;
}
