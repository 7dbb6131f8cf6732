/**
 * Models, relations and columns are also named by STRINGS that TypeScript cannot see as references: relation
 * targets (`relation("hasMany", "Post")`), query-site paths (`with("posts.author")`) and key options
 * (`foreignKey: "user_id"`). This module finds the entity under the cursor (identifier or string) and every
 * string naming it, so rename and find-all-references cover them. Which model a key option names comes from
 * the engine (`keyOwner`), the same answer the rules check.
 */
import type * as TS from "typescript";
import { ts } from "eloquent-analyzer";
import type { ModelNode, SourceSpan } from "eloquent-engine";
import type { Snapshot } from "eloquent-analyzer";
import { findQuerySites } from "eloquent-analyzer";
import { pathStart } from "eloquent-engine";
import { findNodeAt, isStringLike, relationSiteAt } from "./ast";
import { stringOption } from "./relation-keys";
import { snapshotIndex } from "./snapshot-index";

export type Entity =
  | { kind: "model"; model: string }
  | { kind: "relation"; model: string; relation: string }
  | { kind: "column"; model: string; column: string };

export interface EntityAt {
  entity: Entity;
  /** Where TypeScript's own references start (the declaration's name), to merge its answer with ours. */
  declaration: SourceSpan | undefined;
  /** Set when the cursor is on a string: the span of the name inside it (the rename trigger). */
  inString?: TS.TextSpan;
}

/** A name inside a string (quotes excluded). */
export interface StringOccurrence {
  file: string;
  start: number;
  end: number;
}

const within = (span: SourceSpan | undefined, fileName: string, position: number) =>
  span !== undefined && span.file === fileName && position >= span.start && position <= span.end;

/** The literal's content span (quotes excluded) when `span` covers a quoted literal. */
function innerOf(text: string, span: SourceSpan): StringOccurrence | undefined {
  const quote = text[span.start];
  if (quote !== '"' && quote !== "'" && quote !== "`") return undefined;
  const close = text.indexOf(quote, span.start + 1);
  if (close < 0 || close > span.end) return undefined;
  return { file: span.file, start: span.start + 1, end: close };
}

function declarationOf(snapshot: Snapshot, entity: Entity): SourceSpan | undefined {
  const model = snapshot.models.get(entity.model);
  if (!model) return undefined;
  if (entity.kind === "model") return model.loc?.name;
  if (entity.kind === "relation") return model.relations.find((relation) => relation.name === entity.relation)?.loc?.name;
  return model.columns.find((column) => column.name === entity.column)?.loc?.name;
}

/** The model, relation or column at `position`: its declaration, a reference to the class, or a string naming it. */
export function entityAt(snapshot: Snapshot, program: TS.Program, sourceFile: TS.SourceFile, position: number): EntityAt | undefined {
  const fileName = sourceFile.fileName;
  const found = (entity: Entity, inString?: TS.TextSpan): EntityAt => ({
    entity,
    declaration: declarationOf(snapshot, entity),
    ...(inString ? { inString } : {}),
  });
  // Declarations: class name, schema keys.
  for (const model of snapshot.extraction.graph.models) {
    if (within(model.loc?.name, fileName, position)) return found({ kind: "model", model: model.name });
    for (const relation of model.relations)
      if (within(relation.loc?.name, fileName, position)) return found({ kind: "relation", model: model.name, relation: relation.name });
    for (const column of model.columns)
      if (within(column.loc?.name, fileName, position)) return found({ kind: "column", model: model.name, column: column.name });
  }
  const node = findNodeAt(sourceFile, position);
  if (!node) return undefined;
  if (isStringLike(node)) return stringEntityAt(snapshot, program, sourceFile, position, node, found);
  // Any other use of a model class (`User.with(...)`, an import, a type annotation).
  if (ts.isIdentifier(node)) {
    const checker = program.getTypeChecker();
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    for (const declaration of symbol?.declarations ?? []) {
      if (!ts.isClassDeclaration(declaration) || !declaration.name) continue;
      const file = declaration.getSourceFile().fileName;
      const start = declaration.name.getStart();
      const model = snapshot.extraction.graph.models.find(
        (candidate) => candidate.loc?.name?.file === file && candidate.loc.name.start === start,
      );
      if (model) return found({ kind: "model", model: model.name });
    }
  }
  return undefined;
}

function stringEntityAt(
  snapshot: Snapshot,
  program: TS.Program,
  sourceFile: TS.SourceFile,
  position: number,
  literal: TS.StringLiteralLike,
  found: (entity: Entity, inString?: TS.TextSpan) => EntityAt,
): EntityAt | undefined {
  const facts = snapshot.extraction.files.get(sourceFile.fileName);
  const inner = { start: literal.getStart(sourceFile) + 1, length: literal.text.length };
  const site = relationSiteAt(sourceFile, position, facts);
  if (site?.literal === literal) {
    if (site.argument === 1) return snapshot.models.has(literal.text) ? found({ kind: "model", model: literal.text }, inner) : undefined;
    if (
      site.argument === 2 &&
      site.option?.position === "value" &&
      site.option.key !== undefined &&
      site.model !== undefined &&
      snapshot.engine
    ) {
      const declaring = snapshot.models.get(site.model);
      const relation = declaring?.relations.find((candidate) => candidate.name === site.relation);
      const owner = snapshot.engine.keyOwner(
        site.kind,
        site.option.key,
        site.model,
        site.target,
        relation ? snapshot.engine.pivotTableOf(snapshotIndex(snapshot, snapshot.engine), relation) : undefined,
        relation?.options,
      );
      const model = owner && "model" in owner ? snapshot.models.get(owner.model) : undefined;
      if (model?.columns.some((column) => column.name === literal.text))
        return found({ kind: "column", model: model.name, column: literal.text }, inner);
    }
    return undefined;
  }
  // A query-site path segment.
  for (const querySite of findQuerySites(sourceFile, facts, (name) => snapshot.models.has(name), program.getTypeChecker())) {
    for (const path of querySite.paths) {
      if (path.literal !== literal) continue;
      let model = pathStart(snapshot.models, querySite.root, path.parent);
      let offset = path.start;
      for (const segment of path.path.split(".")) {
        const relation = model?.relations.find((candidate) => candidate.name === segment);
        if (position >= offset && position <= offset + segment.length) {
          return relation && model
            ? found({ kind: "relation", model: model.name, relation: segment }, { start: offset, length: segment.length })
            : undefined;
        }
        offset += segment.length + 1;
        model = nextModel(snapshot, relation);
      }
    }
  }
  return undefined;
}

function nextModel(snapshot: Snapshot, relation: ModelNode["relations"][number] | undefined): ModelNode | undefined {
  return relation && typeof relation.target === "string" && relation.kind !== "morphTo" ? snapshot.models.get(relation.target) : undefined;
}

/** Every string naming `entity`, across the program. */
export function stringOccurrences(snapshot: Snapshot, program: TS.Program, entity: Entity): StringOccurrence[] {
  const out: StringOccurrence[] = [];
  const textOf = (file: string) => program.getSourceFile(file)?.text;
  const push = (span: SourceSpan | undefined) => {
    const text = span && textOf(span.file);
    const inner = text !== undefined && span ? innerOf(text, span) : undefined;
    if (inner) out.push(inner);
  };
  const graph = snapshot.extraction.graph;
  if (entity.kind === "model") {
    for (const model of graph.models)
      for (const relation of model.relations) if (relation.target === entity.model) push(relation.loc?.target);
    return out;
  }
  if (entity.kind === "column") {
    const engine = snapshot.engine;
    if (!engine) return out;
    const index = snapshotIndex(snapshot, engine);
    for (const model of graph.models) {
      for (const relation of model.relations) {
        const values = relation.loc?.optionValues;
        if (!values) continue;
        const target = typeof relation.target === "string" ? relation.target : undefined;
        for (const [option, span] of Object.entries(values)) {
          if (stringOption(relation, option) !== entity.column) continue;
          const owner = engine.keyOwner(relation.kind, option, model.name, target, engine.pivotTableOf(index, relation), relation.options);
          const ownerModel =
            owner && "model" in owner
              ? owner.model
              : owner && "table" in owner
                ? index.knownTable(owner.table)?.declaredBy.model
                : undefined;
          if (ownerModel === entity.model) push(span);
        }
      }
    }
    return out;
  }
  // Relation: path segments of every query site that resolve to it.
  for (const sourceFile of program.getSourceFiles()) {
    if (sourceFile.isDeclarationFile) continue;
    const facts = snapshot.extraction.files.get(sourceFile.fileName);
    if (!facts) continue;
    for (const querySite of findQuerySites(sourceFile, facts, (name) => snapshot.models.has(name), program.getTypeChecker())) {
      for (const path of querySite.paths) {
        let model = pathStart(snapshot.models, querySite.root, path.parent);
        let offset = path.start;
        for (const segment of path.path.split(".")) {
          const relation = model?.relations.find((candidate) => candidate.name === segment);
          if (model?.name === entity.model && segment === entity.relation)
            out.push({ file: sourceFile.fileName, start: offset, end: offset + segment.length });
          offset += segment.length + 1;
          model = nextModel(snapshot, relation);
        }
      }
    }
  }
  return out;
}

/**
 * Renaming a model must not move its data. A table from the naming convention (`User` → `users`) would follow
 * the new name, so the rename writes `static tableName = "users"` into the class, as Prisma adds `@@map`; a
 * morph parent without `morphAlias` stores its class name in `<morph>_type` columns, so it gets
 * `static morphAlias = "User"`. Returns the class-name location replaced by "name + heritage + `{` + the new
 * members" (rename locations carry prefix/suffix text), or undefined when nothing needs writing.
 */
export function keepStoredNamesLocation(
  snapshot: Snapshot,
  program: TS.Program,
  model: string,
): { file: string; start: number; end: number; suffixText: string } | undefined {
  const node = snapshot.models.get(model);
  const name = node?.loc?.name;
  if (!node || !name || !snapshot.engine) return undefined;
  const members: string[] = [];
  const table = node.table === undefined ? snapshot.engine.modelTable(node) : undefined;
  if (table?.inferred) members.push(`static tableName = ${JSON.stringify(table.name)};`);
  const morphParent = node.relations.some((relation) => relation.kind === "morphOne" || relation.kind === "morphMany");
  if (morphParent && node.morphAlias === undefined)
    members.push(`static morphAlias = ${JSON.stringify(snapshot.engine.conventions.morphTypeValue(node.name))};`);
  if (members.length === 0) return undefined;
  const sourceFile = program.getSourceFile(name.file);
  if (!sourceFile) return undefined;
  const declaration = findNodeAt(sourceFile, name.start)?.parent;
  if (!declaration || !ts.isClassDeclaration(declaration)) return undefined;
  const bodyOpen = sourceFile.text.indexOf("{", declaration.heritageClauses?.at(-1)?.getEnd() ?? name.end);
  if (bodyOpen < 0) return undefined;
  const first = declaration.members[0];
  const indent = first ? /[ \t]*$/.exec(sourceFile.text.slice(0, first.getStart(sourceFile)))![0] : "  ";
  const newLine = sourceFile.text.includes("\r\n") ? "\r\n" : "\n";
  return {
    file: name.file,
    start: name.start,
    end: bodyOpen + 1,
    suffixText: `${sourceFile.text.slice(name.end, bodyOpen + 1)}${members.map((member) => `${newLine}${indent}${member}`).join("")}`,
  };
}
