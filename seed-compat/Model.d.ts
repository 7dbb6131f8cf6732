export * from "eloquent-orm/seed/Model";
