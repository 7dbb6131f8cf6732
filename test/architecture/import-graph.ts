/**
 * The repository's import graph, read from source text: which module imports which, and whether an
 * import is value-level (kept in the emitted JavaScript) or type-only (erased). Good enough for the
 * dependency rules: the code is ours, written with plain `import … from "…"` statements.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

export const REPO_ROOT = resolve(__dirname, "../..");

export interface ImportEdge {
  from: string;
  specifier: string;
  /** Repository-relative file for relative imports. */
  target?: string;
  typeOnly: boolean;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ts$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
    }
  };
  walk(join(REPO_ROOT, dir));
  return out.map((f) => relative(REPO_ROOT, f));
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/gm;
const SIDE_EFFECT = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC = /\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)/g;

export function importsOf(file: string): ImportEdge[] {
  const text = withoutComments(readFileSync(join(REPO_ROOT, file), "utf8"));
  const edges: ImportEdge[] = [];
  // `${…}` only appears in generated code held in template strings, never in a real import.
  const add = (specifier: string, typeOnly: boolean) =>
    !specifier.includes("${") && edges.push({ from: file, specifier, typeOnly, ...target(file, specifier) });
  for (const m of text.matchAll(IMPORT)) {
    const clause = m[3] ?? "";
    // `import { type A, type B }` is erased too.
    const allTypes =
      /^\{[^}]*\}$/.test(clause.trim()) &&
      clause
        .replace(/[{}\s]/g, "")
        .split(",")
        .filter(Boolean)
        .every((n) => n.startsWith("type"));
    add(m[4]!, Boolean(m[2]) || allTypes);
  }
  for (const m of text.matchAll(SIDE_EFFECT)) add(m[1]!, false);
  for (const m of text.matchAll(DYNAMIC)) {
    const spec = m[1] ?? m[2]!;
    // `import("./x").T` in a type position is erased; only require() is a runtime load.
    add(spec, m[1] === undefined);
  }
  return edges;
}

/** Block comments and whole-line comments out, so examples in doc comments are not read as imports. */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

function target(file: string, specifier: string): { target?: string } {
  if (!specifier.startsWith(".")) return {};
  const base = join(dirname(join(REPO_ROOT, file)), specifier);
  for (const c of [`${base}.ts`, join(base, "index.ts")]) if (existsSync(c)) return { target: relative(REPO_ROOT, c) };
  return {};
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`). */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Strongly connected components of more than one file (or a file importing itself): import cycles. */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (e.target) (next.get(e.from) ?? next.set(e.from, []).get(e.from)!).push(e.target);
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of next.keys()) if (!idx.has(v)) visit(v);
  return found;
}
