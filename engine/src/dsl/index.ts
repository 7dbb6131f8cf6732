export * from "./column";
export * from "./relation";
export * from "./database";
export * from "./seed";
