import { isUnverifiable } from "../graph/graph";
import type { Rule } from "../rule";
import { describeValue } from "../graph/values";
import { eachRelation, subject } from "../graph/walk";
import type { Suggestion } from "../diagnostic";
import type { RelationNode } from "../graph/graph";
import type { ModelInfo } from "../resolve/model-index";
import { inferHasForeignKey } from "../resolve/conventions";

const CLASS_NAME = /^[A-Z][A-Za-z0-9_]*$/;

/** "Create model 'X'" (same file, or a new one): an id and, for hasOne/hasMany, the foreign key it will be queried by. */
function createModelSuggestions(model: ModelInfo, relation: RelationNode, kind: string | undefined, target: string): Suggestion[] {
  if (!CLASS_NAME.test(target)) return [];
  const columns: Record<string, string> = model.store === "mongo" ? {} : { id: "increments" };
  if (model.store !== "mongo" && (kind === "hasOne" || kind === "hasMany")) {
    const options = relation.options as Record<string, unknown> | undefined;
    const written = options && typeof options === "object" ? options.foreignKey : undefined;
    columns[typeof written === "string" ? written : inferHasForeignKey(model.name)] = "int";
  }
  const base = { kind: "create-model" as const, model: target, besides: model.name, columns };
  return [
    { ...base, description: `Create model '${target}' in this file`, placement: "same-file" },
    { ...base, description: `Create model '${target}' in a new file`, placement: "new-file" },
  ];
}

export const relationTargetExists: Rule = {
  id: "relation-target-exists",
  code: "ELQ102",
  defaultSeverity: "error",
  suggests: ["replace", "create-model"],
  description: "The target of relation() names a declared model (morphTo targets are checked by the morph rules).",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      const node = { model: model.name, relation: relation.name, part: "target" as const };
      const target = relation.target;
      if (isUnverifiable(target)) {
        context.cannotVerify?.({
          message: `${model.name}.${relation.name}: cannot verify target ${describeValue(target)}: it is not a string literal.`,
          hint: "Write the target model's class name as a string literal so it can be checked.",
          node,
        });
        return;
      }
      // The seed's morphTo (`this.morphTo("commentable")`, `{ relation: "morphTo" }`) names no target: the type column decides.
      if (target === undefined && kind === "morphTo") return;
      if (typeof target !== "string") {
        const className = typeof target === "function" && target.name ? target.name : undefined;
        context.report({
          message: `${model.name}.${relation.name}: relation target must be a model name string, got ${describeValue(target)}.`,
          hint: className
            ? `Pass the model's name as a string: "${className}" (names keep circular imports away).`
            : `Pass the target model's class name as a string, e.g. relation("${typeof relation.kind === "string" ? relation.kind : "hasMany"}", "Post").`,
          node,
        });
        return;
      }
      if (kind === "morphTo" || index.model(target) !== undefined) return;
      if (target === "") {
        context.report({
          message: `${model.name}.${relation.name}: relation target is an empty string.`,
          hint: "Write the target model's class name.",
          node,
        });
        return;
      }
      const match = index.suggestModel(target);
      const detail =
        match === undefined
          ? ""
          : match.caseOnly
            ? ` '${target}' differs from model '${match.value}' only by case.`
            : ` Did you mean '${match.value}'?`;
      context.report({
        message: `${subject(model, relation)}: target '${target}' is not a declared model.${detail}`,
        hint: match
          ? `Replace '${target}' with '${match.value}'.`
          : `Declare (and register) a model class named '${target}', or fix the target name.`,
        node,
        suggestions: match
          ? [{ kind: "replace", description: `Replace '${target}' with '${match.value}'`, node, replacement: match.value }]
          : createModelSuggestions(model, relation, kind, target),
      });
    });
  },
};
