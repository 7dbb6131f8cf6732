/** What the engine returns: one shape for every front (runtime, tsserver, ESLint, CLI). */
import type { SourceSpan } from "./graph/graph";

export type Severity = "error" | "warning" | "info";

/** The exact graph node a diagnostic points at; fronts map it to a span through the graph's `loc`. */
export interface NodeRef {
  model: string;
  /** Relation name, when the node is in a relation. */
  relation?: string;
  /** Column name, when the node is a column entry. */
  column?: string;
  part:
    | "model" // the class name
    | "table"
    | "morphAlias"
    | "database"
    | "relation" // the whole relation entry
    | "relation-name"
    | "kind"
    | "target"
    | "options" // the options object (or where it would go)
    | "option-key"
    | "option-value"
    | "column" // the whole column entry
    | "column-type";
  /** For option-key / option-value. */
  option?: string;
}

export type Suggestion =
  /**
   * Replace the string literal at `node` (its value, without quotes) with `replacement`. Usually the value
   * names nothing (a typo), so applying cannot change working behaviour and fronts may autofix it;
   * `changesBehaviour` marks a switch between two valid values (another existing column): offered, never
   * applied automatically (`eslint --fix`).
   */
  | { kind: "replace"; description: string; node: NodeRef; replacement: string; changesBehaviour?: true }
  /** Add a column to a model's schema (possibly in another file). */
  | {
      kind: "add-column";
      description: string;
      model: string;
      column: string;
      /** Column type for `column(type)`, chosen to match the referenced key. */
      columnType: string;
    }
  /** Add option entries to the relation's options object (creating it when absent). */
  | { kind: "add-options"; description: string; node: NodeRef; options: Record<string, string> }
  /** Remove an option entry. */
  | { kind: "remove-option"; description: string; node: NodeRef }
  /**
   * Declare a model that does not exist yet (an unknown relation target), with the columns the relation
   * needs, next to `besides` (its file) or in a new file beside it.
   */
  | {
      kind: "create-model";
      description: string;
      model: string;
      besides: string;
      placement: "same-file" | "new-file";
      /** Column name → `column(...)` type; an "increments" first column is the primary key. */
      columns: Record<string, string>;
      /** `static tableName` to write (a pivot model maps the relation's pivotTable). */
      table?: string;
    }
  /** Add a relation entry to a model's schema (the missing inverse). */
  | {
      kind: "add-relation";
      description: string;
      model: string;
      name: string;
      relationKind: string;
      target: string;
      options: Record<string, string>;
    };

export interface Diagnostic {
  /** Stable kebab-case id; also the ESLint rule name. */
  ruleId: string;
  /** Stable code, e.g. ELQ101. */
  code: string;
  severity: Severity;
  /** What is wrong, naming the model, relation and values involved. */
  message: string;
  /** One line: how to fix it. */
  hint: string;
  node: NodeRef;
  /** Resolved from the graph's locations when available. */
  span?: SourceSpan;
  suggestions: Suggestion[];
}
