/**
 * The project graph from typescript-eslint's Program (type information): the Program decides which
 * files form the project and gives the checker; each file's facts come from its SourceFile — unless the
 * disk holds newer content for a file other than the one being linted (the Program is not told about
 * edits in other files), in which case the disk version is extracted. Linking is cached by the
 * combined content key, so the engine still runs once per distinct graph.
 *
 * Cost per linted file must not grow with the project: typescript-eslint hands every file of a lint the
 * same Program (and the same SourceFile array), so the project's file list is rebuilt only when those
 * change, and the disk is compared with the program for the whole project at once, at most every
 * `rescanMs` (from ADAPTIVE_RESCAN_FILES files on, at least RESCAN_COST_FACTOR× what a stat-only check
 * cost) — not file by file on every lint, which made a 1,000-file typed lint quadratic.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import { contentHash } from "./source-graphs";
import { normalizeFileName } from "./tsconfig";
import { createModuleResolver, extractFileModels, isProjectFile, linkModelGraph, type FileFacts, type LinkResult } from "../extract";
import { DiskFiles } from "./disk-files";

export interface TypedGraph {
  key: string;
  link: LinkResult;
  files: ReadonlyMap<string, FileFacts>;
}

export interface TypedGraphOptions {
  rescanMs?: number;
  now?: () => number;
}

/** One project file as the Program holds it (per SourceFile object: it changes exactly when the file does). */
interface ProgramFile {
  fileName: string;
  text: string;
  hash: string;
  facts: FileFacts;
}

interface ProjectState {
  program?: TS.Program;
  sourceFiles?: readonly TS.SourceFile[];
  files: ProgramFile[];
  /** Content key of `files` (names and hashes), recomputed only when the list changes. */
  programKey: string;
  /** Files whose disk content differs from the program's at the last check: file → disk content hash. */
  divergent: Map<string, string>;
  checkedAt: number;
  /** Duration of the last check that read nothing (stats only). */
  scanMs: number;
}

const MAX_LINKS = 8;
/** As in SourceGraphs: checking the disk stays under ~5% of a lint of a big project. */
const RESCAN_COST_FACTOR = 20;
const ADAPTIVE_RESCAN_FILES = 500;

export class TypedGraphs {
  private readonly disk = new DiskFiles();
  private readonly programFiles = new WeakMap<TS.SourceFile, ProgramFile>();
  private readonly projects = new Map<string, ProjectState>();
  private readonly graphs = new Map<string, TypedGraph>();
  private readonly rescanMs: number;
  private readonly now: () => number;

  constructor(options: TypedGraphOptions = {}) {
    this.rescanMs = options.rescanMs ?? 250;
    this.now = options.now ?? Date.now;
  }

  forProgram(program: TS.Program, lintedFile: string): TypedGraph {
    const projectKey = String(program.getCompilerOptions().configFilePath ?? program.getRootFileNames()[0] ?? "");
    let state = this.projects.get(projectKey);
    if (!state) {
      state = { files: [], programKey: "", divergent: new Map(), checkedAt: -Infinity, scanMs: 0 };
      this.projects.set(projectKey, state);
    }
    this.updateFiles(state, program);
    this.checkDisk(state);
    // The linted file's program text is ESLint's text: it wins over the disk.
    const linted = state.divergent.size > 0 ? normalizeFileName(lintedFile) : "";
    const overrides = [...state.divergent].filter(([fileName]) => fileName !== linted).sort(([a], [b]) => (a < b ? -1 : 1));
    const key =
      overrides.length === 0
        ? state.programKey
        : contentHash(`${state.programKey}\n${overrides.map(([f, h]) => `${f}\u0000${h}`).join("\n")}`);
    const cached = this.graphs.get(key);
    if (cached) return cached;
    const fromDisk = new Set(overrides.map(([fileName]) => fileName));
    const files = new Map<string, FileFacts>();
    for (const file of state.files) {
      const facts = fromDisk.has(file.fileName) ? this.disk.facts(file.fileName) : file.facts;
      if (facts) files.set(file.fileName, facts);
    }
    const resolver = createModuleResolver(new Set(files.keys()), program.getCompilerOptions(), ts.sys);
    const graph: TypedGraph = { key, link: linkModelGraph(files.values(), resolver), files };
    this.graphs.set(key, graph);
    if (this.graphs.size > MAX_LINKS) this.graphs.delete(this.graphs.keys().next().value!);
    return graph;
  }

  /** The program's project files; nothing to do when typescript-eslint hands over the same Program and files. */
  private updateFiles(state: ProjectState, program: TS.Program): void {
    const sourceFiles = program.getSourceFiles();
    if (state.program === program && state.sourceFiles === sourceFiles) return;
    const files: ProgramFile[] = [];
    for (const sourceFile of sourceFiles) {
      if (!isProjectFile(program, sourceFile)) continue;
      let file = this.programFiles.get(sourceFile);
      if (!file) {
        const fileName = normalizeFileName(sourceFile.fileName);
        const facts = extractFileModels(sourceFile, undefined);
        file = {
          fileName,
          text: sourceFile.text,
          hash: contentHash(sourceFile.text),
          facts: facts.fileName === fileName ? facts : { ...facts, fileName },
        };
        this.programFiles.set(sourceFile, file);
      }
      files.push(file);
    }
    const same = files.length === state.files.length && files.every((file, i) => file === state.files[i]);
    state.program = program;
    state.sourceFiles = sourceFiles;
    if (same) return;
    state.files = files;
    const parts = files.map((file) => `${file.fileName}\u0000${file.hash}`).sort();
    state.programKey = contentHash(parts.join("\n"));
    // Files new to the list have not been compared with the disk yet.
    state.checkedAt = -Infinity;
  }

  private checkDisk(state: ProjectState): void {
    const start = this.now();
    const interval =
      state.files.length >= ADAPTIVE_RESCAN_FILES ? Math.max(this.rescanMs, RESCAN_COST_FACTOR * state.scanMs) : this.rescanMs;
    if (start - state.checkedAt < interval) return;
    const reads = this.disk.reads;
    const divergent = new Map<string, string>();
    for (const file of state.files) {
      const onDisk = this.disk.divergence(file.fileName, file.text);
      if (onDisk !== undefined) divergent.set(file.fileName, onDisk);
    }
    state.divergent = divergent;
    state.checkedAt = this.now();
    if (this.disk.reads === reads) state.scanMs = state.checkedAt - start;
  }
}
