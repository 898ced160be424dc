/**
 * The layer rules of README "How it is built", checked on the imports
 * themselves (`npm run lint` runs this after eslint):
 *  - no import cycle between files through runtime imports (type-only imports
 *    are erased by the compiler and may point anywhere);
 *  - a file imports only from its own layer or lower ones (LAYERS below);
 *  - module code (`modules/**`) imports the project only through `core/sdk.ts`.
 * Prints every violation as `file: problem` and exits 1 if there is one.
 * `--graph` prints the folder-level dependency graph instead.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './source-files.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');

/**
 * Lowest first. A file may import its own layer and any lower one. Names are
 * path prefixes relative to the repository root; the longest prefix decides.
 */
const LAYERS: string[][] = [
  ['config/', 'core/errors.ts', 'core/paths.ts', 'core/log.ts'],
  ['core/manifest/'],
  ['core/access/'],
  ['core/data/', 'core/db/', 'migrations/'],
  ['core/plugins/', 'core/mail/', 'core/auth/', 'core/workflow/', 'core/documents/', 'core/exchange/', 'core/jobs/', 'core/tenancy/', 'core/files/'],
  ['core/sdk.ts'],
  ['modules/'],
  ['core/admin/', 'core/api/'],
  ['core/modules.ts', 'core/runtime.ts', 'core/server.ts', 'core/ops/', 'core/cli/', 'scripts/', 'tests/'],
];

const SOURCE_DIRS = ['config', 'core', 'modules', 'scripts', 'migrations'];
const MODULES_MAY_IMPORT = 'core/sdk.ts';

interface Edge {
  to: string;
  typeOnly: boolean;
  line: number;
}

/** Relative imports of one file, resolved to repository paths, with whether they are erased at run time. */
function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const edges: Edge[] = [];
  const add = (specifier: string, typeOnly: boolean, node: ts.Node): void => {
    if (!specifier.startsWith('.')) return;
    const target = resolveSpecifier(dirname(file), specifier);
    if (target) edges.push({ to: target, typeOnly, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      const typeOnly = !!clause && (clause.isTypeOnly || (!clause.name && !!named && named.length > 0 && named.every((e) => e.isTypeOnly)));
      add(node.moduleSpecifier.text, typeOnly, node);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier.text, node.isTypeOnly || (!!named && named.length > 0 && named.every((e) => e.isTypeOnly)), node);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteral(node.arguments[0])) {
      add(node.arguments[0].text, false, node);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal.text, true, node);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

function resolveSpecifier(fromDir: string, specifier: string): string | undefined {
  const base = resolve(fromDir, specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, join(base, 'index.ts')];
  for (const c of candidates) {
    try {
      if (statSync(c).isFile()) return relative(ROOT, c);
    } catch {
      // not this one
    }
  }
  return undefined;
}

function layerOf(file: string): number {
  let best = -1;
  let bestLength = -1;
  LAYERS.forEach((prefixes, i) => {
    for (const p of prefixes) {
      if ((file === p || file.startsWith(p)) && p.length > bestLength) {
        best = i;
        bestLength = p.length;
      }
    }
  });
  return best;
}

/** Every cycle's files, found as the strongly connected components (Tarjan) of the runtime import graph. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const connect = (v: string): void => {
    indexOf.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indexOf.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indexOf.get(w)!));
    }
    if (low.get(v) === indexOf.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indexOf.has(v)) connect(v);
  return out;
}

export function checkLayers(): string[] {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f));
  const problems: string[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const edges = importsOf(join(ROOT, file));
    graph.set(file, [...new Set(edges.filter((e) => !e.typeOnly).map((e) => e.to))]);
    const from = layerOf(file);
    for (const edge of edges) {
      if (file.startsWith('modules/') && !edge.to.startsWith('modules/') && edge.to !== MODULES_MAY_IMPORT) {
        problems.push(`${file}:${edge.line}: module code imports ${edge.to}; modules import only ${MODULES_MAY_IMPORT}`);
        continue;
      }
      if (edge.typeOnly) continue;
      const to = layerOf(edge.to);
      if (from >= 0 && to > from) problems.push(`${file}:${edge.line}: imports ${edge.to}, which is in a higher layer (${LAYERS[to].join(' ')} above ${LAYERS[from].join(' ')})`);
    }
  }
  for (const component of cycles(graph)) problems.push(`import cycle: ${component.join(' → ')}`);
  return problems;
}

function folderGraph(): string {
  const files = SOURCE_DIRS.flatMap((d) => sourceFiles(join(ROOT, d))).map((f) => relative(ROOT, f));
  const folder = (f: string): string => (f.split('/').length > 2 ? f.split('/').slice(0, 2).join('/') : f);
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    for (const e of importsOf(join(ROOT, file))) {
      if (e.typeOnly || folder(e.to) === folder(file)) continue;
      if (!edges.has(folder(file))) edges.set(folder(file), new Set());
      edges.get(folder(file))!.add(folder(e.to));
    }
  }
  return [...edges].sort().map(([f, to]) => `${f} → ${[...to].sort().join(', ')}`).join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  if (process.argv.includes('--graph')) {
    console.log(folderGraph());
  } else {
    const problems = checkLayers();
    for (const p of problems) console.error(p);
    if (problems.length) {
      console.error(`${problems.length} layer rule violation(s): see the layer list in scripts/check-layers.ts and README "How it is built".`);
      process.exit(1);
    }
    console.log('layers: no import cycles, no upward imports, modules import only core/sdk.ts');
  }
}
