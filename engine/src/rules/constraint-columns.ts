import type { NodeRef } from "../diagnostic";
import { isUnverifiable } from "../graph/graph";
import { optionsOf, readOption } from "../graph/values";
import type { ModelIndex, ModelInfo } from "../resolve/model-index";
import type { RelationNode } from "../graph/graph";
import { eachRelation, listNames, subject } from "../graph/walk";
import { targetModel } from "../resolve/keys";
import { describeRelationKeys, isMorphPivotKind } from "../resolve/relation-keys";
import type { Rule } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";

/** The column a `where` / `wherePivot` tuple names, when it is a literal (its shape is option-value-type's). */
function constraintColumn(value: unknown): string | undefined {
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3)) return undefined;
  return typeof value[0] === "string" && value[0].trim() !== "" ? value[0] : undefined;
}

/** The relation's `using` pivot model: absent (undefined), declared, or "unknown" (not a declared model, or not a literal). */
function usingModelOf(index: ModelIndex, relation: RelationNode): ModelInfo | "unknown" | undefined {
  const read = readOption(relation, "using");
  if (read.state === "absent") return undefined;
  return read.state === "string" ? (index.model(read.value) ?? "unknown") : "unknown";
}

/**
 * `where: [column, …]` names a column of the target, `wherePivot: [column, …]` one the pivot is read with: the
 * runtime only queries declared columns, so a misspelt one would fail on the first read through the relation
 * (or, on an undeclared pivot column, be refused) — better at registration and in the editor.
 */
export const constraintColumns: Rule = {
  id: "constraint-columns",
  code: "ELQ503",
  defaultSeverity: "error",
  suggests: ["add-column"],
  description:
    "A relation's `where` option names a column of the target, and `withTrashed` targets a model with softDeletes; a many-to-many's `wherePivot` names a pivot column (its pivot keys, the morph type column, pivotColumns, or a column of its `using` model).",
  check(context) {
    const { index } = context;
    eachRelation(index, (model, relation, kind) => {
      const options = optionsOf(relation);
      if (options === undefined || kind === undefined) return;
      const at = (option: string): NodeRef => ({ model: model.name, relation: relation.name, part: "option-value", option });
      const where = constraintColumn(options.where);
      // morphTo: the target depends on each row's type; each type's query checks the column when it runs.
      const target = kind === "morphTo" ? undefined : targetModel(index, relation);
      if (where !== undefined && target !== undefined && !(target.store === "mongo" && (where === "id" || where === "_id"))) {
        if (target.node.openSchema === true && !target.columns.has(where)) {
          context.cannotVerify?.({
            message: `${subject(model, relation)}: cannot verify that ${target.name} has column '${where}' (where): ${target.name}'s schema is not fully known.`,
            hint: `Declare '${where}' literally in ${target.name}'s static schema so it can be checked.`,
            node: at("where"),
          });
        } else if (!target.columns.has(where)) {
          const match = didYouMean(where, [...target.columns.keys()]);
          context.report({
            message: `${subject(model, relation)}: where names column '${where}', but ${target.name} has no column '${where}'.${didYouMeanText(match, where)}`,
            hint: match
              ? `Write where: ["${match.value}", …], or add ${where} to ${target.name}'s static schema.`
              : `Name a column of ${target.name} (${listNames([...target.columns.keys()])}), or add ${where} to its static schema.`,
            node: at("where"),
            suggestions: [
              {
                kind: "add-column",
                description: `Add ${where}: column("string") to ${target.name}`,
                model: target.name,
                column: where,
                columnType: "string",
              },
            ],
          });
        }
      }
      // withTrashed reaches soft-deleted targets: without a deleted_at column there are none (Laravel has no withTrashed there).
      if (options.withTrashed === true && target !== undefined && target.node.openSchema !== true && !target.columns.has("deleted_at")) {
        context.report({
          message: `${subject(model, relation)}: withTrashed includes soft-deleted ${target.name} rows, but ${target.name} has no softDeletes column (deleted_at).`,
          hint: `Remove withTrashed, or add deleted_at: column("softDeletes") to ${target.name}'s static schema.`,
          node: at("withTrashed"),
          suggestions: [
            {
              kind: "add-column",
              description: `Add deleted_at: column("softDeletes") to ${target.name}`,
              model: target.name,
              column: "deleted_at",
              columnType: "softDeletes",
            },
          ],
        });
      }
      const pivotColumn = constraintColumn(options.wherePivot);
      if (pivotColumn === undefined || (kind !== "belongsToMany" && !isMorphPivotKind(kind))) return;
      const extra = options.pivotColumns;
      if (isUnverifiable(extra) || (Array.isArray(extra) && extra.some(isUnverifiable))) return;
      const keys = describeRelationKeys(index, model, relation);
      const known = new Set<string>();
      for (const key of [keys.pivotLocalKey, keys.pivotForeignKey, keys.morphType]) if (key !== undefined) known.add(key.name);
      if (Array.isArray(extra)) for (const c of extra) if (typeof c === "string") known.add(c);
      const using = usingModelOf(index, relation);
      if (using === "unknown") return; // pivot-using reports an unknown pivot model
      if (using !== undefined) {
        if (using.node.openSchema === true) return;
        for (const c of using.columns.keys()) known.add(c);
      }
      if (known.has(pivotColumn)) return;
      const match = didYouMean(pivotColumn, [...known]);
      context.report({
        message: `${subject(model, relation)}: wherePivot names '${pivotColumn}', which is not a pivot column of this relation (${listNames([...known])}).${didYouMeanText(match, pivotColumn)}`,
        hint: match
          ? `Write wherePivot: ["${match.value}", …], or declare '${pivotColumn}' in pivotColumns.`
          : using !== undefined
            ? `Add ${pivotColumn} to pivot model ${using.name}'s static schema, or filter on one of its columns.`
            : `Add '${pivotColumn}' to the relation's pivotColumns (pivot columns are only read and filtered when declared).`,
        node: at("wherePivot"),
      });
    });
  },
};
