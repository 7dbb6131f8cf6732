/** `memory:` (or `memory:<server>`) names the embedded store; kept apart so deciding loads no store code. */
export function isEmbeddedUrl(url: string): boolean {
  return /^memory:/i.test(url.trim());
}
