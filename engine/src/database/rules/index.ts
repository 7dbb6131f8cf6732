/** The rules that check the models against the live database (run by `checkDatabase`, never without one). */
import type { Rule } from "../../rule";
import { databaseForeignKeyIndex } from "./database-foreign-key-index";
import { databaseKeyColumn } from "./database-key-column";
import { databaseKeyType } from "./database-key-type";
import { databasePivotTable } from "./database-pivot-table";
import { databaseTable } from "./database-table";

export const DATABASE_RULES: readonly Rule[] = [
  databaseTable,
  databasePivotTable,
  databaseKeyColumn,
  databaseKeyType,
  databaseForeignKeyIndex,
];
