export * from "./column";
export * from "./relation";
export * from "./option-facts";
export * from "./database";
export * from "./seed";
