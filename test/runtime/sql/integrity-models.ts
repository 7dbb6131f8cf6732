/** Models of the issue-12 suites: a string-keyed morph, json meta, defaults, pivot extras. */
import { column, relation, registerModels, SqlModel } from "eloquent-orm";

export type AccountAttrs = {
  id?: number;
  name?: string;
  role?: string;
  meta?: Record<string, unknown> | null;
  seen_at?: Date | null;
  created_at?: Date;
  updated_at?: Date;
  notes?: Note[];
  groups?: Group[];
};
export type NoteAttrs = {
  id?: number;
  body?: string;
  notable_type?: string;
  notable_id?: string;
  code?: string | null;
  notable?: Account | null;
};
export type GroupAttrs = { id?: number; name?: string; accounts?: Account[] };

export class Account extends SqlModel<AccountAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 255),
    role: column("string", 20, { default: "member" }),
    meta: column("json", undefined, { nullable: true }),
    seen_at: column("timestamp", undefined, { nullable: true }),
    timestamps: column("timestamps"),
    notes: relation("morphMany", "Note", { morphName: "notable" }),
    groups: relation("belongsToMany", "Group", {
      pivotTable: "account_groups",
      pivotLocalKey: "account_id",
      pivotForeignKey: "group_id",
      pivotColumns: ["label"],
    }),
  };
  static database = {
    tables: {
      account_groups: {
        columns: {
          account_id: column("int"),
          group_id: column("int"),
          label: column("string", 50, { nullable: true }),
        },
      },
    },
  };
}

/** Its morph id is a string column (ids of several key types share it). */
export class Note extends SqlModel<NoteAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    body: column("text"),
    notable_type: column("string", 50),
    notable_id: column("string", 64),
    code: column("string", 20, { nullable: true }),
    notable: relation("morphTo", "Notable", { morphName: "notable" }),
  };
}

export class Group extends SqlModel<GroupAttrs> {
  static connectionName = "test";
  static schema = {
    id: column("increments", undefined, { primary: true }),
    name: column("string", 100),
    accounts: relation("belongsToMany", "Account", {
      pivotTable: "account_groups",
      pivotLocalKey: "group_id",
      pivotForeignKey: "account_id",
    }),
  };
}

export const INTEGRITY = [Account, Note, Group] as const;

export function registerIntegrity(): void {
  registerModels([...INTEGRITY], { logger: false });
}
