/**
 * `$org.settings.<name>` in workflow conditions: an organization switch set by
 * `org:settings --set <name>=on|off` (never set: off) decides a transition's
 * `when` and whether an approval step applies, per organization; a value that
 * is not true/false and a bad name are refused at load with file#pointer.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManifestError } from '../core/errors.js';
import { organizationSettings, updateOrganizationSettings } from '../core/tenancy/settings.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import type { Json } from './support/makerspace-fixture.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const REQ = 'desk.request';

function manifest(stepWhen: unknown = { '$org.settings.skip_finance': false }): Json {
  return {
    id: 'desk',
    version: '1.0.0',
    label: 'Desk',
    systemTypes: [{ name: 'desk', label: 'Desk (settings fixture)' }],
    entities: [{ name: 'request', titleField: 'title', fields: [{ name: 'title', type: 'string', required: true }, { name: 'status', type: 'enum', values: ['draft', 'review', 'done'], default: 'draft', required: true }] }],
    roles: [{ name: 'clerk', label: 'Clerk' }, { name: 'ops', label: 'Ops' }, { name: 'finance', label: 'Finance' }],
    permissions: { clerk: [{ action: 'manage', subject: 'request' }], ops: [{ action: 'read', subject: 'request' }], finance: [{ action: 'read', subject: 'request' }] },
    workflows: [{
      name: 'flow', entity: 'request', version: 1, field: 'status', initial: 'draft',
      states: [{ name: 'draft' }, { name: 'review' }, { name: 'done', terminal: true }],
      transitions: [
        { name: 'submit', from: 'draft', to: 'review', by: { roles: ['clerk'] } },
        { name: 'fast_track', from: 'draft', to: 'done', by: { roles: ['clerk'] }, when: { $and: [{ title: { $ne: null } }, { '$org.settings.fast_lane': true }] } },
        { name: 'close', from: 'review', to: 'done', approval: { open: 'onEnter', mode: 'parallel', steps: [
          { name: 'ops', approvers: { roles: ['ops'] } },
          { name: 'finance', approvers: { roles: ['finance'] }, when: stepWhen },
        ] } },
      ],
    }],
  };
}

let runtime: TestRuntime;
let org: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime({ registry: registryWith(manifest()) });
  org = await createFixtureOrg(runtime, 'desk', ['clerk', 'ops', 'finance']);
}, 60_000);
afterAll(() => runtime?.dispose());

async function submitted(): Promise<string> {
  const clerk = await org.as('clerk');
  const r = await clerk.create(REQ, { title: 'Chairs' });
  await (await WorkflowEngine.for(clerk)).run(REQ, String(r.id), 'submit');
  return String(r.id);
}
const approve = async (role: string, id: string) => (await WorkflowEngine.for(await org.as(role))).run(REQ, id, 'close');

describe('organization switches in workflow conditions', () => {
  it('a step that applies unless the switch is on: both approvals needed while it is off (never set)', async () => {
    expect((await organizationSettings(runtime, org.org.slug)).switches).toEqual({});
    const id = await submitted();
    expect((await approve('ops', id)).moved).toBe(false);
    const done = await approve('finance', id);
    expect(done.moved).toBe(true);
    expect(done.record.status).toBe('done');
  });

  it('with the switch on, the step is left out of new requests: one approval completes it', async () => {
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'skip_finance=on' });
    const id = await submitted();
    const done = await approve('ops', id);
    expect(done.moved).toBe(true);
    await expect(approve('finance', await submitted()).then((r) => r.moved)).rejects.toThrow();
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'skip_finance=off' });
  });

  it('decides a transition\'s when, together with the record\'s own conditions', async () => {
    const clerk = await org.as('clerk');
    const engine = await WorkflowEngine.for(clerk);
    const r = await clerk.create(REQ, { title: 'Desk' });
    expect((await engine.available(REQ, r)).map((a) => a.name)).not.toContain('fast_track');
    await expect(engine.run(REQ, String(r.id), 'fast_track')).rejects.toThrow('Fast track is not possible: the organization\'s setting "fast_lane" must be on.');
    await updateOrganizationSettings(runtime, org.org.slug, { set: 'fast_lane=on' });
    expect((await engine.available(REQ, r)).map((a) => a.name)).toContain('fast_track');
    expect((await engine.run(REQ, String(r.id), 'fast_track')).record.status).toBe('done');
    expect((await organizationSettings(runtime, org.org.slug)).switches).toEqual({ fast_lane: true, skip_finance: false });
  });

  it('refuses bad switches at the command and at load', async () => {
    await expect(updateOrganizationSettings(runtime, org.org.slug, { set: 'fast_lane=maybe' })).rejects.toThrow(/not <name>=on\|off/);
    await expect(updateOrganizationSettings(runtime, org.org.slug, { set: 'Bad-Name=on' })).rejects.toThrow(/not <name>=on\|off/);
    const problems = (m: Json): string[] => {
      try {
        registryWith(m);
        return [];
      } catch (err) {
        if (!(err instanceof ManifestError)) throw err;
        return err.problems.map((p) => `${p.pointer}: ${p.message}`);
      }
    };
    expect(problems(manifest({ '$org.settings.skip_finance': 'off' }))).toEqual([expect.stringMatching(/steps\/1\/when\/\$org\.settings\.skip_finance: an organization setting is on or off/)]);
    expect(problems(manifest({ '$org.settings.Skip': true }))).toEqual([expect.stringMatching(/"Skip" is not a setting name/)]);
  });
});
