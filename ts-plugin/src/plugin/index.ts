/**
 * The tsserver language-service plugin. tsserver calls `init({ typescript })` with ITS TypeScript (so the
 * plugin follows the editor's version) and `create(info)` per project; every hook is guarded and falls back
 * to TypeScript's own result.
 */
import type * as TS from "typescript";
import { performance } from "node:perf_hooks";
import { ProjectAnalysis, ts, useTypeScript, type Snapshot } from "eloquent-analyzer";
import { fixesFor } from "./code-fixes";
import { eloquentCompletions, mergeCompletions } from "./completions";
import { createGuard } from "./guard";
import { eloquentDefinition, eloquentHover } from "./navigation";
import { numericCode, toTsDiagnostic } from "./to-ts-diagnostic";
import { RELATION_PATH_RULE, loadEngine } from "eloquent-analyzer";
import { registerSupportedCodes } from "./supported-fixes";
import { withStringReferences } from "./rename-hooks";
import { eloquentInlayHints } from "./inlay-hints";
import { withRelationLabels } from "./document-symbols";
import { eloquentRefactorEdits, eloquentRefactors, INVERSE_REFACTOR } from "./refactors";
import { registryRefresher } from "./registry-refresh";

/** tsserver's entry: its own TypeScript instance becomes the one the analyzer and this plugin use. */
export function init(modules: { typescript: typeof TS }): TS.server.PluginModule {
  useTypeScript(modules.typescript);
  return {
    create(info) {
      const logger = { info: (message: string) => info.project.projectService.logger.info(message) };
      const guard = createGuard(logger);
      const inner = info.languageService;
      // After an edit the engine runs on the affected models only; the complete check follows when the
      // server is idle (debounced) and corrects the cache if it ever disagrees.
      let idleCheck: ReturnType<typeof setTimeout> | undefined;
      const analysis = new ProjectAnalysis({
        log: logger.info,
        // `rules`/`failOnWarnings` of the plugin entry, over the project's eloquent.config.json.
        entryOptions: info.config,
        entrySource: "the eloquent-ts-plugin entry in tsconfig.json",
        scheduleFullCheck: (run) => {
          if (idleCheck !== undefined) clearTimeout(idleCheck);
          idleCheck = setTimeout(() => {
            idleCheck = undefined;
            guard("full check", () => undefined, run);
          }, 500);
          idleCheck.unref?.();
        },
      });
      const registry = registryRefresher(analysis, () => inner.getProgram(), guard, logger.info);
      logger.info(`[eloquent-ts-plugin] loaded for ${info.project.getProjectName()} (TypeScript ${ts.version})`);
      const stats = registerStats(info, logger);
      guard(
        "registerSupportedCodes",
        () => undefined,
        () => registerSupportedCodes(eloquentCodes(), logger.info),
      );

      const context = (fileName: string): { program: TS.Program; sourceFile: TS.SourceFile; snapshot: Snapshot } | undefined => {
        const program = inner.getProgram();
        const sourceFile = program?.getSourceFile(fileName);
        if (!program || !sourceFile) return undefined;
        return { program, sourceFile, snapshot: analysis.snapshot(program) };
      };

      const proxy: TS.LanguageService = Object.create(null);
      for (const key of Object.keys(inner) as (keyof TS.LanguageService)[]) {
        const member = inner[key];
        (proxy as unknown as Record<string, unknown>)[key] =
          typeof member === "function" ? (...args: unknown[]) => (member as Function).apply(inner, args) : member;
      }

      proxy.getSemanticDiagnostics = (fileName) => {
        const prior = inner.getSemanticDiagnostics(fileName);
        const started = performance.now();
        try {
          return guard(
            "getSemanticDiagnostics",
            () => prior,
            () => {
              const program = inner.getProgram();
              const sourceFile = program?.getSourceFile(fileName);
              if (!program || !sourceFile) return prior;
              const ours = analysis.fileDiagnostics(program, sourceFile);
              guard(
                "model registry",
                () => undefined,
                () => registry.changed(program),
              );
              if (ours.length === 0) return prior;
              return [...prior, ...ours.map((diagnostic) => toTsDiagnostic(sourceFile, diagnostic, diagnostic.span!))];
            },
          );
        } finally {
          stats.record(performance.now() - started);
        }
      };

      proxy.getCompletionsAtPosition = (fileName, position, options, formatting) => {
        const prior = inner.getCompletionsAtPosition(fileName, position, options, formatting);
        return guard(
          "getCompletionsAtPosition",
          () => prior,
          () => {
            const state = context(fileName);
            if (!state) return prior;
            const ours = eloquentCompletions(state.snapshot, state.sourceFile, position, state.program.getTypeChecker());
            return ours ? mergeCompletions(prior, ours) : prior;
          },
        );
      };

      proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
        const prior = inner.getCodeFixesAtPosition(fileName, start, end, errorCodes, formatOptions, preferences);
        return guard(
          "getCodeFixesAtPosition",
          () => prior,
          () => {
            const state = context(fileName);
            if (!state) return prior;
            const codes = new Set(errorCodes);
            const newLine = formatOptions.newLineCharacter ?? ts.sys?.newLine ?? "\n";
            const fixes: TS.CodeFixAction[] = [];
            for (const diagnostic of analysis.fileDiagnostics(state.program, state.sourceFile)) {
              const span = diagnostic.span!;
              if (!codes.has(numericCode(diagnostic.code)) || span.end < start || span.start > end) continue;
              fixes.push(
                ...fixesFor(diagnostic, {
                  snapshot: state.snapshot,
                  getSourceFile: (name) => state.program.getSourceFile(name),
                  newLine,
                }),
              );
            }
            return fixes.length === 0 ? prior : [...fixes, ...prior];
          },
        );
      };

      proxy.getSupportedCodeFixes = (fileName) => {
        const prior = inner.getSupportedCodeFixes(fileName);
        return guard(
          "getSupportedCodeFixes",
          () => prior,
          () => {
            const codes = new Set(prior);
            for (const code of eloquentCodes()) codes.add(String(code));
            return [...codes];
          },
        );
      };

      proxy.getDefinitionAndBoundSpan = (fileName, position) => {
        const prior = inner.getDefinitionAndBoundSpan(fileName, position);
        return guard(
          "getDefinitionAndBoundSpan",
          () => prior,
          () => {
            const state = context(fileName);
            const found = state && eloquentDefinition(state.snapshot, state.sourceFile, position, state.program.getTypeChecker());
            if (!found) return prior;
            return { textSpan: found.textSpan, definitions: [definitionInfo(found)] };
          },
        );
      };

      proxy.getDefinitionAtPosition = (fileName, position) => {
        const prior = inner.getDefinitionAtPosition(fileName, position);
        return guard(
          "getDefinitionAtPosition",
          () => prior,
          () => {
            const state = context(fileName);
            const found = state && eloquentDefinition(state.snapshot, state.sourceFile, position, state.program.getTypeChecker());
            return found ? [definitionInfo(found)] : prior;
          },
        );
      };

      proxy.getQuickInfoAtPosition = (fileName, position, ...rest: unknown[]) => {
        const prior = (inner.getQuickInfoAtPosition as (...args: unknown[]) => TS.QuickInfo | undefined)(fileName, position, ...rest);
        return guard(
          "getQuickInfoAtPosition",
          () => prior,
          () => {
            const state = context(fileName);
            const hover = state && eloquentHover(state.snapshot, state.sourceFile, position);
            if (!hover) return prior;
            // Without TypeScript's own hover, our first line is the heading: not repeated in the body.
            const body = prior ? hover.lines : hover.lines.slice(1);
            const documentation: TS.SymbolDisplayPart[] = [{ kind: "text", text: body.join("\n\n") }];
            if (prior?.documentation?.length) documentation.push({ kind: "lineBreak", text: "\n\n" }, ...prior.documentation);
            return {
              kind: prior?.kind ?? ts.ScriptElementKind.memberVariableElement,
              kindModifiers: prior?.kindModifiers ?? "",
              textSpan: prior?.textSpan ?? hover.span,
              displayParts: prior?.displayParts ?? [{ kind: "text", text: hover.lines[0]! }],
              documentation,
              ...(prior?.tags ? { tags: prior.tags } : {}),
            };
          },
        );
      };

      withStringReferences(proxy, inner, guard, context);

      proxy.provideInlayHints = (fileName, span, preferences) => {
        const prior = inner.provideInlayHints(fileName, span, preferences);
        return guard(
          "provideInlayHints",
          () => prior,
          () => {
            const state = context(fileName);
            const ours = state ? eloquentInlayHints(state.snapshot, state.sourceFile, span) : [];
            return ours.length === 0 ? prior : [...prior, ...ours].sort((a, b) => a.position - b.position);
          },
        );
      };

      proxy.getApplicableRefactors = (fileName, positionOrRange, ...rest: unknown[]) => {
        const prior = (inner.getApplicableRefactors as (...args: unknown[]) => TS.ApplicableRefactorInfo[])(
          fileName,
          positionOrRange,
          ...rest,
        );
        return guard(
          "getApplicableRefactors",
          () => prior,
          () => {
            const state = context(fileName);
            const ours = state ? eloquentRefactors(state.snapshot, fileName, positionOrRange) : [];
            return ours.length === 0 ? prior : [...ours, ...prior];
          },
        );
      };

      proxy.getEditsForRefactor = (fileName, formatOptions, positionOrRange, refactorName, actionName, ...rest: unknown[]) => {
        const theirs = () =>
          (inner.getEditsForRefactor as (...args: unknown[]) => TS.RefactorEditInfo | undefined)(
            fileName,
            formatOptions,
            positionOrRange,
            refactorName,
            actionName,
            ...rest,
          );
        if (refactorName !== INVERSE_REFACTOR) return theirs();
        return guard(
          "getEditsForRefactor",
          () => undefined,
          () => {
            const state = context(fileName);
            const newLine = formatOptions.newLineCharacter ?? ts.sys?.newLine ?? "\n";
            return state ? eloquentRefactorEdits(state.snapshot, state.program, fileName, positionOrRange, newLine) : undefined;
          },
        );
      };

      proxy.getNavigationTree = (fileName) => {
        const prior = inner.getNavigationTree(fileName);
        return guard(
          "getNavigationTree",
          () => prior,
          () => {
            const state = context(fileName);
            return state ? withRelationLabels(prior, state.snapshot, fileName) : prior;
          },
        );
      };
      return proxy;
    },
  };
}

/** Every code eloquent reports (the engine's rules and the query-site rule). */
function eloquentCodes(): number[] {
  const load = loadEngine();
  const rules = load.ok ? load.engine.RULES : [];
  return [...rules.map((rule) => numericCode(rule.code)), numericCode(RELATION_PATH_RULE.code)];
}

/** Time the plugin itself spends in semantic diagnostics (TypeScript's own work excluded). */
class PluginStats {
  readonly durations: number[] = [];
  record(ms: number): void {
    this.durations.push(ms);
    if (this.durations.length > 1000) this.durations.shift();
  }
}

const statsBySession = new WeakMap<object, Map<string, PluginStats>>();

/**
 * `eloquentStats` protocol command (used by bench/ts-plugin): per project, the plugin's own time per
 * semanticDiagnostics request. Measured inside the server, so it is not blurred by machine noise.
 */
function registerStats(info: TS.server.PluginCreateInfo, logger: { info(message: string): void }): PluginStats {
  const stats = new PluginStats();
  const session = info.session as (TS.server.Session & { addProtocolHandler?: Function }) | undefined;
  if (!session || typeof session.addProtocolHandler !== "function") return stats;
  let projects = statsBySession.get(session);
  if (!projects) {
    const byProject = new Map<string, PluginStats>();
    projects = byProject;
    statsBySession.set(session, byProject);
    try {
      session.addProtocolHandler("eloquentStats", () => ({
        response: Object.fromEntries([...byProject].map(([name, entry]) => [name, entry.durations])),
        responseRequired: true,
      }));
    } catch (error) {
      logger.info(`[eloquent-ts-plugin] could not register eloquentStats: ${String(error)}`);
    }
  }
  projects.set(info.project.getProjectName(), stats);
  return stats;
}

function definitionInfo(found: NonNullable<ReturnType<typeof eloquentDefinition>>): TS.DefinitionInfo {
  return {
    fileName: found.target.file,
    textSpan: { start: found.target.start, length: found.target.end - found.target.start },
    kind: found.kind,
    name: found.name,
    containerKind: ts.ScriptElementKind.classElement,
    containerName: found.containerName,
  };
}
