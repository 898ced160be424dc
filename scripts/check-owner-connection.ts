/**
 * The owner connection stays behind the named bypass (README, Security;
 * core/db/cross-tenant.ts): `npm run lint` runs this after check-layers and it
 * fails when a file outside ALLOWED reaches the pool's login role directly —
 * a member of the DataSource that sends SQL or hands out something that does
 * (`query`, `manager`, `transaction`, `createQueryRunner`, `getRepository`,
 * `createQueryBuilder`, `driver`…), read off anything called `dataSource` or
 * `connection` (a manager's `.connection` is the same DataSource), or a
 * `createQueryRunner()` on anything.
 *
 * It reads the syntax, not the types: a DataSource passed on under another
 * name is not seen until that name is used as above. What it catches is the
 * way every such use in this code base was written.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { sourceFiles } from './source-files.js';

const ROOT = resolve(dirname(new URL(import.meta.url).pathname), '..');
const SOURCE_DIRS = ['config', 'core', 'modules', 'scripts', 'migrations'];

/** Path prefixes that may use the owner connection, and why. */
export const ALLOWED: Record<string, string> = {
  'core/db/': 'the database layer itself: connection, migrations, tenant walls and the named bypass (core/db/cross-tenant.ts)',
  'migrations/': 'migrations change the schema as its owner',
  'tests/': 'fixtures set up and inspect every tenant',
  'core/data/tenant-scope.ts': 'the wall itself: it opens the connections it scopes to one organization',
  'core/data/records.ts': 'RecordService scopes the manager it is given to its actor’s organization (core/data/reader.ts)',
  'scripts/check-owner-connection.ts': 'this check names the members it looks for',
};

/** DataSource members that send SQL or give out an object that does. */
const OWNER_MEMBERS = new Set([
  'query',
  'manager',
  'transaction',
  'createQueryRunner',
  'createQueryBuilder',
  'createEntityManager',
  'getRepository',
  'getTreeRepository',
  'getMongoRepository',
  'driver',
  'sql',
]);
const HOLDERS = new Set(['dataSource', 'connection']);

const holderName = (node: ts.Expression): string | undefined => {
  if (ts.isIdentifier(node)) return node.text;
  if (ts.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
};

/** Every direct use of the owner connection in `text`, as `line: what`. */
export function ownerConnectionUses(file: string, text: string): { line: number; what: string }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { line: number; what: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node)) {
      const member = node.name.text;
      const holder = holderName(node.expression);
      if ((holder && HOLDERS.has(holder) && OWNER_MEMBERS.has(member)) || member === 'createQueryRunner') {
        out.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, what: node.getText(source).replace(/\s+/g, '') });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

export const isAllowed = (file: string): boolean => Object.keys(ALLOWED).some((prefix) => file === prefix || file.startsWith(prefix));

const exists = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Problems in `files` (repository-relative paths; default: every source file). */
export function checkOwnerConnection(files?: string[], root = ROOT): string[] {
  const list = files ?? SOURCE_DIRS.flatMap((d) => (exists(join(root, d)) ? sourceFiles(join(root, d)) : [])).map((f) => relative(root, f));
  const problems: string[] = [];
  for (const file of list) {
    if (isAllowed(file)) continue;
    for (const use of ownerConnectionUses(file, readFileSync(join(root, file), 'utf8'))) {
      problems.push(`${file}:${use.line}: ${use.what} uses the owner connection, outside the tenant wall; go through the data layer (RecordService, tenant-scoped manager) or crossTenant(dataSource, '<purpose>', …) in core/db/cross-tenant.ts`);
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  // --root=<dir>: check another tree (the check's own test runs it on a fixture).
  const root = process.argv.find((a) => a.startsWith('--root='))?.slice('--root='.length);
  const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const problems = checkOwnerConnection(files.length ? files : undefined, root ? resolve(root) : ROOT);
  for (const p of problems) console.error(p);
  if (problems.length) {
    console.error(`${problems.length} direct use(s) of the owner connection: see scripts/check-owner-connection.ts and README "Security".`);
    process.exit(1);
  }
  console.log('owner connection: used only by core/db, migrations, the data layer’s wall and the named bypass');
}
