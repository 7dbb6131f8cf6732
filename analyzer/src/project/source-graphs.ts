/**
 * Model graphs built from source files WITHOUT a TypeScript Program: tsconfig file list + per-file
 * syntactic extraction + linking. Used by `eloquent check`/`graph` and by the ESLint plugin when the
 * parser has no type information.
 *
 * Caching, for long-lived processes (an editor's ESLint server) as much as for one CLI run:
 * - per-file facts are keyed by a hash of the file's CONTENT (a touched but unchanged file is not
 *   re-extracted; an edited one always is);
 * - the disk is re-checked (stat, then read and hash what changed) when a graph is asked for and the
 *   last check is older than `rescanMs` (default 250 ms; from 500 files on, at least 20× what the last check cost), and the tsconfig's file list is re-globbed
 *   after `reglobMs` (default 5 s) — so one lint run over 1,000 files costs a handful of scans, and an
 *   edit saved in another file is seen by the next lint;
 * - the text of the file being linted is passed in (it may be an unsaved editor buffer) and always wins;
 * - the linked graph is cached by the combined content key, so the engine runs once per distinct graph;
 * - a file outside any tsconfig is its own project (it and its relative imports): the per-file state is
 *   shared by every such project, so a file imported by a hundred linted files is read and extracted
 *   once per content, and a closure that never names the eloquent runtime is not extracted at all
 *   (see RuntimeReach): its graph is empty.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import type { ModelGraph } from "eloquent-engine";
import { createModuleResolver, extractFileModels, linkModelGraph, type FileFacts, type LinkResult } from "../extract";
import { findProjectConfigFor, normalizeFileName, readProjectConfig, type ProjectConfig } from "./tsconfig";
import { relativeImportsOf } from "./imports";
import { RuntimeReach } from "./runtime-reach";

export interface SourceGraph {
  /** Changes exactly when the set of files or the content of one of them changes. */
  key: string;
  graph: ModelGraph;
  link: LinkResult;
  /** The tsconfig the files come from; undefined for a file no tsconfig includes (the file and its relative imports). */
  config?: ProjectConfig;
  /** Every file the graph was built from. */
  fileNames: string[];
  /** Per-file extraction facts (query sites need the importing file's bindings). */
  files: ReadonlyMap<string, FileFacts>;
}

export interface SourceGraphOptions {
  rescanMs?: number;
  reglobMs?: number;
  now?: () => number;
  /** Called while files are read (the CLI shows progress on a TTY). */
  onProgress?: (done: number, total: number) => void;
  /** Where extraction gets its parses (ESLint: shared with its parser, see SharedParses); default parseForExtraction. */
  parses?: { parse(fileName: string, text: string): TS.SourceFile };
}

interface FileState {
  mtimeMs: number;
  size: number;
  hash: string;
  facts: FileFacts;
}

/** One file's state as last seen on disk, shared by every project that contains the file. */
interface SharedFileState {
  state: FileState;
  checkedAt: number;
  /** `relativeImportsOf(state.facts)`, resolved against the disk at `checkedAt`. */
  imports?: string[];
}

interface ProjectState {
  config: ProjectConfig | undefined;
  configFile: string | undefined;
  /** Files of the inferred project (no tsconfig): the root file and what it imports relatively. */
  rootFile?: string;
  files: Map<string, FileState>;
  lastScan: number;
  /** How long the last scan took: a big project is rescanned less often (see RESCAN_COST_FACTOR). */
  scanMs: number;
  lastGlob: number;
  diskKey: string;
  /** Linked graphs by content key (a few: the disk state plus unsaved variants of linted files). */
  links: Map<string, SourceGraph>;
}

const MAX_LINKS_PER_PROJECT = 4;
/**
 * Rescans of a project are at least this many times their own duration apart, so checking the disk stays
 * under ~5% of a lint run (a 1,000-file scan is ~1,000 stats); small projects keep `rescanMs`.
 */
const RESCAN_COST_FACTOR = 20;
/** Below this many files a scan is cheap whatever the load on the machine: `rescanMs` exactly. */
const ADAPTIVE_RESCAN_FILES = 500;
/** ELOQUENT_ESLINT_TRACE=1 also names every file extracted (tests count them: once per content). */
const TRACE = process.env.ELOQUENT_ESLINT_TRACE === "1";

/**
 * A parse for extraction only: no parent pointers and no JSDoc (the extractor reads neither), which
 * makes the one extra parse per model file the untyped graph costs noticeably cheaper.
 */
export function parseForExtraction(fileName: string, text: string): TS.SourceFile {
  const jsDocParsingMode = (ts as { JSDocParsingMode?: { ParseNone: number } }).JSDocParsingMode?.ParseNone;
  const options =
    jsDocParsingMode === undefined
      ? ts.ScriptTarget.Latest
      : ({ languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode } as unknown as TS.CreateSourceFileOptions);
  return ts.createSourceFile(fileName, text, options, false);
}

/** `crypto.hash` (Node 20.12+) is the one-shot form: a third of the cost of a Hash object for small files. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: "base64url") => string }).hash;

export function contentHash(text: string): string {
  return oneShotHash ? oneShotHash("sha1", text, "base64url") : crypto.createHash("sha1").update(text).digest("base64url");
}

export class SourceGraphs {
  private readonly projects = new Map<string, ProjectState>();
  private readonly configs = new Map<string, { config: ProjectConfig | undefined; readAt: number }>();
  private readonly overrides = new Map<string, { hash: string; facts: FileFacts }>();
  private readonly projectOfFile = new Map<string, { config: ProjectConfig | undefined; at: number }>();
  private readonly candidates = new Map<string, { exists: boolean; at: number }>();
  /** Disk states by the parse they were extracted from (see forFile). */
  private readonly stateOfParse = new WeakMap<TS.SourceFile, FileState>();
  private readonly shared = new Map<string, SharedFileState>();
  private readonly reach: RuntimeReach;
  private emptyLink: LinkResult | undefined;
  private readonly rescanMs: number;
  private readonly reglobMs: number;
  private readonly now: () => number;

  constructor(private readonly options: SourceGraphOptions = {}) {
    this.rescanMs = options.rescanMs ?? 250;
    this.reglobMs = options.reglobMs ?? 5000;
    this.now = options.now ?? Date.now;
    this.reach = new RuntimeReach(this.rescanMs, () => this.now());
  }

  /**
   * The graph of the project `fileName` belongs to. `text` is the file's current content (ESLint's
   * source text); `sourceFile`, when it is a parse of exactly that text, saves a second parse.
   */
  forFile(fileName: string, text?: string, sourceFile?: TS.SourceFile): SourceGraph {
    const file = normalizeFileName(fileName);
    const config = this.projectOf(file);
    if (!config && !this.reach.reaches(file, text)) return this.withoutRuntime(file);
    const state = config ? this.stateForConfig(config.configFile) : this.stateForInferred(file);
    this.refresh(state);
    if (text === undefined) return this.linked(state, undefined);
    const onDisk = state.files.get(file);
    // ESLint linting the very parse this disk state was extracted from: the text is the disk's, no hash needed.
    if (onDisk && sourceFile && this.stateOfParse.get(sourceFile) === onDisk && sourceFile.text === text)
      return this.linked(state, undefined);
    const hash = contentHash(text);
    if (onDisk && onDisk.hash === hash) return this.linked(state, undefined);
    let override = this.overrides.get(file);
    if (!override || override.hash !== hash) {
      const parsed =
        sourceFile && normalizeFileName(sourceFile.fileName) === file && sourceFile.text === text ? sourceFile : this.parse(file, text);
      override = { hash, facts: this.extract(parsed, file) };
      this.overrides.set(file, override);
    }
    return this.linked(state, { file, ...override });
  }

  /** The graph of one tsconfig project (the CLI); `config`, when the caller has just read it, is not read again. */
  forConfig(configFile: string, config?: ProjectConfig): SourceGraph {
    const state = this.stateForConfig(normalizeFileName(configFile), true, config);
    this.refresh(state);
    return this.linked(state, undefined);
  }

  /** The graph of explicit files and their relative imports (the CLI without a tsconfig). */
  forFiles(fileNames: readonly string[]): SourceGraph {
    const files = fileNames.map(normalizeFileName);
    const state: ProjectState = this.newState(undefined, undefined);
    this.scanFiles(state, files, true);
    return this.linked(state, undefined);
  }

  /** The graph of a file outside any tsconfig whose closure never names the runtime: no models, nothing to link. */
  private withoutRuntime(file: string): SourceGraph {
    this.emptyLink ??= linkModelGraph([], createModuleResolver(new Set(), {}, ts.sys));
    return { key: "no-runtime", graph: this.emptyLink.graph, link: this.emptyLink, fileNames: [file], files: new Map() };
  }

  /** The tsconfig a file belongs to, looked up again at most every rescanMs (the walk up touches the disk). */
  private projectOf(file: string): ProjectConfig | undefined {
    const cached = this.projectOfFile.get(file);
    if (cached && this.now() - cached.at < this.rescanMs) return cached.config;
    const config = findProjectConfigFor(
      file,
      (configFile) => this.loadConfig(configFile),
      (candidate) => this.configExists(candidate),
    );
    this.projectOfFile.set(file, { config, at: this.now() });
    return config;
  }

  /**
   * Whether a tsconfig.json exists at `candidate`, probed again at most every rescanMs: every file of a
   * directory asks the same few candidates on the walk up, and a probe is a syscall.
   */
  private configExists(candidate: string): boolean {
    const cached = this.candidates.get(candidate);
    if (cached && this.now() - cached.at < this.rescanMs) return cached.exists;
    const exists = fs.existsSync(candidate);
    this.candidates.set(candidate, { exists, at: this.now() });
    return exists;
  }

  private loadConfig(configFile: string): ProjectConfig | undefined {
    const cached = this.configs.get(configFile);
    if (cached && this.now() - cached.readAt < this.reglobMs) return cached.config;
    let config: ProjectConfig | undefined;
    try {
      config = readProjectConfig(configFile);
    } catch {
      config = undefined;
    }
    this.configs.set(configFile, { config, readAt: this.now() });
    return config;
  }

  private stateForConfig(configFile: string, strict = false, known?: ProjectConfig): ProjectState {
    let state = this.projects.get(configFile);
    if (!state) {
      // The CLI wants the tsconfig's own error; ESLint only asks for configs that parsed.
      const config = known ?? (strict ? readProjectConfig(configFile) : this.loadConfig(configFile));
      state = this.newState(config, configFile);
      this.projects.set(configFile, state);
    }
    return state;
  }

  private stateForInferred(file: string): ProjectState {
    const key = `inferred:${file}`;
    let state = this.projects.get(key);
    if (!state) {
      state = this.newState(undefined, undefined);
      state.rootFile = file;
      this.projects.set(key, state);
    }
    return state;
  }

  private newState(config: ProjectConfig | undefined, configFile: string | undefined): ProjectState {
    return { config, configFile, files: new Map(), lastScan: -Infinity, scanMs: 0, lastGlob: this.now(), diskKey: "", links: new Map() };
  }

  private refresh(state: ProjectState): void {
    const now = this.now();
    const interval = state.files.size >= ADAPTIVE_RESCAN_FILES ? Math.max(this.rescanMs, RESCAN_COST_FACTOR * state.scanMs) : this.rescanMs;
    if (now - state.lastScan < interval) return;
    if (state.configFile && now - state.lastGlob >= this.reglobMs) {
      state.config = this.loadConfig(state.configFile) ?? state.config;
      state.lastGlob = now;
    }
    const changed = state.config
      ? this.scanFiles(state, state.config.fileNames, false)
      : state.rootFile !== undefined && this.scanFiles(state, [state.rootFile], true);
    state.lastScan = this.now();
    // Only a scan that read nothing measures what checking the disk costs (the first one parses everything).
    if (!changed) state.scanMs = state.lastScan - now;
  }

  /** Brings `state.files` in line with the disk for `fileNames` (plus relative imports when asked). */
  private scanFiles(state: ProjectState, fileNames: readonly string[], followImports: boolean): boolean {
    const wanted = new Set<string>();
    const queue = [...fileNames];
    let changed = state.diskKey === "";
    // An index, not queue.shift(): shifting a 1,000-entry array on every rescan is quadratic.
    for (let next = 0; next < queue.length; next++) {
      const file = queue[next]!;
      if (wanted.has(file)) continue;
      const previous = state.files.get(file);
      const current = this.readFileState(file, previous);
      if (!current) {
        if (previous) changed = true;
        state.files.delete(file);
        continue;
      }
      if (current !== previous && current.hash !== previous?.hash) changed = true;
      wanted.add(file);
      state.files.set(file, current);
      if (followImports) {
        for (const imported of this.importsOf(file, current)) if (!wanted.has(imported)) queue.push(imported);
      }
      if (this.options.onProgress && wanted.size % 50 === 0)
        this.options.onProgress(wanted.size, Math.max(queue.length - next - 1 + wanted.size, 1));
    }
    for (const file of [...state.files.keys()]) {
      if (!wanted.has(file)) {
        state.files.delete(file);
        changed = true;
      }
    }
    this.options.onProgress?.(wanted.size, wanted.size);
    // The content key is recomputed only when a file was added, removed or edited.
    if (!changed) return false;
    const entries = [...state.files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    state.diskKey = contentHash(entries.map(([file, s]) => `${file}\u0000${s.hash}`).join("\n"));
    return true;
  }

  /** The file's relative imports, resolved at most once per rescan (every inferred project containing it asks). */
  private importsOf(file: string, state: FileState): string[] {
    const shared = this.shared.get(file);
    if (shared === undefined || shared.state !== state) return relativeImportsOf(state.facts);
    return (shared.imports ??= relativeImportsOf(state.facts));
  }

  /** `previous` (this project's last view of the file), else the state another project saw, re-checked at most every rescanMs. */
  private readFileState(file: string, previous: FileState | undefined): FileState | undefined {
    const now = this.now();
    const shared = this.shared.get(file);
    if (shared && now - shared.checkedAt < this.rescanMs) return previous?.hash === shared.state.hash ? previous : shared.state;
    const current = this.readFromDisk(file, previous ?? shared?.state);
    if (current === undefined) this.shared.delete(file);
    else this.shared.set(file, { state: current, checkedAt: now });
    return current;
  }

  private readFromDisk(file: string, previous: FileState | undefined): FileState | undefined {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(file, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat || !stat.isFile()) return undefined;
    if (previous && previous.mtimeMs === stat.mtimeMs && previous.size === stat.size) return previous;
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    const hash = contentHash(text);
    if (previous && previous.hash === hash) return { ...previous, mtimeMs: stat.mtimeMs, size: stat.size };
    const sourceFile = this.parse(file, text);
    const state: FileState = { mtimeMs: stat.mtimeMs, size: stat.size, hash, facts: this.extract(sourceFile, file) };
    // Only parses shared with ESLint come back to forFile (the CLI's die here).
    if (this.options.parses) this.stateOfParse.set(sourceFile, state);
    return state;
  }

  private parse(file: string, text: string): TS.SourceFile {
    return this.options.parses ? this.options.parses.parse(file, text) : parseForExtraction(file, text);
  }

  private extract(sourceFile: TS.SourceFile, file: string): FileFacts {
    if (TRACE) process.stderr.write(`eloquent: extracted ${file}\n`);
    const facts = extractFileModels(sourceFile, undefined);
    return facts.fileName === file ? facts : { ...facts, fileName: file };
  }

  private linked(state: ProjectState, override: { file: string; hash: string; facts: FileFacts } | undefined): SourceGraph {
    const key = override ? contentHash(`${state.diskKey}\u0000${override.file}\u0000${override.hash}`) : state.diskKey;
    const cached = state.links.get(key);
    if (cached) return cached;
    const factsByFile = new Map<string, FileFacts>();
    for (const [file, s] of state.files) factsByFile.set(file, s.facts);
    if (override) factsByFile.set(override.file, override.facts);
    const resolver = createModuleResolver(new Set(factsByFile.keys()), state.config?.compilerOptions ?? {}, ts.sys);
    const link = linkModelGraph(factsByFile.values(), resolver);
    const graph: SourceGraph = {
      key,
      graph: link.graph,
      link,
      ...(state.config ? { config: state.config } : {}),
      fileNames: [...factsByFile.keys()],
      files: factsByFile,
    };
    state.links.set(key, graph);
    if (state.links.size > MAX_LINKS_PER_PROJECT) state.links.delete(state.links.keys().next().value!);
    return graph;
  }
}
