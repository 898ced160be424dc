/**
 * manifest:validate checks what start-up checks: besides the manifests, the
 * plugin references (workflow effect hooks, job handlers, the plugin's own
 * module) and the job schedules, for each module whose plugin folder is
 * there. A module without a plugin folder gets the manifest checks only.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { DEFAULT_MANIFEST_DIR } from '../core/manifest/index.js';
import { validateModules } from '../core/modules.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A module with a job on a broken cron line and a workflow whose effect calls a plugin hook. */
const desk = {
  id: 'desk',
  version: '1.0.0',
  label: 'Desk',
  entities: [
    {
      name: 'ticket',
      fields: [
        { name: 'title', type: 'string', required: true },
        { name: 'status', type: 'enum', values: ['OPEN', 'CLOSED'] },
      ],
    },
  ],
  roles: [{ name: 'agent' }],
  permissions: { agent: [{ action: 'manage', subject: 'ticket' }] },
  workflows: [
    {
      name: 'ticket_flow',
      entity: 'ticket',
      version: 1,
      field: 'status',
      initial: 'OPEN',
      states: [{ name: 'OPEN' }, { name: 'CLOSED', terminal: true }],
      transitions: [{ name: 'close', from: 'OPEN', to: 'CLOSED', by: { roles: ['agent'] }, effects: { hook: 'onClosed' } }],
    },
  ],
  jobs: [{ name: 'nightly', schedule: { cron: '61 * * * *' } }],
};

/** A checkout-like folder: module-manifests/desk.json and, when given, modules/desk/index.ts. */
function checkout(plugin?: string): { manifest: string; modulesDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'ums-validate-'));
  dirs.push(root);
  mkdirSync(join(root, 'module-manifests'));
  mkdirSync(join(root, 'modules'));
  const manifest = join(root, 'module-manifests', 'desk.json');
  writeFileSync(manifest, JSON.stringify(desk));
  if (plugin !== undefined) {
    mkdirSync(join(root, 'modules', 'desk'));
    writeFileSync(join(root, 'modules', 'desk', 'index.ts'), plugin);
  }
  return { manifest, modulesDir: join(root, 'modules') };
}

async function problemsOf(files: string[], modulesDir: string): Promise<ManifestProblem[]> {
  try {
    await validateModules(files, modulesDir);
  } catch (err) {
    if (err instanceof ManifestError) return err.problems;
    throw err;
  }
  return [];
}

describe('manifest:validate and plugins', () => {
  it('with the plugin folder there: a missing workflow hook, a missing job handler and a bad cron line, each with file and pointer', async () => {
    const { manifest, modulesDir } = checkout("export default { module: 'desk', jobs: {} };\n");
    const problems = await problemsOf([manifest], modulesDir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ pointer: '/workflows/0/transitions/0/effects/hook', message: expect.stringMatching(/no workflow hook "onClosed" in the plugin of module "desk"/) }),
        expect.objectContaining({ pointer: '/jobs/0/name', message: expect.stringMatching(/no handler "nightly"/) }),
        expect.objectContaining({ pointer: '/jobs/0/schedule', message: expect.stringMatching(/invalid cron expression "61 \* \* \* \*"/) }),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it('without a plugin folder: the schedule is still checked, plugin references are not', async () => {
    const { manifest, modulesDir } = checkout();
    const problems = await problemsOf([manifest], modulesDir);
    expect(problems).toEqual([expect.objectContaining({ pointer: '/jobs/0/schedule' })]);
  });

  it('a plugin whose module is not its folder is refused, naming both', async () => {
    const { manifest, modulesDir } = checkout("export default { module: 'helpdesk', jobs: {} };\n");
    const problems = await problemsOf([manifest], modulesDir);
    expect(problems).toContainEqual({ file: 'modules/desk/index.ts', pointer: '/module', message: expect.stringMatching(/says module "helpdesk" but lives in the folder of module "desk"/) });
  });

  it('a plugin that supplies what the manifest names passes (apart from the schedule it fixes)', async () => {
    const fixed = { ...desk, jobs: [{ name: 'nightly', schedule: { cron: '0 2 * * *' } }] };
    const { manifest, modulesDir } = checkout("export default { module: 'desk', workflowHooks: { onClosed: () => undefined }, jobs: { nightly: async () => 'ok' } };\n");
    writeFileSync(manifest, JSON.stringify(fixed));
    expect(await problemsOf([manifest], modulesDir)).toEqual([]);
  });

  it('the shipped manifests with the shipped plugins pass', async () => {
    const { readdirSync } = await import('node:fs');
    const files = readdirSync(DEFAULT_MANIFEST_DIR).filter((f) => f.endsWith('.json')).map((f) => join(DEFAULT_MANIFEST_DIR, f));
    const { plugins } = await validateModules(files);
    expect([...plugins.byModule.keys()]).toEqual(expect.arrayContaining(['library', 'institute']));
  });
});
