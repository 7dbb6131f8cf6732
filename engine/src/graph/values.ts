/** Reading graph values that may be anything (untyped JS) or Unverifiable (static side). */
import { RELATION_KINDS, type RelationKind } from "../dsl/relation";
import { isUnverifiable, type RelationNode } from "./graph";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isUnverifiable(value);
}

/** A short, readable rendering of any value for messages: `'user_id'`, `42`, `an array`, `function Post`. */
export function describeValue(value: unknown): string {
  if (isUnverifiable(value)) return `\`${value.text}\``;
  if (typeof value === "string") return `'${value}'`;
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "function") return value.name ? `the class/function ${value.name}` : "a function";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const KINDS: ReadonlySet<string> = new Set(RELATION_KINDS);

/** The relation's kind when it is a known kind, else undefined (the relation-kind rule reports it). */
export function kindOf(relation: RelationNode): RelationKind | undefined {
  return typeof relation.kind === "string" && KINDS.has(relation.kind) ? (relation.kind as RelationKind) : undefined;
}

/** The target name when it is a string literal, else undefined. */
export function targetOf(relation: RelationNode): string | undefined {
  return typeof relation.target === "string" ? relation.target : undefined;
}

export type OptionRead =
  | { state: "absent" }
  | { state: "string"; value: string }
  | { state: "unverifiable"; text: string }
  /** Present but not a string (the option-value-type rule reports it). */
  | { state: "invalid"; value: unknown };

/** The options object, or undefined when absent, unverifiable or not an object. */
export function optionsOf(relation: RelationNode): Record<string, unknown> | undefined {
  return isRecord(relation.options) ? relation.options : undefined;
}

export function readOption(relation: RelationNode, key: string): OptionRead {
  const options = optionsOf(relation);
  if (options === undefined || !Object.prototype.hasOwnProperty.call(options, key)) return { state: "absent" };
  const value = options[key];
  if (value === undefined) return { state: "absent" };
  // An empty name is reported by option-value-type; checking a column named "" would only add noise.
  if (typeof value === "string") return value.trim() === "" ? { state: "invalid", value } : { state: "string", value };
  if (isUnverifiable(value)) return { state: "unverifiable", text: value.text };
  return { state: "invalid", value };
}

/** A string option's value, or undefined for absent/invalid/unverifiable. */
export function stringOption(relation: RelationNode, key: string): string | undefined {
  const read = readOption(relation, key);
  return read.state === "string" ? read.value : undefined;
}
