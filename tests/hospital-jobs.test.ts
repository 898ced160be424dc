/**
 * The hospital's jobs: daily bed charges charge each occupied bed once per
 * day at its ward's rate on the admission's open invoice (a rerun, or runs at
 * the same moment, add nothing: the partial unique index on bed and day holds
 * it); no-show marking moves scheduled appointments that ended over an hour
 * ago through the workflow; appointment reminders go once.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { JobScheduler } from '../core/jobs/index.js';
import { createHospitalWorld, HOUR_MS, type HospitalWorld } from './support/hospital.js';
import { testJobsConfig } from './support/jobs-fixture.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let scheduler: JobScheduler;
let w: HospitalWorld;
const today = (): string => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createHospitalWorld(runtime);
  scheduler = await JobScheduler.open(runtime, { config: testJobsConfig(), role: 'command', coreJobs: [], log: () => undefined });
}, 60_000);
afterAll(async () => {
  await scheduler?.close();
  await runtime?.dispose();
});

describe('daily bed charges', () => {
  it('charge each occupied bed once per day at the ward rate on the admission’s open invoice; reruns and simultaneous runs add nothing', async () => {
    await w.system.create('hospital.bed_occupancy', { admission: w.admissions.quinnNorth.id, bed: w.beds.n1.id, occupied_from: new Date(Date.now() - 30 * HOUR_MS).toISOString() });
    await w.system.create('hospital.bed_occupancy', { admission: w.admissions.rayAdmittedSouth.id, bed: w.beds.s1.id, occupied_from: new Date(Date.now() - 50 * HOUR_MS).toISOString(), occupied_to: new Date(Date.now() - 40 * HOUR_MS).toISOString() });
    const [first] = await scheduler.runNow('hospital.bed_charges', w.org.org.slug);
    expect(first).toMatchObject({ status: 'ok', message: `1 bed charged for ${today()}` });
    const runs = await Promise.all(Array.from({ length: 5 }, () => scheduler.runNow('hospital.bed_charges', w.org.org.slug)));
    for (const [r] of runs) expect(r).toMatchObject({ status: 'ok', message: `0 beds charged for ${today()}, 1 already charged` });
    const lines = await w.system.find('hospital.invoice_line', { filters: [{ field: 'kind', op: 'eq', value: 'bed_charge' }] });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ bed: w.beds.n1.id, date: today(), amount: 150 });
    const invoice = await w.system.get('hospital.invoice', String(lines[0].invoice));
    expect(invoice).toMatchObject({ admission: w.admissions.quinnNorth.id, patient: w.patients.quinn.id, status: 'open', total: 150 });
  });

  it('a second charge for one bed and day is a field error, also for 20 writers at once', async () => {
    const [invoice] = await w.system.find('hospital.invoice', { filters: [{ field: 'admission', op: 'eq', value: w.admissions.quinnNorth.id }] });
    const desk = await w.as('hospital.receptionist');
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => desk.create('hospital.invoice_line', { invoice: invoice.id, kind: 'bed_charge', bed: w.beds.n2.id, date: today(), amount: 150, description: 'Bed N-02' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(String((r.reason as Error).message) + JSON.stringify((r.reason as { fieldErrors?: unknown }).fieldErrors)).toMatch(/already charged for that day/);
    expect(Number((await w.system.get('hospital.invoice', invoice.id)).total)).toBe(300);
  });
});

describe('appointments', () => {
  it('no-show marking moves scheduled appointments that ended over an hour ago, through the workflow', async () => {
    const late = await w.system.create('hospital.appointment', { patient: w.patients.sam.id, practitioner: w.doctors.bo.id, starts_at: new Date(Date.now() - 3 * HOUR_MS).toISOString(), ends_at: new Date(Date.now() - 2.5 * HOUR_MS).toISOString() });
    const recent = await w.system.create('hospital.appointment', { patient: w.patients.sam.id, practitioner: w.doctors.bo.id, starts_at: new Date(Date.now() - HOUR_MS).toISOString(), ends_at: new Date(Date.now() - 0.5 * HOUR_MS).toISOString() });
    const [run] = await scheduler.runNow('hospital.no_show_marking', w.org.org.slug);
    expect(run).toMatchObject({ status: 'ok', message: '1 appointment marked no-show' });
    expect((await w.system.get('hospital.appointment', late.id)).status).toBe('no_show');
    expect((await w.system.get('hospital.appointment', recent.id)).status).toBe('scheduled');
  });

  it('reminders go once to patients with an appointment tomorrow', async () => {
    const tomorrow = Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000;
    const appt = await w.system.create('hospital.appointment', { patient: w.patients.pat.id, practitioner: w.doctors.bo.id, starts_at: new Date(tomorrow + 7 * HOUR_MS).toISOString(), ends_at: new Date(tomorrow + 7.5 * HOUR_MS).toISOString() });
    const [first] = await scheduler.runNow('hospital.appointment_reminder', w.org.org.slug);
    expect(first.message).toMatch(/^[1-9]\d* appointment reminders? sent$/);
    expect((await w.system.get('hospital.appointment', appt.id)).reminded_at).toBeTruthy();
    const mails: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_mail_outbox WHERE organization_id = $1 AND recipient = 'pat@example.org'`, [w.org.org.id]);
    const [second] = await scheduler.runNow('hospital.appointment_reminder', w.org.org.slug);
    expect(second).toMatchObject({ status: 'ok', message: '0 appointment reminders sent' });
    const after: { n: number }[] = await runtime.dataSource.query(`SELECT count(*)::int AS n FROM core_mail_outbox WHERE organization_id = $1 AND recipient = 'pat@example.org'`, [w.org.org.id]);
    expect(after[0].n).toBe(mails[0].n);
    expect(mails[0].n).toBeGreaterThan(0);
  });
});
