/**
 * The incremental engine run (scoped to the models an edit can affect) must equal the full run. Seeded random
 * edits over a multi-file project made of the whole conformance corpus, the playground and the blog fixture.
 */
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { fixtureFiles } from "../fixtures/relations/expectations";
import { rng } from "./rng";
import { REPO_ROOT } from "./tsserver-client";

const requireBuilt = createRequire(__filename);
const { ProjectAnalysis, sameDiagnostics } = requireBuilt(path.join(REPO_ROOT, "analyzer/dist/program/project-analysis.js"));
const { loadEngine } = requireBuilt(path.join(REPO_ROOT, "analyzer/dist/program/engine.js"));
const { linkModelGraph, createModuleResolver } = requireBuilt(path.join(REPO_ROOT, "analyzer/dist/extract/index.js"));
const { useTypeScript } = requireBuilt(path.join(REPO_ROOT, "analyzer/dist/typescript.js"));
useTypeScript(ts);

/** A graph as comparable data (class-valued targets become their names). */
function plain(graph: unknown): string {
  return JSON.stringify(graph, (_key, value) => (typeof value === "function" ? `[class ${value.name}]` : value));
}

const sources = [
  ...fixtureFiles(),
  ...["models", "broken"].flatMap((dir) =>
    readdirSync(path.join(REPO_ROOT, "playground", dir))
      .filter((f) => f.endsWith(".ts"))
      .map((f) => path.join(REPO_ROOT, "playground", dir, f)),
  ),
  ...["user.ts", "post.ts", "comment.ts"].map((f) => path.join(REPO_ROOT, "test/fixtures/ts-plugin/blog", f)),
];

/** Edits that keep files mostly parseable and hit what the checks read: names, targets, keys, tables. */
function mutate(text: string, random: () => number, names: string[]): string {
  const lines = text.split("\n");
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const choice = random();
  if (choice < 0.45) {
    const literals = [...text.matchAll(/"([A-Za-z_][\w]*)"/g)];
    if (literals.length === 0) return text;
    const literal = pick(literals);
    const replacement = random() < 0.5 ? pick(names) : literal[1]!.slice(0, -1) + (random() < 0.5 ? "x" : "");
    return text.slice(0, literal.index! + 1) + replacement + text.slice(literal.index! + 1 + literal[1]!.length);
  }
  if (choice < 0.65) {
    const i = Math.floor(random() * lines.length);
    lines.splice(i, 1);
    return lines.join("\n");
  }
  if (choice < 0.8) {
    const i = Math.floor(random() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join("\n");
  }
  const classes = [...text.matchAll(/class (\w+)/g)];
  if (classes.length === 0) return text;
  const cls = pick(classes);
  const renamed = random() < 0.5 ? `${cls[1]}2` : pick(names);
  return text.slice(0, cls.index! + 6) + renamed + text.slice(cls.index! + 6 + cls[1]!.length);
}

describe("incremental engine runs", () => {
  it.each([2024, 11])("equal the full run after each of 150 seeded edits (seed %i), mostly on the incremental path", (seed) => {
    const engine = loadEngine().engine;
    const texts = new Map<string, { text: string; version: number }>();
    sources.forEach((file, i) => texts.set(`/project/f${i}.ts`, { text: readFileSync(file, "utf8"), version: 0 }));
    // Cross-file inheritance through a barrel, so edits also hit base classes and re-exports.
    texts.set("/project/base.ts", {
      text: `import { SqlModel, MongoModel } from "eloquent-orm/Model";\nexport abstract class Base extends SqlModel {\n  static connectionName = "pg";\n}\nexport class Doc extends MongoModel {}\n`,
      version: 0,
    });
    texts.set("/project/barrel.ts", { text: `export * from "./base";\nexport { Base as Root } from "./base";\n`, version: 0 });
    texts.set("/project/derived.ts", {
      text: `import { column, relation } from "eloquent-orm";\nimport { Base, Root, Doc } from "./barrel";\nexport class Account extends Base {\n  static schema = { id: column("increments"), owner: relation("belongsTo", "User") };\n}\nexport class Ledger extends Root {\n  static schema = { id: column("increments"), account_id: column("int"), account: relation("belongsTo", "Account") };\n}\nexport class Note extends Doc {\n  static schema = { body: column("text") };\n}\n`,
      version: 0,
    });
    const sourceFiles = new Map<string, ts.SourceFile>();
    const options: ts.CompilerOptions = { noLib: true, types: [], noResolve: true };
    const host = ts.createCompilerHost(options);
    host.getSourceFile = (fileName, languageVersion) => {
      const entry = texts.get(fileName);
      if (!entry) return undefined;
      const key = `${fileName}@${entry.version}`;
      let sourceFile = sourceFiles.get(key);
      if (!sourceFile) sourceFiles.set(key, (sourceFile = ts.createSourceFile(fileName, entry.text, languageVersion, true)));
      return sourceFile;
    };
    host.fileExists = (fileName) => texts.has(fileName);
    const analysis = new ProjectAnalysis();
    let program = ts.createProgram([...texts.keys()], options, host);
    const initial = analysis.snapshot(program).extraction.graph.models;
    expect(
      initial.filter((m: any) => m.loc?.name?.file === "/project/derived.ts").map((m: any) => [m.name, m.store, m.connection]),
    ).toEqual([
      ["Account", "sql", "pg"],
      ["Ledger", "sql", "pg"],
      ["Note", "mongo", undefined],
    ]);
    const random = rng(seed);
    const names = [
      "User",
      "Post",
      "Comment",
      "Tag",
      "Image",
      "Photo",
      "user_id",
      "post_id",
      "id",
      "posts",
      "hasMany",
      "belongsTo",
      "morphTo",
    ];
    let incremental = 0;
    for (let edit = 0; edit < 150; edit++) {
      const fileNames = [...texts.keys()];
      // One edit in four hits the inheritance files.
      const fileName =
        random() < 0.25
          ? fileNames[fileNames.length - 1 - Math.floor(random() * 3)]!
          : fileNames[Math.floor(random() * (fileNames.length - 3))]!;
      const entry = texts.get(fileName)!;
      texts.set(fileName, { text: mutate(entry.text, random, names), version: entry.version + 1 });
      program = ts.createProgram([...texts.keys()], options, host, program);
      const snapshot = analysis.snapshot(program);
      if (snapshot.mode === "incremental") incremental++;
      // The incrementally re-linked graph equals a link from scratch over the same facts.
      const relinked = linkModelGraph(snapshot.extraction.files.values(), createModuleResolver(new Set(snapshot.extraction.files.keys())));
      expect(plain(snapshot.extraction.graph), `graph after edit ${edit}`).toBe(plain(relinked.graph));
      const full = engine.checkGraph(snapshot.extraction.graph);
      if (!sameDiagnostics(full, snapshot.diagnostics)) {
        const key = (d: any) => `${d.ruleId} ${d.node.model}.${d.node.relation ?? d.node.column ?? ""} ${d.message}`;
        const a = new Set(full.map(key));
        const b = new Set(snapshot.diagnostics.map(key));
        expect({ edit, fileName, missing: [...a].filter((k) => !b.has(k)), extra: [...b].filter((k) => !a.has(k)) }).toEqual({
          edit,
          fileName,
          missing: [],
          extra: [],
        });
      }
    }
    expect(incremental).toBeGreaterThan(25);
  });
});
