/**
 * Whether a file outside any tsconfig can be part of a model graph at all: a model's base class always
 * resolves to an import of the eloquent runtime (or the seed package), so a file whose relative-import
 * closure never names one has an empty graph and no diagnostics. Deciding that must cost next to nothing
 * (tests and scripts a tsconfig excludes are linted in bulk), so it reads text only — no parse: a file
 * "names the runtime" when its text contains `eloquent-orm` (every runtime specifier does), and its
 * edges are every relative specifier after from / import / require( — a superset of the real imports,
 * so the answer errs toward analysing. Each file is looked at once per `rescanMs`, whatever the number
 * of closures it belongs to.
 */
import * as fs from "node:fs";
import { relativeCandidates } from "../extract/resolve";
import { RUNTIME_MODULES } from "../extract/eloquent-modules";

/** The substring every runtime specifier contains (checked against RUNTIME_MODULES below). */
const RUNTIME_MARK = "eloquent-orm";
if ([...RUNTIME_MODULES].some((specifier) => !specifier.includes(RUNTIME_MARK))) {
  throw new Error(`runtime-reach: every runtime module specifier must contain '${RUNTIME_MARK}'`);
}

const RELATIVE_SPECIFIER = /(?:\bfrom|\bimport|\brequire\s*\()\s*\(?\s*["'](\.{1,2}(?:\/[^"'\n]*)?)["']/g;
const SOURCE_FILE = /\.[cm]?[tj]sx?$/;

interface Glance {
  mtimeMs: number;
  size: number;
  checkedAt: number;
  namesRuntime: boolean;
  imports: string[];
}

export class RuntimeReach {
  private readonly glances = new Map<string, Glance>();

  constructor(
    private readonly rescanMs: number,
    private readonly now: () => number,
  ) {}

  /** True when `root` (with its current text, which may be unsaved) or a file it reaches names the runtime. */
  reaches(root: string, rootText: string | undefined): boolean {
    const seen = new Set<string>([root]);
    const queue: string[] = [];
    if (rootText !== undefined) {
      if (rootText.includes(RUNTIME_MARK)) return true;
      queue.push(...relativeImports(root, rootText));
    } else {
      const glance = this.glance(root);
      if (glance === undefined) return false;
      if (glance.namesRuntime) return true;
      queue.push(...glance.imports);
    }
    for (let next = 0; next < queue.length; next++) {
      const file = queue[next]!;
      if (seen.has(file)) continue;
      seen.add(file);
      const glance = this.glance(file);
      if (glance === undefined) continue;
      if (glance.namesRuntime) return true;
      for (const imported of glance.imports) if (!seen.has(imported)) queue.push(imported);
    }
    return false;
  }

  private glance(file: string): Glance | undefined {
    const now = this.now();
    const cached = this.glances.get(file);
    if (cached && now - cached.checkedAt < this.rescanMs) return cached;
    const stat = statFile(file);
    if (stat === undefined) {
      this.glances.delete(file);
      return undefined;
    }
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
      cached.checkedAt = now;
      return cached;
    }
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    const glance: Glance = {
      mtimeMs: stat.mtimeMs,
      size: stat.size,
      checkedAt: now,
      namesRuntime: text.includes(RUNTIME_MARK),
      imports: relativeImports(file, text),
    };
    this.glances.set(file, glance);
    return glance;
  }
}

/** The existing source files the relative specifiers of `text` may name (resolved like the extractor's imports). */
function relativeImports(file: string, text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
    const resolved = relativeCandidates(match[1]!, file).find(
      (candidate) => SOURCE_FILE.test(candidate) && !candidate.endsWith(".d.ts") && statFile(candidate) !== undefined,
    );
    if (resolved !== undefined) found.push(resolved);
  }
  return found;
}

function statFile(file: string): fs.Stats | undefined {
  try {
    const stat = fs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? stat : undefined;
  } catch {
    return undefined;
  }
}
