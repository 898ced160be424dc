/**
 * Role names are per module: `alpha.member` and `beta.member` are two roles
 * with their own rules and their module's label; a module names its own roles
 * bare, a dependency's qualified and core's `admin` bare, and any other name is
 * a manifest error with file#pointer. A custom role may combine rules of two
 * modules, each holding only while its module is enabled. The migration renames
 * the rows and stored role names an older database has.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManifestError, RecordValidationError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry, type Registry } from '../core/manifest/index.js';
import { RecordService } from '../core/data/records.js';
import { createUser, setModuleEnabled } from '../core/tenancy/index.js';
import { ModuleRoleKeys1796162872008 } from '../migrations/1796162872008-module-role-keys.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

type Json = Record<string, unknown>;
const dirs: string[] = [];

/** A module with one entity `thing` and a `member` role that reads it. */
function moduleWithMember(id: string, label: string, extra: Json = {}): Json {
  return {
    id,
    version: '1.0.0',
    label,
    systemTypes: [{ name: `${id}_org`, label: `${label} organization` }],
    entities: [{ name: 'thing', fields: [{ name: 'title', type: 'string', required: true }, { name: 'owner', type: 'reference', target: 'core.user' }] }],
    roles: [{ name: 'member', label: 'Member' }],
    permissions: { member: [{ action: 'read', subject: 'thing' }] },
    ...extra,
  };
}

const alpha = (extra: Json = {}): Json => moduleWithMember('alpha', 'Alpha', { systemTypes: [{ name: 'roleland', label: 'Roleland' }], ...extra });
const beta = (extra: Json = {}): Json => moduleWithMember('beta', 'Beta', { systemTypes: ['roleland'], ...extra });
/** Depends on alpha: grants alpha's member a rule on its own entity, and the core admin a workflow transition. */
const gamma = (extra: Json = {}): Json => ({
  id: 'gamma',
  version: '1.0.0',
  label: 'Gamma',
  dependsOn: ['alpha'],
  systemTypes: ['roleland'],
  entities: [{ name: 'note', fields: [{ name: 'text', type: 'string', required: true }, { name: 'status', type: 'enum', values: ['OPEN', 'DONE'] }] }],
  roles: [{ name: 'editor' }],
  permissions: {
    editor: [{ action: 'manage', subject: 'note' }],
    'alpha.member': [{ action: 'read', subject: 'note' }],
    admin: [{ action: 'read', subject: 'note' }],
  },
  workflows: [
    {
      name: 'note',
      entity: 'note',
      version: 1,
      field: 'status',
      initial: 'OPEN',
      states: [{ name: 'OPEN', editableBy: ['editor', 'admin'] }, { name: 'DONE', terminal: true }],
      transitions: [
        { name: 'finish', from: 'OPEN', to: 'DONE', by: { roles: ['editor', 'alpha.member'] } },
        { name: 'close', from: 'OPEN', to: 'DONE', approval: { open: 'onRequest', steps: [{ name: 'check', approvers: { roles: ['admin', 'editor'] } }] }, by: { roles: ['editor'] } },
      ],
    },
  ],
  ...extra,
});

function dirWith(...manifests: Json[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-roles-'));
  dirs.push(dir);
  for (const m of manifests) writeFileSync(join(dir, `${String(m.id)}.json`), JSON.stringify(m, null, 2));
  return dir;
}

function problemsOf(...manifests: Json[]): ManifestProblem[] {
  try {
    loadRegistry({ dir: dirWith(...manifests) });
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems;
  }
  throw new Error('the manifests loaded without problems');
}

describe('role keys in the registry', () => {
  let registry: Registry;
  beforeAll(() => {
    registry = loadRegistry({ dir: dirWith(alpha(), beta(), gamma()) });
  });

  it('two modules declaring "member" get two roles, each labelled with its module', () => {
    expect(registry.roles.get('alpha.member')).toMatchObject({ key: 'alpha.member', name: 'member', module: 'alpha', label: 'Member', displayLabel: 'Member (Alpha)' });
    expect(registry.roles.get('beta.member')).toMatchObject({ key: 'beta.member', module: 'beta', displayLabel: 'Member (Beta)' });
    expect(registry.roles.has('member')).toBe(false);
    // Core's organization admin keeps its bare name and its label.
    expect(registry.roles.get('admin')).toMatchObject({ key: 'admin', module: 'core', displayLabel: 'Organization admin' });
  });

  it('rules are keyed by role key: own roles bare, a dependency role qualified, the core admin bare', () => {
    expect([...registry.module('alpha')!.rules.keys()]).toEqual(['alpha.member']);
    expect([...registry.module('beta')!.rules.keys()]).toEqual(['beta.member']);
    expect([...registry.module('gamma')!.rules.keys()].sort()).toEqual(['admin', 'alpha.member', 'gamma.editor']);
  });

  it('workflow actors, approvers and editableBy carry role keys', () => {
    const wf = registry.workflow('gamma.note')!;
    expect(wf.transitions.find((t) => t.name === 'finish')!.by!.roles).toEqual(['gamma.editor', 'alpha.member']);
    expect(wf.transitions.find((t) => t.name === 'close')!.approval!.steps[0].approvers.roles).toEqual(['admin', 'gamma.editor']);
    expect(wf.states.get('OPEN')!.editableBy).toEqual(['gamma.editor', 'admin']);
  });

  it('the shipped institute grants its rules to the core admin instead of declaring a second admin', () => {
    const shipped = loadRegistry();
    expect(shipped.module('institute')!.roles.map((r) => r.key)).toEqual(['institute.teacher', 'institute.student', 'institute.hr', 'institute.finance', 'institute.sales']);
    expect(shipped.module('institute')!.rules.has('admin')).toBe(true);
    expect(shipped.roles.get('library.member')!.displayLabel).toBe('Library member (Library)');
    expect(shipped.workflow('institute.course')!.transitions.find((t) => t.name === 'approve')!.approval!.steps.map((s) => s.approvers.roles)).toEqual([['admin'], ['institute.sales', 'institute.finance']]);
  });
});

describe('role references a manifest may not make', () => {
  it('an undeclared bare role in permissions, by, approvers and editableBy is refused with file#pointer', () => {
    const bad = gamma({
      permissions: { editor: [{ action: 'manage', subject: 'note' }], member: [{ action: 'read', subject: 'note' }] },
      workflows: [
        {
          name: 'note',
          entity: 'note',
          version: 1,
          field: 'status',
          initial: 'OPEN',
          states: [{ name: 'OPEN', editableBy: ['writer'] }, { name: 'DONE', terminal: true }],
          transitions: [
            { name: 'finish', from: 'OPEN', to: 'DONE', by: { roles: ['member'] } },
            { name: 'close', from: 'OPEN', to: 'DONE', approval: { open: 'onRequest', steps: [{ name: 'check', approvers: { roles: ['boss'] } }] }, by: { roles: ['editor'] } },
          ],
        },
      ],
    });
    const problems = problemsOf(alpha(), bad).map((p) => `${p.file.split('/').pop()}#${p.pointer}: ${p.message}`);
    // Gamma depends on alpha, but alpha's member is "alpha.member" there: a bare "member" is not gamma's.
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gamma\.json#\/permissions\/member: rules for unknown role "member" \(declare it under "roles"; a role of another module is named "<module>\.member"\)$/),
        expect.stringMatching(/^gamma\.json#\/workflows\/0\/states\/0\/editableBy\/0: unknown role "writer"/),
        expect.stringMatching(/^gamma\.json#\/workflows\/0\/transitions\/0\/by\/roles\/0: unknown role "member"/),
        expect.stringMatching(/^gamma\.json#\/workflows\/0\/transitions\/1\/approval\/steps\/0\/approvers\/roles\/0: unknown role "boss"/),
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it('a role of a module that is not in dependsOn is refused, naming the module', () => {
    const problems = problemsOf(alpha(), beta(), gamma({ permissions: { editor: [{ action: 'manage', subject: 'note' }], 'beta.member': [{ action: 'read', subject: 'note' }] } }));
    expect(problems).toEqual([expect.objectContaining({ file: expect.stringMatching(/gamma\.json$/), pointer: '/permissions/beta.member', message: 'rules for role "beta.member" belongs to module "beta", which is not in dependsOn' })]);
  });

  it('an unknown qualified role is refused', () => {
    const problems = problemsOf(alpha(), gamma({ permissions: { editor: [{ action: 'manage', subject: 'note' }], 'alpha.owner': [{ action: 'read', subject: 'note' }] } }));
    expect(problems).toEqual([expect.objectContaining({ pointer: '/permissions/alpha.owner', message: 'rules for unknown role "alpha.owner"' })]);
  });

  it('a module may not declare a role named like a core role', () => {
    const problems = problemsOf(alpha({ roles: [{ name: 'member' }, { name: 'admin', label: 'Organization admin' }] }));
    expect(problems).toEqual([expect.objectContaining({ pointer: '/roles/1/name', message: expect.stringMatching(/^"admin" is a core role \(Organization admin\); grant it rules under "permissions"/) })]);
  });
});

describe('per-module roles in an organization', () => {
  let runtime: TestRuntime;
  let org: Fixture;
  let alphaThing: string;
  let betaThing: string;

  beforeAll(async () => {
    runtime = await createTestRuntime({ registry: loadRegistry({ dir: dirWith(alpha(), beta(), gamma()) }) });
    org = await createFixtureOrg(runtime, 'roleland', ['alpha.member', 'beta.member']);
    const system = await org.system();
    alphaThing = String((await system.create('alpha.thing', { title: 'A' })).id);
    betaThing = String((await system.create('beta.thing', { title: 'B' })).id);
  });
  afterAll(async () => {
    await runtime?.dispose();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  it('built-in rows are named by key and labelled with their module', async () => {
    const rows: { name: string; label: string; module: string }[] = await runtime.dataSource.query(
      `SELECT name, label, module FROM core_role WHERE organization_id = $1 AND builtin ORDER BY name`,
      [org.org.id],
    );
    expect(rows).toEqual([
      { name: 'admin', label: 'Organization admin', module: 'core' },
      { name: 'alpha.member', label: 'Member (Alpha)', module: 'alpha' },
      { name: 'beta.member', label: 'Member (Beta)', module: 'beta' },
      { name: 'gamma.editor', label: 'Editor (Gamma)', module: 'gamma' },
    ]);
  });

  it("a user with alpha.member gets alpha's member rules and not beta's (and the reverse)", async () => {
    const a = await org.as('alpha.member');
    expect((await a.find('alpha.thing')).map((r) => r.id)).toEqual([alphaThing]);
    expect(await a.find('beta.thing')).toEqual([]);
    expect(await a.can('read', 'beta.thing')).toBe(false);
    expect(await a.can('read', 'gamma.note')).toBe(true);
    const b = await org.as('beta.member');
    expect((await b.find('beta.thing')).map((r) => r.id)).toEqual([betaThing]);
    expect(await b.find('alpha.thing')).toEqual([]);
    expect(await b.can('read', 'gamma.note')).toBe(false);
  });

  it('hasRole takes a key, or a bare name of the calling module’s own role', async () => {
    const a = await org.as('alpha.member');
    expect(a.hasRole('alpha.member')).toBe(true);
    expect(a.hasRole('beta.member')).toBe(false);
    expect(a.forModule('alpha').hasRole('member')).toBe(true);
    expect(a.forModule('beta').hasRole('member')).toBe(false);
    expect(a.hasRole('member')).toBe(false);
  });

  it('user creation takes keys and an unambiguous bare name, and refuses an ambiguous one naming the candidates', async () => {
    const editor = await createUser(runtime, org.org.slug, { email: 'ed@roleland.test', password: 'secret-123', name: 'Ed', roles: ['editor'] });
    const assigned: { name: string }[] = await runtime.dataSource.query(
      `SELECT r.name FROM core_role_assignment ra JOIN core_role r ON r.id = ra.role_id WHERE ra.user_id = $1`,
      [editor.id],
    );
    expect(assigned).toEqual([{ name: 'gamma.editor' }]);
    const refused = createUser(runtime, org.org.slug, { email: 'm@roleland.test', password: 'secret-123', name: 'M', roles: ['member'] });
    await expect(refused).rejects.toThrow(RecordValidationError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { roles: { message: 'role "member" is ambiguous: alpha.member, beta.member' } } });
    await expect(createUser(runtime, org.org.slug, { email: 'n@roleland.test', password: 'secret-123', name: 'N', roles: ['gamma.member'] })).rejects.toMatchObject({
      fieldErrors: { roles: { message: 'unknown role "gamma.member"' } },
    });
  });

  it('a custom role may combine rules of two modules; each holds only while its module is enabled', async () => {
    const admin = await org.as('admin');
    const role = await admin.create('core.role', {
      name: 'thing_reader',
      label: 'Reads both',
      rules: [
        { action: 'read', subject: 'alpha.thing' },
        { action: 'read', subject: 'beta.thing' },
      ],
    });
    const user = await createUser(runtime, org.org.slug, { email: 'both@roleland.test', password: 'secret-123', name: 'Both', roles: ['thing_reader'] });
    const asUser = (): Promise<RecordService> => RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: org.org.id, email: 'both@roleland.test' });
    expect(role.name).toBe('thing_reader');
    expect((await (await asUser()).find('alpha.thing')).map((r) => r.id)).toEqual([alphaThing]);
    expect((await (await asUser()).find('beta.thing')).map((r) => r.id)).toEqual([betaThing]);
    await setModuleEnabled(runtime, org.org.slug, 'beta', false);
    try {
      const after = await asUser();
      expect((await after.find('alpha.thing')).map((r) => r.id)).toEqual([alphaThing]);
      expect(await after.can('read', 'beta.thing')).toBe(false);
      expect(await after.can('read', 'beta.thing', { id: betaThing, title: 'B' })).toBe(false);
    } finally {
      await setModuleEnabled(runtime, org.org.slug, 'beta', true);
    }
    expect((await (await asUser()).find('beta.thing')).map((r) => r.id)).toEqual([betaThing]);
  });
});

describe('the migration to role keys', () => {
  let runtime: TestRuntime;
  let org: Fixture;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    org = await createFixtureOrg(runtime, 'institute', ['institute.teacher']);
  });
  afterAll(() => runtime?.dispose());

  const migrate = async (direction: 'up' | 'down'): Promise<void> => {
    const queryRunner = runtime.dataSource.createQueryRunner();
    try {
      await new ModuleRoleKeys1796162872008()[direction](queryRunner);
    } finally {
      await queryRunner.release();
    }
  };
  const q = <T>(sql: string): Promise<T[]> => runtime.dataSource.query(sql, [org.org.id]);
  const builtinRows = () => q<{ name: string; label: string; module: string }>(`SELECT name, label, module FROM core_role WHERE organization_id = $1 AND builtin AND module IN ('core', 'institute', 'core, institute') ORDER BY name`);

  it('renames built-in rows and the role names stored by overrides, requests and events; down renames them back', async () => {
    // The database as the previous release left it: bare names, the institute's admin merged with core's,
    // and only that release's modules (the hotel's and the inventory's managers would share one bare name).
    await q(`DELETE FROM core_role WHERE organization_id = $1 AND builtin AND module NOT IN ('core', 'library', 'institute')`);
    await migrate('down');
    await q(`UPDATE core_role SET module = 'core, institute' WHERE organization_id = $1 AND name = 'admin'`);
    await q(`INSERT INTO core_role (organization_id, name, label, builtin, rules) VALUES ($1, 'night_shift', 'Night shift', false, '[]'::jsonb), ($1, 'unlabelled', NULL, false, '[]'::jsonb)`);
    await q(`INSERT INTO core_approval_override (organization_id, workflow, transition, step, roles) VALUES ($1, 'institute.course_lifecycle', 'approve', 'commercial', '["finance", "night_shift", "admin"]')`);
    const steps = { mode: 'parallel', allowSelfApproval: false, steps: [
      { name: 'admin', label: 'Administration', roles: ['admin'], relations: [], quorum: { kind: 'any' } },
      { name: 'commercial', label: 'Sales or finance', roles: ['sales', 'finance'], relations: [], quorum: { kind: 'any' } },
    ] };
    await runtime.dataSource.query(
      `INSERT INTO core_workflow_request (organization_id, entity, record_id, workflow, workflow_version, transition, from_state, to_state, steps)
       VALUES ($1, 'institute.course', 'c1', 'institute.course_lifecycle', 1, 'approve', 'PENDING', 'ACTIVE', $2::jsonb)`,
      [org.org.id, JSON.stringify(steps)],
    );
    await q(`INSERT INTO core_workflow_event (organization_id, entity, record_id, kind, position, as_role, on_behalf_of) VALUES
             ($1, 'institute.course', 'c1', 'approved', 1, 'sales', 'sales'), ($1, 'institute.course', 'c1', 'approved', 2, 'relation', NULL), ($1, 'institute.course', 'c1', 'approved', 3, 'admin', NULL)`);
    expect((await builtinRows()).map((r) => r.name)).toEqual(['admin', 'finance', 'hr', 'sales', 'student', 'teacher']);

    await migrate('up');
    expect(await builtinRows()).toEqual([
      { name: 'admin', label: 'Organization admin', module: 'core' },
      { name: 'institute.finance', label: 'Finance (Institute)', module: 'institute' },
      { name: 'institute.hr', label: 'HR (Institute)', module: 'institute' },
      { name: 'institute.sales', label: 'Sales (Institute)', module: 'institute' },
      { name: 'institute.student', label: 'Student (Institute)', module: 'institute' },
      { name: 'institute.teacher', label: 'Teacher (Institute)', module: 'institute' },
    ]);
    // Custom roles keep their names; one without a label is picked by its name.
    expect(await q(`SELECT name, label FROM core_role WHERE organization_id = $1 AND NOT builtin ORDER BY name`)).toEqual([{ name: 'night_shift', label: 'Night shift' }, { name: 'unlabelled', label: 'unlabelled' }]);
    expect(await q(`SELECT roles FROM core_approval_override WHERE organization_id = $1`)).toEqual([{ roles: ['institute.finance', 'night_shift', 'admin'] }]);
    const [request] = await q<{ steps: typeof steps }>(`SELECT steps FROM core_workflow_request WHERE organization_id = $1 AND record_id = 'c1'`);
    expect(request.steps).toEqual({ ...steps, steps: [{ ...steps.steps[0], roles: ['admin'] }, { ...steps.steps[1], roles: ['institute.sales', 'institute.finance'] }] });
    expect(await q(`SELECT as_role, on_behalf_of FROM core_workflow_event WHERE organization_id = $1 AND record_id = 'c1' ORDER BY position`)).toEqual([
      { as_role: 'institute.sales', on_behalf_of: 'institute.sales' },
      { as_role: 'relation', on_behalf_of: null },
      { as_role: 'admin', on_behalf_of: null },
    ]);
    // The fixture's teacher keeps their assignment through the rename and holds the institute's teacher rules.
    expect((await org.as('institute.teacher')).hasRole('institute.teacher')).toBe(true);

    await migrate('down');
    expect((await builtinRows()).map((r) => [r.name, r.label])).toEqual([
      ['admin', 'Organization admin'], ['finance', 'Finance'], ['hr', 'HR'], ['sales', 'Sales'], ['student', 'Student'], ['teacher', 'Teacher'],
    ]);
    expect(await q(`SELECT roles FROM core_approval_override WHERE organization_id = $1`)).toEqual([{ roles: ['finance', 'night_shift', 'admin'] }]);
    expect((await q<{ steps: typeof steps }>(`SELECT steps FROM core_workflow_request WHERE organization_id = $1 AND record_id = 'c1'`))[0].steps).toEqual(steps);
    expect(await q(`SELECT as_role FROM core_workflow_event WHERE organization_id = $1 AND record_id = 'c1' ORDER BY position`)).toEqual([{ as_role: 'sales' }, { as_role: 'relation' }, { as_role: 'admin' }]);
    await migrate('up');
  });
});
