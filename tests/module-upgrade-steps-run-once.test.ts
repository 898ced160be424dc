/**
 * A module's upgrade step (plugin `upgrade: { "2.0.0": … }`) runs once per
 * organization with the module enabled: killed with -9 in the middle of the
 * run, the organization it was in keeps nothing of it, and the next run
 * finishes the rest, so every organization ends upgraded exactly once. It runs
 * as the named system actor, an organization created at the new version never
 * runs it, one that had the module disabled runs it when enabling it again, and
 * each organization's module version is recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pendingUpgrades, runUpgrades } from '../core/plugins/upgrades.js';
import { listOrganizations, setModuleEnabled } from '../core/tenancy/index.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { stockManifest, stockPlugin } from './support/upgrade-fixture.js';
import { registryWith } from './support/workflow-fixture.js';

const ITEM = 'stock.item';
const CHILD = fileURLToPath(new URL('./support/upgrade-child.ts', import.meta.url));

let v1: TestRuntime;
let v2: TestRuntime;
const orgs: Fixture[] = [];
let disabled: Fixture;

const touched = async (org: Fixture): Promise<number[]> =>
  (await v1.dataSource.query(`SELECT touched FROM stock_item WHERE organization_id = $1 ORDER BY name`, [org.org.id])).map((r: { touched: number }) => r.touched);
const runs = async (org: Fixture): Promise<{ version: string; outcome: string }[]> =>
  v1.dataSource.query(`SELECT version, outcome FROM core_module_upgrade WHERE organization_id = $1 AND module_id = 'stock'`, [org.org.id]);

beforeAll(async () => {
  v1 = await createTestRuntime({ registry: registryWith(stockManifest('1.0.0')), plugins: [stockPlugin()].map(({ upgrade: _, ...p }) => p) });
  for (let i = 0; i < 3; i++) {
    const org = await createFixtureOrg(v1, 'inventory');
    const system = await org.system();
    for (const name of ['bolt', 'nut']) await system.create(ITEM, { name });
    orgs.push(org);
  }
  disabled = await createFixtureOrg(v1, 'inventory');
  await (await disabled.system()).create(ITEM, { name: 'washer' });
  await setModuleEnabled(v1, disabled.org.slug, 'stock', false);
  orgs.sort((a, b) => a.org.slug.localeCompare(b.org.slug));
  v2 = await createTestRuntime({ registry: registryWith(stockManifest('2.0.0')), plugins: [stockPlugin()], attachTo: v1.url });
}, 120_000);

afterAll(async () => {
  await v2?.close();
  await v1?.dispose();
});

describe('an upgrade step', () => {
  it('is pending for every organization with the module enabled, not for one that disabled it', async () => {
    const pending = await pendingUpgrades(v2);
    expect(pending.map((p) => `${p.organization.slug}:${p.module}@${p.version}`)).toEqual(orgs.map((o) => `${o.org.slug}:stock@2.0.0`));
  });

  it('killed with -9 inside the second organization, keeps the first organization upgraded and nothing of the second', async () => {
    const marker = join(mkdtempSync(join(tmpdir(), 'ums-upgrade-')), 'inside');
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, v1.url, orgs[1].org.slug, marker], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const deadline = Date.now() + 90_000;
    while (!existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(marker)).toBe(true);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await touched(orgs[0])).toEqual([1, 1]);
    expect(await touched(orgs[1])).toEqual([0, 0]);
    expect(await runs(orgs[1])).toEqual([]);
  }, 120_000);

  it('run again, finishes the others, and every organization is upgraded exactly once however often it runs', async () => {
    const ran = await runUpgrades(v2);
    expect(ran.map((r) => r.organization.slug)).toEqual([orgs[1].org.slug, orgs[2].org.slug]);
    expect(await runUpgrades(v2)).toEqual([]);
    for (const org of orgs) {
      expect(await touched(org)).toEqual([1, 1]);
      expect(await runs(org)).toEqual([{ version: '2.0.0', outcome: 'ran' }]);
    }
    expect(await touched(disabled)).toEqual([0]);
  });

  it('writes as the named system actor upgrade:<module>@<version>', async () => {
    const [row]: { n: number }[] = await v1.dataSource.query(
      `SELECT count(*)::int AS n FROM core_audit_log WHERE organization_id = $1 AND entity = $2 AND system_actor = 'upgrade:stock@2.0.0'`,
      [orgs[2].org.id, ITEM],
    );
    expect(row.n).toBe(2);
  });

  it('records the version each organization is at; a new organization starts there and never runs the step', async () => {
    const fresh = await createFixtureOrg(v2, 'inventory');
    await (await fresh.system()).create(ITEM, { name: 'gear' });
    expect(await runs(fresh)).toEqual([{ version: '2.0.0', outcome: 'skipped' }]);
    expect(await runUpgrades(v2)).toEqual([]);
    expect(await touched(fresh)).toEqual([0]);
    const listed = new Map((await listOrganizations(v2)).map((o) => [o.slug, o.module_versions]));
    expect(listed.get(orgs[0].org.slug)).toEqual({ stock: '2.0.0' });
    expect(listed.get(fresh.org.slug)).toEqual({ stock: '2.0.0' });
    expect(listed.get(disabled.org.slug)).toEqual({});
  });

  it('runs in an organization that enables the module again, on the data it kept', async () => {
    await setModuleEnabled(v2, disabled.org.slug, 'stock', true);
    expect(await touched(disabled)).toEqual([1]);
    expect(await runs(disabled)).toEqual([{ version: '2.0.0', outcome: 'ran' }]);
  });
});
