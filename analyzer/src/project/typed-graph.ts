/**
 * The project graph from typescript-eslint's Program (type information): the Program decides which
 * files form the project and gives the checker; each file's facts come from its SourceFile — unless the
 * disk holds newer content for a file other than the one being linted (the Program is not told about
 * edits in other files), in which case the disk version is extracted. Linking is cached by the
 * combined content key, so the engine still runs once per distinct graph.
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

const MAX_LINKS = 8;

export class TypedGraphs {
  private readonly disk: DiskFiles;
  private readonly sourceFacts = new WeakMap<TS.SourceFile, { hash: string; facts: FileFacts }>();
  private readonly links = new Map<string, LinkResult>();
  /** Per project: the (file, content) list of the last graph, to skip re-keying when nothing changed. */
  private readonly last = new Map<string, { signature: string[]; graph: TypedGraph }>();

  constructor() {
    this.disk = new DiskFiles();
  }

  forProgram(program: TS.Program, lintedFile: string): TypedGraph {
    const linted = normalizeFileName(lintedFile);
    const projectKey = String(program.getCompilerOptions().configFilePath ?? program.getRootFileNames()[0] ?? "");
    const entries: Array<[string, FileFacts]> = [];
    const keyParts: string[] = [];
    for (const sourceFile of program.getSourceFiles()) {
      if (!isProjectFile(program, sourceFile)) continue;
      const fileName = normalizeFileName(sourceFile.fileName);
      let fromProgram = this.sourceFacts.get(sourceFile);
      if (!fromProgram) {
        fromProgram = { hash: contentHash(sourceFile.text), facts: extractFileModels(sourceFile, undefined) };
        this.sourceFacts.set(sourceFile, fromProgram);
      }
      const onDisk = fileName === linted ? undefined : this.disk.hash(fileName);
      const useDisk = onDisk !== undefined && onDisk !== fromProgram.hash;
      const facts = useDisk ? this.disk.facts(fileName) : fromProgram.facts;
      if (!facts) continue;
      entries.push([fileName, facts]);
      keyParts.push(`${fileName}\u0000${useDisk ? onDisk : fromProgram.hash}`);
    }
    const previous = this.last.get(projectKey);
    if (previous && sameList(previous.signature, keyParts)) return previous.graph;
    const files = new Map<string, FileFacts>();
    for (const [fileName, facts] of entries) files.set(fileName, facts.fileName === fileName ? facts : { ...facts, fileName });
    const key = contentHash([...keyParts].sort().join("\n"));
    let link = this.links.get(key);
    if (!link) {
      const resolver = createModuleResolver(new Set(files.keys()), program.getCompilerOptions(), ts.sys);
      link = linkModelGraph(files.values(), resolver);
      this.links.set(key, link);
      if (this.links.size > MAX_LINKS) this.links.delete(this.links.keys().next().value!);
    }
    const graph: TypedGraph = { key, link, files };
    this.last.set(projectKey, { signature: keyParts, graph });
    return graph;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
