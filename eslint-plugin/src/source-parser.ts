/**
 * The parser of the recommended config: @typescript-eslint/parser for every model file, with JavaScript
 * files (.js/.cjs/.mjs/.jsx) parsed without type information — so a typed setup (`projectService`) never
 * fails on a JS file outside the TypeScript project (eslint.config.mjs itself), and JS models are checked
 * from source like their .ts twins.
 *
 * Without type information, each file's TypeScript parse is shared with eloquent's project graph (see
 * SharedParses in the analyzer): the graph reuses the parse ESLint just made, and a file the graph had to
 * parse before ESLint reached it is handed to the parser as its ts.SourceFile (typescript-eslint's
 * `parseForESLint(code: string | ts.SourceFile)`), so it is not parsed a second time.
 */
import type * as TS from "typescript";
import { loadTypeScript, normalizeFileName, sharedParses, type ESLintParseSettings } from "eloquent-analyzer";

const JS_FILE = /\.[cm]?jsx?$/;
/** ELOQUENT_ESLINT_TRACE=1 names every file whose parse ESLint took from the project graph (tests count them). */
const TRACE = process.env.ELOQUENT_ESLINT_TRACE === "1";

interface ParseResult {
  ast: unknown;
  scopeManager?: unknown;
  services?: unknown;
  visitorKeys?: unknown;
}

/** What ESLint's flat config takes as `languageOptions.parser`. */
interface Parser {
  parseForESLint(code: string, options?: Record<string, unknown>): ParseResult;
  version?: string;
}

/** typescript-eslint's parser takes a ts.SourceFile for the code from version 6 on. */
const SOURCE_FILE_INPUT_MAJOR = 6;

export function sourceParser(load: () => unknown): Parser & { meta: { name: string } } {
  let shares: boolean | undefined;
  return {
    meta: { name: "eslint-plugin-eloquent/source-parser" },
    parseForESLint(code, options = {}) {
      const parser = load() as Parser;
      const filePath = typeof options.filePath === "string" ? options.filePath : "";
      const parseOptions = JS_FILE.test(filePath) ? withoutTypeInformation(options) : options;
      shares ??= canShare(parser);
      if (!shares) return parser.parseForESLint(code, parseOptions);
      if (filePath === "" || hasTypeInformation(parseOptions)) {
        sharedParses.useSettings(undefined);
        return parser.parseForESLint(code, parseOptions);
      }
      const fileName = normalizeFileName(filePath);
      sharedParses.useSettings(settingsOf(parseOptions));
      const kept = sharedParses.take(fileName, code);
      if (kept && TRACE) process.stderr.write(`eloquent: parse shared with ESLint for ${fileName}\n`);
      const result = parser.parseForESLint((kept ?? code) as string, parseOptions);
      sharedParses.parsedByESLint(fileName, sourceFileOf(result, code));
      return result;
    },
  };
}

function withoutTypeInformation(options: Record<string, unknown>): Record<string, unknown> {
  const { project: _project, projectService: _service, programs: _programs, ...untyped } = options;
  return untyped;
}

/** typescript-estree's own test for a parse with a Program (the graph then takes facts from the Program). */
function hasTypeInformation(options: Record<string, unknown>): boolean {
  return Boolean(options.project) || Boolean(options.projectService) || Array.isArray(options.programs);
}

function canShare(parser: Parser): boolean {
  const major = Number(/^(\d+)\./.exec(parser.version ?? "")?.[1]);
  if (!(major >= SOURCE_FILE_INPUT_MAJOR)) return false;
  try {
    loadTypeScript();
    return true;
  } catch {
    // No usable TypeScript for the analyzer: the rules report that; the parse itself is not shared.
    return false;
  }
}

/**
 * The settings typescript-estree derives from these parser options for a parse without type information
 * (createParseSettings): JSDoc parsed only when asked for, every file a module with `sourceType: "module"`
 * (the parser makes anything else "script"), and `jsx` (a top-level `jsx` wins over `ecmaFeatures.jsx`).
 */
function settingsOf(options: Record<string, unknown>): ESLintParseSettings {
  const ts = loadTypeScript();
  const modes = (ts as unknown as { JSDocParsingMode?: Record<string, number> }).JSDocParsingMode;
  const requested = options.jsDocParsingMode;
  const jsDocParsingMode =
    requested === undefined || requested === null || requested === "none"
      ? modes?.ParseNone
      : requested === "type-info"
        ? modes?.ParseForTypeInfo
        : modes?.ParseAll;
  const ecmaFeatures = (typeof options.ecmaFeatures === "object" && options.ecmaFeatures) || {};
  const jsx = "jsx" in options ? options.jsx : (ecmaFeatures as { jsx?: unknown }).jsx;
  return { jsDocParsingMode, module: options.sourceType === "module", jsx: jsx === true };
}

/** The parser's TypeScript AST of `code`, from its node maps. */
function sourceFileOf(result: ParseResult, code: string): TS.SourceFile | undefined {
  const services = result.services as { esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined;
  const node = services?.esTreeNodeToTSNodeMap?.get(result.ast) as TS.SourceFile | undefined;
  return node && node.text === code ? node : undefined;
}
