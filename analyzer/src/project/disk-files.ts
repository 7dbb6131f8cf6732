/**
 * What a file holds on disk right now, for typed linting: typescript-eslint's Program is not told when
 * ANOTHER file changes (nothing watches it in an ESLint process), so the model files' program text is
 * checked against the disk — stat at most every `rescanMs`, read and hash only when the stat changed.
 */
import * as fs from "node:fs";
import { contentHash, parseForExtraction } from "./source-graphs";
import { extractFileModels, type FileFacts } from "../extract";

interface DiskState {
  checkedAt: number;
  mtimeMs: number;
  size: number;
  hash: string;
  text: string;
  facts?: FileFacts;
}

export class DiskFiles {
  /** null: unreadable at the last check (retried after rescanMs like any other file). */
  private readonly states = new Map<string, DiskState | null>();
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly rescanMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Content hash of the file on disk, or undefined when it cannot be read. */
  hash(fileName: string): string | undefined {
    return this.state(fileName)?.hash;
  }

  /** Facts of the disk version of the file (extracted once per content). */
  facts(fileName: string): FileFacts | undefined {
    const state = this.state(fileName);
    if (!state) return undefined;
    state.facts ??= extractFileModels(parseForExtraction(fileName, state.text), undefined);
    return state.facts;
  }

  private state(fileName: string): DiskState | undefined {
    const now = this.now();
    const previous = this.states.get(fileName);
    if (previous && now - previous.checkedAt < this.rescanMs) return previous;
    const lastMiss = this.misses.get(fileName);
    if (previous === null && lastMiss !== undefined && now - lastMiss < this.rescanMs) return undefined;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(fileName, { throwIfNoEntry: false });
    } catch {
      stat = undefined;
    }
    if (!stat?.isFile()) {
      this.states.set(fileName, null);
      this.misses.set(fileName, now);
      return undefined;
    }
    if (previous && previous.mtimeMs === stat.mtimeMs && previous.size === stat.size) {
      previous.checkedAt = now;
      return previous;
    }
    let text: string;
    try {
      text = fs.readFileSync(fileName, "utf8");
    } catch {
      this.states.set(fileName, null);
      this.misses.set(fileName, now);
      return undefined;
    }
    const hash = contentHash(text);
    const state: DiskState =
      previous && previous.hash === hash
        ? { ...previous, checkedAt: now, mtimeMs: stat.mtimeMs, size: stat.size }
        : { checkedAt: now, mtimeMs: stat.mtimeMs, size: stat.size, hash, text };
    this.states.set(fileName, state);
    return state;
  }
}
