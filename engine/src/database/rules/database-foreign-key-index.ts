import type { Rule } from "../../rule";
import { subject } from "../../graph/walk";
import { kindOf } from "../../graph/values";
import type { LiveTable } from "../live-schema";
import { eachLiveRelation, keyNode } from "../live-keys";

/** True when some index (or the primary key) starts with the column: lookups by it need no scan. */
function leadsAnIndex(table: LiveTable, column: string): boolean {
  return table.primaryKey[0] === column || table.indexes.some((i) => i.columns[0] === column);
}

export const databaseForeignKeyIndex: Rule = {
  id: "database-foreign-key-index",
  code: "ELQ865",
  defaultSeverity: "warning",
  description:
    "The foreign key a hasOne/hasMany/morphOne/morphMany loads by is indexed in the live database (else every eager load scans).",
  check(context) {
    eachLiveRelation(context, (model, relation, keys, database) => {
      const kind = kindOf(relation);
      const option =
        kind === "hasOne" || kind === "hasMany" ? "foreignKey" : kind === "morphOne" || kind === "morphMany" ? "morphId" : undefined;
      if (option === undefined) return;
      const fk = keys.find((k) => k.option === option);
      if (!fk?.live || fk.live.columns[fk.key.name] === undefined || leadsAnIndex(fk.live, fk.key.name)) return;
      context.report({
        message: `${subject(model, relation)} loads by ${fk.table}.${fk.key.name}, which no index starts with in ${database.source}: every load of this relation scans '${fk.table}'.`,
        hint: `Add an index on ${fk.table}(${fk.key.name}) with a migration (\`eloquent migrate:make\` adds one for every relation key by default).`,
        node: keyNode(model.name, relation, fk.key),
      });
    });
  },
};
