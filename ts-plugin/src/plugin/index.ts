import type * as TS from "typescript";
export function init(_modules: { typescript: typeof TS }) {
  return { create: (info: TS.server.PluginCreateInfo) => info.languageService };
}
