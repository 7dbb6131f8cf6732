export * from "./live-schema";
export { DATABASE_RULES } from "./rules";
