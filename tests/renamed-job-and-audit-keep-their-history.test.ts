/**
 * A module's job renamed (`renamedFrom` on the job) keeps its schedule and its
 * run history: the generated migration moves its rows in the PostgreSQL job
 * store, so the scheduler under the new name finds the row with its last run
 * and neither drops nor recreates it. And the audit log keeps old entries
 * readable: the migration records each rename in core_renamed_name, and a
 * record's history (REST) shows entries written before the renames — of an
 * entity, a field, an enum value, a workflow state and a job — under today's
 * names, while the rows themselves stay as they were written. The renamed
 * enum value is still counted by the dashboard card and passes the workflow
 * condition that name it (in the new manifest's words). The down undoes both.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MigrationInterface } from 'typeorm';
import { generateMigration } from '../core/db/migrations.js';
import { JobScheduler } from '../core/jobs/index.js';
import { declareJobs } from '../core/jobs/declarations.js';
import { definePlugin } from '../core/plugins/types.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { apiCall, apiLogin } from './support/api.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { loadMigration, migrationDir, runMigration } from './support/migration-files.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith, type Json } from './support/workflow-fixture.js';

const OLD_JOB = 'circ.remind';
const NEW_JOB = 'circ.overdue_reminder';

/** Version 1, or version 2 with the entity, a field, an enum value, a state and the job renamed. */
function circulation(renamed: boolean): Json {
  const entity = renamed ? 'checkout' : 'loan';
  const note = renamed ? 'remark' : 'note';
  const pending = renamed ? 'IN_REVIEW' : 'PENDING';
  return {
    id: 'circ',
    version: renamed ? '2.0.0' : '1.0.0',
    label: 'Circulation',
    systemTypes: ['library'],
    entities: [
      {
        name: entity,
        ...(renamed ? { renamedFrom: 'loan' } : {}),
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: note, ...(renamed ? { renamedFrom: 'note' } : {}), type: 'string' },
          renamed
            ? { name: 'kind', type: 'enum', values: ['short', 'extended'], valuesRenamedFrom: { extended: 'long' }, default: 'short' }
            : { name: 'kind', type: 'enum', values: ['short', 'long'], default: 'short' },
          { name: 'status', type: 'enum', values: ['DRAFT', pending], required: true },
        ],
      },
    ],
    roles: [{ name: 'clerk' }],
    permissions: { clerk: [{ action: ['create', 'read', 'update'], subject: entity }] },
    workflows: [
      {
        name: 'loan',
        entity,
        version: 1,
        field: 'status',
        initial: 'DRAFT',
        states: [{ name: 'DRAFT' }, { name: pending, ...(renamed ? { renamedFrom: 'PENDING' } : {}) }],
        transitions: [
          { name: 'submit', from: 'DRAFT', to: pending, by: { roles: ['clerk'] } },
          // A workflow condition on the renamed value, written with the name of its version.
          { name: 'send_back', from: pending, to: 'DRAFT', by: { roles: ['clerk'] }, when: { kind: renamed ? 'extended' : 'long' } },
        ],
      },
    ],
    dashboard: [{ type: 'count', label: 'Long loans', entity, conditions: { kind: renamed ? 'extended' : 'long' } }],
    jobs: [{ name: renamed ? 'overdue_reminder' : 'remind', ...(renamed ? { renamedFrom: 'remind' } : {}), handler: 'remind', schedule: { every: '1 day' } }],
  };
}

/** The job writes through its own RecordService, so its changes are audited under `job:<key>`. */
const plugin = (renamed: boolean) =>
  definePlugin({
    module: 'circ',
    jobs: {
      async remind(ctx) {
        const key = renamed ? 'circ.checkout' : 'circ.loan';
        const field = renamed ? 'remark' : 'note';
        const loans = await ctx.records.find(key, { filters: [{ field: 'kind', op: 'eq', value: renamed ? 'extended' : 'long' }] });
        for (const loan of loans) await ctx.records.update(key, String(loan.id), { [field]: `reminded ${String(loan.title)}` });
        return `reminded ${loans.length}`;
      },
    },
  });

let v1: TestRuntime;
let v2: TestRuntime;
let org: Fixture;
let loanId: string;
let folder: ReturnType<typeof migrationDir> | undefined;
let migration: MigrationInterface;
let body: string;
let server: TestServer | undefined;

const agendaNames = async (): Promise<{ jobs: string[]; logs: string[] }> => ({
  jobs: (await v1.dataSource.query(`SELECT name FROM agenda_jobs WHERE name LIKE 'circ.%' ORDER BY name`)).map((r: { name: string }) => r.name),
  logs: [...new Set<string>((await v1.dataSource.query(`SELECT job_name FROM agenda_logs WHERE job_name LIKE 'circ.%'`)).map((r: { job_name: string }) => r.job_name))],
});
const storedAudit = async (): Promise<{ entity: string; system_actor: string | null; changes: Record<string, unknown> }[]> =>
  v1.dataSource.query(`SELECT entity, system_actor, changes FROM core_audit_log WHERE record_id = $1 ORDER BY created_at, id`, [loanId]);

beforeAll(async () => {
  v1 = await createTestRuntime({ registry: registryWith(circulation(false)), plugins: [plugin(false)] });
  org = await createFixtureOrg(v1, 'library', ['clerk']);
  const clerk = await org.as('clerk');
  loanId = String((await clerk.create('circ.loan', { title: 'Gitanjali', note: 'fragile', kind: 'long' })).id);
  await (await WorkflowEngine.for(clerk)).run('circ.loan', loanId, 'submit');
  const scheduler = await JobScheduler.open(v1, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
  try {
    const [outcome] = await scheduler.runNow(OLD_JOB, org.org.slug);
    expect(outcome).toMatchObject({ status: 'ok', message: 'reminded 1' });
  } finally {
    await scheduler.close();
  }

  v2 = await createTestRuntime({ registry: registryWith(circulation(true)), plugins: [plugin(true)], attachTo: v1.url });
  folder = migrationDir();
  const file = await generateMigration(v2.dataSource, { name: 'circulation-renames', dir: folder.dir, registry: v2.registry, now: 1 });
  ({ body, migration } = await loadMigration(file!));
}, 120_000);

afterAll(async () => {
  await server?.close();
  folder?.remove();
  await v2?.close();
  await v1?.dispose();
});

describe('a renamed job', () => {
  it('is carried by the generated migration, which moves its scheduled row and run log to the new name', async () => {
    expect(body).toContain(`"jobs":[{"from":"${OLD_JOB}","to":"${NEW_JOB}"}]`);
    expect(await agendaNames()).toEqual({ jobs: [OLD_JOB], logs: [OLD_JOB] });
    await runMigration(v2.dataSource, migration, 'up');
    expect(await agendaNames()).toEqual({ jobs: [NEW_JOB], logs: [NEW_JOB] });
  });

  it('keeps its last run under the new name: the scheduler neither drops nor recreates its row', async () => {
    const scheduler = await JobScheduler.open(v2, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
    try {
      expect(await scheduler.reconcile()).toMatchObject({ created: 0, removed: 0 });
      const status = (await scheduler.status()).find((s) => s.job.key === NEW_JOB && s.organization?.id === org.org.id);
      expect(status).toMatchObject({ scheduled: true, disabled: false });
      expect(status!.last).toMatchObject({ status: 'ok', message: 'reminded 1' });
      expect(status!.lastRunAt).toBeInstanceOf(Date);
    } finally {
      await scheduler.close();
    }
  });

  it('is applied once: generating again plans no rename of the job', async () => {
    const again = await generateMigration(v2.dataSource, { name: 'nothing-left', dir: folder!.dir, registry: v2.registry, now: 2 });
    expect(again).toBeUndefined();
  });
});

describe('the audit log after renames', () => {
  it('records each rename with its kind, old and new name and when', async () => {
    const rows: { kind: string; scope: string | null; field: string | null; old_name: string; new_name: string; renamed_at: Date }[] = await v1.dataSource.query(
      `SELECT kind, scope, field, old_name, new_name, renamed_at FROM core_renamed_name ORDER BY id`,
    );
    expect(rows.map(({ renamed_at: _, ...r }) => r)).toEqual([
      { kind: 'entity', scope: null, field: null, old_name: 'circ.loan', new_name: 'circ.checkout' },
      { kind: 'field', scope: 'circ.checkout', field: null, old_name: 'note', new_name: 'remark' },
      { kind: 'value', scope: 'circ.checkout', field: 'kind', old_name: 'long', new_name: 'extended' },
      { kind: 'value', scope: 'circ.checkout', field: 'status', old_name: 'PENDING', new_name: 'IN_REVIEW' },
      { kind: 'state', scope: 'circ.loan', field: null, old_name: 'PENDING', new_name: 'IN_REVIEW' },
      { kind: 'job', scope: null, field: null, old_name: OLD_JOB, new_name: NEW_JOB },
    ]);
    expect(rows.every((r) => r.renamed_at instanceof Date)).toBe(true);
  });

  it("shows the record's old entries in its history under today's names, written after the rename left as they are", async () => {
    const clerk = await (await import('../core/data/records.js')).RecordService.for(v2, org.users.get('clerk')!.actor);
    await clerk.update('circ.checkout', loanId, { remark: 'after the rename' });
    server = await startTestServer(v2);
    const token = (await apiLogin(server.url, org.users.get('admin')!.email)).access_token;
    const res = await apiCall(server.url, 'GET', `/circ/checkout/${loanId}/history`, { token });
    expect(res.status).toBe(200);
    type Entry = { entity: string; action: string; action_name: string | null; system_actor: string | null; changes: Record<string, unknown> };
    const changes = (res.body.data as { changes: Entry[] }).changes;
    expect(changes).toHaveLength(5);
    expect(new Set(changes.map((c) => c.entity))).toEqual(new Set(['circ.checkout']));
    const one = (what: string, test: (c: Entry) => boolean): Entry => {
      const found = changes.filter(test);
      expect([what, found.length]).toEqual([what, 1]);
      return found[0];
    };
    const created = one('create', (c) => c.action === 'create');
    const submitted = one('status update', (c) => c.action === 'update' && 'status' in c.changes);
    const moved = one('transition', (c) => c.action_name === 'workflow:submit');
    const reminded = one("the job's update", (c) => c.system_actor !== null && c.system_actor.startsWith('job:'));
    const after = one('update after the rename', (c) => c.action === 'update' && c.system_actor === null && !('status' in c.changes));
    expect(reminded.system_actor).toBe(`job:${NEW_JOB}`);
    expect(created.changes).toMatchObject({ title: { after: 'Gitanjali' }, remark: { after: 'fragile' }, kind: { after: 'extended' }, status: { after: 'DRAFT' } });
    expect(created.changes).not.toHaveProperty('note');
    expect(submitted.changes).toEqual({ status: { before: 'DRAFT', after: 'IN_REVIEW' } });
    expect(moved.changes).toMatchObject({ from: 'DRAFT', to: 'IN_REVIEW' });
    expect(reminded.changes).toEqual({ remark: { before: 'fragile', after: 'reminded Gitanjali' } });
    expect(after.changes).toEqual({ remark: { before: 'reminded Gitanjali', after: 'after the rename' } });
    // The stored rows are as they were written: only what is shown follows the renames.
    const stored = await storedAudit();
    expect(stored[0]).toMatchObject({ entity: 'circ.loan', changes: expect.objectContaining({ note: { before: null, after: 'fragile' }, kind: { before: null, after: 'long' } }) });
    expect(stored.map((s) => s.system_actor)).toContain(`job:${OLD_JOB}`);
  });

  it('keeps the renamed enum value counted by a dashboard card and passing a workflow condition', async () => {
    const clerk = org.users.get('clerk')!;
    const desk = await server!.login(clerk.email, 'secret-123');
    const cards = (await desk.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[];
    expect(cards.find((c) => c.label === 'Long loans')?.count).toBe(1);
    const records = await (await import('../core/data/records.js')).RecordService.for(v2, clerk.actor);
    const engine = await WorkflowEngine.for(records);
    expect((await engine.available('circ.checkout', await records.get('circ.checkout', loanId))).map((a) => a.name)).toContain('send_back');
  });

  it("its down puts the job's rows back under the old name and forgets the renames", async () => {
    await server?.close();
    server = undefined;
    await runMigration(v2.dataSource, migration, 'down');
    expect(await agendaNames()).toEqual({ jobs: [OLD_JOB], logs: [OLD_JOB] });
    expect(await v1.dataSource.query(`SELECT * FROM core_renamed_name`)).toEqual([]);
  });
});

describe('a job rename that cannot be right', () => {
  it('naming a job the module still declares is refused with its file#pointer', () => {
    const manifest = circulation(true);
    manifest.jobs = [...(manifest.jobs as Json[]), { name: 'remind', schedule: { every: '1 day' } }];
    const registry = registryWith(manifest);
    const { problems } = declareJobs(registry, { byModule: new Map([['circ', plugin(true)]]) } as unknown as Parameters<typeof declareJobs>[1]);
    expect(problems.map((p) => `${p.pointer}: ${p.message}`)).toContain('/jobs/0/renamedFrom: "remind" is still a job of this module: a renamed job\'s old name must be free');
  });
});
