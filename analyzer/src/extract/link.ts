/**
 * Linking: per-file facts → the engine's model graph. Resolves base classes through imports, aliases,
 * re-exports and user base classes to one of the runtime's roots (which decides the store), and lets
 * subclasses inherit `tableName` / `connectionName` / `morphAlias` / `database` from user base classes.
 *
 * Cheap (proportional to the number of classes), so the incremental front re-links on every change and
 * only re-extracts the files that changed.
 */
import type { ModelGraph, ModelNode, Store } from "eloquent-engine";
import { ROOT_BASES, STORE_NEUTRAL_BASES, isRuntimeModule } from "./eloquent-modules";
import type { ClassFacts, FileFacts } from "./file-facts";
import { classReference } from "./unverifiable";

/** Resolves a module specifier written in `fromFile` to a file name, or undefined when not in the project. */
export type ModuleResolver = (specifier: string, fromFile: string) => string | undefined;

type Binding = { kind: "root"; store: Store; name: string } | { kind: "class"; file: FileFacts; cls: ClassFacts } | undefined;

export interface LinkedModel {
  node: ModelNode;
  file: string;
  cls: ClassFacts;
  /** Files this model's node was read from: its own and its user base classes' (for incremental checks). */
  files: string[];
}

export interface LinkResult {
  graph: ModelGraph;
  models: LinkedModel[];
  /** Model name → models with that name (normally one). */
  byName: Map<string, LinkedModel[]>;
}

export function linkModelGraph(files: Iterable<FileFacts>, resolve: ModuleResolver): LinkResult {
  return linkWithState(files, resolve).result;
}

/** What an incremental re-link needs from the previous one. */
export interface LinkState {
  result: LinkResult;
  fileCount: number;
  fileNames: Set<string>;
  /** File → classes whose resolution read it (the inverse of `deps`). */
  dependents: Map<string, ClassFacts[]>;
  /** Per class: every file read to resolve its base chain (its own, imports, re-exports, ancestors). */
  deps: Map<ClassFacts, Set<string>>;
  stores: Map<ClassFacts, Store | null>;
  parents: Map<ClassFacts, { file: FileFacts; cls: ClassFacts } | null>;
  linked: Map<ClassFacts, LinkedModel>;
}

export interface LinkChanges {
  /** Model nodes that left the graph / entered it (an edited model counts in both). */
  before: ModelNode[];
  after: ModelNode[];
}

/**
 * Links all files; with `previous` (and only edited files — none added or removed), re-resolves only the
 * classes whose resolution read an edited file and reuses every other LinkedModel object as is, so unchanged
 * models keep their node identity. `changes` lists the nodes that differ (undefined after a full link).
 */
export function linkWithState(
  files: Iterable<FileFacts> | Map<string, FileFacts>,
  resolve: ModuleResolver,
  previous?: LinkState,
  changedFiles?: ReadonlySet<string>,
): LinkState & { changes?: LinkChanges } {
  let byFile: Map<string, FileFacts>;
  if (files instanceof Map) byFile = files;
  else {
    byFile = new Map();
    for (const file of files) byFile.set(file.fileName, file);
  }
  const incremental = previous !== undefined && changedFiles !== undefined && sameFileSet(previous, byFile, changedFiles);
  const linker = new Linker(byFile, resolve);
  if (incremental) {
    // Every class whose resolution read an edited file is re-resolved; the others are seeded as they were.
    const affected = new Set<ClassFacts>();
    for (const file of changedFiles) for (const cls of previous.dependents.get(file) ?? []) affected.add(cls);
    linker.seedAll(previous, affected);
  }
  const state = linker.link(incremental ? previous : undefined);
  if (!incremental) return state;
  const before: ModelNode[] = [];
  for (const model of previous.result.models) if (state.linked.get(model.cls) !== model) before.push(model.node);
  const after: ModelNode[] = [];
  for (const model of state.result.models) if (previous.linked.get(model.cls) !== model) after.push(model.node);
  return { ...state, changes: { before, after } };
}

function sameFileSet(previous: LinkState, next: Map<string, FileFacts>, changed: ReadonlySet<string>): boolean {
  if (previous.fileCount !== next.size) return false;
  for (const file of changed) if (!previous.fileNames.has(file) || !next.has(file)) return false;
  return true;
}

class Linker {
  private readonly storeCache = new Map<ClassFacts, Store | null>();
  private readonly parentCache = new Map<ClassFacts, { file: FileFacts; cls: ClassFacts } | null>();
  private readonly depsCache = new Map<ClassFacts, Set<string>>();
  /** Files read while resolving the class currently being linked. */
  private trace: Set<string> | undefined;

  constructor(
    private readonly files: Map<string, FileFacts>,
    private readonly resolve: ModuleResolver,
  ) {}

  /** Reuses the previous resolutions of every class none of whose inputs changed. */
  seedAll(previous: LinkState, affected: ReadonlySet<ClassFacts>): void {
    for (const [cls, deps] of previous.deps) {
      if (affected.has(cls)) continue;
      this.storeCache.set(cls, previous.stores.get(cls) ?? null);
      this.parentCache.set(cls, previous.parents.get(cls) ?? null);
      this.depsCache.set(cls, deps);
    }
  }

  link(previous?: LinkState): LinkState {
    const candidates: { file: FileFacts; cls: ClassFacts; store: Store }[] = [];
    const extended = new Set<ClassFacts>();
    for (const file of this.files.values()) {
      for (const cls of file.classes) {
        const store = this.storeOf(file, cls, new Set());
        if (!store) continue;
        candidates.push({ file, cls, store });
        const parent = this.parentOf(file, cls);
        if (parent) extended.add(parent.cls);
      }
    }
    const models: LinkedModel[] = [];
    const linked = new Map<ClassFacts, LinkedModel>();
    for (const { file, cls, store } of candidates) {
      // A user base class (`abstract class Base extends SqlModel`) is not a model itself unless it
      // declares a schema of its own.
      if (!cls.declares.schema && (cls.abstract || extended.has(cls))) continue;
      // Unchanged inputs (same facts object, no dependency edited): the very same LinkedModel.
      const reused = previous?.linked.get(cls);
      if (reused && previous!.stores.get(cls) === store && this.depsCache.get(cls) === previous!.deps.get(cls)) {
        models.push(reused);
        linked.set(cls, reused);
        continue;
      }
      const files = [file.fileName];
      for (
        let parent = this.parentOf(file, cls), depth = 0;
        parent && depth < 50;
        parent = this.parentOf(parent.file, parent.cls), depth++
      ) {
        if (!files.includes(parent.file.fileName)) files.push(parent.file.fileName);
      }
      // Target identifiers (`relation("hasMany", Post)`) are resolved here: what they read is a dependency too.
      this.trace = this.depsCache.get(cls) ?? new Set([file.fileName]);
      const node = this.modelNode(file, cls, store);
      this.depsCache.set(cls, this.trace);
      this.trace = undefined;
      const model: LinkedModel = { node, file: file.fileName, cls, files };
      models.push(model);
      linked.set(cls, model);
    }
    const byName = new Map<string, LinkedModel[]>();
    for (const model of models) {
      const list = byName.get(model.node.name);
      if (list) list.push(model);
      else byName.set(model.node.name, [model]);
    }
    // Reverse dependencies: unchanged for seeded classes, so patch them from the previous state.
    const dependents = new Map<string, ClassFacts[]>();
    for (const [cls, deps] of this.depsCache) {
      for (const file of deps) {
        const list = dependents.get(file);
        if (list) list.push(cls);
        else dependents.set(file, [cls]);
      }
    }
    return {
      result: { graph: { models: models.map((model) => model.node) }, models, byName },
      fileCount: this.files.size,
      fileNames: previous ? previous.fileNames : new Set(this.files.keys()),
      dependents,
      deps: this.depsCache,
      stores: this.storeCache,
      parents: this.parentCache,
      linked,
    };
  }

  private modelNode(file: FileFacts, cls: ClassFacts, store: Store): ModelNode {
    const node: ModelNode = { ...cls.node, store, loc: { ...cls.node.loc } };
    if (cls.targetIdentifiers.length > 0) {
      // `relation("hasMany", Post)`: at runtime the target is the class itself; say so instead of "cannot verify".
      node.relations = cls.node.relations.map((relation) => {
        const ref = cls.targetIdentifiers.find((candidate) => candidate.relation === relation.name);
        const binding = ref ? this.resolveLocal(file, ref.identifier, new Set()) : undefined;
        if (binding?.kind === "class") return { ...relation, target: classReference(binding.cls.name) };
        if (binding?.kind === "root") return { ...relation, target: classReference(binding.name) };
        return relation;
      });
    }
    // Statics a user base class sets (a shared connectionName, typically) apply to its subclasses.
    let current: { file: FileFacts; cls: ClassFacts } | null = this.parentOf(file, cls);
    let top = { file, cls };
    const seen = new Set<ClassFacts>([cls]);
    while (current && !seen.has(current.cls)) {
      top = current;
      seen.add(current.cls);
      const inherited = current.cls;
      if (!cls.declares.table && inherited.declares.table && node.table === undefined) {
        node.table = inherited.node.table;
        if (inherited.node.tableFrom !== undefined) node.tableFrom = inherited.node.tableFrom;
      }
      if (node.connection === undefined && inherited.declares.connection) node.connection = inherited.node.connection;
      if (node.morphAlias === undefined && inherited.declares.morphAlias) node.morphAlias = inherited.node.morphAlias;
      if (node.database === undefined && inherited.declares.database) node.database = inherited.node.database;
      current = this.parentOf(current.file, current.cls);
    }
    // The chain ends at a runtime root: the store-neutral `Model` has no store (rule model-store).
    const root = top.cls.base ? this.resolveBase(top.file, top.cls) : undefined;
    if (root?.kind === "root" && STORE_NEUTRAL_BASES.has(root.name)) node.storeNeutral = true;
    return node;
  }

  private storeOf(file: FileFacts, cls: ClassFacts, seen: Set<ClassFacts>): Store | undefined {
    const cached = this.storeCache.get(cls);
    if (cached !== undefined) return cached ?? undefined;
    if (seen.has(cls)) return undefined;
    seen.add(cls);
    const outer = this.trace;
    const deps = new Set<string>([file.fileName]);
    this.trace = deps;
    const binding = cls.base ? this.resolveBase(file, cls) : undefined;
    this.trace = outer;
    let store: Store | undefined;
    if (binding?.kind === "root") store = binding.store;
    else if (binding?.kind === "class") {
      store = this.storeOf(binding.file, binding.cls, seen);
      for (const dep of this.depsCache.get(binding.cls) ?? [binding.file.fileName]) deps.add(dep);
    }
    this.parentCache.set(cls, binding?.kind === "class" ? { file: binding.file, cls: binding.cls } : null);
    this.storeCache.set(cls, store ?? null);
    this.depsCache.set(cls, deps);
    for (const dep of deps) outer?.add(dep);
    return store;
  }

  private parentOf(file: FileFacts, cls: ClassFacts): { file: FileFacts; cls: ClassFacts } | null {
    const cached = this.parentCache.get(cls);
    if (cached !== undefined) return cached;
    const binding = cls.base ? this.resolveBase(file, cls) : undefined;
    const parent = binding?.kind === "class" ? { file: binding.file, cls: binding.cls } : null;
    this.parentCache.set(cls, parent);
    return parent;
  }

  private resolveBase(file: FileFacts, cls: ClassFacts): Binding {
    const base = cls.base!;
    if (base.namespace !== undefined) {
      const namespace = file.imports.get(base.namespace);
      if (!namespace || namespace.name !== "*") return undefined;
      return this.resolveExport(namespace.module, file.fileName, base.name, new Set());
    }
    return this.resolveLocal(file, base.name, new Set());
  }

  /** What `name` means inside `file`: a class declared there, or whatever its import points at. */
  private resolveLocal(file: FileFacts, name: string, seen: Set<string>): Binding {
    const local = file.classes.find((cls) => cls.name === name);
    if (local) return { kind: "class", file, cls: local };
    const imported = file.imports.get(name);
    if (!imported || imported.name === "*") return undefined;
    return this.resolveExport(imported.module, file.fileName, imported.name, seen);
  }

  private resolveExport(specifier: string, fromFile: string, name: string, seen: Set<string>): Binding {
    if (isRuntimeModule(specifier)) {
      const store = ROOT_BASES[name];
      return store ? { kind: "root", store, name } : undefined;
    }
    const target = this.resolve(specifier, fromFile);
    const file = target === undefined ? undefined : this.files.get(target);
    if (file) this.trace?.add(file.fileName);
    if (!file) return undefined;
    return this.resolveExportIn(file, name, seen);
  }

  private resolveExportIn(file: FileFacts, name: string, seen: Set<string>): Binding {
    const key = `${file.fileName}\0${name}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const exported = file.exports.get(name);
    if (exported) {
      if ("local" in exported) return this.resolveLocal(file, exported.local, seen);
      return this.resolveExport(exported.module, file.fileName, exported.name, seen);
    }
    for (const star of file.exportStars) {
      const found = this.resolveExport(star, file.fileName, name, seen);
      if (found) return found;
    }
    return undefined;
  }
}
