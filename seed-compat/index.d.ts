export * from "eloquent-orm/seed";
