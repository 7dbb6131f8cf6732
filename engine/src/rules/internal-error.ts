import type { Rule } from "../rule";

/** A rule crashed on this graph: reported instead of thrown, so the other rules still run. */
export const internalError: Rule = {
  id: "internal-error",
  code: "ELQ999",
  defaultSeverity: "error",
  description: "A rule failed unexpectedly; its checks were skipped (a bug in eloquent, never in your models).",
  check() {},
};
