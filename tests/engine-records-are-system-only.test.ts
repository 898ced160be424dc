/**
 * The engine's records (audit log, workflow requests and history, the mail
 * outbox, notifications, built-in roles) are written by the system only,
 * whatever a custom role says: the core manifest's protections are applied
 * after every other rule, a custom role granting such writes is refused when
 * saved, and a refused delete of an audit entry is a refusal (403), not a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import { RecordService, type RecordData } from '../core/data/records.js';
import { errorOf } from './support/errors.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let lib: Fixture;
let server: TestServer;
let system: RecordService;
let request: RecordData;
let event: RecordData;
let mail: RecordData;
let notification: RecordData;
let builtinRole: RecordData;

const EMAIL_OF = (name: string): string => `${name}@${lib.org.slug}.test`;

/**
 * A user holding only a custom role with `rules`, the role stored as an old
 * database would hold it (written by the system, so no save-time check ran).
 */
async function userWithStoredRole(name: string, rules: unknown[]): Promise<RecordService> {
  const role = await system.create('core.role', { name, label: name, rules });
  const user = await system.create('core.user', { email: EMAIL_OF(name), name, password: 'secret-123', is_active: true });
  await system.create('core.role_assignment', { user: user.id, role: role.id });
  return RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: lib.org.id, email: EMAIL_OF(name) });
}

const exists = async (table: string, id: string): Promise<boolean> =>
  (await runtime.dataSource.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length === 1;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
  system = await lib.system();
  const book = await system.create('library.book', { title: 'Anything', copies_total: 1 });
  request = await system.create('core.workflow_request', {
    entity: 'library.book', record_id: book.id, workflow: 'library.x', workflow_version: 1, transition: 'go', from_state: 'A', to_state: 'B', status: 'open',
  });
  event = await system.create('core.workflow_event', { entity: 'library.book', record_id: book.id, request: request.id, kind: 'requested', position: 1 });
  mail = await system.create('core.mail_outbox', {
    recipient: 'someone@example.test', subject: 'Hello', body: 'Body', template: 'notice', status: 'local', attempts: 0, next_attempt_at: new Date().toISOString(), message_id: '<m1@ums.test>',
  });
  notification = await system.create('core.notification', { user: lib.users.get('librarian')!.id, title: 'Told' });
  [builtinRole] = await system.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'library.member' }] });
  server = await startTestServer(runtime);
});
afterAll(async () => {
  await server?.close();
  await runtime.dispose();
});

describe('a stored custom role "manage all" cannot override the protections', () => {
  it('its holder may not delete or edit workflow history and requests, outbox rows, notifications or built-in roles', async () => {
    const boss = await userWithStoredRole('boss_all', [{ action: 'manage', subject: 'all' }]);
    // The role works for everything else.
    expect((await boss.create('library.book', { title: 'Mine', copies_total: 1 })).title).toBe('Mine');
    for (const [key, record, table] of [
      ['core.workflow_event', event, 'core_workflow_event'],
      ['core.workflow_request', request, 'core_workflow_request'],
      ['core.mail_outbox', mail, 'core_mail_outbox'],
      ['core.notification', notification, 'core_notification'],
      ['core.role', builtinRole, 'core_role'],
    ] as const) {
      await expect(boss.delete(key, record.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await exists(table, record.id)).toBe(true);
    }
    await expect(boss.update('core.role', builtinRole.id, { label: 'Hijacked', rules: [{ action: 'manage', subject: 'all' }] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(boss.update('core.notification', notification.id, { read_at: new Date().toISOString() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(boss.create('core.notification', { user: lib.users.get('librarian')!.id, title: 'Forged' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Custom roles (not built-in ones) stay editable.
    const [own] = await boss.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'boss_all' }] });
    expect((await boss.update('core.role', own.id, { label: 'Boss' })).label).toBe('Boss');
  });

  it('the org admin holding it too (assigned to oneself) gains nothing on the engine’s records', async () => {
    // Saved before custom roles were checked for this: written straight into the table.
    const [role]: { id: string }[] = await runtime.dataSource.query(
      `INSERT INTO core_role (id, organization_id, name, label, builtin, rules) VALUES (gen_random_uuid(), $1, 'self_all', 'self_all', false, $2) RETURNING id`,
      [lib.org.id, JSON.stringify([{ action: 'manage', subject: ['core.workflow_event', 'core.audit_log'] }])],
    );
    await system.create('core.role_assignment', { user: lib.users.get('admin')!.id, role: role.id });
    const admin = await lib.as('admin');
    await expect(admin.delete('core.workflow_event', event.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const [entry] = await admin.find('core.audit_log', { limit: 1 });
    await expect(admin.delete('core.audit_log', entry.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await exists('core_workflow_event', event.id)).toBe(true);
  });

  it('a delete of an audit entry over HTTP is refused with 403, not a 500, and the entry stays', async () => {
    await userWithStoredRole('http_all', [{ action: 'manage', subject: 'all' }]);
    const client = await server.login(EMAIL_OF('http_all'), 'secret-123');
    const [entry] = await system.find('core.audit_log', { limit: 1 });
    const res = await client.post(`/admin/api/resources/CoreAuditLog/records/${entry.id}/delete`);
    expect(res.status).toBeLessThan(500);
    expect(JSON.stringify(res.body)).not.toMatch(/append-only in the database|stack/i);
    expect(res.status === 403 || (res.body.notice as { type?: string } | undefined)?.type === 'error').toBe(true);
    expect(await exists('core_audit_log', entry.id)).toBe(true);
  });

  it('the data layer refuses an audit-log delete for a system actor too, before the database does', async () => {
    const [entry] = await system.find('core.audit_log', { limit: 1 });
    await expect(system.delete('core.audit_log', entry.id)).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/append-only/) });
    await expect(system.update('core.audit_log', entry.id, { action_name: 'forged' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('saving a custom role that grants writes on engine-owned records', () => {
  it.each([
    ['delete workflow history', { action: 'delete', subject: 'core.workflow_event' }, 'Workflow event'],
    ['manage approval requests', { action: 'manage', subject: 'core.workflow_request' }, 'Approval request'],
    ['update the outbox', { action: ['read', 'update'], subject: 'core.mail_outbox' }, 'Mail'],
    ['create audit entries', { action: 'create', subject: ['library.book', 'core.audit_log'] }, 'Audit entry'],
    ['create notifications', { action: 'create', subject: 'core.notification' }, 'Notification'],
  ])('%s is refused with a field error on rules naming the subject, and nothing is saved', async (_what, rule, subject) => {
    const admin = await lib.as('admin');
    const name = `eng_${Math.random().toString(36).slice(2, 8)}`;
    const err = await errorOf(admin.create('core.role', { name, rules: [{ action: 'read', subject: 'library.book' }, rule] }));
    expect(err).toBeInstanceOf(RecordValidationError);
    const fieldErrors = (err as RecordValidationError).fieldErrors;
    expect(Object.keys(fieldErrors)).toEqual(['rules']);
    // Named by the rule's position and the entity's label (core/access/rule-messages.ts).
    expect(fieldErrors.rules.message).toMatch(new RegExp(`^Rule 2 \\(subject\\): ${subject} is written by the system only`));
    expect(await admin.count('core.role', [{ field: 'name', op: 'eq', value: name }])).toBe(0);
  });

  it('an update adding such a rule to an existing role is refused too', async () => {
    const admin = await lib.as('admin');
    const role = await admin.create('core.role', { name: 'reader_only', rules: [{ action: 'read', subject: 'core.workflow_event' }] });
    const err = await errorOf(admin.update('core.role', role.id, { rules: [{ action: 'delete', subject: 'core.workflow_event' }] }));
    expect((err as RecordValidationError).fieldErrors.rules.message).toMatch(/^Rule 1 \(subject\): Workflow event is written by the system only/);
  });

  it('reading them, editing custom roles, and "manage all" are accepted (the protections hold over "all")', async () => {
    const admin = await lib.as('admin');
    const role = await admin.create('core.role', {
      name: 'auditor_plus',
      rules: [{ action: 'read', subject: ['core.audit_log', 'core.workflow_event', 'core.mail_outbox'] }, { action: 'update', subject: 'core.role' }, { action: 'manage', subject: 'all' }],
    });
    expect(role.name).toBe('auditor_plus');
  });
});
