/**
 * The parser of the recommended config: @typescript-eslint/parser for every model file, with JavaScript
 * files (.js/.cjs/.mjs/.jsx) parsed without type information — so a typed setup (`projectService`) never
 * fails on a JS file outside the TypeScript project (eslint.config.mjs itself), and JS models are checked
 * from source like their .ts twins.
 */
const JS_FILE = /\.[cm]?jsx?$/;

/** What ESLint's flat config takes as `languageOptions.parser`. */
interface Parser {
  parseForESLint(
    code: string,
    options?: Record<string, unknown>,
  ): { ast: unknown; scopeManager?: unknown; services?: unknown; visitorKeys?: unknown };
}

export function sourceParser(load: () => unknown): Parser & { meta: { name: string } } {
  return {
    meta: { name: "eslint-plugin-eloquent/source-parser" },
    parseForESLint(code, options = {}) {
      const ts = load() as Parser;
      if (!JS_FILE.test(String(options.filePath ?? ""))) return ts.parseForESLint(code, options);
      const { project: _project, projectService: _service, programs: _programs, ...untyped } = options;
      return ts.parseForESLint(code, untyped);
    },
  };
}
