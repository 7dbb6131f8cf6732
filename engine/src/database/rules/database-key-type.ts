import type { Rule } from "../../rule";
import { subject } from "../../graph/walk";
import { familiesCanMatch } from "../live-schema";
import { eachLiveRelation, keyNode } from "../live-keys";

/** Which key of a relation is compared with which: the referencing column first. */
const PAIRS = [
  ["foreignKey", "ownerKey"],
  ["foreignKey", "localKey"],
  ["pivotLocalKey", "localKey"],
  ["pivotForeignKey", "ownerKey"],
] as const;

export const databaseKeyType: Rule = {
  id: "database-key-type",
  code: "ELQ864",
  defaultSeverity: "error",
  description: "A relation's foreign key and the key it references have column types that can hold the same values in the live database.",
  check(context) {
    eachLiveRelation(context, (model, relation, live, database) => {
      const keys = new Map(live.map((k) => [k.option, k]));
      for (const [from, to] of PAIRS) {
        const a = keys.get(from);
        const b = keys.get(to);
        const ca = a?.live?.columns[a.key.name];
        const cb = b?.live?.columns[b.key.name];
        if (!a || !b || !ca || !cb || familiesCanMatch(ca.family, cb.family)) continue;
        context.report({
          message: `${subject(model, relation)}: ${a.table}.${a.key.name} is ${ca.type} but references ${b.table}.${b.key.name}, which is ${cb.type}, in ${database.source} — no row can match.`,
          hint: `Change ${a.table}.${a.key.name} to the type of ${b.table}.${b.key.name} with a migration.`,
          node: keyNode(model.name, relation, a.key),
        });
      }
    });
  },
};
