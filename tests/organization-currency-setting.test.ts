/**
 * Money is shown in the organization's currency (issue 10, "Formatting": an organization setting,
 * default from the environment): `org:settings <slug> --currency BDT` stores an ISO 4217 code (a code
 * that is not one is a field error, `none` goes back to the default); the admin's money fields then
 * carry it to the browser's formatter (list, record page and form), and the server-side texts that
 * format money (a record's timeline) use it. Another organization keeps the environment's currency.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import { organizationSettings, updateOrganizationSettings } from '../core/tenancy/settings.js';
import { displayCurrency } from '../core/admin/formatting.js';
import { startTestServer, type TestServer } from './support/http.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let bd: Fixture;
let other: Fixture;
let invoiceId: string;

beforeAll(async () => {
  runtime = await createTestRuntime();
  bd = await createFixtureOrg(runtime, 'institute', []);
  other = await createFixtureOrg(runtime, 'institute', []);
  const admin = await bd.as('admin');
  const student = await admin.create('institute.student', { name: 'Nusrat Jahan', student_number: 'S-0001' });
  const invoice = await admin.create('institute.fee_invoice', { student: student.id, amount: 1200, due_date: '2027-01-15' });
  await admin.update('institute.fee_invoice', invoice.id, { amount: 1500.5 });
  invoiceId = invoice.id;
  server = await startTestServer(runtime);
}, 120_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** The money format the admin page hands the browser for the fee invoice's amount (AdminJS's resource JSON in the page). */
async function amountFormat(org: Fixture): Promise<{ currency?: string } | undefined> {
  const client = await server.login(org.users.get('admin')!.email, 'secret-123');
  const cookie = (client as unknown as { cookie: string }).cookie;
  const html = await (await fetch(`${server.url}/admin/resources/InstituteFeeInvoice`, { headers: { cookie } })).text();
  const state = html.match(/window\.REDUX_STATE = (\{.*?\});?\s*\n/s)?.[1];
  expect(state).toBeTruthy();
  const resources = (JSON.parse(state!) as { resources: { id: string; listProperties: { name: string; custom?: { umsFormat?: { currency?: string } } }[] }[] }).resources;
  return resources.find((r) => r.id === 'InstituteFeeInvoice')?.listProperties.find((p) => p.name === 'amount')?.custom?.umsFormat;
}

describe("an organization's currency", () => {
  it('is stored as an ISO 4217 code; anything else is a field error; none clears it', async () => {
    await expect(updateOrganizationSettings(runtime, bd.org.slug, { currency: 'taka' })).rejects.toBeInstanceOf(RecordValidationError);
    await expect(updateOrganizationSettings(runtime, bd.org.slug, { currency: 'XQZ' })).rejects.toBeInstanceOf(RecordValidationError);
    expect((await organizationSettings(runtime, bd.org.slug)).currency).toBeNull();
    expect((await updateOrganizationSettings(runtime, bd.org.slug, { currency: 'eur' })).currency).toBe('EUR');
    expect((await updateOrganizationSettings(runtime, bd.org.slug, { currency: 'none' })).currency).toBeNull();
    expect((await updateOrganizationSettings(runtime, bd.org.slug, { currency: 'BDT' })).currency).toBe('BDT');
    // The database holds the rule too.
    await expect(runtime.dataSource.query(`UPDATE core_organization SET currency = 'bdt' WHERE id = $1`, [bd.org.id])).rejects.toThrow(/CHK_core_organization_currency/);
  });

  it("reaches the admin's money fields for that organization only", async () => {
    expect((await amountFormat(bd))?.currency).toBe('BDT');
    expect((await amountFormat(other))?.currency).toBe(displayCurrency());
  });

  it("formats the timeline's money changes in it", async () => {
    const client = await server.login(bd.users.get('admin')!.email, 'secret-123');
    const cookie = (client as unknown as { cookie: string }).cookie;
    const res = await fetch(`${server.url}/admin/x/timeline/InstituteFeeInvoice/${invoiceId}`, { headers: { cookie, accept: 'application/json' } });
    expect(res.status).toBe(200);
    const text = JSON.stringify(await res.json());
    const bdt = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'BDT', minimumFractionDigits: 2 });
    expect(text).toContain(bdt.format(1200));
    expect(text).toContain(bdt.format(1500.5));
  });
});
