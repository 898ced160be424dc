/**
 * org:export → org:import into a fresh database, through the CLI: an HR
 * organization with leave waiting for its second approval, audit history and
 * numbered documents comes back row for row, table by table (every table
 * with an organization_id, read from the catalog); the waiting approval is
 * still pending and can be given on the new installation; the next document
 * number continues. Re-importing, an archive from a newer schema and an
 * archive cut short are refused with nothing written.
 *
 * Files: a hospital organization's lab reports (a PDF of several archive
 * chunks and a PNG) travel in the archive with their checksums in its header;
 * the import writes them to the target's store (local disk through the CLI,
 * S3 through s3rver), byte for byte, with storage_used counting them, and a
 * download in the target follows the record's read rule (the lab technician
 * gets the bytes, the receptionist the 404 of a missing file). An archive
 * whose file bytes were altered, or whose rows are short after the files were
 * staged, is refused with no row and no stored object left.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { registerFile } from '../core/data/files/files.js';
import { LocalFileStore } from '../core/data/files/local-store.js';
import { S3FileStore } from '../core/data/files/s3-store.js';
import { storageKey, type FileStore } from '../core/data/files/store.js';
import { RecordService } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { importOrganization } from '../core/tenancy/org-import.js';
import { tenantTables } from '../core/tenancy/tenant-tables.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { runCli, type CliResult } from './support/cli.js';
import { apiLogin } from './support/api.js';
import { createHospitalWorld, type HospitalWorld } from './support/hospital.js';
import { startTestServer } from './support/http.js';

const ROLES = ['employee', 'approver', 'hr_officer'];

let source: TestRuntime;
let target: TestRuntime;
let org: Fixture;
let dir: string;
let longLeave: string;
let annEmployee: string;
let casual: string;

let sourceData: string;
let targetData: string;

/** The CLI on a database, with the DATA_DIR whose `files` folder is that installation's file store. */
function ums(databaseUrl: string, ...argv: string[]): Promise<CliResult> {
  return runCli(argv, { DATABASE_URL: databaseUrl, DATA_DIR: databaseUrl === source.url ? sourceData : targetData, S3_URL: undefined });
}

/** Every row of the organization in every table, as PostgreSQL's jsonb, ordered by primary key. */
async function snapshot(runtime: TestRuntime, organizationId: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await tenantTables(runtime.dataSource)) {
    const where = t.name === 'core_organization' ? 'id' : 'organization_id';
    const order = t.primaryKey.map((c) => `t."${c}"`).join(', ') || '1';
    const rows: { r: unknown }[] = await runtime.dataSource.query(`SELECT to_jsonb(t) AS r FROM "${t.name}" t WHERE ${where} = $1 ORDER BY ${order}`, [organizationId]);
    out[t.name] = rows.map((x) => x.r);
  }
  return out;
}

const hrOn = async (runtime: TestRuntime, role: string): Promise<RecordService> => {
  const u = org.users.get(role)!;
  return RecordService.for(runtime, { kind: 'user', userId: u.id, organizationId: org.org.id, email: u.email });
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ums-org-export-'));
  sourceData = join(dir, 'source-data');
  targetData = join(dir, 'target-data');
  source = await createTestRuntime();
  target = await createTestRuntime();
  source.files = new LocalFileStore(join(sourceData, 'files'));
  target.files = new LocalFileStore(join(targetData, 'files'));
  org = await createFixtureOrg(source, 'hr', ROLES);
  const hr = await hrOn(source, 'hr_officer');
  casual = String((await hr.create('hr.leave_type', { name: 'Casual' })).id);
  const annUser = await createUser(source, org.org.slug, { email: `ann@${org.org.slug}.test`, password: 'secret-123', name: 'Ann', roles: ['hr.employee'] });
  org.users.set('ann', { id: annUser.id, email: `ann@${org.org.slug}.test`, actor: { kind: 'user', userId: annUser.id, organizationId: org.org.id, email: `ann@${org.org.slug}.test` } });
  annEmployee = String((await hr.create('hr.employee', { name: 'Ann', user: annUser.id, join_date: '2025-01-06', leave_approver: org.users.get('approver')!.id })).id);
  // A reference within one table that points forward in the archive's (primary key) order: written after every row is in.
  const boss = String((await hr.create('hr.employee', { name: 'Boss', join_date: '2024-01-01' })).id);
  const [earlier, later] = [annEmployee, boss].sort();
  await hr.update('hr.employee', earlier, { manager: later });
  const allocation = await hr.create('hr.leave_allocation', { employee: annEmployee, leave_type: casual, year: 2026, days: 20, from_date: '2026-01-01' });
  await WorkflowEngine.for(hr).then((e) => e.run('hr.leave_allocation', String(allocation.id), 'submit'));
  const ann = await hrOn(source, 'ann');
  // Ten days: the approver's approval, then HR's, which is still waiting when the organization is exported.
  const long = await ann.create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-06-01', to_date: '2026-06-12' });
  longLeave = String(long.id);
  const first = await WorkflowEngine.for(await hrOn(source, 'approver')).then((e) => e.run('hr.leave_application', longLeave, 'approve'));
  expect(first.moved).toBe(false);
  await ann.create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-07-01', to_date: '2026-07-01' });
}, 180_000);

afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('org:export and org:import', () => {
  let archive: string;
  let before: Record<string, unknown[]>;

  it('exports every row and imports it into a fresh database exactly, table by table', async () => {
    before = await snapshot(source, org.org.id);
    expect(before.core_workflow_request.length).toBeGreaterThan(0);
    expect(before.core_audit_log.length).toBeGreaterThan(0);
    expect(before.core_sequence_counter.length).toBeGreaterThan(0);
    expect((before.hr_employee as { manager_id: string | null }[]).filter((e) => e.manager_id)).toHaveLength(1);
    archive = join(dir, 'hr.ums.jsonl.gz');
    const exported = await ums(source.url, 'org:export', org.org.slug, '--out', archive);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/rows? of \d+ tables? written/);
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]);
    expect(header).toMatchObject({ format: 'ums-organization-export', formatVersion: 2, organization: { id: org.org.id, slug: org.org.slug } });
    expect(header.migrations.length).toBeGreaterThan(10);
    expect(header.modules.hr).toBe(source.registry.module('hr')!.version);
    expect(header.tables[0].name).toBe('core_organization');
    // Only what the organization has: another installation need not have every module or table of this one.
    expect(header.modules.library).toBeUndefined();
    expect(header.tables.map((t: { name: string }) => t.name).sort()).toEqual(Object.keys(before).filter((t) => before[t].length > 0).sort());
    expect(header.files).toEqual([]);
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ end: true, files: 0 });

    const imported = await ums(target.url, 'org:import', archive);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`${org.org.slug} (${org.org.name}):`);
    const after = await snapshot(target, org.org.id);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
  }, 180_000);

  it('keeps the waiting approval pending and actionable, and numbering continues', async () => {
    const hr = await hrOn(target, 'hr_officer');
    expect((await hr.get('hr.leave_application', longLeave)).status).toBe('OPEN');
    const done = await WorkflowEngine.for(hr).then((e) => e.run('hr.leave_application', longLeave, 'approve'));
    expect(done.record.status).toBe('APPROVED');
    const numbers = (before['hr_leave_application'] as { number: string }[]).map((r) => r.number).sort();
    const last = numbers[numbers.length - 1];
    const next = await (await hrOn(target, 'ann')).create('hr.leave_application', { employee: annEmployee, leave_type: casual, from_date: '2026-08-03', to_date: '2026-08-03' });
    const digits = (s: string) => Number(s.match(/(\d+)$/)![1]);
    expect(String(next.number).replace(/\d+$/, '')).toBe(last.replace(/\d+$/, ''));
    expect(digits(String(next.number))).toBe(digits(last) + 1);
    // The same sign-in works on the new installation: the password hash came along.
    const [user] = await target.dataSource.query('SELECT password_hash FROM core_user WHERE id = $1', [org.users.get('ann')!.id]);
    expect(user.password_hash).toBeTruthy();
  }, 60_000);

  it('refuses a second import (slug and ids exist), with nothing written', async () => {
    const countBefore = (await target.dataSource.query('SELECT count(*)::int AS n FROM core_audit_log'))[0].n;
    const again = await ums(target.url, 'org:import', archive);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`An organization with slug "${org.org.slug}" exists here already; nothing was imported.`);
    expect((await target.dataSource.query('SELECT count(*)::int AS n FROM core_audit_log'))[0].n).toBe(countBefore);
  }, 60_000);

  it('refuses an archive from a newer schema, and one cut short, into an empty installation', async () => {
    const fresh = await createTestRuntime();
    try {
      const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
      const header = JSON.parse(lines[0]);
      const newer = join(dir, 'newer.jsonl.gz');
      writeFileSync(newer, gzipSync([JSON.stringify({ ...header, migrations: [...header.migrations, 'FutureThing1999999999999'] }), ...lines.slice(1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, newer))).message).toMatch(/newer schema: this installation has not applied migration FutureThing1999999999999/);
      const newerModule = join(dir, 'newer-module.jsonl.gz');
      writeFileSync(newerModule, gzipSync([JSON.stringify({ ...header, modules: { ...header.modules, hr: '99.0.0' } }), ...lines.slice(1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, newerModule))).message).toMatch(/module "hr" is at version 99.0.0, newer/);
      const cut = join(dir, 'cut.jsonl.gz');
      writeFileSync(cut, gzipSync(lines.slice(0, -5).join('\n')));
      expect((await errorOf(importOrganization(fresh, cut))).message).toMatch(/cut short/);
      const notOne = join(dir, 'plain.txt');
      writeFileSync(notOne, 'hello');
      expect((await errorOf(importOrganization(fresh, notOne))).code).toBe('BAD_REQUEST');
      // A row id that exists here already (another organization's slug and id, same rows): refused by the database, all rolled back.
      const clash = join(dir, 'clash.jsonl.gz');
      const org2 = { ...header.organization, slug: 'other-slug' };
      writeFileSync(clash, gzipSync([JSON.stringify({ ...header, organization: org2 }), ...lines.slice(1)].join('\n')));
      await importOrganization(fresh, archive);
      const n = (await fresh.dataSource.query('SELECT count(*)::int AS n FROM core_user'))[0].n;
      expect((await errorOf(importOrganization(fresh, clash))).code).toBe('CONFLICT');
      expect((await fresh.dataSource.query('SELECT count(*)::int AS n FROM core_user'))[0].n).toBe(n);
    } finally {
      await fresh.dispose();
    }
  }, 120_000);
});

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}
const storedObjects = (root: string): string[] => (existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);
const orgRows = async (runtime: TestRuntime, id: string): Promise<number> => (await runtime.dataSource.query('SELECT count(*)::int AS n FROM core_organization WHERE id = $1', [id]))[0].n;

describe('org:export and org:import with files', () => {
  let world: HospitalWorld;
  let archive: string;
  const files = new Map<string, Buffer>();
  // 400 KB of noise after a PDF header: three archive chunks of 192 KiB. And a PNG.
  const reportPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(400_000), Buffer.from('\n%%EOF\n')]);
  const scanPng = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(3_000)]);

  /** A lab report stored as an upload stores it (bytes in the store, a core_file row counted in the quota), then attached to a new lab test. */
  async function attachReport(name: string, mime: string, content: Buffer): Promise<string> {
    const id = randomUUID();
    const orgId = world.org.org.id;
    await source.files.put(storageKey(orgId, id), Readable.from([content]));
    await source.dataSource.transaction((m) => registerFile(m, { id, organization_id: orgId, entity: 'hospital.lab_test', field: 'report_file', name, mime, size: content.length, sha256: sha256(content), storage_key: storageKey(orgId, id), created_by: null }));
    const lab = await world.system.create('hospital.lab_test', { patient: world.patients.pat.id, test: `Report ${name}` });
    await world.system.update('hospital.lab_test', String(lab.id), { report_file: id });
    files.set(id, content);
    return id;
  }

  beforeAll(async () => {
    world = await createHospitalWorld(source);
    await attachReport('blood count.pdf', 'application/pdf', reportPdf);
    await attachReport('x-ray.png', 'image/png', scanPng);
  }, 180_000);

  it('carries the files with their checksums and writes them into the target store, quota counted', async () => {
    const before = await snapshot(source, world.org.org.id);
    archive = join(dir, 'hospital.ums.jsonl.gz');
    const exported = await ums(source.url, 'org:export', world.org.org.slug, '--out', archive);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('with 2 files');
    const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
    const header = JSON.parse(lines[0]);
    expect([...header.files].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id))).toEqual(
      [...files].map(([id, b]) => ({ id, size: b.length, sha256: sha256(b) })).sort((a, b) => a.id.localeCompare(b.id)),
    );
    // The bytes come right after the header, before the rows.
    expect(lines.slice(1, 5).every((l) => JSON.parse(l).f)).toBe(true);
    expect(JSON.parse(lines[lines.length - 1])).toMatchObject({ end: true, files: 2 });

    const imported = await ums(target.url, 'org:import', archive);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 files');
    const after = await snapshot(target, world.org.org.id);
    for (const table of Object.keys(before)) expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    for (const [id, content] of files) {
      const got = await bytesOf(await target.files.get(storageKey(world.org.org.id, id)));
      expect(sha256(got)).toBe(sha256(content));
      expect(got.equals(content)).toBe(true);
    }
    // Nothing left in staging; the quota is what the files take.
    expect(existsSync(join(targetData, 'files', '_staging'))).toBe(false);
    const [{ storage_used }] = await target.dataSource.query('SELECT storage_used FROM core_organization WHERE id = $1', [world.org.org.id]);
    expect(Number(storage_used)).toBe(reportPdf.length + scanPng.length);
  }, 180_000);

  it('serves the imported files in the target with the record read rule', async () => {
    const server = await startTestServer(target);
    try {
      const [pdfId] = [...files.keys()];
      const tech = (await apiLogin(server.url, world.org.users.get('hospital.lab_technician')!.email)).access_token;
      const res = await fetch(`${server.url}/api/v1/files/${pdfId}`, { headers: { authorization: `Bearer ${tech}` } });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(files.get(pdfId)!)).toBe(true);
      const receptionist = (await apiLogin(server.url, world.org.users.get('hospital.receptionist')!.email)).access_token;
      expect((await fetch(`${server.url}/api/v1/files/${pdfId}`, { headers: { authorization: `Bearer ${receptionist}` } })).status).toBe(404);
    } finally {
      await server.close();
    }
  }, 120_000);

  it('refuses altered file bytes, and rows short after the files were staged, leaving no row and no object', async () => {
    const fresh = await createTestRuntime();
    const root = join(dir, 'fresh-files');
    fresh.files = new LocalFileStore(root);
    try {
      const lines = gunzipSync(readFileSync(archive)).toString('utf8').trim().split('\n');
      const at = lines.findIndex((l) => JSON.parse(l).f);
      const chunk = JSON.parse(lines[at]);
      const flipped = Buffer.from(chunk.f.d, 'base64');
      flipped[100] ^= 0xff;
      const altered = join(dir, 'altered.jsonl.gz');
      writeFileSync(altered, gzipSync([...lines.slice(0, at), JSON.stringify({ f: { ...chunk.f, d: flipped.toString('base64') } }), ...lines.slice(at + 1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, altered))).message).toMatch(/does not match its checksum in the header/);
      expect(await orgRows(fresh, world.org.org.id)).toBe(0);
      expect(storedObjects(root)).toEqual([]);
      // Every file staged, then a row of a lab test missing: the transaction rolls back and the staged bytes go.
      const lab = lines.findIndex((l) => JSON.parse(l).t === 'hospital_lab_test');
      const short = join(dir, 'short.jsonl.gz');
      writeFileSync(short, gzipSync([...lines.slice(0, lab), ...lines.slice(lab + 1)].join('\n')));
      expect((await errorOf(importOrganization(fresh, short))).message).toMatch(/should hold \d+ rows of hospital_lab_test/);
      expect(await orgRows(fresh, world.org.org.id)).toBe(0);
      expect(storedObjects(root)).toEqual([]);
    } finally {
      await fresh.dispose();
    }
  }, 120_000);

  it('imports into S3-compatible storage', async () => {
    const s3 = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: mkdtempSync(join(tmpdir(), 'ums-s3rver-')), configureBuckets: [{ name: 'ums-files' }] });
    const { port } = await s3.run();
    const store: FileStore & { destroy(): void } = S3FileStore.fromUrl(`http://S3RVER:S3RVER@127.0.0.1:${port}/ums-files`);
    const fresh = await createTestRuntime();
    fresh.files = store;
    try {
      const summary = await importOrganization(fresh, archive);
      expect(summary.files).toBe(2);
      for (const [id, content] of files) expect((await bytesOf(await store.get(storageKey(world.org.org.id, id)))).equals(content)).toBe(true);
      // Only the files' own keys are in the bucket: the staged copies are gone.
      const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
      const listed = await client.send(new ListObjectsV2Command({ Bucket: 'ums-files' }));
      client.destroy();
      expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([...files.keys()].map((id) => storageKey(world.org.org.id, id)).sort());
    } finally {
      await fresh.dispose();
      store.destroy();
      await s3.close();
    }
  }, 120_000);
});
