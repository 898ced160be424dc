/**
 * A manifest that renames an entity, fields, an enum value, a workflow state
 * and a role (`renamedFrom`, `valuesRenamedFrom`) gets a generated migration
 * that renames instead of dropping: the records keep their data, a custom
 * role's rules and conditions follow the new names, an approval in flight
 * finishes in the renamed state with the renamed role, and the migration's
 * down puts everything back. A rename that names nothing is refused with its
 * file#pointer; one that is ambiguous in the manifest is refused at load.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MigrationInterface } from 'typeorm';
import { diffSchema, generateMigration } from '../core/db/migrations.js';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { loadMigration, migrationDir, runMigration } from './support/migration-files.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { registryWith, type Json } from './support/workflow-fixture.js';

const LOAN = 'lending.loan';

/** Version 1, or version 2 with every kind of rename declared. */
function lendingManifest(renamed: boolean): Json {
  const patron = renamed ? 'member' : 'patron';
  const pending = renamed ? 'IN_REVIEW' : 'PENDING';
  const checker = renamed ? 'reviewer' : 'checker';
  return {
    id: 'lending',
    version: renamed ? '2.0.0' : '1.0.0',
    label: 'Lending',
    systemTypes: ['library'],
    entities: [
      { name: patron, ...(renamed ? { renamedFrom: 'patron' } : {}), titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }] },
      {
        name: 'loan',
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          renamed ? { name: 'member', renamedFrom: 'borrower', type: 'reference', target: 'member' } : { name: 'borrower', type: 'reference', target: 'patron' },
          renamed ? { name: 'remark', renamedFrom: 'note', type: 'string' } : { name: 'note', type: 'string' },
          renamed
            ? { name: 'kind', type: 'enum', values: ['short', 'extended'], valuesRenamedFrom: { extended: 'long' }, default: 'short' }
            : { name: 'kind', type: 'enum', values: ['short', 'long'], default: 'short' },
          { name: 'status', type: 'enum', values: ['DRAFT', pending, 'APPROVED'], required: true },
        ],
        indexes: [{ fields: [renamed ? 'remark' : 'note'] }],
      },
    ],
    roles: [{ name: 'clerk' }, { name: checker, ...(renamed ? { renamedFrom: 'checker' } : {}) }],
    permissions: {
      clerk: [{ action: ['create', 'read', 'update'], subject: ['loan', patron] }],
      [checker]: [{ action: 'read', subject: ['loan', patron] }],
    },
    workflows: [
      {
        name: 'loan',
        entity: 'loan',
        version: 1,
        field: 'status',
        initial: 'DRAFT',
        states: [{ name: 'DRAFT' }, { name: pending, ...(renamed ? { renamedFrom: 'PENDING' } : {}), editable: false }, { name: 'APPROVED', terminal: true }],
        transitions: [
          { name: 'submit', from: 'DRAFT', to: pending, by: { roles: ['clerk'] } },
          { name: 'approve', from: pending, to: 'APPROVED', approval: { open: 'onEnter', steps: [{ name: 'check', approvers: { roles: [checker] } }] } },
        ],
      },
    ],
  };
}

/** What the auditor's custom role says, in version 1's names, and what it must say after the rename. */
const AUDITOR_RULES_V1 = [
  { action: 'read', subject: 'lending.loan', fields: ['title', 'note', 'borrower', 'kind'], conditions: { kind: 'long', 'borrower.name': 'রহিম', $or: [{ status: 'PENDING' }, { status: { $in: ['APPROVED'] } }] } },
  { action: 'read', subject: 'lending.patron' },
];
const AUDITOR_RULES_V2 = [
  { action: 'read', subject: 'lending.loan', fields: ['title', 'remark', 'member', 'kind'], conditions: { kind: 'extended', 'member.name': 'রহিম', $or: [{ status: 'IN_REVIEW' }, { status: { $in: ['APPROVED'] } }] } },
  { action: 'read', subject: 'lending.member' },
];

let folder: ReturnType<typeof migrationDir> | undefined;
let dir: string;
let v1: TestRuntime;
let v2: TestRuntime;
let org: Fixture;
let auditor: { id: string; email: string };
let auditorRole: string;
let pendingLoan: string;
let shortLoan: string;
let migration: MigrationInterface;
let body: string;

const as = async (runtime: TestRuntime, user: { id: string; email: string }) => RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: org.org.id, email: user.email });
const storedRules = async () => {
  const [row]: { rules: unknown }[] = await v1.dataSource.query('SELECT rules FROM core_role WHERE id = $1', [auditorRole]);
  return typeof row.rules === 'string' ? JSON.parse(row.rules) : row.rules;
};
const run = (direction: 'up' | 'down') => runMigration(v2.dataSource, migration, direction);

beforeAll(async () => {
  v1 = await createTestRuntime({ registry: registryWith(lendingManifest(false)) });
  org = await createFixtureOrg(v1, 'library', ['clerk', 'checker']);
  const system = await org.system();
  const patron = await system.create('lending.patron', { name: 'রহিম' });
  const clerk = await org.as('clerk');
  pendingLoan = String((await clerk.create(LOAN, { title: 'Gitanjali', borrower: patron.id, note: 'fragile', kind: 'long' })).id);
  shortLoan = String((await clerk.create(LOAN, { title: 'Short one', borrower: patron.id, note: 'plain', kind: 'short' })).id);
  await (await WorkflowEngine.for(clerk)).run(LOAN, pendingLoan, 'submit');

  const admin = await org.as('admin');
  auditorRole = String((await admin.create('core.role', { name: 'auditor', rules: AUDITOR_RULES_V1 })).id);
  const email = `auditor@${org.org.slug}.test`;
  auditor = { id: (await createUser(v1, org.org.slug, { email, password: 'secret-123', name: 'Auditor', roles: ['auditor'] })).id, email };
  expect((await (await as(v1, auditor)).find(LOAN)).map((r) => r.id)).toEqual([pendingLoan]);

  v2 = await createTestRuntime({ registry: registryWith(lendingManifest(true)), attachTo: v1.url });
  // Inside the repository: the migration file imports ../core/db/name-rewrites.js as a real one in migrations/ does.
  folder = migrationDir();
  dir = folder.dir;
  const file = await generateMigration(v2.dataSource, { name: 'lending-renames', dir, registry: v2.registry, now: 1 });
  ({ body, migration } = await loadMigration(file!));
}, 120_000);

afterAll(async () => {
  folder?.remove();
  await v2?.close();
  await v1?.dispose();
});

describe('a migration generated from declared renames', () => {
  it('renames the table and columns instead of dropping them, and names what it rewrites', () => {
    expect(body).toContain('ALTER TABLE "lending_patron" RENAME TO "lending_member"');
    expect(body).toContain('ALTER TABLE "lending_loan" RENAME COLUMN "borrower_id" TO "member_id"');
    expect(body).toContain('ALTER TABLE "lending_loan" RENAME COLUMN "note" TO "remark"');
    expect(body).toContain(`UPDATE "lending_loan" SET "kind" = 'extended' WHERE "kind" = 'long'`);
    expect(body).toContain(`UPDATE "lending_loan" SET "status" = 'IN_REVIEW' WHERE "status" = 'PENDING'`);
    expect(body).toContain('await rewriteRenamedNames(queryRunner, names);');
    expect(body).not.toMatch(/DROP (TABLE|COLUMN)/);
  });

  it('run, it keeps every record under the new names and leaves the schema in sync, constraint names included', async () => {
    await run('up');
    const system = await RecordService.for(v2, { kind: 'system', organizationId: org.org.id, reason: 'test' });
    const loan = await system.get(LOAN, pendingLoan);
    expect(loan).toMatchObject({ title: 'Gitanjali', remark: 'fragile', kind: 'extended', status: 'IN_REVIEW' });
    expect((await system.get('lending.member', String(loan.member))).name).toBe('রহিম');
    expect(await system.get(LOAN, shortLoan)).toMatchObject({ remark: 'plain', kind: 'short', status: 'DRAFT' });
    // TypeORM's builder compares constraints and indexes by name: a stale name would be a pending drop-and-create.
    expect((await diffSchema(v2.dataSource, v2.registry)).up).toEqual([]);
  });

  it("rewrites a custom role's subject, fields, condition paths and tested values, and the role still sees the same record", async () => {
    expect(await storedRules()).toEqual(AUDITOR_RULES_V2);
    const seen = await (await as(v2, auditor)).find(LOAN);
    expect(seen.map((r) => [r.id, r.remark])).toEqual([[pendingLoan, 'fragile']]);
  });

  it('lets the approval in flight finish in the renamed state, approved by the holder of the renamed role', async () => {
    const checker = org.users.get('checker')!;
    const engine = await WorkflowEngine.for(await as(v2, checker));
    const [request] = await engine.openRequests(LOAN, pendingLoan);
    expect(request).toMatchObject({ from_state: 'IN_REVIEW', to_state: 'APPROVED' });
    await engine.run(LOAN, pendingLoan, 'approve');
    const system = await RecordService.for(v2, { kind: 'system', organizationId: org.org.id, reason: 'test' });
    expect((await system.get(LOAN, pendingLoan)).status).toBe('APPROVED');
  });

  it('its down puts the names, the values and the rules back', async () => {
    await run('down');
    const system = await org.system();
    expect(await system.get(LOAN, shortLoan)).toMatchObject({ note: 'plain', kind: 'short', borrower: expect.any(String) });
    expect((await system.get(LOAN, pendingLoan)).kind).toBe('long');
    expect(await storedRules()).toEqual(AUDITOR_RULES_V1);
    expect((await diffSchema(v1.dataSource, v1.registry)).up).toEqual([]);
    const [role]: { name: string }[] = await v1.dataSource.query(`SELECT name FROM core_role WHERE organization_id = $1 AND name LIKE 'lending.%' AND name <> 'lending.clerk'`, [org.org.id]);
    expect(role.name).toBe('lending.checker');
  });
});

describe('a rename that cannot be right', () => {
  it('naming a field the database never had is refused with its file#pointer, and nothing is written', async () => {
    const manifest = lendingManifest(false);
    const loan = (manifest.entities as Json[])[1];
    (loan.fields as Json[]).push({ name: 'shelf', renamedFrom: 'rack', type: 'string' });
    const v3 = await createTestRuntime({ registry: registryWith(manifest), attachTo: v1.url });
    try {
      const err = await errorOf(generateMigration(v3.dataSource, { name: 'nothing', dir, registry: v3.registry, now: 2 }));
      expect(err.code).toBe('MANIFEST_INVALID');
      expect(err.message).toMatch(/lending\.json#\/entities\/1\/fields\/5\/renamedFrom: lending\.loan has no field "rack"/);
    } finally {
      await v3.close();
    }
  });

  it('an old name that is still declared, or an old value still listed, is refused when the manifest loads', () => {
    const manifest = lendingManifest(true);
    const loan = (manifest.entities as Json[])[1];
    (loan.fields as Json[])[2] = { name: 'remark', renamedFrom: 'title', type: 'string' };
    (loan.fields as Json[])[3] = { name: 'kind', type: 'enum', values: ['short', 'extended'], valuesRenamedFrom: { extended: 'short' } };
    let message = '';
    try {
      registryWith(manifest);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/#\/entities\/1\/fields\/2\/renamedFrom: "title" is still a field of this entity/);
    expect(message).toMatch(/#\/entities\/1\/fields\/3\/valuesRenamedFrom\/extended: "short" is still a value of this field/);
  });
});
