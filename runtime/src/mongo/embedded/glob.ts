/**
 * `like` patterns without backtracking. `where(c, "like", p)` compiles to an anchored regex of
 * literals, `[\s\S]` (`_`) and `[\s\S]*` (`%`) — fine for a server (FerretDB's Go regexp is linear),
 * but a backtracking engine like JavaScript's tries every split between the `%`s: `"%a"×10+"b"`
 * against 40 characters is ~10⁹ steps. The embedded store recognises exactly that shape and
 * matches it in linear time instead (each fixed segment at its leftmost place — which is exact
 * for `%`-separated segments — the last one at the end). Any other regex is left to the regex engine.
 */

/** One fixed-length piece between `%`s; `null` is a one-character wildcard. */
type Segment = (string | null)[];

export interface Glob {
  segments: Segment[];
  /** Whether the pattern began / ended with `%` (then that end is open). */
  openStart: boolean;
  openEnd: boolean;
  caseInsensitive: boolean;
}

const ANY = "[\\s\\S]";
const STAR = "[\\s\\S]*";
const PLAIN = /[^\\^$.*+?()[\]{}|/]/;

/** The glob an anchored like-regex stands for, or undefined when the regex has any other shape. */
export function globOf(regex: RegExp): Glob | undefined {
  if (regex.flags !== "" && regex.flags !== "i") return undefined;
  const src = regex.source;
  if (!src.startsWith("^") || !src.endsWith("$") || src.endsWith("\\$")) return undefined;
  const segments: Segment[] = [[]];
  let stars = 0;
  let sawStarFirst = false;
  let lastWasStar = false;
  for (let i = 1; i < src.length - 1;) {
    if (src.startsWith(STAR, i)) {
      if (i === 1) sawStarFirst = true;
      if (!lastWasStar) segments.push([]);
      lastWasStar = true;
      stars++;
      i += STAR.length;
      continue;
    }
    lastWasStar = false;
    const current = segments[segments.length - 1]!;
    if (src.startsWith(ANY, i)) {
      current.push(null);
      i += ANY.length;
    } else if (src[i] === "\\") {
      const next = src[i + 1];
      // RegExp#source writes line terminators as escapes; \d, \s, \b, \1… are a real regex.
      const u =
        next === "u" && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))
          ? String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16))
          : undefined;
      const literal =
        next === "n" ? "\n" : next === "r" ? "\r" : (u ?? (next !== undefined && !/[A-Za-z0-9]/.test(next) ? next : undefined));
      if (literal === undefined) return undefined;
      current.push(literal);
      i += u !== undefined ? 6 : 2;
    } else if (PLAIN.test(src[i]!)) {
      current.push(src[i]!);
      i++;
    } else return undefined;
  }
  const openEnd = lastWasStar;
  if (openEnd) segments.pop(); // the empty piece after a trailing %
  if (sawStarFirst) segments.shift(); // the empty piece before a leading %
  if (stars === 0 && segments.length === 0) segments.push([]);
  const caseInsensitive = regex.flags === "i";
  if (caseInsensitive) for (const s of segments) for (let j = 0; j < s.length; j++) if (s[j] !== null) s[j] = canonicalize(s[j]!);
  return { segments, openStart: sawStarFirst, openEnd, caseInsensitive };
}

/**
 * The `i` flag's character folding (ECMAScript Canonicalize, non-unicode mode): the upper-case form
 * when it is one code unit and does not turn a non-ASCII character into ASCII. Per code unit, so the
 * text keeps its length (`"İ".toLowerCase()` is two units).
 */
function canonicalize(ch: string): string {
  const upper = ch.toUpperCase();
  if (upper.length !== 1) return ch;
  if (ch.charCodeAt(0) >= 128 && upper.charCodeAt(0) < 128) return ch;
  return upper;
}

function fitsAt(text: string, at: number, segment: Segment, fold: boolean): boolean {
  if (at + segment.length > text.length) return false;
  for (let j = 0; j < segment.length; j++) {
    const c = segment[j];
    if (c !== null && (fold ? canonicalize(text[at + j]!) : text[at + j]) !== c) return false;
  }
  return true;
}

/** Leftmost position in [from, until) where `segment` fits entirely before `until`, or -1. */
function findFrom(text: string, from: number, until: number, segment: Segment, fold: boolean): number {
  for (let at = from; at + segment.length <= until; at++) if (fitsAt(text, at, segment, fold)) return at;
  return -1;
}

/** Whether `value` matches the glob (code units, as the regex would). */
export function globMatches(glob: Glob, value: string): boolean {
  const text = value;
  const { segments, openStart, openEnd, caseInsensitive: fold } = glob;
  if (!openStart && !openEnd && segments.length === 1) return text.length === segments[0]!.length && fitsAt(text, 0, segments[0]!, fold);
  let first = 0;
  let last = segments.length - 1;
  let from = 0;
  let until = text.length;
  if (!openStart) {
    if (!fitsAt(text, 0, segments[0]!, fold)) return false;
    from = segments[0]!.length;
    first = 1;
  }
  if (!openEnd && last >= first) {
    const tail = segments[last]!;
    if (tail.length > until - from || !fitsAt(text, until - tail.length, tail, fold)) return false;
    until -= tail.length;
    last--;
  }
  for (let s = first; s <= last; s++) {
    const at = findFrom(text, from, until, segments[s]!, fold);
    if (at < 0) return false;
    from = at + segments[s]!.length;
  }
  return from <= until;
}

/**
 * A RegExp that matches like its source but without backtracking; mingo calls `exec`/`test`.
 * (Serialised to a server it is its plain source.)
 */
export class LinearLikeRegExp extends RegExp {
  readonly #glob: Glob;
  constructor(source: RegExp, glob: Glob) {
    super(source.source, source.flags);
    this.#glob = glob;
  }
  override exec(value: string): RegExpExecArray | null {
    const text = String(value);
    if (!globMatches(this.#glob, text)) return null;
    return Object.assign([text], { index: 0, input: text, groups: undefined }) as unknown as RegExpExecArray;
  }
  override test(value: string): boolean {
    return globMatches(this.#glob, String(value));
  }
}

/** `regex`, or its linear twin when it has the like shape. */
export function linearRegExp(regex: RegExp): RegExp {
  if (regex instanceof LinearLikeRegExp) return regex;
  const glob = globOf(regex);
  return glob ? new LinearLikeRegExp(regex, glob) : regex;
}

/**
 * A filter (already a private copy) with every like-shaped regex made linear: `{ f: { $regex: re } }`
 * becomes `{ f: linear }` (the same query; mingo would rebuild a `$regex` argument as a plain RegExp).
 */
export function withLinearPatterns(filter: unknown): unknown {
  if (filter instanceof RegExp) return linearRegExp(filter);
  if (Array.isArray(filter)) return filter.map(withLinearPatterns);
  if (filter === null || typeof filter !== "object" || (filter as { _bsontype?: unknown })._bsontype || filter instanceof Date)
    return filter;
  const keys = Object.keys(filter);
  const regex = (filter as { $regex?: unknown }).$regex;
  if (keys.length === 1 && regex instanceof RegExp) return linearRegExp(regex);
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = withLinearPatterns((filter as Record<string, unknown>)[k]);
  return out;
}

/** A document test the store runs itself, beside mingo. */
export type DocumentCheck = (doc: Record<string, unknown>) => boolean;

/** Regex semantics on one field's value: a string is tested, an array matches when any string element does. */
function fieldMatches(value: unknown, regex: LinearLikeRegExp): boolean {
  if (typeof value === "string") return regex.test(value);
  return Array.isArray(value) && value.some((v) => typeof v === "string" && regex.test(v));
}

/**
 * Takes the top-level like patterns (`{ f: linear }`, `{ f: { $not: linear } }`) out of a filter made by
 * withLinearPatterns, as checks the store runs itself. mingo deep-clones its criteria, which turns a
 * LinearLikeRegExp back into a plain (backtracking) RegExp, so these must not reach it. Dotted paths and
 * patterns under $or/$nor stay with mingo.
 */
export function splitLinearPatterns(filter: Record<string, unknown>): { filter: Record<string, unknown>; checks: DocumentCheck[] } {
  const checks: DocumentCheck[] = [];
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" && Array.isArray(value)) {
      const parts = value.map((part) =>
        part !== null && typeof part === "object" && !Array.isArray(part)
          ? splitLinearPatterns(part as Record<string, unknown>)
          : { filter: part as Record<string, unknown>, checks: [] },
      );
      for (const p of parts) checks.push(...p.checks);
      const left = parts.map((p) => p.filter).filter((p) => !(p && typeof p === "object" && Object.keys(p).length === 0));
      if (left.length) rest[key] = left;
      continue;
    }
    if (!key.startsWith("$") && !key.includes(".")) {
      if (value instanceof LinearLikeRegExp) {
        checks.push((doc) => fieldMatches(Object.hasOwn(doc, key) ? doc[key] : undefined, value));
        continue;
      }
      const not = value !== null && typeof value === "object" ? (value as { $not?: unknown }).$not : undefined;
      if (not instanceof LinearLikeRegExp && Object.keys(value as object).length === 1) {
        checks.push((doc) => !fieldMatches(Object.hasOwn(doc, key) ? doc[key] : undefined, not));
        continue;
      }
    }
    rest[key] = value;
  }
  return { filter: rest, checks };
}
