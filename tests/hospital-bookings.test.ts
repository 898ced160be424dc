/**
 * The hospital's invariants under contention, through AdminJS's HTTP API:
 * twenty receptionists' requests book one doctor's slot at once and exactly
 * one wins (PostgreSQL's exclusion constraint on the practitioner and the
 * appointment's span), every other is told which appointment holds the slot;
 * twenty admissions to one bed and twenty admissions of one patient at once
 * leave exactly one open occupancy and one active admission (partial unique
 * indexes). Cancelled and no-show appointments free their slot.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHospitalWorld, slot, type HospitalWorld } from './support/hospital.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HospitalWorld;
let desk: AdminClient;

const api = (resource: string, rest: string): string => `/admin/api/resources/${resource}/${rest}`;
type Answer = { status: number; body: Record<string, unknown> };
const errorsOf = (a: Answer): Record<string, { message: string }> => ((a.body.record as { errors?: Record<string, { message: string }> } | undefined)?.errors ?? {});
const won = (a: Answer): boolean => (a.body.notice as { type?: string } | undefined)?.type === 'success' && Object.keys(errorsOf(a)).length === 0;

beforeAll(async () => {
  runtime = await createTestRuntime({ poolSize: 25 });
  w = await createHospitalWorld(runtime);
  server = await startTestServer(runtime);
  desk = await server.login(w.org.users.get('hospital.receptionist')!.email, 'secret-123');
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

describe('booking one doctor\'s slot twenty times at once', () => {
  it('exactly one of 20 concurrent bookings wins; the others name the winning appointment and its span on the practitioner field', async () => {
    const patients = [];
    for (let i = 0; i < 20; i++) patients.push(await w.system.create('hospital.patient', { name: `Walk-in ${i}`, sex: 'unknown' }));
    // Twenty slots of Dr Ada, each overlapping all the others at 14:15.
    const answers = await Promise.all(patients.map((p, i) => desk.post(api('HospitalAppointment', 'actions/new'), {
      patient: p.id, practitioner: w.doctors.ada.id, starts_at: slot(14 + (i % 3) * 0.125), ends_at: slot(14.5 + (i % 4) * 0.125),
    })));
    const winners = answers.filter(won);
    expect(winners).toHaveLength(1);
    const booked = await w.system.find('hospital.appointment', { filters: [{ field: 'practitioner', op: 'eq', value: w.doctors.ada.id }, { field: 'starts_at', op: 'gte', value: slot(13) }, { field: 'starts_at', op: 'lt', value: slot(15) }] });
    expect(booked).toHaveLength(1);
    const number = String(booked[0].number);
    expect(number).toMatch(/^APT-\d{4}-\d{5}$/);
    for (const loser of answers.filter((a) => !won(a))) {
      expect(errorsOf(loser).practitioner?.message).toEqual(expect.stringContaining(`is taken by appointment ${number}`));
      expect(JSON.stringify(loser.body)).not.toMatch(/EXC_|violates|stack/);
    }
  });

  it('a slot next to a booked one (the end is the next start) is free; cancelling frees a slot; a slot ending before it starts is a field error', async () => {
    const first = await w.system.create('hospital.appointment', { patient: w.patients.sam.id, practitioner: w.doctors.bo.id, starts_at: slot(16), ends_at: slot(16.5) });
    const next = await desk.post(api('HospitalAppointment', 'actions/new'), { patient: w.patients.sam.id, practitioner: w.doctors.bo.id, starts_at: slot(16.5), ends_at: slot(17) });
    expect(won(next)).toBe(true);
    const clash = await desk.post(api('HospitalAppointment', 'actions/new'), { patient: w.patients.ray.id, practitioner: w.doctors.bo.id, starts_at: slot(16.25), ends_at: slot(16.75) });
    expect(errorsOf(clash).practitioner?.message).toEqual(expect.stringContaining(`taken by appointment ${String(first.number)}`));
    expect((await desk.post(api('HospitalAppointment', `records/${first.id}/cancel`), { comment: '' })).body.notice).toMatchObject({ type: 'success' });
    const retry = await desk.post(api('HospitalAppointment', 'actions/new'), { patient: w.patients.ray.id, practitioner: w.doctors.bo.id, starts_at: slot(16), ends_at: slot(16.5) });
    expect(won(retry)).toBe(true);
    const backwards = await desk.post(api('HospitalAppointment', 'actions/new'), { patient: w.patients.ray.id, practitioner: w.doctors.bo.id, starts_at: slot(20), ends_at: slot(19) });
    expect(errorsOf(backwards).ends_at?.message).toBe('must be after the start');
  });
});

describe('beds and admissions under contention', () => {
  it('twenty admissions put into one free bed at once: exactly one open occupancy; the others are told the bed is occupied', async () => {
    const admissions = [];
    for (let i = 0; i < 20; i++) {
      const p = await w.system.create('hospital.patient', { name: `In-patient ${i}`, sex: 'unknown' });
      admissions.push(await w.system.create('hospital.admission', { patient: p.id, primary_practitioner: w.doctors.ada.id, ward: w.wards.north.id, status: 'admitted' }));
    }
    const at = new Date().toISOString();
    const answers = await Promise.all(admissions.map((a) => desk.post(api('HospitalBedOccupancy', 'actions/new'), { admission: a.id, bed: w.beds.n2.id, occupied_from: at })));
    expect(answers.filter(won)).toHaveLength(1);
    for (const loser of answers.filter((a) => !won(a))) expect(errorsOf(loser).bed?.message).toEqual(expect.stringContaining('is occupied'));
    expect(await w.system.count('hospital.bed_occupancy', [{ field: 'bed', op: 'eq', value: w.beds.n2.id }, { field: 'occupied_to', op: 'eq', value: null }])).toBe(1);
  });

  it('twenty admissions of one patient at once: exactly one is active; the others say the patient already has one', async () => {
    const p = await w.system.create('hospital.patient', { name: 'Twice Admitted', sex: 'male' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => desk.post(api('HospitalAdmission', 'actions/new'), { patient: p.id, primary_practitioner: w.doctors.bo.id, ward: w.wards.south.id })));
    expect(answers.filter(won)).toHaveLength(1);
    for (const loser of answers.filter((a) => !won(a))) expect(errorsOf(loser).patient?.message).toEqual(expect.stringContaining('already has an active admission'));
    expect(await w.system.count('hospital.admission', [{ field: 'patient', op: 'eq', value: p.id }])).toBe(1);
  });
});
