/**
 * Per-file extraction: everything the linker needs from ONE source file, read syntactically (no type
 * checker), so it can be cached by file version and reused by ESLint without type information.
 */
import type * as TS from "typescript";
import { ts } from "../typescript";
import type { ColumnNode, InvalidEntryNode, ModelNode, RelationNode, SourceSpan } from "eloquent-engine";
import { resolveModelName } from "eloquent-engine";
import { unverifiable } from "./unverifiable";
import { isRuntimeModule, isSeedModule } from "./eloquent-modules";
import {
  describeUnknownMixin,
  isRelationMethodName,
  isSeedMixinName,
  OPTION_ALIASES,
  RELATION_METHOD_PARAMETERS,
  MODEL_VALUED_OPTIONS,
  type RelationKind,
} from "eloquent-engine";
import { evaluate, propertyKey, skipOuter, textOf, type EvalContext } from "./literal";
import { isUnverifiableValue } from "./unverifiable";

/** What a local name is bound to by an import. `name` is the imported name, `"*"` for a namespace, `"default"`. */
export interface ImportBinding {
  module: string;
  name: string;
}

export type ExportBinding = { local: string } | { module: string; name: string };

/** `extends Base` or `extends ns.Base`. */
export interface BaseRef {
  name: string;
  namespace?: string;
  text: string;
}

/** A class as written in one file: the model node minus what needs other files (store, inherited statics). */
export interface ClassFacts {
  name: string;
  exported: boolean;
  abstract: boolean;
  base?: BaseRef;
  /** Source text of the `extends` expression, also when it is a form `base` cannot follow (for the setup diagnostic). */
  extendsText?: string;
  /** Which statics the class declares itself (the rest are inherited from user base classes). */
  declares: { schema: boolean; table: boolean; connection: boolean; morphAlias: boolean; database: boolean };
  node: Omit<ModelNode, "store">;
  /**
   * Relations whose target is an identifier (`relation("hasMany", Post)`): the linker replaces the
   * "cannot verify" value with the class itself when the identifier names a class, as the runtime sees it.
   */
  targetIdentifiers: { relation: string; identifier: string }[];
}

export interface FileFacts {
  fileName: string;
  imports: Map<string, ImportBinding>;
  exports: Map<string, ExportBinding>;
  /** `export * from "m"` specifiers. */
  exportStars: string[];
  classes: ClassFacts[];
  /** Imports of the eloquent runtime (for the misconfiguration check): specifier and its span. */
  runtimeImports: { module: string; names: string[]; span: SourceSpan }[];
  /** Set when extraction of this file failed internally (the file then contributes nothing). */
  error?: string;
}

export function emptyFacts(fileName: string, error?: string): FileFacts {
  return {
    fileName,
    imports: new Map(),
    exports: new Map(),
    exportStars: [],
    classes: [],
    runtimeImports: [],
    ...(error === undefined ? {} : { error }),
  };
}

/**
 * Extracts the facts of one file. Never throws: an internal error yields empty facts with `error` set
 * (a plugin bug must not hide TypeScript's own diagnostics).
 */
export function extractFileFacts(sourceFile: TS.SourceFile): FileFacts {
  try {
    return new FileReader(sourceFile).read();
  } catch (error) {
    return emptyFacts(sourceFile.fileName, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

class FileReader {
  private readonly facts: FileFacts;
  private readonly constants = new Map<string, TS.Expression>();
  private readonly evalContext: EvalContext;

  constructor(private readonly sourceFile: TS.SourceFile) {
    this.facts = emptyFacts(sourceFile.fileName);
    this.evalContext = { sourceFile, constants: this.constants };
  }

  read(): FileFacts {
    const classes: TS.ClassDeclaration[] = [];
    for (const statement of this.sourceFile.statements) {
      if (ts.isImportDeclaration(statement)) this.readImport(statement);
      else if (ts.isImportEqualsDeclaration(statement)) this.readImportEquals(statement);
      else if (ts.isExportDeclaration(statement)) this.readExport(statement);
      else if (ts.isExportAssignment(statement)) {
        const expression = skipOuter(statement.expression);
        if (ts.isIdentifier(expression)) this.facts.exports.set("default", { local: expression.text });
      } else if (ts.isClassDeclaration(statement)) classes.push(statement);
      else if (ts.isVariableStatement(statement)) this.readConstants(statement);
      else if (ts.isExpressionStatement(statement)) this.readCommonJsExport(statement.expression);
    }
    for (const declaration of classes) {
      const facts = this.readClass(declaration);
      if (facts) this.facts.classes.push(facts);
    }
    return this.facts;
  }

  private span(node: TS.Node): SourceSpan {
    return { file: this.sourceFile.fileName, start: node.getStart(this.sourceFile), end: node.getEnd() };
  }

  private readImport(statement: TS.ImportDeclaration): void {
    if (!ts.isStringLiteral(statement.moduleSpecifier)) return;
    const module = statement.moduleSpecifier.text;
    const clause = statement.importClause;
    const names: string[] = [];
    if (clause?.name) {
      this.facts.imports.set(clause.name.text, { module, name: "default" });
      names.push("default");
    }
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      this.facts.imports.set(bindings.name.text, { module, name: "*" });
      names.push("*");
    } else if (bindings) {
      for (const element of bindings.elements) {
        const imported = (element.propertyName ?? element.name).text;
        this.facts.imports.set(element.name.text, { module, name: imported });
        names.push(imported);
      }
    }
    if (isRuntimeModule(module)) this.facts.runtimeImports.push({ module, names, span: this.span(statement.moduleSpecifier) });
  }

  private readImportEquals(statement: TS.ImportEqualsDeclaration): void {
    const reference = statement.moduleReference;
    if (ts.isExternalModuleReference(reference) && ts.isStringLiteral(reference.expression)) {
      this.facts.imports.set(statement.name.text, { module: reference.expression.text, name: "*" });
    }
  }

  private readExport(statement: TS.ExportDeclaration): void {
    const module = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const clause = statement.exportClause;
    if (!clause) {
      if (module !== undefined) this.facts.exportStars.push(module);
      return;
    }
    if (ts.isNamespaceExport(clause)) {
      if (module !== undefined) this.facts.exports.set(clause.name.text, { module, name: "*" });
      return;
    }
    for (const element of clause.elements) {
      const local = (element.propertyName ?? element.name).text;
      this.facts.exports.set(element.name.text, module === undefined ? { local } : { module, name: local });
    }
  }

  private readConstants(statement: TS.VariableStatement): void {
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) return;
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    for (const declaration of statement.declarationList.declarations) {
      if (declaration.initializer && this.readRequire(declaration.name, declaration.initializer)) continue;
      if (!ts.isIdentifier(declaration.name)) continue;
      if (declaration.initializer) this.constants.set(declaration.name.text, declaration.initializer);
      if (exported) this.facts.exports.set(declaration.name.text, { local: declaration.name.text });
    }
  }

  /** `const x = require("m")` / `const { a, b: c } = require("m")` (CommonJS model files): imports. */
  private readRequire(name: TS.BindingName, initializer: TS.Expression): boolean {
    const call = skipOuter(initializer);
    if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== "require") return false;
    const specifier = call.arguments[0];
    if (!specifier || !ts.isStringLiteral(specifier)) return false;
    const module = specifier.text;
    const names: string[] = [];
    if (ts.isIdentifier(name)) {
      this.facts.imports.set(name.text, { module, name: "*" });
      names.push("*");
    } else if (ts.isObjectBindingPattern(name)) {
      for (const element of name.elements) {
        if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
        const imported = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
        this.facts.imports.set(element.name.text, { module, name: imported });
        names.push(imported);
      }
    } else return false;
    if (isRuntimeModule(module)) this.facts.runtimeImports.push({ module, names, span: this.span(specifier) });
    return true;
  }

  /** `module.exports = { User }`, `module.exports = User`, `exports.User = User`, `module.exports.User = User`. */
  private readCommonJsExport(expression: TS.Expression): void {
    if (!ts.isBinaryExpression(expression) || expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return;
    const left = expression.left;
    const right = skipOuter(expression.right);
    const isModuleExports = (node: TS.Expression): boolean =>
      ts.isPropertyAccessExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "module" &&
      node.name.text === "exports";
    if (isModuleExports(left)) {
      if (ts.isIdentifier(right)) this.facts.exports.set("default", { local: right.text });
      else if (ts.isObjectLiteralExpression(right)) {
        for (const property of right.properties) {
          if (ts.isShorthandPropertyAssignment(property)) this.facts.exports.set(property.name.text, { local: property.name.text });
          else if (ts.isPropertyAssignment(property) && ts.isIdentifier(skipOuter(property.initializer))) {
            const key = propertyKey(property);
            if (key !== undefined) this.facts.exports.set(key, { local: (skipOuter(property.initializer) as TS.Identifier).text });
          }
        }
      }
      return;
    }
    if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(right)) {
      const owner = left.expression;
      if ((ts.isIdentifier(owner) && owner.text === "exports") || isModuleExports(owner))
        this.facts.exports.set(left.name.text, { local: right.text });
    }
  }

  private readClass(declaration: TS.ClassDeclaration): ClassFacts | undefined {
    const isDefault = hasModifier(declaration, ts.SyntaxKind.DefaultKeyword);
    const name = declaration.name?.text ?? (isDefault ? "default" : undefined);
    if (name === undefined) return undefined;
    const exported = hasModifier(declaration, ts.SyntaxKind.ExportKeyword);
    if (exported) this.facts.exports.set(isDefault ? "default" : name, { local: name });
    const base = this.readBase(declaration);
    const extendsClause = declaration.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const node: Omit<ModelNode, "store"> = {
      name,
      columns: [],
      relations: [],
      loc: { name: this.span(declaration.name ?? declaration) },
    };
    const facts: ClassFacts = {
      name,
      exported,
      abstract: hasModifier(declaration, ts.SyntaxKind.AbstractKeyword),
      ...(base ? { base } : {}),
      ...(extendsClause ? { extendsText: textOf(extendsClause.expression, this.sourceFile) } : {}),
      declares: { schema: false, table: false, connection: false, morphAlias: false, database: false },
      node,
      targetIdentifiers: [],
    };
    const methodRelations: RelationNode[] = [];
    let superTable: { value: unknown; span: SourceSpan } | undefined;
    let superConnection: unknown;
    for (const member of declaration.members) {
      if (ts.isMethodDeclaration(member) && !hasModifier(member, ts.SyntaxKind.StaticKeyword)) {
        const relation = this.readRelationMethod(member);
        if (relation) methodRelations.push(relation);
        continue;
      }
      if (ts.isConstructorDeclaration(member)) {
        const superArgs = findSuperCallArguments(member);
        if (superArgs?.[0]) superTable = { value: evaluate(superArgs[0], this.evalContext), span: this.span(superArgs[0]) };
        if (superArgs?.[1]) superConnection = evaluate(superArgs[1], this.evalContext);
        continue;
      }
      if (!hasModifier(member, ts.SyntaxKind.StaticKeyword)) continue;
      const key = propertyKey(member);
      const initializer = staticInitializer(member);
      if (key === undefined || initializer === undefined) continue;
      switch (key) {
        case "schema":
          facts.declares.schema = true;
          this.readSchema(initializer, node, facts);
          break;
        case "modelName": {
          // Relation targets name the model by `static modelName` (engine: resolveModelName).
          const value = evaluate(initializer, this.evalContext);
          const resolved = resolveModelName(name, value);
          if (resolved !== name) {
            node.name = resolved;
            node.className = name;
          }
          break;
        }
        case "tableName":
          facts.declares.table = true;
          node.table = asMaybeString(evaluate(initializer, this.evalContext), initializer, this.sourceFile);
          node.loc!.table = this.span(initializer);
          break;
        case "connectionName":
          facts.declares.connection = true;
          node.connection = asMaybeString(evaluate(initializer, this.evalContext), initializer, this.sourceFile);
          break;
        case "morphAlias":
          facts.declares.morphAlias = true;
          node.morphAlias = asMaybeString(evaluate(initializer, this.evalContext), initializer, this.sourceFile);
          node.loc!.morphAlias = this.span(initializer);
          break;
        case "database":
          facts.declares.database = true;
          node.database = evaluate(initializer, this.evalContext);
          node.loc!.database = this.span(initializer);
          break;
      }
    }
    // Relation methods after the schema's relations; a schema relation of the same name wins (as at runtime).
    if (methodRelations.length > 0) {
      const declared = new Set(node.relations.map((r) => r.name));
      for (const relation of methodRelations) if (!declared.has(relation.name)) node.relations.push(relation);
    }
    // The seed's models pass the table and connection to `super(...)` instead of statics.
    if (!facts.declares.table && superTable !== undefined) {
      facts.declares.table = true;
      node.table = asMaybeString(superTable.value, undefined, this.sourceFile);
      node.tableFrom = "constructor";
      node.loc!.table = superTable.span;
    }
    if (!facts.declares.connection && superConnection !== undefined) {
      facts.declares.connection = true;
      node.connection = asMaybeString(superConnection, undefined, this.sourceFile);
    }
    return facts;
  }

  private readBase(declaration: TS.ClassDeclaration): BaseRef | undefined {
    for (const clause of declaration.heritageClauses ?? []) {
      if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
      const type = clause.types[0];
      if (!type) return undefined;
      const expression = this.mixinBase(skipOuter(type.expression), 0);
      const text = textOf(expression, this.sourceFile);
      if (ts.isIdentifier(expression)) return { name: expression.text, text };
      if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
        return { name: expression.name.text, namespace: expression.expression.text, text };
      }
      return undefined;
    }
    return undefined;
  }

  /**
   * The class a mixin-produced base extends: `MorphableMixin(BaseModel)` → `BaseModel`, and
   * `const Base = MorphableMixin(BaseModel); class User extends Base` the same (a mixin keeps its argument's chain).
   */
  private mixinBase(expression: TS.Expression, depth: number): TS.Expression {
    if (depth > 10) return expression;
    if (ts.isCallExpression(expression)) {
      const argument = expression.arguments.find(
        (arg) => ts.isIdentifier(skipOuter(arg)) || ts.isCallExpression(skipOuter(arg)) || ts.isPropertyAccessExpression(skipOuter(arg)),
      );
      return argument ? this.mixinBase(skipOuter(argument), depth + 1) : expression;
    }
    if (ts.isIdentifier(expression) && !this.facts.imports.has(expression.text)) {
      const initializer = this.constants.get(expression.text);
      const value = initializer ? skipOuter(initializer) : undefined;
      if (value && (ts.isCallExpression(value) || ts.isIdentifier(value))) return this.mixinBase(value, depth + 1);
    }
    return expression;
  }

  private readSchema(initializer: TS.Expression, node: Omit<ModelNode, "store">, facts: ClassFacts): void {
    let expression = skipOuter(initializer);
    // `static schema = userSchema` with a file-level const object.
    if (ts.isIdentifier(expression) && this.constants.has(expression.text)) expression = skipOuter(this.constants.get(expression.text)!);
    node.loc!.schema = this.span(initializer);
    if (!ts.isObjectLiteralExpression(expression)) {
      const value = evaluate(expression, this.evalContext);
      // A literal that is not an object (`static schema = "users"`) is bad input the engine names;
      // anything else (a function call, an imported const) cannot be verified.
      if (isUnverifiableValue(value)) markOpen(node, textOf(initializer, this.sourceFile));
      else addInvalidEntry(node, { name: "", found: describeEntry(value), loc: this.span(initializer) });
      return;
    }
    const last = expression.properties[expression.properties.length - 1];
    if (last) node.loc!.schemaInsertAt = this.span(last);
    for (const property of expression.properties) {
      const key = propertyKey(property);
      if (key === undefined || !ts.isPropertyAssignment(property)) {
        markOpen(node, textOf(property, this.sourceFile));
        continue;
      }
      const value = this.unwrapValidate(skipOuter(property.initializer));
      const dsl = ts.isCallExpression(value) ? this.dslFunctionOf(value.expression) : undefined;
      const seedEntry = ts.isObjectLiteralExpression(value) ? this.seedEntryKind(value) : undefined;
      if (dsl?.name === "relation") {
        const relation = this.readRelation(key, property, value as TS.CallExpression);
        if (dsl.seed) relation.conventions = "seed";
        node.relations.push(relation);
        const targetArg = (value as TS.CallExpression).arguments[1];
        const target = targetArg ? skipOuter(targetArg) : undefined;
        if (target && ts.isIdentifier(target) && isUnverifiableValue(relation.target))
          facts.targetIdentifiers.push({ relation: key, identifier: target.text });
      } else if (dsl?.name === "column") node.columns.push(this.readColumn(key, property, value as TS.CallExpression));
      else if (dsl?.name === "mixin") this.readMixin(key, property, (value as TS.CallExpression).arguments[0], node);
      else if (seedEntry === "relation") node.relations.push(this.readObjectRelation(key, property, value as TS.ObjectLiteralExpression));
      else if (seedEntry === "column") node.columns.push(this.readObjectColumn(key, property, value as TS.ObjectLiteralExpression));
      else if (seedEntry === "mixin") this.readMixin(key, property, objectProperty(value as TS.ObjectLiteralExpression, "name"), node);
      else {
        const evaluated = ts.isCallExpression(value) ? undefined : evaluate(value, this.evalContext);
        // A literal (`sku: "string"`, `{ type: "string" }`) is a mistake the engine reports; a call or a
        // reference we cannot follow only makes the schema open.
        if (evaluated === undefined || isUnverifiableValue(evaluated)) markOpen(node, textOf(property, this.sourceFile));
        else addInvalidEntry(node, { name: key, found: describeEntry(evaluated), loc: this.span(property) });
      }
    }
  }

  /**
   * `column` / `relation` / the seed's `validate` / `mixin`, imported (possibly renamed) from the runtime or
   * any re-exporting module; `seed` when imported from the seed package's name (its conventions apply).
   */
  private dslFunctionOf(callee: TS.Expression): { name: "column" | "relation" | "validate" | "mixin"; seed: boolean } | undefined {
    const expression = skipOuter(callee);
    let name: string | undefined;
    let module: string | undefined;
    if (ts.isIdentifier(expression)) {
      const binding = this.facts.imports.get(expression.text);
      name = binding ? binding.name : expression.text;
      module = binding?.module;
    } else if (ts.isPropertyAccessExpression(expression) && ts.isIdentifier(expression.expression)) {
      const binding = this.facts.imports.get(expression.expression.text);
      if (binding?.name === "*") {
        name = expression.name.text;
        module = binding.module;
      }
    }
    if (name !== "column" && name !== "relation" && name !== "validate" && name !== "mixin") return undefined;
    return { name, seed: module !== undefined && isSeedModule(module) };
  }

  /** `validate(x, rules)` is `x`: the rules never change what the entry is (nested wrappers too). */
  private unwrapValidate(value: TS.Expression): TS.Expression {
    for (let depth = 0; depth < 5 && ts.isCallExpression(value) && this.dslFunctionOf(value.expression)?.name === "validate"; depth++) {
      const inner = value.arguments[0];
      if (!inner) break;
      value = skipOuter(inner);
    }
    return value;
  }

  /** The seed's object-literal entries: `{ kind: "relation" | "column" | "mixin", ... }` with a literal kind. */
  private seedEntryKind(value: TS.ObjectLiteralExpression): "relation" | "column" | "mixin" | undefined {
    const kind = objectProperty(value, "kind");
    if (!kind || !ts.isStringLiteralLike(kind)) return undefined;
    return kind.text === "relation" || kind.text === "column" || kind.text === "mixin" ? kind.text : undefined;
  }

  /** `{ kind: "relation", relation: "belongsTo", model: "User", options: { ... } }`: the seed's relation entry. */
  private readObjectRelation(name: string, property: TS.PropertyAssignment, value: TS.ObjectLiteralExpression): RelationNode {
    const relation = this.relationNode(
      name,
      property,
      objectProperty(value, "relation"),
      objectProperty(value, "model"),
      objectProperty(value, "options"),
    );
    relation.conventions = "seed";
    return relation;
  }

  /** `{ kind: "column", type: "string", options: { length: 255 } }`: the seed's column entry. */
  private readObjectColumn(name: string, property: TS.PropertyAssignment, value: TS.ObjectLiteralExpression): ColumnNode {
    const typeArg = objectProperty(value, "type");
    const optionsArg = objectProperty(value, "options");
    const column: ColumnNode = {
      name,
      type: typeArg ? evaluate(typeArg, this.evalContext) : undefined,
      options: {},
      loc: { entry: this.span(property), name: this.span(property.name) },
    };
    if (typeArg) column.loc!.type = this.span(typeArg);
    if (optionsArg) {
      const options = evaluate(optionsArg, this.evalContext);
      if (options !== null && typeof options === "object" && !isUnverifiableValue(options) && "length" in options) {
        const { length, ...rest } = options as Record<string, unknown>;
        column.length = length;
        column.options = rest as ColumnNode["options"];
      } else column.options = (options ?? {}) as ColumnNode["options"];
    }
    return column;
  }

  /** `mixin("SoftDeletes")` adds `deleted_at` (as the softDeletes column); the other seed mixins add no column. */
  private readMixin(
    name: string,
    property: TS.PropertyAssignment,
    nameArg: TS.Expression | undefined,
    node: Omit<ModelNode, "store">,
  ): void {
    const mixinName = nameArg ? evaluate(nameArg, this.evalContext) : undefined;
    if (isUnverifiableValue(mixinName)) {
      markOpen(node, textOf(property, this.sourceFile));
      return;
    }
    if (!isSeedMixinName(mixinName)) {
      addInvalidEntry(node, { name, found: describeUnknownMixin(mixinName), loc: this.span(property) });
      return;
    }
    if (mixinName === "SoftDeletes") {
      node.columns.push({ name, type: "softDeletes", options: {}, loc: { entry: this.span(property), name: this.span(property.name) } });
    }
  }

  /**
   * A relation method (`posts() { return this.hasMany(Post, "user_id"); }`, the seed's eager-loading form):
   * the relation named by the method, with its target and keys read from the arguments.
   */
  private readRelationMethod(method: TS.MethodDeclaration): RelationNode | undefined {
    const name = method.name && ts.isIdentifier(method.name) ? method.name.text : undefined;
    if (name === undefined || method.parameters.length > 0 || !method.body) return undefined;
    const returned = method.body.statements.find(ts.isReturnStatement)?.expression;
    const call = returned ? skipOuter(returned) : undefined;
    if (!call || !ts.isCallExpression(call)) return undefined;
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || callee.expression.kind !== ts.SyntaxKind.ThisKeyword) return undefined;
    const kind = callee.name.text;
    if (!isRelationMethodName(kind)) return undefined;
    const parameters = RELATION_METHOD_PARAMETERS[kind as RelationKind];
    const args = [...call.arguments];
    const targetArg = parameters.target ? args.shift() : undefined;
    const loc: NonNullable<RelationNode["loc"]> = { entry: this.span(method), name: this.span(method.name), kind: this.span(callee.name) };
    const relation: RelationNode = { name, kind, target: undefined, options: {}, conventions: "seed", loc };
    if (targetArg) {
      loc.target = this.span(targetArg);
      const target = skipOuter(targetArg);
      // The seed passes the class; relation targets are model names, and the class's name is the model name.
      if (ts.isIdentifier(target)) relation.target = this.facts.imports.get(target.text)?.name ?? target.text;
      else relation.target = evaluate(targetArg, this.evalContext);
    }
    loc.options = this.span(call);
    const options: Record<string, unknown> = {};
    const optionKeys: Record<string, SourceSpan> = {};
    const optionValues: Record<string, SourceSpan> = {};
    parameters.options.forEach((option, i) => {
      const arg = args[i];
      if (!arg) return;
      const bare = skipOuter(arg);
      // `this.hasManyThrough(Post, User)`: the through class stands for the model of its name.
      options[option] =
        MODEL_VALUED_OPTIONS.has(option) && ts.isIdentifier(bare)
          ? (this.facts.imports.get(bare.text)?.name ?? bare.text)
          : evaluate(arg, this.evalContext);
      optionKeys[option] = this.span(arg);
      optionValues[option] = this.span(arg);
    });
    relation.options = options;
    loc.optionKeys = optionKeys;
    loc.optionValues = optionValues;
    return relation;
  }

  private readRelation(name: string, property: TS.PropertyAssignment, call: TS.CallExpression): RelationNode {
    const [kindArg, targetArg, optionsArg] = call.arguments;
    return this.relationNode(name, property, kindArg, targetArg, optionsArg);
  }

  private relationNode(
    name: string,
    property: TS.PropertyAssignment,
    kindArg: TS.Expression | undefined,
    targetArg: TS.Expression | undefined,
    optionsArg: TS.Expression | undefined,
  ): RelationNode {
    const loc: NonNullable<RelationNode["loc"]> = { entry: this.span(property), name: this.span(property.name) };
    const relation: RelationNode = {
      name,
      kind: kindArg ? evaluate(kindArg, this.evalContext) : undefined,
      target: targetArg ? evaluate(targetArg, this.evalContext) : undefined,
      options: undefined,
      loc,
    };
    if (kindArg) loc.kind = this.span(kindArg);
    if (targetArg) loc.target = this.span(targetArg);
    if (optionsArg) {
      loc.options = this.span(optionsArg);
      const objectLiteral = skipOuter(optionsArg);
      if (ts.isObjectLiteralExpression(objectLiteral)) {
        const options: Record<string, unknown> = {};
        const optionKeys: Record<string, SourceSpan> = {};
        const optionValues: Record<string, SourceSpan> = {};
        let open: string | undefined;
        const optionNames = new Set(objectLiteral.properties.map((member) => propertyKey(member)));
        for (const member of objectLiteral.properties) {
          const key = propertyKey(member);
          if (key === undefined || !ts.isPropertyAssignment(member)) {
            open ??= textOf(member, this.sourceFile);
            continue;
          }
          // The seed's names for the morph column overrides mean the native options (both given: kept, the rule says so).
          const alias = OPTION_ALIASES[key];
          const canonical = alias !== undefined && !optionNames.has(alias) ? alias : key;
          options[canonical] = evaluate(member.initializer, this.evalContext);
          optionKeys[canonical] = this.span(member.name);
          optionValues[canonical] = this.span(member.initializer);
        }
        // A spread or computed key hides keys we cannot see: the whole object cannot be verified.
        relation.options = open === undefined ? options : unverifiable(textOf(optionsArg, this.sourceFile));
        loc.optionKeys = optionKeys;
        loc.optionValues = optionValues;
      } else {
        relation.options = evaluate(optionsArg, this.evalContext);
      }
    }
    return relation;
  }

  private readColumn(name: string, property: TS.PropertyAssignment, call: TS.CallExpression): ColumnNode {
    const [typeArg, lengthOrOptionsArg, optionsArg] = call.arguments;
    const column: ColumnNode = {
      name,
      type: typeArg ? evaluate(typeArg, this.evalContext) : undefined,
      options: {},
      loc: { entry: this.span(property), name: this.span(property.name) },
    };
    if (typeArg) column.loc!.type = this.span(typeArg);
    const second = lengthOrOptionsArg ? evaluate(lengthOrOptionsArg, this.evalContext) : undefined;
    // column(type, options): an object in the length position is the options, as in the DSL.
    const shifted =
      optionsArg === undefined && second !== null && typeof second === "object" && !Array.isArray(second) && !isUnverifiableValue(second);
    if (lengthOrOptionsArg && !shifted) column.length = second;
    const options = shifted ? second : optionsArg ? evaluate(optionsArg, this.evalContext) : undefined;
    if (options !== undefined) column.options = (options ?? {}) as ColumnNode["options"];
    return column;
  }
}

function addInvalidEntry(node: Omit<ModelNode, "store">, entry: InvalidEntryNode): void {
  (node.invalidEntries ??= []).push(entry);
}

/** Same wording as the runtime's registry, so both fronts print the same message. */
function describeEntry(value: unknown): string {
  if (typeof value === "string") return `the string '${value}' (did you mean column("${value}")?)`;
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "a plain object (not built by column() or relation())";
  return `${typeof value} ${String(value)}`;
}

function markOpen(node: Omit<ModelNode, "store">, reason: string): void {
  if (node.openSchema) return;
  node.openSchema = true;
  node.openSchemaReason = reason;
}

function asMaybeString(value: unknown, node: TS.Node | undefined, sourceFile: TS.SourceFile): ModelNode["table"] {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && (value as { unverifiable?: boolean }).unverifiable) return value as never;
  return unverifiable(node ? textOf(node, sourceFile) : String(value));
}

export function hasModifier(node: TS.Node, kind: TS.SyntaxKind): boolean {
  const modifiers = (ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined) ?? [];
  return modifiers.some((modifier) => modifier.kind === kind);
}

/** `static x = init` or `static get x() { return init; }`. */
function staticInitializer(member: TS.ClassElement): TS.Expression | undefined {
  if (ts.isPropertyDeclaration(member)) return member.initializer;
  if (ts.isGetAccessorDeclaration(member) && member.body) {
    const statements = member.body.statements;
    const only = statements.length === 1 ? statements[0] : undefined;
    if (only && ts.isReturnStatement(only) && only.expression) return only.expression;
  }
  return undefined;
}

function findSuperCallArguments(constructor: TS.ConstructorDeclaration): readonly TS.Expression[] | undefined {
  for (const statement of constructor.body?.statements ?? []) {
    if (!ts.isExpressionStatement(statement)) continue;
    const expression = statement.expression;
    if (ts.isCallExpression(expression) && expression.expression.kind === ts.SyntaxKind.SuperKeyword) return expression.arguments;
  }
  return undefined;
}

/** The initializer of `key` in an object literal (`{ kind: "relation" }` → the `"relation"` literal). */
function objectProperty(object: TS.ObjectLiteralExpression, key: string): TS.Expression | undefined {
  for (const property of object.properties) {
    if (ts.isPropertyAssignment(property) && propertyKey(property) === key) return property.initializer;
  }
  return undefined;
}
