/** A one-line progress indicator on stderr, only on a terminal and only once a run is slow enough to need it. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

export class Progress {
  private readonly startedAt = Date.now();
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    // ELOQUENT_PROGRESS_DELAY_MS: how long a run must take before progress shows (default 300 ms).
    private readonly delayMs = Number(process.env.ELOQUENT_PROGRESS_DELAY_MS ?? 300),
  ) {}

  update(done: number, total: number): void {
    if (this.stream.isTTY !== true) return;
    if (!this.shown && Date.now() - this.startedAt < this.delayMs) return;
    this.shown = true;
    this.stream.write(`\r\u001b[2K${this.label} ${done}/${total}`);
  }

  done(): void {
    if (this.shown) this.stream.write("\r\u001b[2K");
    this.shown = false;
  }
}
