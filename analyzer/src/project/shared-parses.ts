/**
 * One TypeScript parse per file for an untyped ESLint run, shared between ESLint's parser and the
 * project graph. The graph needs every project file's facts before the first file is reported, so it
 * parses files ESLint has not reached yet; without sharing, ESLint parses each of them again when it gets
 * there (on a 1,000-model project, that second parse was the biggest part of the plugin's cost).
 *
 * typescript-eslint's parser accepts a ts.SourceFile instead of the code (its public
 * `parseForESLint(code: string | ts.SourceFile)`) and converts it without parsing again. So:
 * - ESLint's parser wrapper tells us how its parser would parse (`useSettings`, derived from the parser
 *   options exactly as typescript-estree derives them) and hands over each SourceFile it produced
 *   (`parsedByESLint`), which the graph reuses for that file's facts;
 * - the graph parses files of the project with those same settings (`parse`) and keeps the result for
 *   ESLint (`take`), for the same file name AND the same text only, within a budget of retained text, and
 *   only while ESLint keeps taking them (an editor's ESLint server lints one file now and then: what it does
 *   not take within IDLE_MS is dropped, and so is everything once ESLint parses with a Program).
 * Nobody else sets the settings: the CLI and the other fronts get `parseForExtraction`, nothing retained.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import { parseForExtraction } from "./source-graphs";

/** How typescript-estree parses a file without type information (see its createParseSettings / createSourceFile). */
export interface ESLintParseSettings {
  /** ts.JSDocParsingMode (undefined before TypeScript 5.3, which parses all JSDoc). */
  jsDocParsingMode: number | undefined;
  /** `sourceType: "module"`: typescript-estree marks every file an external module. */
  module: boolean;
  /** `ecmaFeatures.jsx`: decides the script kind of files with an extension TypeScript does not know. */
  jsx: boolean;
}

/** At most this much source text is kept parsed for ESLint (a parse tree is ~30× its text). */
const RETAINED_TEXT_BUDGET = 2_000_000;
/** Kept parses ESLint has not taken for this long are dropped (it is not linting this project's files in a row). */
const IDLE_MS = 5_000;

interface Kept {
  sourceFile: TS.SourceFile;
  settingsKey: string;
}

export class SharedParses {
  private settings: ESLintParseSettings | undefined;
  private settingsKey = "";
  private readonly kept = new Map<string, Kept>();
  private keptText = 0;
  private lastUse = 0;
  private lastESLintParse: TS.SourceFile | undefined;
  /** Whether our TypeScript instance is the parser's (a SourceFile of another copy has other syntax kinds). */
  private sameTypeScript: boolean | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * The ESLint parser wrapper, before each parse: the settings of a parse without type information, or
   * undefined for a parse with a Program (which takes nothing, so nothing kept is of use any more).
   */
  useSettings(settings: ESLintParseSettings | undefined): void {
    this.settings = settings;
    this.settingsKey = settings ? keyOf(settings) : "";
    if (this.kept.size > 0 && (!settings || this.now() - this.lastUse > IDLE_MS)) this.clear();
  }

  /** The SourceFile ESLint's parser produced for `fileName` (its facts need no parse of their own). */
  parsedByESLint(fileName: string, sourceFile: TS.SourceFile | undefined): void {
    this.lastESLintParse = sourceFile;
    if (sourceFile && this.sameTypeScript === undefined) {
      this.sameTypeScript =
        Object.getPrototypeOf(sourceFile) === Object.getPrototypeOf(ts.createSourceFile(fileName, "", ts.ScriptTarget.Latest));
    }
  }

  /** The parse the project graph extracts `fileName` from: ESLint's own, else one ESLint can take later. */
  parse(fileName: string, text: string): TS.SourceFile {
    if (this.sameTypeScript !== true) return parseForExtraction(fileName, text);
    const fromESLint = this.lastESLintParse;
    if (fromESLint && fromESLint.text === text && sameFile(fromESLint.fileName, fileName)) return fromESLint;
    const settings = this.settings;
    if (!settings || this.keptText + text.length > RETAINED_TEXT_BUDGET) {
      return parseForExtraction(fileName, text);
    }
    const sourceFile = parseLikeESLint(fileName, text, settings);
    const previous = this.kept.get(fileName);
    if (previous) this.keptText -= previous.sourceFile.text.length;
    this.kept.set(fileName, { sourceFile, settingsKey: this.settingsKey });
    this.keptText += text.length;
    this.lastUse = this.now();
    this.dropWhenIdle();
    return sourceFile;
  }

  /** For ESLint's parser: the kept parse of exactly this file and text with the current settings, once. */
  take(fileName: string, text: string): TS.SourceFile | undefined {
    const kept = this.kept.get(fileName);
    if (!kept) return undefined;
    this.kept.delete(fileName);
    this.keptText -= kept.sourceFile.text.length;
    if (kept.sourceFile.text !== text || kept.settingsKey !== this.settingsKey) return undefined;
    this.lastUse = this.now();
    return kept.sourceFile;
  }

  private clear(): void {
    this.kept.clear();
    this.keptText = 0;
  }

  /** A process that stops linting (an editor's ESLint server between edits) does not hold the kept parses. */
  private dropWhenIdle(): void {
    if (this.idleTimer) return;
    const check = (): void => {
      const idle = this.now() - this.lastUse;
      if (idle >= IDLE_MS || this.kept.size === 0) {
        this.idleTimer = undefined;
        this.clear();
      } else {
        this.idleTimer = setTimeout(check, IDLE_MS - idle).unref();
      }
    };
    this.idleTimer = setTimeout(check, IDLE_MS).unref();
  }
}

/** Exactly typescript-estree's createSourceFile for a parse without type information. */
function parseLikeESLint(fileName: string, text: string, settings: ESLintParseSettings): TS.SourceFile {
  const options = {
    languageVersion: ts.ScriptTarget.Latest,
    jsDocParsingMode: settings.jsDocParsingMode,
    setExternalModuleIndicator: settings.module
      ? (file: TS.SourceFile) => {
          (file as { externalModuleIndicator?: unknown }).externalModuleIndicator = true;
        }
      : undefined,
  } as TS.CreateSourceFileOptions;
  return ts.createSourceFile(fileName, text, options, /* setParentNodes */ true, scriptKindOf(fileName, settings.jsx));
}

/** typescript-estree's getScriptKind: by extension; the jsx option only for extensions TypeScript does not know. */
function scriptKindOf(fileName: string, jsx: boolean): TS.ScriptKind {
  const extension = /\.[^./\\]*$/.exec(fileName)?.[0].toLowerCase() ?? "";
  switch (extension) {
    case ".js":
    case ".cjs":
    case ".mjs":
      return ts.ScriptKind.JS;
    case ".ts":
    case ".cts":
    case ".mts":
      return ts.ScriptKind.TS;
    case ".json":
      return ts.ScriptKind.JSON;
    case ".jsx":
      return ts.ScriptKind.JSX;
    case ".tsx":
      return ts.ScriptKind.TSX;
    default:
      return jsx ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  }
}

function keyOf(settings: ESLintParseSettings): string {
  return `${settings.jsDocParsingMode}:${settings.module}:${settings.jsx}`;
}

function sameFile(a: string, b: string): boolean {
  return a === b || a.replace(/\\/g, "/") === b.replace(/\\/g, "/");
}

/** The one instance of an ESLint process (its parser wrapper and its untyped project graphs). */
export const sharedParses = new SharedParses();
