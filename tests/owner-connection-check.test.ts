/**
 * The lint check that keeps the owner connection behind the named bypass
 * (scripts/check-owner-connection.ts, run by `npm run lint`): a file outside
 * its allow-list that touches the DataSource directly makes it fail; the same
 * work through crossTenant(…) or a tenant-scoped manager passes; this
 * repository passes.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from '@jest/globals';
import { checkOwnerConnection, ownerConnectionUses } from '../scripts/check-owner-connection.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const fixture = mkdtempSync(join(tmpdir(), 'ums-owner-check-'));
afterAll(() => rmSync(fixture, { recursive: true, force: true }));

const write = (path: string, text: string): void => {
  mkdirSync(join(fixture, path, '..'), { recursive: true });
  writeFileSync(join(fixture, path), text);
};

const LEAKS = [
  "await runtime.dataSource.query('SELECT * FROM library_book');",
  'await this.runtime.dataSource.manager.find(Book);',
  'await runtime.dataSource.transaction(async (m) => m.query("DELETE FROM core_user"));',
  'const runner = dataSource.createQueryRunner();',
  "await records.entityManager.connection.query('SELECT * FROM core_user');",
  'const repo = dataSource.getRepository(Book);',
  'const pool = runtime.dataSource.driver;',
];

describe('the owner-connection check', () => {
  it.each(LEAKS)('finds %s', (line) => {
    expect(ownerConnectionUses('core/leak.ts', `export async function leak() {\n  ${line}\n}\n`)).toEqual([expect.objectContaining({ line: 2 })]);
  });

  it('passes the bypass helper and a tenant-scoped manager', () => {
    const ok = [
      "await crossTenant(runtime.dataSource, 'mail-delivery', (owner) => owner.query('SELECT 1'));",
      "await withinTenant(runtime.dataSource, organizationId).query('SELECT 1');",
      "await records.entityManager.query('SELECT 1');",
      'const source = runtime.dataSource;',
    ];
    for (const line of ok) expect(ownerConnectionUses('core/ok.ts', line)).toEqual([]);
  });

  it('a fixture file that violates it makes the command fail, naming the file and line; allowed folders are not checked', () => {
    write('core/leaky/service.ts', "export const rows = (runtime: any) =>\n  runtime.dataSource.query('SELECT * FROM core_user');\n");
    write('core/db/owner.ts', "export const rows = (dataSource: any) => dataSource.query('SELECT 1');\n");
    write('modules/clean/index.ts', 'export const x = 1;\n');
    expect(checkOwnerConnection(undefined, fixture)).toEqual([expect.stringMatching(/^core\/leaky\/service\.ts:2: runtime\.dataSource\.query/)]);
    const run = spawnSync('npx', ['tsx', 'scripts/check-owner-connection.ts', `--root=${fixture}`], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('core/leaky/service.ts:2');
  });

  it('this repository passes', () => {
    expect(checkOwnerConnection()).toEqual([]);
  });
});
