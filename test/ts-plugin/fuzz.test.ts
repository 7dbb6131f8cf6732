/**
 * Fuzz: malformed, truncated and random TypeScript through the extractor and through the BUILT plugin
 * wrapped around a real LanguageService. Seeded and bounded: same inputs every run. No exception may
 * escape, and the plugin's guard must not even have to catch one (it logs every caught failure).
 */
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { fixtureFiles } from "../fixtures/relations/expectations";
import { rng } from "./rng";
import { REPO_ROOT } from "./tsserver-client";

const requireBuilt = createRequire(__filename);
// The built plugin, as tsserver loads it, and the analyzer it runs on.
const plugin = requireBuilt(path.join(REPO_ROOT, "ts-plugin/dist/index.js"));
const analyzer = requireBuilt(path.join(REPO_ROOT, "analyzer/dist/index.js"));
// The extractor is called directly below, before any plugin init: it needs the TypeScript instance set.
analyzer.useTypeScript(ts);

const SOURCES = [
  ...fixtureFiles(),
  path.join(REPO_ROOT, "test/fixtures/ts-plugin/blog/post.ts"),
  path.join(REPO_ROOT, "test/fixtures/ts-plugin/blog/queries.ts"),
].map((file) => readFileSync(file, "utf8"));

const TOKENS = [
  'import { column, relation } from "eloquent-orm";',
  'import { SqlModel as S } from "eloquent-orm/Model";',
  'import * as orm from "@alpha.consultings/eloquent-orm.js";',
  "export",
  "class",
  "abstract",
  "A",
  "B",
  "User",
  "extends",
  "S",
  "orm.MongoModel",
  "SqlModel",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  ",",
  ";",
  ":",
  "static",
  "schema",
  "=",
  "tableName",
  "database",
  "morphAlias",
  "connectionName",
  "constructor() { super(",
  '"users"',
  "process.env.X ??",
  "relation(",
  "column(",
  '"hasMany"',
  '"belongsTo"',
  '"morphTo"',
  '"User"',
  "{ foreignKey:",
  '"user_id"',
  "...spread",
  "[key]",
  "42",
  "undefined",
  "null",
  "`tpl`",
  "as const",
  'User.with("posts.comments")',
  ".load(",
  "'x.y.'",
  'export * from "./a";',
  "export { A as B };",
  "get",
  "async",
  "=>",
  "/*",
  "*/",
  "//",
  "\n",
  " ",
  '"',
  "'",
  "`",
  "${",
  "@dec",
  "<T>",
  "?",
  "!",
  "satisfies Record<string, unknown>",
];

function truncated(random: () => number): string {
  const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
  return source.slice(0, Math.floor(random() * source.length));
}

function mutated(random: () => number): string {
  let text = SOURCES[Math.floor(random() * SOURCES.length)]!;
  const edits = 1 + Math.floor(random() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * text.length);
    const choice = random();
    if (choice < 0.33) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 20));
    else if (choice < 0.66) text = text.slice(0, at) + TOKENS[Math.floor(random() * TOKENS.length)]! + text.slice(at);
    else text = text.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + text.slice(at + 1);
  }
  return text;
}

function soup(random: () => number): string {
  const length = 5 + Math.floor(random() * 120);
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(TOKENS[Math.floor(random() * TOKENS.length)]!);
  return parts.join(random() < 0.5 ? " " : "");
}

function generate(seed: number, count: number): string[] {
  const random = rng(seed);
  const makers = [truncated, mutated, soup];
  return Array.from({ length: count }, (_, i) => makers[i % makers.length]!(random));
}

/** A real LanguageService over in-memory files, wrapped by the built plugin exactly as tsserver does. */
function pluginService(files: Map<string, { text: string; version: number }>, log: string[]) {
  const options: ts.CompilerOptions = {
    noLib: true,
    types: [],
    strict: true,
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
  };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [...files.keys()],
    getScriptVersion: (name) => String(files.get(name)?.version ?? 0),
    getScriptSnapshot: (name) => {
      const file = files.get(name);
      return file ? ts.ScriptSnapshot.fromString(file.text) : undefined;
    },
    getCurrentDirectory: () => "/fuzz",
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => files.has(name),
    readFile: (name) => files.get(name)?.text,
  };
  const languageService = ts.createLanguageService(host);
  const info = {
    languageService,
    languageServiceHost: host,
    project: { projectService: { logger: { info: (message: string) => log.push(message) } }, getProjectName: () => "fuzz" },
    config: {},
  };
  return plugin({ typescript: ts }).create(info) as ts.LanguageService;
}

describe("fuzz (seeded, bounded)", () => {
  it("the extractor never throws and never reports an internal error on 600 malformed inputs", () => {
    const inputs = generate(0xe10, 600);
    const facts = inputs.map((text, i) =>
      analyzer.extractFileModels(ts.createSourceFile(`/fuzz/f${i}.ts`, text, ts.ScriptTarget.Latest, true), undefined),
    );
    expect(facts.filter((f: { error?: string }) => f.error !== undefined).map((f: { error?: string }) => f.error)).toEqual([]);
    const linked = analyzer.linkModelGraph(
      facts,
      analyzer.createModuleResolver(new Set(facts.map((f: { fileName: string }) => f.fileName))),
    );
    expect(Array.isArray(linked.graph.models)).toBe(true);
  });

  it("the plugin answers every hook on malformed files without an exception, and without needing its guard", () => {
    const files = new Map<string, { text: string; version: number }>();
    const log: string[] = [];
    const service = pluginService(files, log);
    const inputs = generate(0x5eed, 150);
    const random = rng(7);
    let ours = 0;
    inputs.forEach((text, i) => {
      // A few files live together so cross-file linking sees garbage too; each round replaces one.
      const name = `/fuzz/m${i % 4}.ts`;
      files.set(name, { text, version: (files.get(name)?.version ?? 0) + 1 });
      expect(() => {
        ours += service.getSemanticDiagnostics(name).filter((d) => d.source === "eloquent").length;
      }).not.toThrow();
      for (let probe = 0; probe < 3; probe++) {
        const position = Math.floor(random() * (text.length + 1));
        expect(() => {
          service.getCompletionsAtPosition(name, position, {});
          service.getQuickInfoAtPosition(name, position);
          service.getDefinitionAndBoundSpan(name, position);
          service.getCodeFixesAtPosition(name, position, Math.min(text.length, position + 3), [102, 201, 203, 501, 801], {}, {});
        }).not.toThrow();
      }
    });
    expect(log.filter((line) => line.includes("failed"))).toEqual([]);
    // The plugin was live (mutated fixtures still carry plenty of mistakes), not silently bypassed.
    expect(ours).toBeGreaterThan(50);
  });
});
