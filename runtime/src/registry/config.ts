/**
 * `registerModels` and eloquent's one configuration. The rule settings ("off", severities) are read from the
 * same place as the static fronts — eloquent.config.json or package.json "eloquent", nearest to the working
 * directory — by this small reader (the runtime does not depend on the analyzer); finding and validating are
 * the engine's.
 *
 * Suppression comments: registration has no source file, but a class's own source is available through
 * `Function.prototype.toString` (the exact text of the class, comments included, unless a minifier removed
 * them). A `// eloquent-disable-next-line <rule>` right above a relation or column entry of `static schema`
 * therefore suppresses that rule for that entry at registration too. For minified builds, use "off".
 */
import * as fs from "node:fs";
import * as path from "node:path";
import {
  DEFAULT_CONFIG,
  RULES,
  findConfig,
  findSuppressions,
  isSuppressed,
  parseEloquentConfig,
  type Diagnostic,
  type EloquentConfig,
} from "eloquent-engine";

const access = {
  readFile(file: string): string | undefined {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  },
  join: path.join,
  dirname: path.dirname,
};

/** Static-only rule ids a shared configuration may also set (the runtime never reports them). */
const STATIC_ONLY_RULES = ["relation-path", "plugin-setup"];

const cache = new Map<string, EloquentConfig>();

/** The configuration found from `directory` (default: the working directory); throws EloquentConfigError when invalid. */
export function readRuntimeConfig(directory = process.cwd()): EloquentConfig {
  const start = path.resolve(directory);
  let config = cache.get(start);
  if (!config) {
    const found = findConfig(start, access);
    config = found ? parseEloquentConfig(found.raw, found.source, [...RULES.map((r) => r.id), ...STATIC_ONLY_RULES]) : DEFAULT_CONFIG;
    cache.set(start, config);
  }
  return config;
}

/** Forget cached configurations (tests that write a configuration). */
export function clearRuntimeConfigCache(): void {
  cache.clear();
}

/** Whether an `eloquent-disable-next-line` comment in the class's source covers this diagnostic's entry. */
export function suppressedInClassSource(diagnostic: Diagnostic, cls: unknown): boolean {
  const entry = diagnostic.node.relation ?? diagnostic.node.column;
  if (entry === undefined || typeof cls !== "function") return false;
  let text: string;
  try {
    text = Function.prototype.toString.call(cls);
  } catch {
    return false;
  }
  const suppressions = findSuppressions(text);
  if (suppressions.size === 0) return false;
  const escaped = entry.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const declaration = new RegExp(`^\\s*(?:(["'\`])${escaped}\\1|${escaped})\\s*:`);
  const lines = text.split("\n");
  return lines.some((line, index) => declaration.test(line) && isSuppressed(suppressions, diagnostic.ruleId, index));
}
