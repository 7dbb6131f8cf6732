/**
 * "Nothing was checked" must never look like "nothing is wrong": in files importing eloquent-orm or the seed
 * package, a class with a `static schema` that is not understood as a model, or a project with no model at
 * all, is one clear diagnostic naming the class and the form — in the editor, the build, ESLint and the CLI.
 */
import type { Diagnostic, ModelGraph } from "eloquent-engine";
import { DSL_FUNCTIONS, ROOT_BASES } from "../extract/eloquent-modules";
import type { ClassFacts, FileFacts } from "../extract/file-facts";

export const MODEL_DECLARATION_RULE = {
  id: "model-declaration",
  code: "ELQ951",
  defaultSeverity: "error",
  description:
    "In files importing eloquent-orm or the seed package, every class with a static schema is understood as a model (and the project has at least one), so its relations are checked.",
} as const;

const BASE_NAMES = Object.keys(ROOT_BASES).join(", ");

function diagnostic(file: string, span: { start: number; end: number }, model: string, message: string, hint: string): Diagnostic {
  return {
    ruleId: MODEL_DECLARATION_RULE.id,
    code: MODEL_DECLARATION_RULE.code,
    severity: MODEL_DECLARATION_RULE.defaultSeverity,
    message,
    hint,
    node: { model, part: "model" },
    span: { file, start: span.start, end: span.end },
    suggestions: [],
  };
}

/** Why `cls` is not a model, in words. */
function notUnderstood(cls: ClassFacts): string {
  if (cls.extendsText === undefined) return "it extends nothing";
  if (cls.base === undefined) return `its base \`extends ${cls.extendsText}\` is a form eloquent cannot follow`;
  return `its base \`extends ${cls.extendsText}\` does not resolve to ${BASE_NAMES} imported from 'eloquent-orm' or the seed package`;
}

const understoodByGraph = new WeakMap<ModelGraph, ReadonlySet<string>>();

/** "file\0start" of every model's class name; once per graph, since ESLint asks once per linted file. */
function understoodClasses(graph: ModelGraph): ReadonlySet<string> {
  let understood = understoodByGraph.get(graph);
  if (understood === undefined) {
    const built = new Set<string>();
    for (const model of graph.models) {
      const span = model.loc?.name;
      if (span) built.add(`${span.file}\0${span.start}`);
    }
    understoodByGraph.set(graph, (understood = built));
  }
  return understood;
}

/**
 * Model-declaration diagnostics by file name, for the files in `files` that import the runtime. `graph` is the
 * project's linked graph: a class is understood when a model node carries its name span.
 */
export function modelDeclarationDiagnostics(files: Iterable<FileFacts>, graph: ModelGraph): Map<string, Diagnostic[]> {
  const understood = understoodClasses(graph);
  const byFile = new Map<string, Diagnostic[]>();
  const add = (file: string, d: Diagnostic) => byFile.set(file, [...(byFile.get(file) ?? []), d]);
  for (const facts of files) {
    if (facts.runtimeImports.length === 0) continue;
    for (const cls of facts.classes) {
      const span = cls.node.loc?.name;
      if (!cls.declares.schema || span === undefined || understood.has(`${span.file}\0${span.start}`)) continue;
      add(
        facts.fileName,
        diagnostic(
          facts.fileName,
          span,
          cls.name,
          `${cls.name} declares a static schema, but eloquent does not understand it as a model: ${notUnderstood(cls)}. None of its relations are checked.`,
          `Extend one of ${BASE_NAMES} directly (class ${cls.name} extends SqlModel), through a class of this project, or through a mixin call such as MorphableMixin(BaseModel).`,
        ),
      );
    }
    if (graph.models.length > 0 || byFile.has(facts.fileName)) continue;
    const modelImport = facts.runtimeImports.find((imported) =>
      imported.names.some((name) => ROOT_BASES[name] !== undefined || (DSL_FUNCTIONS as readonly string[]).includes(name)),
    );
    if (modelImport === undefined) continue;
    const names = modelImport.names.filter((name) => ROOT_BASES[name] !== undefined || (DSL_FUNCTIONS as readonly string[]).includes(name));
    add(
      facts.fileName,
      diagnostic(
        facts.fileName,
        modelImport.span,
        "",
        `This file imports ${names.join(", ")} from '${modelImport.module}', but eloquent found no model class in the project, so no relation is checked.`,
        `Declare models as 'export class User extends ${names.find((name) => ROOT_BASES[name] !== undefined) ?? "SqlModel"} { static schema = { ... } }' (directly, or through a base class in this project), and make sure the model files are part of the project (tsconfig.json "include", allowJs for .js models).`,
      ),
    );
  }
  return byFile;
}
