/**
 * What a file holds on disk right now, for typed linting: typescript-eslint's Program is not told when
 * ANOTHER file changes (nothing watches it in an ESLint process), so the model files' program text is
 * compared with the disk. The caller decides how often (TypedGraphs checks a whole project at once); a
 * check is one stat, plus a read only when the stat changed since the last read.
 */
import * as fs from "node:fs";
import { contentHash, parseForExtraction } from "./source-graphs";
import { extractFileModels, type FileFacts } from "../extract";

interface DiskState {
  mtimeMs: number;
  size: number;
  text: string;
  hash?: string;
  facts?: FileFacts;
}

export class DiskFiles {
  private readonly states = new Map<string, DiskState>();
  /** Files read (not only stat'ed) since the counter was last reset: a check that read nothing measures the stat cost. */
  reads = 0;

  /**
   * The content hash of the disk version when it differs from `programText`; undefined when they are the
   * same or the file cannot be read (the program's text then stands).
   */
  divergence(fileName: string, programText: string): string | undefined {
    const state = this.state(fileName);
    if (state === undefined || state.text === programText) return undefined;
    return (state.hash ??= contentHash(state.text));
  }

  /** Facts of the disk version of the file as last checked (extracted once per content). */
  facts(fileName: string): FileFacts | undefined {
    const state = this.states.get(fileName);
    if (!state) return undefined;
    state.facts ??= extractFileModels(parseForExtraction(fileName, state.text), undefined);
    return state.facts;
  }

  private state(fileName: string): DiskState | undefined {
    const previous = this.states.get(fileName);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(fileName, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat?.isFile()) {
      this.states.delete(fileName);
      return undefined;
    }
    if (previous && previous.mtimeMs === stat.mtimeMs && previous.size === stat.size) return previous;
    let text: string;
    try {
      text = fs.readFileSync(fileName, "utf8");
    } catch {
      this.states.delete(fileName);
      return undefined;
    }
    this.reads++;
    const state: DiskState =
      previous && previous.text === text
        ? { ...previous, mtimeMs: stat.mtimeMs, size: stat.size }
        : { mtimeMs: stat.mtimeMs, size: stat.size, text };
    this.states.set(fileName, state);
    return state;
  }
}
