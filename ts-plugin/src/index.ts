/**
 * eloquent-ts-plugin. Loaded by tsserver through `compilerOptions.plugins: [{ "name": "eloquent-ts-plugin" }]`:
 * tsserver `require`s this module and calls the exported function with its own TypeScript instance.
 * (The analyzer's API lives in eloquent-analyzer; the ESLint plugin and the CLI use it from there.)
 *
 * A TypeScript this plugin cannot work with (7+, native: no plugin API) gets one log line with the fix and a
 * pass-through plugin — the editor keeps TypeScript's own service.
 */
import type * as TS from "typescript";
import { init } from "./plugin";
import { unsupportedTypeScriptMessage } from "eloquent-analyzer";

function guardedInit(modules: { typescript: typeof TS }): TS.server.PluginModule {
  const unsupported = unsupportedTypeScriptMessage(
    "eloquent-ts-plugin",
    (modules?.typescript as { version?: string } | undefined)?.version,
  );
  if (!unsupported) return init(modules);
  return {
    create(info) {
      info.project.projectService.logger.info(unsupported);
      return info.languageService;
    },
  };
}

export = guardedInit;
