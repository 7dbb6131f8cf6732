/**
 * One configuration for every front: rule severities (and "off") set once, in `eloquent.config.json`, the
 * `eloquent` key of package.json, or the tsserver/tspc plugin entry, and applied the same way by the CLI, tspc,
 * the tsserver plugin, `registerModels` and (mapped onto ESLint's own config) the ESLint plugin.
 *
 *   { "rules": { "cross-store-relation": "off", "inverse-consistency": "error" }, "failOnWarnings": false }
 *
 * Pure: fronts read the file (the analyzer for the static fronts, the runtime its own small reader) and
 * hand the parsed JSON here.
 */
import type { Diagnostic, Severity } from "../diagnostic";

export type RuleSetting = Severity | "off";

export interface EloquentConfig {
  /** Per-rule setting by rule id; a rule not listed keeps its default severity. */
  rules: Readonly<Record<string, RuleSetting>>;
  /** Warnings fail the build (`tspc`, `eloquent check`) too. Default false: only errors do. */
  failOnWarnings: boolean;
}

export const DEFAULT_CONFIG: EloquentConfig = Object.freeze({ rules: Object.freeze({}), failOnWarnings: false });

/** A configuration that is not what we expected: names the source, the key, what was found and what is allowed. */
export class EloquentConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EloquentConfigError";
  }
}

const SETTINGS: Readonly<Record<string, RuleSetting>> = {
  error: "error",
  warning: "warning",
  warn: "warning", // ESLint's spelling, so a setting copied from eslint.config works
  info: "info",
  off: "off",
};

/**
 * Validates a configuration object (parsed JSON, or a plugin entry's options). `source` names where it came
 * from, for the error message; `knownRules` are the rule ids the front can report (unknown ids are typos).
 */
export function parseEloquentConfig(raw: unknown, source: string, knownRules: Iterable<string>): EloquentConfig {
  if (raw === undefined || raw === null) return DEFAULT_CONFIG;
  if (typeof raw !== "object" || Array.isArray(raw)) {
    throw new EloquentConfigError(
      `${source}: the eloquent configuration must be an object like { "rules": { "<rule-id>": "off" } }, got ${describe(raw)}.`,
    );
  }
  const record = raw as Record<string, unknown>;
  const known = new Set(knownRules);
  const rules: Record<string, RuleSetting> = {};
  const rawRules = record.rules;
  if (rawRules !== undefined) {
    if (typeof rawRules !== "object" || rawRules === null || Array.isArray(rawRules)) {
      throw new EloquentConfigError(
        `${source}: "rules" must be an object of rule id → "error" | "warning" | "info" | "off", got ${describe(rawRules)}.`,
      );
    }
    for (const [key, value] of Object.entries(rawRules as Record<string, unknown>)) {
      const id = key.startsWith("eloquent/") ? key.slice("eloquent/".length) : key;
      if (!known.has(id)) {
        throw new EloquentConfigError(`${source}: unknown rule "${key}" in "rules". Known rules: ${[...known].sort().join(", ")}.`);
      }
      const setting = typeof value === "string" ? SETTINGS[value] : undefined;
      if (setting === undefined) {
        throw new EloquentConfigError(
          `${source}: rule "${key}" is set to ${describe(value)}; expected "error", "warning", "info" or "off".`,
        );
      }
      rules[id] = setting;
    }
  }
  const failOnWarnings = record.failOnWarnings ?? false;
  if (typeof failOnWarnings !== "boolean") {
    throw new EloquentConfigError(`${source}: "failOnWarnings" must be true or false, got ${describe(failOnWarnings)}.`);
  }
  return { rules, failOnWarnings };
}

/** Later configurations win rule by rule (file config, then the plugin entry's options). */
export function mergeConfigs(...configs: readonly EloquentConfig[]): EloquentConfig {
  const rules: Record<string, RuleSetting> = {};
  let failOnWarnings = false;
  for (const config of configs) {
    Object.assign(rules, config.rules);
    failOnWarnings = config.failOnWarnings || failOnWarnings;
  }
  return { rules, failOnWarnings };
}

/** The effective severity of a rule. */
export function ruleSetting(config: EloquentConfig, ruleId: string, defaultSeverity: Severity): RuleSetting {
  return config.rules[ruleId] ?? defaultSeverity;
}

/** Diagnostics with the configured severities; rules set to "off" removed. */
export function applyRuleSettings(diagnostics: readonly Diagnostic[], config: EloquentConfig): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = config.rules[diagnostic.ruleId];
    if (setting === undefined) out.push(diagnostic);
    else if (setting !== "off") out.push(setting === diagnostic.severity ? diagnostic : { ...diagnostic, severity: setting });
  }
  return out;
}

/** Whether a diagnostic fails the build (`tspc`, `eloquent check`): errors, and warnings with `failOnWarnings`. */
export function failsBuild(severity: Severity, config: EloquentConfig): boolean {
  return severity === "error" || (severity === "warning" && config.failOnWarnings);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? JSON.stringify(value) : `${typeof value} ${JSON.stringify(value)}`;
}
