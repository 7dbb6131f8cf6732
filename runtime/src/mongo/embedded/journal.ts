/**
 * Undo journal for the embedded store's atomic pivot writes. Work run with `journaled()` records
 * each document it inserts, replaces or deletes (found through AsyncLocalStorage, so concurrent
 * work outside it — other requests creating models meanwhile — is never recorded). When the work
 * throws, only its own writes are undone, newest first; a document someone else changed after it
 * is left as they wrote it.
 */
import { AsyncLocalStorage } from "node:async_hooks";

/** The stored unit: collections replace `doc` on write, never mutate it. */
export interface JournalEntry {
  seq: number;
  doc: object;
  keys?: Map<string, string | null>;
}

type Change =
  | { kind: "insert"; entries: Map<string, JournalEntry>; key: string; entry: JournalEntry }
  | { kind: "replace"; entry: JournalEntry; before: object; after: object }
  | { kind: "delete"; entries: Map<string, JournalEntry>; key: string; entry: JournalEntry };

const journals = new AsyncLocalStorage<Change[]>();

export function isJournaling(): boolean {
  return journals.getStore() !== undefined;
}

/** Called by the collection on every write. */
export function recordInsert(entries: Map<string, JournalEntry>, key: string, entry: JournalEntry): void {
  journals.getStore()?.push({ kind: "insert", entries, key, entry });
}
export function recordReplace(entry: JournalEntry, before: object): void {
  journals.getStore()?.push({ kind: "replace", entry, before, after: entry.doc });
}
export function recordDelete(entries: Map<string, JournalEntry>, key: string, entry: JournalEntry): void {
  journals.getStore()?.push({ kind: "delete", entries, key, entry });
}

/** Runs `work`; if it throws, undoes the writes it made (and only those) and rethrows. Nested calls join the outer journal. */
export async function journaled<T>(work: () => Promise<T>): Promise<T> {
  if (journals.getStore()) return work();
  const changes: Change[] = [];
  try {
    return await journals.run(changes, work);
  } catch (error) {
    undo(changes);
    throw error;
  }
}

function undo(changes: Change[]): void {
  const reordered = new Set<Map<string, JournalEntry>>();
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i]!;
    if (c.kind === "insert") {
      if (c.entries.get(c.key) === c.entry) c.entries.delete(c.key);
    } else if (c.kind === "replace") {
      if (c.entry.doc === c.after) {
        c.entry.doc = c.before;
        c.entry.keys = undefined;
      }
    } else if (!c.entries.has(c.key)) {
      c.entries.set(c.key, c.entry);
      reordered.add(c.entries);
    }
  }
  // A restored document goes back to its place in natural (insertion) order.
  for (const entries of reordered) {
    const sorted = [...entries].sort((a, b) => a[1].seq - b[1].seq);
    entries.clear();
    for (const [k, e] of sorted) entries.set(k, e);
  }
}
