import type { Rule } from "../rule";

/**
 * Informational: a value a rule needed is not known (not a literal, open schema, undeclared pivot
 * table). Rules report these through `context.cannotVerify`, deduplicated per node; this entry
 * gives them an id, a code and a severity that can be overridden or turned off.
 */
export const cannotVerify: Rule = {
  id: "cannot-verify",
  code: "ELQ901",
  defaultSeverity: "info",
  // "Make the pivot explicit": a model for an undeclared pivot table (pivot-columns reports through here).
  suggests: ["create-model"],
  description: "A value a check needs is not statically known; the check is skipped instead of guessed.",
  check() {},
};
