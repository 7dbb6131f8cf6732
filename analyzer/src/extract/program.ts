/** Whole-program extraction, incremental: per-file facts cached by file version, linking redone on change. */
import type * as TS from "typescript";
import { ts } from "../typescript";
import * as fs from "node:fs";
import { extractFileFacts, type FileFacts } from "./file-facts";
import { linkModelGraph, linkWithState, type LinkChanges, type LinkResult, type LinkState } from "./link";
import { createModuleResolver, relativeCandidates } from "./resolve";

export interface ExtractOptions {
  /**
   * Version of a file. Optional: by default a file is re-read when its SourceFile object changes, which is
   * exactly when TypeScript re-parsed it (the language service reuses unchanged SourceFiles).
   */
  versionOf?: (fileName: string) => string | undefined;
}

export interface ProgramExtraction extends LinkResult {
  /** Facts of every project file (declaration and library files excluded). */
  files: Map<string, FileFacts>;
  /** Incremented whenever the graph was rebuilt (a project file was added, removed or edited). */
  generation: number;
  /** Files added, removed or edited since the previous generation (every file on the first one). */
  changedFiles: ReadonlySet<string>;
  /** Model nodes replaced since the previous generation; undefined when everything was re-linked. */
  modelChanges?: LinkChanges;
}

interface CacheEntry {
  key: unknown;
  facts: FileFacts;
}

/**
 * Keeps extraction results between calls. `update(program)` re-extracts only files whose version changed and
 * returns the previous result untouched (same `generation`) when nothing changed.
 */
export class ModelGraphBuilder {
  private readonly cache = new Map<string, CacheEntry>();
  private last: ProgramExtraction | undefined;
  private lastOptions: TS.CompilerOptions | undefined;
  private linkState: LinkState | undefined;
  private lastProgram: TS.Program | undefined;
  private filesMap: Map<string, FileFacts> | undefined;
  private resolver: ((specifier: string, fromFile: string) => string | undefined) | undefined;
  private generation = 0;

  update(program: TS.Program, options: ExtractOptions = {}): ProgramExtraction {
    // The language service hands out the same Program until a file or setting changes.
    if (this.last && program === this.lastProgram && options.versionOf === undefined) return this.last;
    const optionsChanged = this.last === undefined || program.getCompilerOptions() !== this.lastOptions;
    const changedFiles = new Set<string>();
    let projectFiles = 0;
    let added = false;
    for (const sourceFile of program.getSourceFiles()) {
      if (!isProjectFile(program, sourceFile)) continue;
      projectFiles++;
      const fileName = sourceFile.fileName;
      const key = options.versionOf?.(fileName) ?? sourceFile;
      const entry = this.cache.get(fileName);
      if (entry && entry.key === key) continue;
      if (!entry) added = true;
      this.cache.set(fileName, { key, facts: extractFileFacts(sourceFile) });
      changedFiles.add(fileName);
    }
    // Files left the program only if the cache now holds more files than the program has.
    const removed = this.cache.size !== projectFiles;
    if (removed) {
      const present = new Set<string>();
      for (const sourceFile of program.getSourceFiles()) present.add(sourceFile.fileName);
      for (const fileName of [...this.cache.keys()]) {
        if (present.has(fileName)) continue;
        this.cache.delete(fileName);
        changedFiles.add(fileName);
      }
    }
    this.lastProgram = program;
    if (!optionsChanged && changedFiles.size === 0 && this.last) return this.last;
    this.lastOptions = program.getCompilerOptions();
    // Same set of files: update the facts map and the resolver's file set in place.
    if (optionsChanged || added || removed || !this.filesMap) {
      this.filesMap = new Map();
      for (const [fileName, entry] of this.cache) this.filesMap.set(fileName, entry.facts);
      this.resolver = createModuleResolver(new Set(this.filesMap.keys()), program.getCompilerOptions(), ts.sys);
    } else {
      for (const fileName of changedFiles) this.filesMap.set(fileName, this.cache.get(fileName)!.facts);
    }
    const files = this.filesMap;
    this.generation += 1;
    // New compiler options may resolve modules differently: treat every file as changed.
    const linked = linkWithState(
      files,
      this.resolver!,
      optionsChanged ? undefined : this.linkState,
      optionsChanged ? undefined : changedFiles,
    );
    this.linkState = linked;
    this.last = {
      ...linked.result,
      files,
      generation: this.generation,
      changedFiles: optionsChanged ? new Set(files.keys()) : changedFiles,
      ...(linked.changes ? { modelChanges: linked.changes } : {}),
    };
    return this.last;
  }
}

const projectFileCache = new WeakMap<TS.SourceFile, boolean>();

/** Files that can declare models: the program's own sources, not lib/.d.ts/node_modules files. */
export function isProjectFile(program: TS.Program, sourceFile: TS.SourceFile): boolean {
  if (sourceFile.isDeclarationFile) return false;
  // Whether a file comes from node_modules does not change while its SourceFile object lives.
  let result = projectFileCache.get(sourceFile);
  if (result === undefined) {
    result = !program.isSourceFileFromExternalLibrary(sourceFile) && !program.isSourceFileDefaultLibrary(sourceFile);
    projectFileCache.set(sourceFile, result);
  }
  return result;
}

/** One-shot extraction from a Program (tspc, the CLI with a tsconfig, typed ESLint). */
export function extractModelGraph(program: TS.Program, options: ExtractOptions = {}): ProgramExtraction {
  return new ModelGraphBuilder().update(program, options);
}

/**
 * Extraction without a Program (ESLint without type information, quick scripts): parses the given
 * files and, transitively, the files they import relatively (so user base classes are found).
 * Pass every file that declares models: relation targets are names, not imports.
 */
export function extractModelGraphFromFiles(
  fileNames: Iterable<string>,
  options: { readFile?: (fileName: string) => string | undefined; maxFiles?: number } = {},
): Omit<ProgramExtraction, "generation" | "changedFiles"> {
  const readFile = options.readFile ?? readFileIfExists;
  const maxFiles = options.maxFiles ?? 5000;
  const files = new Map<string, FileFacts>();
  const queue = [...fileNames].map((fileName) => fileName.replace(/\\/g, "/"));
  while (queue.length > 0 && files.size < maxFiles) {
    const fileName = queue.shift()!;
    if (files.has(fileName)) continue;
    const text = readFile(fileName);
    if (text === undefined) continue;
    const facts = extractFileFacts(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true));
    files.set(fileName, facts);
    const specifiers = [...[...facts.imports.values()].map((binding) => binding.module), ...facts.exportStars];
    for (const exported of facts.exports.values()) if ("module" in exported) specifiers.push(exported.module);
    for (const specifier of specifiers) {
      if (!specifier.startsWith(".")) continue;
      const found = relativeCandidates(specifier, fileName).find(
        (candidate) => /\.[cm]?[tj]sx?$/.test(candidate) && !candidate.endsWith(".d.ts") && readFile(candidate) !== undefined,
      );
      if (found && !files.has(found)) queue.push(found);
    }
  }
  const resolver = createModuleResolver(new Set(files.keys()));
  return { ...linkModelGraph(files.values(), resolver), files };
}

function readFileIfExists(fileName: string): string | undefined {
  try {
    return fs.statSync(fileName).isFile() ? fs.readFileSync(fileName, "utf8") : undefined;
  } catch {
    return undefined;
  }
}
