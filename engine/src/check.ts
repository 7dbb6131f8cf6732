/** `checkGraph`: runs every rule over one model graph and returns every diagnostic at once. */
import type { Diagnostic, NodeRef, Severity } from "./diagnostic";
import type { ModelGraph } from "./graph/graph";
import { ModelIndex } from "./resolve/model-index";
import type { ReportInput, Rule, RuleContext } from "./rule";
import { CANNOT_VERIFY, INTERNAL_ERROR, RULES } from "./rules";
import { SpanResolver } from "./graph/spans";
import { DATABASE_RULES } from "./database/rules";
import type { LiveSchema } from "./database/live-schema";

export interface CheckOptions {
  /** Run only these rule ids (default: all). */
  rules?: readonly string[];
  /** Per-rule severity override; "off" disables the rule. */
  severity?: Readonly<Record<string, Severity | "off">>;
  /** Report only diagnostics about these models (the graph still holds every model for lookups). */
  models?: readonly string[];
  /** The rules to run (default: the static rules, `RULES`). */
  ruleSet?: readonly Rule[];
  /** The live database, for the database rules. */
  database?: LiveSchema;
}

/**
 * The models against the live database (`eloquent check --db`, `verifyDatabase()`): the database
 * rules over the same graph, with the same diagnostic shape, ordering and spans as `checkGraph`.
 */
export function checkDatabase(
  graph: ModelGraph,
  database: LiveSchema,
  options: Omit<CheckOptions, "ruleSet" | "database"> = {},
): Diagnostic[] {
  return checkGraph(graph, { ...options, ruleSet: DATABASE_RULES, database });
}

export function checkGraph(graph: ModelGraph, options: CheckOptions = {}): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const only = options.rules === undefined ? undefined : new Set(options.rules);
  const severityOf = (rule: Rule): Severity | "off" => {
    if (only !== undefined && !only.has(rule.id)) return "off";
    return options.severity?.[rule.id] ?? rule.defaultSeverity;
  };
  const internalError = (ruleId: string, error: unknown): void => {
    if (severityOf(INTERNAL_ERROR) === "off") return;
    const reason = error instanceof Error ? error.message : String(error);
    diagnostics.push({
      ruleId: INTERNAL_ERROR.id,
      code: INTERNAL_ERROR.code,
      severity: severityOf(INTERNAL_ERROR) as Severity,
      message: `Rule '${ruleId}' failed on this model graph: ${reason}. Its checks were skipped; other rules ran.`,
      hint: "This is a bug in eloquent: please report it with the model declarations involved.",
      node: { model: graph?.models?.[0]?.name ?? "", part: "model" },
      suggestions: [],
    });
  };

  let index: ModelIndex;
  try {
    index = new ModelIndex(graph);
  } catch (error) {
    internalError("model-index", error);
    return diagnostics;
  }
  const spans = new SpanResolver(graph);
  const seenCannotVerify = new Set<string>();

  const push = (rule: Rule, severity: Severity, input: ReportInput): void => {
    const span = input.span ?? spans.resolve(input.node);
    diagnostics.push({
      ruleId: rule.id,
      code: rule.code,
      severity: input.severity ?? severity,
      message: input.message,
      hint: input.hint,
      node: input.node,
      ...(span === undefined ? {} : { span }),
      suggestions: input.suggestions ?? [],
    });
  };
  const cannotVerifySeverity = severityOf(CANNOT_VERIFY);
  const cannotVerify = (input: ReportInput): void => {
    if (cannotVerifySeverity === "off") return;
    const key = nodeKey(input.node);
    if (seenCannotVerify.has(key)) return;
    seenCannotVerify.add(key);
    push(CANNOT_VERIFY, cannotVerifySeverity, { ...input, severity: undefined });
  };

  for (const rule of options.ruleSet ?? RULES) {
    const severity = severityOf(rule);
    if (severity === "off" && rule !== CANNOT_VERIFY) continue;
    const context: RuleContext = {
      graph,
      index,
      report: (input) => {
        if (severity !== "off") push(rule, severity, input);
      },
      cannotVerify,
      ...(options.database ? { database: options.database } : {}),
    };
    try {
      rule.check(context);
    } catch (error) {
      internalError(rule.id, error);
    }
  }

  const wanted = options.models === undefined ? undefined : new Set(options.models);
  const result = wanted === undefined ? diagnostics : diagnostics.filter((d) => wanted.has(d.node.model));
  return result.sort(compareDiagnostics);
}

function nodeKey(node: NodeRef): string {
  return [node.model, node.relation ?? "", node.column ?? "", node.part, node.option ?? ""].join("\u0000");
}

const PART_ORDER: readonly NodeRef["part"][] = [
  "model",
  "table",
  "morphAlias",
  "database",
  "column",
  "column-type",
  "relation",
  "relation-name",
  "kind",
  "target",
  "options",
  "option-key",
  "option-value",
];

/** Deterministic order: model, relation, code, then node and message. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.node.model, b.node.model) ||
    cmp(a.node.relation ?? "", b.node.relation ?? "") ||
    cmp(a.code, b.code) ||
    cmp(a.node.column ?? "", b.node.column ?? "") ||
    PART_ORDER.indexOf(a.node.part) - PART_ORDER.indexOf(b.node.part) ||
    cmp(a.node.option ?? "", b.node.option ?? "") ||
    (a.span?.start ?? -1) - (b.span?.start ?? -1) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
