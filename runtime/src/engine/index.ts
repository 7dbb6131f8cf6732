/**
 * eloquent's relation rule engine: model graph in, every diagnostic out.
 * Pure — no TypeScript, ESLint or database dependency — so every front can load it.
 */
export * from "./graph";
export * from "./diagnostic";
export * from "./rule";
export { checkGraph, type CheckOptions } from "./check";
export { RULES, ruleById } from "./rules";
