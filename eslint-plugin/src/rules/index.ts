/** The plugin's rules: every engine rule, plus `relation-path` for query sites. Generated, never hand-listed. */
import { RULES, type RuleMeta } from "eloquent-engine";
import { MODEL_DECLARATION_RULE, RELATION_PATH_RULE } from "eloquent-analyzer";
import { createEngineRule, type EloquentRule } from "./engine-rule";

export const RULE_METAS: readonly RuleMeta[] = [
  ...RULES.map(({ id, code, defaultSeverity, description, suggests }) => ({
    id,
    code,
    defaultSeverity,
    description,
    ...(suggests ? { suggests } : {}),
  })),
  RELATION_PATH_RULE,
  MODEL_DECLARATION_RULE,
];

export const rules: Record<string, EloquentRule> = Object.fromEntries(RULE_METAS.map((meta) => [meta.id, createEngineRule(meta)]));
