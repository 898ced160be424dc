/**
 * The hospital demo organization (full size: 4 departments, 8 doctors, 34
 * beds, 300 patients, 600 appointments from 30 days ago to 14 ahead, 150 lab
 * tests, 25 admissions): a login per hospital role, no practitioner
 * double-booked, one patient per occupied bed, each patient's age from their
 * date of birth, the patient login's own records and discharges waiting for
 * clearance in the nurse's inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import type { DemoLogin } from '../core/tenancy/demo.js';
import { overlapQuery } from '../core/data/constraints/record-constraints.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { seedOneDemo, type SeededDemo } from './support/demo-org.js';
import type { TestRuntime } from './support/runtime.js';

let demo: SeededDemo;
let runtime: TestRuntime;
let logins: DemoLogin[];
let organizationId: string;
let system: RecordService;
let seconds: number;

beforeAll(async () => {
  demo = await seedOneDemo('hospital');
  ({ runtime, logins, organizationId, system, seconds } = demo);
}, 300_000);
afterAll(() => runtime.dispose());

const all = (key: string): Promise<RecordData[]> => demo.all(key);
const as = (email: string): Promise<RecordService> => demo.as(email);

describe('hospital demo seed', () => {
  it('creates a login per hospital role, each signing in with demo1234', async () => {
    console.log(`hospital demo seed: ${seconds.toFixed(1)} s`);
    expect(logins.map((l) => l.email).sort()).toEqual(['admin@hospital.demo', 'doctor@hospital.demo', 'lab_approver@hospital.demo', 'lab_technician@hospital.demo', 'nurse@hospital.demo', 'patient@hospital.demo', 'receptionist@hospital.demo']);
    for (const l of logins) await as(l.email);
  });

  it('has the issue’s numbers', async () => {
    const counts = await Promise.all(['department', 'practitioner', 'bed', 'patient', 'appointment', 'lab_test', 'admission'].map((e) => system.count(`hospital.${e}`)));
    expect(counts).toEqual([4, 8, 34, 300, 600, 150, 25]);
  });

  it('appointments span 30 days ago to 14 ahead in every status, no practitioner double-booked', async () => {
    const appts = await all('hospital.appointment');
    expect(new Set(appts.map((a) => a.status))).toEqual(new Set(['scheduled', 'checked_in', 'checked_out', 'cancelled', 'no_show']));
    const days = appts.map((a) => (Date.parse(String(a.starts_at)) - Date.now()) / 86_400_000);
    expect(Math.min(...days)).toBeGreaterThanOrEqual(-31);
    expect(Math.max(...days)).toBeLessThanOrEqual(15);
    const live = appts.filter((a) => !['cancelled', 'no_show'].includes(String(a.status)));
    for (const a of live) {
      expect(live.find((b) => b !== a && b.practitioner === a.practitioner && String(b.starts_at) < String(a.ends_at) && String(a.starts_at) < String(b.ends_at))).toBeUndefined();
    }
  });

  it('beds hold one patient each; in-patients have daily bed charges; ages come from dates of birth', async () => {
    const open = (await all('hospital.bed_occupancy')).filter((o) => o.occupied_to === null);
    expect(open.length).toBeGreaterThan(5);
    expect(new Set(open.map((o) => o.bed)).size).toBe(open.length);
    const lines = await all('hospital.invoice_line');
    expect(lines.filter((l) => l.kind === 'bed_charge').length).toBeGreaterThan(30);
    const patients = await all('hospital.patient');
    expect(patients.every((p) => p.date_of_birth === null || (Number(p.age) >= 0 && Number(p.age) <= 90))).toBe(true);
    expect(patients.every((p) => /^MRN-\d{6}$/.test(String(p.mrn)))).toBe(true);
  });

  it('the patient login sees its own appointments, one approved lab result and its issued invoice', async () => {
    const me = await as('patient@hospital.demo');
    expect(await me.count('hospital.patient')).toBe(1);
    expect(await me.count('hospital.appointment')).toBeGreaterThanOrEqual(2);
    const labs = await me.find('hospital.lab_test');
    expect(labs.length).toBeGreaterThanOrEqual(1);
    expect(labs.every((l) => l.status === 'approved')).toBe(true);
    expect(await me.count('hospital.invoice')).toBeGreaterThanOrEqual(1);
  });

  it('discharges ordered by the demo doctor wait for the nurse’s clearance', async () => {
    const nurse = await as('nurse@hospital.demo');
    const waiting = await system.find('hospital.admission', { filters: [{ field: 'status', op: 'eq', value: 'discharge_ordered' }] });
    expect(waiting.length).toBeGreaterThan(0);
    const engine = await WorkflowEngine.for(nurse);
    const actions = await engine.available('hospital.admission', waiting[0]);
    expect(actions.map((a) => a.kind)).toContain('approve');
  });

  it('a doctor\'s free slots over the demo\'s 600 appointments are answered from the noOverlap exclusion index (plan, not time)', async () => {
    const entity = runtime.registry.entity('hospital.appointment')!;
    const o = entity.constraints!.noOverlap[0];
    const [doctor] = await system.find('hospital.practitioner', { limit: 1 });
    const runner = runtime.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query('ANALYZE hospital_appointment');
      const day = new Date().toISOString().slice(0, 10);
      const plan: { 'QUERY PLAN': string }[] = await runner.query(`EXPLAIN ${overlapQuery(entity, o)}`, [organizationId, doctor.id, `${day}T09:00:00Z`, `${day}T17:00:00Z`, null]);
      expect(plan.map((p) => p['QUERY PLAN']).join('\n')).toMatch(new RegExp(`Index (Only )?Scan using "?${o.constraint}"?|Bitmap Index Scan on "?${o.constraint}"?`));
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
