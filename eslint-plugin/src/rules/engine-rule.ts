/**
 * One ESLint rule per engine rule (plus the query-site rule): same id, the engine's message and hint,
 * meta.docs.url at the rule's section of engine/docs/rules.md, fixes from the engine's suggestions.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type * as TS from "typescript";
import { ruleById, withoutSuppressed, type Diagnostic, type RuleMeta, type Suggestion } from "eloquent-engine";
import { ruleDocsUrl } from "eloquent-engine";
import { editsFor, type FixTarget } from "../fixes";
import { reportForFile, type FileReport } from "eloquent-analyzer";
import { unsupported } from "../unsupported-typescript";

/**
 * One messageId per message shape: the rule's own report (camelCase of its id, e.g. `relationTargetExists`),
 * and one per kind of suggestion it offers (`replace`, `addColumn`, `addOptions`, `removeOption`, `addRelation`, `createModel`).
 */
export type MessageIds = string;
export type EloquentRule = TSESLint.RuleModule<MessageIds, []>;

const SUGGESTION_MESSAGE_IDS: Record<Suggestion["kind"], string> = {
  replace: "replace",
  "add-column": "addColumn",
  "add-options": "addOptions",
  "remove-option": "removeOption",
  "add-relation": "addRelation",
  "create-model": "createModel",
};

/** `relation-target-exists` → `relationTargetExists`. */
export function reportMessageId(ruleId: string): string {
  return ruleId.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** A replacement that cannot change working behaviour (the value names nothing): the only kind `--fix` applies. */
function isAutofix(suggestion: Suggestion): boolean {
  return suggestion.kind === "replace" && suggestion.changesBehaviour !== true;
}

/** One report per SourceCode object: every rule of one lint shares it. */
const reports = new WeakMap<object, FileReport>();

export function createEngineRule(meta: RuleMeta): EloquentRule {
  const kinds = meta.suggests ?? [];
  const messages: Record<string, string> = { [reportMessageId(meta.id)]: "{{message}}" };
  for (const kind of kinds) messages[SUGGESTION_MESSAGE_IDS[kind]] = "{{description}}";
  return {
    meta: {
      type: meta.defaultSeverity === "error" ? "problem" : "suggestion",
      docs: { description: meta.description, url: ruleDocsUrl(meta.id) },
      // Only rules that can autofix or suggest say so (ESLint lists them as fixable / with suggestions).
      ...(kinds.includes("replace") ? { fixable: "code" as const } : {}),
      ...(kinds.length > 0 ? { hasSuggestions: true } : {}),
      schema: [],
      messages,
    },
    defaultOptions: [],
    create(context) {
      return {
        Program(program: TSESTree.Program) {
          if (unsupported.message !== undefined) {
            // TypeScript 7: nothing can be analysed; say so once (see ../unsupported-typescript).
            if (meta.id === "internal-error" && !unsupported.reported) {
              unsupported.reported = true;
              context.report({ loc: { line: 1, column: 0 }, messageId: reportMessageId(meta.id), data: { message: unsupported.message } });
            }
            return;
          }
          const report = fileReport(context, program);
          for (const diagnostic of report.diagnostics) {
            if (diagnostic.ruleId === meta.id) reportDiagnostic(context, report, diagnostic);
          }
        },
      };
    },
  };
}

function fileReport(context: Readonly<TSESLint.RuleContext<MessageIds, []>>, program: TSESTree.Program): FileReport {
  const sourceCode = context.sourceCode;
  let report = reports.get(sourceCode);
  if (!report) {
    const services = sourceCode.parserServices as
      { program?: TS.Program | null; esTreeNodeToTSNodeMap?: { get(node: unknown): unknown } } | undefined;
    const tsNode = services?.esTreeNodeToTSNodeMap?.get(program) as TS.SourceFile | undefined;
    const file = {
      fileName: context.filename,
      text: sourceCode.text,
      program: services?.program ?? undefined,
      sourceFile: tsNode && typeof tsNode.text === "string" && tsNode.text === sourceCode.text ? tsNode : undefined,
    };
    try {
      const found = reportForFile(file);
      // `// eloquent-disable-next-line <rule>` works here as in the editor, tspc and the CLI (ESLint's own
      // disable comments keep working too: ESLint applies them to what we report).
      report = { ...found, diagnostics: withoutSuppressed(found.diagnostics, sourceCode.text) };
    } catch (error) {
      // A bug in eloquent must not abort the user's whole lint run: it becomes one internal-error report.
      report = internalErrorReport(file.fileName, error);
    }
    reports.set(sourceCode, report);
  }
  return report;
}

function internalErrorReport(fileName: string, error: unknown): FileReport {
  const reason = error instanceof Error ? error.message : String(error);
  const meta = ruleById("internal-error");
  return {
    fileName,
    project: { mode: "untyped", key: "internal-error", graph: { models: [] }, files: new Map() },
    diagnostics: [
      {
        ruleId: "internal-error",
        code: meta?.code ?? "ELQ999",
        severity: "error",
        message: `eloquent could not analyse this file: ${reason}.`,
        hint: "This is a bug in eloquent: please report it with the model declarations involved. Other ESLint rules still ran.",
        node: { model: "", part: "model" },
        span: { file: fileName, start: 0, end: 0 },
        suggestions: [],
      },
    ],
  };
}

function reportDiagnostic(context: Readonly<TSESLint.RuleContext<MessageIds, []>>, report: FileReport, diagnostic: Diagnostic): void {
  const sourceCode = context.sourceCode;
  const span = diagnostic.span!;
  const length = sourceCode.text.length;
  const loc = {
    start: sourceCode.getLocFromIndex(Math.min(span.start, length)),
    end: sourceCode.getLocFromIndex(Math.min(span.end, length)),
  };
  const target: FixTarget = {
    fileName: report.fileName,
    text: sourceCode.text,
    graph: report.project.graph,
    facts: report.project.files.get(report.fileName),
  };
  const replacements = diagnostic.suggestions.filter((s) => s.kind === "replace");
  // An unambiguous rename of a value that names nothing (one did-you-mean) is safe to autofix; everything
  // else — several candidates, a switch between two existing columns, additions — is a suggestion.
  const autofix = replacements.length === 1 && isAutofix(replacements[0]!) ? editsFor(diagnostic, replacements[0]!, target) : undefined;
  const suggest: TSESLint.SuggestionReportDescriptor<MessageIds>[] = [];
  for (const suggestion of diagnostic.suggestions) {
    if (autofix && suggestion === replacements[0]) continue;
    const edits = editsFor(diagnostic, suggestion, target);
    if (!edits) continue;
    suggest.push({
      messageId: SUGGESTION_MESSAGE_IDS[suggestion.kind],
      data: { description: suggestion.description },
      fix: (fixer) => edits.map((edit) => fixer.replaceTextRange(edit.range, edit.text)),
    });
  }
  context.report({
    loc,
    messageId: reportMessageId(diagnostic.ruleId),
    data: { message: diagnostic.hint ? `${diagnostic.message} ${diagnostic.hint}` : diagnostic.message },
    ...(autofix ? { fix: (fixer: TSESLint.RuleFixer) => autofix.map((edit) => fixer.replaceTextRange(edit.range, edit.text)) } : {}),
    ...(suggest.length > 0 ? { suggest } : {}),
  });
}
