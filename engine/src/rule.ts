/** The contract a rule implements. One file per rule under ./rules. */
import type { Diagnostic, NodeRef, Severity, Suggestion } from "./diagnostic";
import type { ModelGraph, ModelNode, RelationNode } from "./graph/graph";

export interface RuleMeta {
  /** kebab-case, stable, becomes the ESLint rule name. */
  id: string;
  /** ELQnnn, stable. */
  code: string;
  defaultSeverity: Severity;
  /** One sentence: what the rule checks (used in docs and ESLint meta.docs.description). */
  description: string;
  /**
   * The suggestion kinds this rule can attach (none when absent). Fronts declare fixes from it (ESLint's
   * `fixable` / `hasSuggestions`); a test checks every suggestion the corpus produces is listed.
   */
  suggests?: readonly Suggestion["kind"][];
}

export interface ReportInput {
  /** Defaults to the rule's default severity. */
  severity?: Severity;
  message: string;
  hint: string;
  node: NodeRef;
  suggestions?: Suggestion[];
  /** Explicit span, when the NodeRef alone is ambiguous (two models with one name). */
  span?: import("./graph/graph").SourceSpan;
}

export interface RuleContext {
  readonly graph: ModelGraph;
  /** Prebuilt indexes (built once per run, so every rule stays linear). */
  readonly index: import("./resolve/model-index").ModelIndex;
  report(input: ReportInput): void;
  /**
   * Report an informational "cannot verify" (rule `cannot-verify`) for a value this rule needed but
   * that is not known (non-literal, open schema). One per node; set by `checkGraph`.
   */
  cannotVerify?(input: ReportInput): void;
  /** The introspected live database, for the database rules (`checkDatabase`); absent otherwise. */
  readonly database?: import("./database/live-schema").LiveSchema;
}

export interface Rule extends RuleMeta {
  check(context: RuleContext): void;
}

export type { Diagnostic, ModelNode, RelationNode };
