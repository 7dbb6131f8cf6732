/**
 * Every language-service hook runs through `guard`: a plugin bug is logged to the tsserver log and the
 * editor gets TypeScript's own result — the plugin must never take the editor down (GraphQLSP's lesson).
 */
export interface Logger {
  info(message: string): void;
}

export function createGuard(logger: Logger) {
  return function guard<T>(hook: string, fallback: () => T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      logger.info(`[eloquent-ts-plugin] ${hook} failed; returning TypeScript's result. ${detail}`);
      return fallback();
    }
  };
}
