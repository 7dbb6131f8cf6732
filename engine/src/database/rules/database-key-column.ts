import type { Rule } from "../../rule";
import { subject } from "../../graph/walk";
import { describeKey } from "../../resolve/keys";
import { eachLiveRelation, keyNode } from "../live-keys";

export const databaseKeyColumn: Rule = {
  id: "database-key-column",
  code: "ELQ862",
  defaultSeverity: "error",
  description: "Every key column a relation uses (foreign, owner, local, pivot and morph keys) exists in the live table.",
  check(context) {
    eachLiveRelation(context, (model, relation, keys, database) => {
      for (const { key, table, live } of keys) {
        // A missing table is its own diagnostic (database-table, database-pivot-table).
        if (live === undefined || live.columns[key.name] !== undefined) continue;
        context.report({
          message: `${subject(model, relation)} uses ${describeKey(key)}, but table '${table}' in ${database.source} has no column '${key.name}'.`,
          hint: `Add the column with a migration (\`eloquent migrate:make add_${key.name}_to_${table} <models module>\`), or change ${key.option} to a column the table has.`,
          node: keyNode(model.name, relation, key),
        });
      }
    });
  },
};
