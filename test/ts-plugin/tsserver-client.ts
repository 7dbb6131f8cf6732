/**
 * A minimal client for a REAL tsserver process speaking its stdio protocol (Content-Length framed JSON),
 * used by the end-to-end tests and the benchmark. One process per test file keeps the suite fast.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import * as path from "node:path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export const TYPESCRIPT_VERSIONS = [
  { label: "TypeScript 5.9", tsserver: path.join(REPO_ROOT, "node_modules/typescript/lib/tsserver.js") },
  { label: "TypeScript 6.0", tsserver: path.join(REPO_ROOT, "node_modules/typescript6/lib/tsserver.js") },
  // The oldest TypeScript of the peer range.
  { label: "TypeScript 5.0", tsserver: path.join(REPO_ROOT, "node_modules/typescript5/lib/tsserver.js") },
] as const;

interface Pending {
  resolve(body: any): void;
  reject(error: Error): void;
  command: string;
}

export interface TsServerOptions {
  tsserver: string;
  /** Load the plugin globally (in addition to any tsconfig `plugins` entry). */
  globalPlugin?: boolean;
  logFile?: string;
}

export class TsServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private buffer = Buffer.alloc(0);
  private stderr = "";
  readonly events: any[] = [];

  constructor(options: TsServerOptions) {
    const args = [
      options.tsserver,
      "--disableAutomaticTypingAcquisition",
      "--suppressDiagnosticEvents",
      "--pluginProbeLocations",
      REPO_ROOT,
      ...(options.globalPlugin ? ["--globalPlugins", "eloquent-ts-plugin"] : []),
      ...(options.logFile ? ["--logVerbosity", "verbose", "--logFile", options.logFile] : []),
    ];
    this.child = spawn(process.execPath, args, { stdio: "pipe" });
    this.child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on("exit", (code) => {
      for (const pending of this.pending.values())
        pending.reject(new Error(`tsserver exited (${code}) during ${pending.command}: ${this.stderr}`));
      this.pending.clear();
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString();
      const match = /Content-Length: (\d+)/i.exec(header);
      if (!match) {
        this.buffer = this.buffer.subarray(headerEnd + 4);
        continue;
      }
      const length = Number(match[1]);
      const start = headerEnd + 4;
      if (this.buffer.length < start + length) return;
      const body = JSON.parse(this.buffer.subarray(start, start + length).toString("utf8"));
      this.buffer = this.buffer.subarray(start + length);
      if (body.type === "response") {
        const pending = this.pending.get(body.request_seq);
        if (!pending) continue;
        this.pending.delete(body.request_seq);
        if (body.success === false && !/No content available/.test(body.message ?? ""))
          pending.reject(new Error(`${pending.command}: ${body.message}`));
        else pending.resolve(body.body);
      } else if (body.type === "event") this.events.push(body);
    }
  }

  /** Sends a request and resolves with the response body. */
  request<T = any>(command: string, args?: unknown): Promise<T> {
    const seq = ++this.seq;
    const message = JSON.stringify({ seq, type: "request", command, arguments: args });
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject, command });
      this.child.stdin.write(`${message}\n`);
    });
  }

  /** Fire-and-forget commands (open, change, close have no response). */
  notify(command: string, args?: unknown): void {
    const seq = ++this.seq;
    this.child.stdin.write(`${JSON.stringify({ seq, type: "request", command, arguments: args })}\n`);
  }

  open(file: string, fileContent?: string, projectRootPath?: string): void {
    this.notify("open", { file, ...(fileContent === undefined ? {} : { fileContent }), ...(projectRootPath ? { projectRootPath } : {}) });
  }

  /** Replaces text between two 1-based line/offset positions. */
  change(file: string, line: number, offset: number, endLine: number, endOffset: number, insertString: string): void {
    this.notify("change", { file, line, offset, endLine, endOffset, insertString });
  }

  semanticDiagnostics(file: string): Promise<any[]> {
    return this.request("semanticDiagnosticsSync", { file, includeLinePosition: false });
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.notify("exit");
    const timer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(timer);
  }
}

/** 1-based line/offset of the first occurrence of `needle` (plus `delta` characters) in `text`. */
export function locate(text: string, needle: string, delta = 0): { line: number; offset: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`'${needle}' not found`);
  return positionOf(text, index + delta);
}

export function positionOf(text: string, index: number): { line: number; offset: number } {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, offset: index - before.lastIndexOf("\n") };
}
