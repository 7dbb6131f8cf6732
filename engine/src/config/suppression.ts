/**
 * Suppression comments for the static fronts (tsserver, tspc, `eloquent check`, and ESLint besides its own
 * `eslint-disable-next-line`):
 *
 *   // eloquent-disable-next-line cross-store-relation
 *   author: relation("belongsTo", "User"),
 *
 * Several ids separate with commas or spaces; `-- reason` ends the list; no id suppresses every eloquent rule
 * on that line; `eloquent/<id>` (the ESLint name) is accepted too. Pure: works on a file's text.
 */
import type { Diagnostic } from "../diagnostic";

const DIRECTIVE = /(?:\/\/|\/\*)\s*eloquent-disable-next-line\b([^\n]*)/g;

/** Line index (0-based) → the rule ids suppressed on it, or "all". */
export type Suppressions = ReadonlyMap<number, ReadonlySet<string> | "all">;

export function findSuppressions(text: string): Suppressions {
  const found = new Map<number, Set<string> | "all">();
  if (!text.includes("eloquent-disable-next-line")) return found;
  const lineStarts = lineStartsOf(text);
  for (const match of text.matchAll(DIRECTIVE)) {
    const rest = match[1]!.replace(/\*\/.*$/, "").split(" -- ")[0]!;
    const ids = rest
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => (id.startsWith("eloquent/") ? id.slice("eloquent/".length) : id));
    const target = lineOf(lineStarts, match.index!) + 1;
    const previous = found.get(target);
    if (ids.length === 0 || previous === "all") found.set(target, "all");
    else found.set(target, new Set([...(previous ?? []), ...ids]));
  }
  return found;
}

export function isSuppressed(suppressions: Suppressions, ruleId: string, line: number): boolean {
  const entry = suppressions.get(line);
  return entry !== undefined && (entry === "all" || entry.has(ruleId));
}

/** The diagnostics of one file (spans in `text`) without those a comment suppresses. */
export function withoutSuppressed(diagnostics: readonly Diagnostic[], text: string): Diagnostic[] {
  const suppressions = findSuppressions(text);
  if (suppressions.size === 0) return [...diagnostics];
  const lineStarts = lineStartsOf(text);
  return diagnostics.filter((d) => d.span === undefined || !isSuppressed(suppressions, d.ruleId, lineOf(lineStarts, d.span.start)));
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
