export * from "./rule-settings";
export * from "./suppression";
export * from "./find-config";
