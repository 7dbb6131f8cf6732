/**
 * Key resolution shared by the key, pivot, morph and type rules: which column a relation uses
 * (explicit option or convention) and the "is it there" check with its message and fixes.
 */
import type { NodeRef, Suggestion } from "../diagnostic";
import type { RelationNode } from "../graph/graph";
import { foreignKeyColumnType } from "./key-types";
import type { ModelIndex, ModelInfo } from "./model-index";
import type { RuleContext } from "../rule";
import { didYouMean, didYouMeanText } from "../suggest";
import { readOption } from "../graph/values";
import { keyOptionNames } from "./relation-modes";

export interface ResolvedKey {
  /** Column name. */
  name: string;
  /** True when derived by convention instead of given as an option. */
  inferred: boolean;
  /** The option that sets (or would set) it. */
  option: string;
  /** Where an inferred name comes from, e.g. "User's primary key". */
  origin?: string;
}

/**
 * The key named by `option`, or the conventional one when the option is absent. Undefined when the
 * option is not a string (another rule reports that) or no convention applies.
 */
export function resolveKey(relation: RelationNode, option: string, convention: () => string | undefined): ResolvedKey | undefined {
  for (const written of keyOptionNames(option)) {
    const read = readOption(relation, written);
    if (read.state === "string") return { name: read.value, inferred: false, option: written };
    if (read.state !== "absent") return undefined;
  }
  const name = convention();
  return name === undefined ? undefined : { name, inferred: true, option };
}

/** "inferred foreignKey 'user_id'" or "foreignKey 'user_id'". */
export function describeKey(key: ResolvedKey): string {
  return `${key.inferred ? "inferred " : ""}${key.option} '${key.name}'${key.inferred && key.origin ? ` (${key.origin})` : ""}`;
}

/** Where a key diagnostic points: the option's value when written, else the relation's target. */
export function keyNode(model: string, relation: RelationNode, key: ResolvedKey): NodeRef {
  return key.inferred
    ? { model, relation: relation.name, part: "target" }
    : { model, relation: relation.name, part: "option-value", option: key.option };
}

export interface RequireColumnInput {
  /** The model the column must be on. */
  owner: ModelInfo;
  key: ResolvedKey;
  /** Declaring model and relation (the diagnostic's location). */
  model: ModelInfo;
  relation: RelationNode;
  /** Type of the key this column must hold, for the add-column fix. */
  referencedType: string | undefined;
  /** Message prefix, e.g. "Post.author (belongsTo 'User')". */
  subject: string;
  /** Extra context appended to the hint. */
  hintTail?: string;
  /** Where to point instead of the key's own option (e.g. morphName for inferred morph columns). */
  node?: NodeRef;
  /** The missing column is the owner's (inferred) primary key: propose an auto-incrementing key. */
  primaryKey?: boolean;
}

/** Checks that `owner` has the key column; reports (or "cannot verify" on an open schema) when not. */
export function requireColumn(context: RuleContext, input: RequireColumnInput): boolean {
  const { owner, key, model, relation } = input;
  if (owner.columns.has(key.name)) return true;
  const node = input.node ?? keyNode(model.name, relation, key);
  if (owner.node.openSchema === true) {
    context.cannotVerify?.({
      message: `${input.subject}: cannot verify that ${owner.name} has column '${key.name}' (${describeKey(key)}): ${owner.name}'s schema is not fully known${owner.node.openSchemaReason ? ` (${owner.node.openSchemaReason})` : ""}.`,
      hint: `Declare '${key.name}' literally in ${owner.name}'s static schema so it can be checked.`,
      node,
    });
    return false;
  }
  const match = didYouMean(key.name, [...owner.columns.keys()]);
  const columnType = input.primaryKey
    ? primaryKeyColumnType(input.referencedType)
    : foreignKeyColumnType(input.referencedType, owner.store);
  const suggestions: Suggestion[] = [];
  if (match !== undefined) {
    suggestions.push(
      key.inferred
        ? {
            kind: "add-options",
            description: `Set ${key.option}: '${match.value}'`,
            node: { model: model.name, relation: relation.name, part: "options" },
            options: { [key.option]: match.value },
          }
        : { kind: "replace", description: `Replace '${key.name}' with '${match.value}'`, node, replacement: match.value },
    );
  }
  suggestions.push({
    kind: "add-column",
    description: `Add ${key.name}: column("${columnType}") to ${owner.name}`,
    model: owner.name,
    column: key.name,
    columnType,
  });
  const fix =
    match !== undefined
      ? key.inferred
        ? `Set ${key.option}: '${match.value}'`
        : `Replace '${key.name}' with '${match.value}'`
      : key.inferred
        ? `Set ${key.option} to an existing column`
        : `Point ${key.option} at an existing column`;
  context.report({
    message: `${input.subject} uses ${describeKey(key)}, but ${owner.name} has no column '${key.name}'.${didYouMeanText(match, key.name)}`,
    hint: `${fix}, or add ${key.name}: column("${columnType}") to ${owner.name}.${input.hintTail ? ` ${input.hintTail}` : ""}`,
    node,
    suggestions,
  });
  return false;
}

/** Column type for a missing primary key that `referencedType` columns point at. */
function primaryKeyColumnType(referencedType: string | undefined): string {
  switch (referencedType) {
    case "bigint":
      return "bigIncrements";
    case "uuid":
    case "ulid":
    case "string":
    case "objectId":
      return referencedType;
    default:
      return "increments";
  }
}

/** The target model of a relation when its target is a declared model name. */
export function targetModel(index: ModelIndex, relation: RelationNode): ModelInfo | undefined {
  return typeof relation.target === "string" ? index.model(relation.target) : undefined;
}

/** Declared type of a column, when known. */
export function columnType(owner: ModelInfo, column: string): string | undefined {
  return owner.columns.get(column)?.type;
}
