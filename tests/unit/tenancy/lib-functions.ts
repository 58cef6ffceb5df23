// Walks lib/ with the TypeScript compiler and describes every exported function: does it take the
// viewer, and does it reach the database (itself or through the lib functions it calls)?
// Used by tests/unit/tenancy.test.ts; no database needed.
import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export type LibFunction = {
  /** "lib/units/queries.ts#getUnit" */
  id: string;
  name: string;
  file: string;
  takesViewer: boolean;
  reachesDb: boolean;
  /** For a failure message: how it reaches the database (the chain of calls). */
  via: string[];
  /** The names of the lib functions it uses, directly or through others. */
  uses: string[];
};

const ROOT = path.resolve(import.meta.dirname, "../../..");
/** The client itself, its generated code and the test factories (lint keeps them out of routes) are not data functions. */
const SKIP = [/^lib\/db\//, /^lib\/testing\//];

function libFiles(dir = path.join(ROOT, "lib")): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(ROOT, full).split(path.sep).join("/");
    if (SKIP.some((re) => re.test(`${rel}/`)) || SKIP.some((re) => re.test(rel))) continue;
    if (entry.isDirectory()) out.push(...libFiles(full));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const isGenerated = (file: string) => rel(file).startsWith("lib/db/generated/");
const isDbModule = (file: string) => /^lib\/db\/[^/]+\.ts$/.test(rel(file));
const isLib = (file: string) => rel(file).startsWith("lib/") && !isGenerated(file);

/** Every function of lib/, keyed by its declaration node, with what it directly touches. */
export function analyseLib(): LibFunction[] {
  const configPath = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram({ rootNames: libFiles(), options: { ...parsed.options, noEmit: true, incremental: false } });
  const checker = program.getTypeChecker();

  const resolve = (symbol: ts.Symbol | undefined): ts.Symbol | undefined =>
    symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;

  // Top-level functions of lib/ files: `function f()` and `const f = (…) => …` / `const f = wrap(…)`.
  const nodes = new Map<ts.Node, { name: string; file: string }>();
  for (const sf of program.getSourceFiles()) {
    if (!isLib(sf.fileName) || SKIP.some((re) => re.test(rel(sf.fileName)))) continue;
    for (const stmt of sf.statements) {
      if (ts.isFunctionDeclaration(stmt) && stmt.name && stmt.body) nodes.set(stmt, { name: stmt.name.text, file: rel(sf.fileName) });
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.initializer) nodes.set(d, { name: d.name.text, file: rel(sf.fileName) });
        }
      }
    }
  }

  /** The top-level function a symbol names, if it is one of ours. */
  const declOf = (symbol: ts.Symbol | undefined): ts.Node | undefined => {
    for (const d of resolve(symbol)?.declarations ?? []) if (nodes.has(d)) return d;
    return undefined;
  };

  // Direct use of the database, and the lib functions each one uses.
  const direct = new Map<ts.Node, string | null>();
  const uses = new Map<ts.Node, Set<ts.Node>>();
  for (const node of nodes.keys()) {
    let touch: string | null = null;
    const called = new Set<ts.Node>();
    const body = ts.isFunctionDeclaration(node) ? node.body : (node as ts.VariableDeclaration).initializer;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) || ts.isTaggedTemplateExpression(n)) {
        const decl = checker.getResolvedSignature(n)?.declaration;
        const file = decl?.getSourceFile().fileName;
        // db() itself, or a method of the Prisma client or of a model delegate (tx.user.findMany, $queryRaw…).
        if (file && (isDbModule(file) || isGenerated(file)) && !touch) touch = n.getText().replace(/\s+/g, " ").slice(0, 60);
      }
      if (ts.isIdentifier(n)) {
        const target = declOf(checker.getSymbolAtLocation(n));
        if (target && target !== node) called.add(target);
      }
      ts.forEachChild(n, visit);
    };
    if (body) visit(body);
    direct.set(node, touch);
    uses.set(node, called);
  }

  // Transitive closure: a function reaches the database if it, or one it uses, does.
  const via = new Map<ts.Node, string[] | null>();
  const reach = (node: ts.Node, stack: Set<ts.Node>): string[] | null => {
    if (via.has(node)) return via.get(node)!;
    const d = direct.get(node);
    if (d) {
      via.set(node, [d]);
      return [d];
    }
    if (stack.has(node)) return null;
    stack.add(node);
    let found: string[] | null = null;
    for (const next of uses.get(node) ?? []) {
      const chain = reach(next, stack);
      if (chain) {
        found = [nodes.get(next)!.name, ...chain];
        break;
      }
    }
    stack.delete(node);
    if (found || stack.size === 0) via.set(node, found);
    return found;
  };

  // The Viewer of lib/auth/viewer.ts, itself, in a union (`Viewer | null`) or narrowed (`Pick<Viewer, …>`).
  const isViewerAlias = (symbol: ts.Symbol | undefined) =>
    symbol?.name === "Viewer" && (symbol.declarations ?? []).some((d) => rel(d.getSourceFile().fileName) === "lib/auth/viewer.ts");
  const isViewerType = (type: ts.Type): boolean => {
    if (isViewerAlias(type.aliasSymbol)) return true;
    if (type.isUnion()) return type.types.some(isViewerType);
    return (type.aliasTypeArguments ?? []).some(isViewerType);
  };
  /** A parameter that is the viewer, or an options object carrying it (`{ viewer, … }`). */
  const carriesViewer = (type: ts.Type, at: ts.Node): boolean =>
    isViewerType(type) ||
    (type.getCallSignatures().length === 0 &&
      checker.getPropertiesOfType(type).some((p) => isViewerType(checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(p, at)))));

  const out: LibFunction[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!isLib(sf.fileName) || SKIP.some((re) => re.test(rel(sf.fileName)))) continue;
    const moduleSymbol = checker.getSymbolAtLocation(sf);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = resolve(exported)!;
      const node = declOf(symbol);
      if (!node || nodes.get(node)!.file !== rel(sf.fileName)) continue; // re-exports are counted where declared
      const type = checker.getTypeOfSymbolAtLocation(symbol, node);
      const signatures = type.getCallSignatures();
      if (signatures.length === 0) continue;
      const takesViewer = signatures.some((s) =>
        s.getParameters().some((p) => carriesViewer(checker.getTypeOfSymbolAtLocation(p, node), node)),
      );
      const chain = reach(node, new Set());
      const { name, file } = nodes.get(node)!;
      const used = new Set<ts.Node>();
      const pending = [...(uses.get(node) ?? [])];
      while (pending.length) {
        const next = pending.pop()!;
        if (used.has(next)) continue;
        used.add(next);
        pending.push(...(uses.get(next) ?? []));
      }
      const usedNames = [...used].map((n) => nodes.get(n)!.name);
      out.push({ id: `${file}#${name}`, name, file, takesViewer, reachesDb: chain !== null, via: chain ?? [], uses: usedNames });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** The names decision 003 allows without a viewer: every `identifier` in backticks in its list of them. */
export function decision003Names(text: string): Set<string> {
  const start = text.indexOf("- The only data functions without a viewer");
  const end = text.indexOf("- Server actions go through");
  if (start < 0 || end < start) throw new Error("decision 003: the list of functions without a viewer was not found");
  return new Set([...text.slice(start, end).matchAll(/`([A-Za-z_$][\w$]*)`/g)].map((m) => m[1]!));
}
