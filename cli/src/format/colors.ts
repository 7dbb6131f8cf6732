/** ANSI colours, applied only when the output stream is a terminal (NO_COLOR / FORCE_COLOR respected). */
export interface Palette {
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const ANSI: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  cyan: wrap(36, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const identity = (text: string) => text;
export const PLAIN: Palette = {
  red: identity,
  yellow: identity,
  cyan: identity,
  dim: identity,
  bold: identity,
  underline: identity,
};

/** `override` comes from --color / --no-color. */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv, override?: boolean): boolean {
  if (override !== undefined) return override;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  return stream.isTTY === true;
}
