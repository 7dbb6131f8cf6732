/**
 * A minimal LSP client driving a REAL typescript-language-server over stdio (JSON-RPC, Content-Length framed),
 * as Neovim, Helix, Emacs or Sublime do. It answers the server's own requests the way a plain editor would
 * (configuration: none; progress and capability registration: accepted; applyEdit: recorded and accepted).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { pathToFileURL } from "node:url";

interface Pending {
  resolve(result: any): void;
  reject(error: Error): void;
  method: string;
}

export interface Position {
  line: number;
  character: number;
}

export interface TextEdit {
  range: { start: Position; end: Position };
  newText: string;
}

export const uriOf = (fileName: string) => pathToFileURL(fileName).href;

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private buffer = Buffer.alloc(0);
  private stderr = "";
  /** Latest publishDiagnostics per uri, plus a version counter to wait for fresh ones. */
  readonly diagnostics = new Map<string, { version: number; items: any[] }>();
  private published = 0;
  private readonly waiters: (() => void)[] = [];
  readonly appliedEdits: any[] = [];
  private readonly versions = new Map<string, number>();

  constructor(command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: "pipe" });
    this.child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on("exit", (code) => {
      for (const pending of this.pending.values())
        pending.reject(new Error(`typescript-language-server exited (${code}) during ${pending.method}: ${this.stderr}`));
      this.pending.clear();
    });
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const match = /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString());
      const start = headerEnd + 4;
      if (!match) {
        this.buffer = this.buffer.subarray(start);
        continue;
      }
      const length = Number(match[1]);
      if (this.buffer.length < start + length) return;
      const message = JSON.parse(this.buffer.subarray(start, start + length).toString("utf8"));
      this.buffer = this.buffer.subarray(start + length);
      this.onMessage(message);
    }
  }

  private onMessage(message: any): void {
    if (message.id !== undefined && message.method === undefined) {
      const pending = this.pending.get(message.id);
      if (!pending) return;
      this.pending.delete(message.id);
      if (message.error) pending.reject(new Error(`${pending.method}: ${message.error.message}`));
      else pending.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // A request from the server.
      let result: unknown = null;
      if (message.method === "workspace/configuration") result = (message.params?.items ?? []).map(() => null);
      if (message.method === "workspace/applyEdit") {
        this.appliedEdits.push(message.params.edit);
        result = { applied: true };
      }
      this.send({ id: message.id, result });
      return;
    }
    if (message.method === "textDocument/publishDiagnostics") {
      this.diagnostics.set(message.params.uri, { version: ++this.published, items: message.params.diagnostics });
      for (const waiter of this.waiters.splice(0)) waiter();
    }
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async initialize(rootPath: string, initializationOptions: Record<string, unknown> = {}): Promise<any> {
    const result = await this.request("initialize", {
      processId: process.pid,
      rootUri: uriOf(rootPath),
      workspaceFolders: [{ uri: uriOf(rootPath), name: "consumer" }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true },
          completion: { completionItem: { snippetSupport: false, labelDetailsSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["quickfix", "refactor", "source"] } } },
          rename: { prepareSupport: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          inlayHint: {},
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, configuration: true },
      },
      initializationOptions: { disableAutomaticTypingAcquisition: true, ...initializationOptions },
    });
    this.notify("initialized", {});
    return result;
  }

  open(fileName: string, text: string): void {
    this.versions.set(uriOf(fileName), 1);
    this.notify("textDocument/didOpen", { textDocument: { uri: uriOf(fileName), languageId: "typescript", version: 1, text } });
  }

  /** Replaces the whole document (a full-text didChange). */
  change(fileName: string, text: string): void {
    const uri = uriOf(fileName);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Counter of the latest publishDiagnostics of `fileName` (0: none yet), for waiting on a fresh one. */
  publishedVersion(fileName: string): number {
    return this.diagnostics.get(uriOf(fileName))?.version ?? 0;
  }

  /** Waits for a publishDiagnostics of `fileName` (newer than `after`, when given) that satisfies `accept`. */
  async waitForDiagnostics(fileName: string, accept: (items: any[]) => boolean, timeoutMs = 30_000, after = 0): Promise<any[]> {
    const uri = uriOf(fileName);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && current.version > after && accept(current.items)) return current.items;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching diagnostics for ${fileName}; last: ${JSON.stringify(current?.items ?? null)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    try {
      await Promise.race([this.request("shutdown", null), new Promise((resolve) => setTimeout(resolve, 3000))]);
    } catch {
      // Already gone.
    }
    this.notify("exit", null);
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}

/** Applies LSP text edits to a text (edits of one document, non-overlapping, any order). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const offsets = lineOffsets(text);
  const at = (position: Position) => (offsets[position.line] ?? text.length) + position.character;
  const sorted = [...edits].sort((a, b) => at(b.range.start) - at(a.range.start));
  let out = text;
  for (const edit of sorted) out = out.slice(0, at(edit.range.start)) + edit.newText + out.slice(at(edit.range.end));
  return out;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") offsets.push(i + 1);
  return offsets;
}

/** 0-based LSP position of the first `needle` (plus `delta` characters). */
export function positionIn(text: string, needle: string, delta = 0, occurrence = 0): Position {
  let index = -1;
  for (let n = 0; n <= occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`'${needle}' not found`);
  }
  const before = text.slice(0, index + delta);
  const line = before.split("\n").length - 1;
  return { line, character: before.length - (before.lastIndexOf("\n") + 1) };
}
