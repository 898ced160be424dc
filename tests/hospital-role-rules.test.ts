/**
 * The hospital's rules per role, through AdminJS's HTTP API: what each role's
 * lists hold (exactly) and which fields it is shown. A doctor sees only the
 * patients who have some appointment or admission with them (a `$some` over
 * two reverse references), their own appointments and admissions; a nurse the
 * admissions of their wards; a patient their own record, appointments, issued
 * invoices and only approved lab results — a result appears the moment the lab
 * approver approves it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHospitalWorld, type HospitalRole, type HospitalWorld } from './support/hospital.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HospitalWorld;
const clients = new Map<HospitalRole, AdminClient>();

const RESOURCES = {
  patient: 'HospitalPatient', appointment: 'HospitalAppointment', admission: 'HospitalAdmission', lab_test: 'HospitalLabTest',
  invoice: 'HospitalInvoice', vital_sign: 'HospitalVitalSign', encounter: 'HospitalEncounter', practitioner: 'HospitalPractitioner',
} as const;
type Entity = keyof typeof RESOURCES;
const api = (entity: Entity, rest: string): string => `/admin/api/resources/${RESOURCES[entity]}/${rest}`;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHospitalWorld(runtime);
  server = await startTestServer(runtime);
  for (const [role, u] of w.org.users) if (role !== 'admin') clients.set(role as HospitalRole, await server.login(u.email, 'secret-123'));
}, 90_000);
afterAll(async () => {
  await server?.close();
  await runtime?.dispose();
});

/** The ids a role's list shows ([] when the list itself is refused). */
async function listed(role: HospitalRole, entity: Entity): Promise<string[]> {
  const res = await clients.get(role)!.get(api(entity, 'actions/list?perPage=500'));
  if ((res.body.notice as { type?: string } | undefined)?.type === 'error' || !res.body.records) return [];
  return res.body.records.map((r) => r.id).sort();
}
async function shown(role: HospitalRole, entity: Entity, id: string): Promise<Record<string, unknown> | undefined> {
  const res = await clients.get(role)!.get(api(entity, `records/${id}/show`));
  const record = res.body.record as { params?: Record<string, unknown> } | undefined;
  return record?.params && Object.keys(record.params).length ? record.params : undefined;
}
const ids = (...records: { id: string }[]): string[] => records.map((r) => r.id).sort();

describe('hospital roles through the admin API', () => {
  it('the dashboard counts today\'s appointments, the checked-in queue, occupied beds, in-patients, discharges waiting and lab approvals, as each role may see them', async () => {
    const cards = async (role: HospitalRole) =>
      Object.fromEntries(((await clients.get(role)!.get('/admin/api/dashboard')).body.cards as { label: string; count: number }[]).map((c) => [c.label, c.count]));
    const now = Date.now();
    const today = await w.system.create('hospital.appointment', { patient: w.patients.sam.id, practitioner: w.doctors.bo.id, starts_at: new Date(now - 60_000).toISOString(), ends_at: new Date(now + 1_800_000).toISOString(), status: 'checked_in' });
    const bed = await w.system.create('hospital.bed_occupancy', { admission: w.admissions.rayAdmittedSouth.id, bed: w.beds.s1.id, occupied_from: new Date(now - 3_600_000).toISOString() });
    // An appointment that started a minute ago is today's unless today began less than a minute ago.
    expect(await cards('hospital.receptionist')).toMatchObject({ 'Checked-in queue': 1, 'Beds occupied': 1, 'In-patients': 2, 'Discharges waiting for clearance': 0 });
    expect((await cards('hospital.receptionist'))['Appointments today']).toBeGreaterThanOrEqual(1);
    // The chart card groups today's appointments by status label, for the roles it is declared for.
    const charts = async (role: HospitalRole) => ((await clients.get(role)!.get('/admin/api/dashboard')).body.cards as { label: string; labels?: string[]; values?: number[] }[]).filter((c) => c.label === "Today's appointments by status");
    const [chart] = await charts('hospital.receptionist');
    expect(chart.values![chart.labels!.findIndex((l) => /checked.in/i.test(l))]).toBeGreaterThanOrEqual(1);
    expect(await charts('hospital.patient')).toEqual([]);
    expect(await cards('hospital.lab_approver')).toMatchObject({ 'Lab tests waiting for approval': 1 });
    expect(await cards('hospital.nurse')).toMatchObject({ 'In-patients': 1 }); // only the ward they look after (Quinn)
    expect(await cards('hospital.patient')).not.toHaveProperty('Beds occupied');
    await w.system.delete('hospital.appointment', today.id);
    await w.system.delete('hospital.bed_occupancy', bed.id);
  });

  it('the receptionist lists every patient, appointment, admission and invoice, and lab tests without their results', async () => {
    expect(await listed('hospital.receptionist', 'patient')).toEqual(ids(...Object.values(w.patients)));
    expect(await listed('hospital.receptionist', 'appointment')).toEqual(ids(...Object.values(w.appointments)));
    expect(await listed('hospital.receptionist', 'admission')).toEqual(ids(...Object.values(w.admissions)));
    expect(await listed('hospital.receptionist', 'invoice')).toEqual(ids(...Object.values(w.invoices)));
    const lab = await shown('hospital.receptionist', 'lab_test', w.labs.approved.id);
    expect(lab).toMatchObject({ status: 'approved' });
    expect(lab).not.toHaveProperty('results');
  });

  it('a doctor sees only patients with some appointment or admission with them, and their own appointments and admissions', async () => {
    expect(await listed('hospital.doctor', 'patient')).toEqual(ids(w.patients.pat, w.patients.quinn));
    expect(await shown('hospital.doctor', 'patient', w.patients.ray.id)).toBeUndefined();
    expect(await listed('hospital.doctor', 'appointment')).toEqual(ids(w.appointments.patWithAda));
    expect(await listed('hospital.doctor', 'admission')).toEqual(ids(w.admissions.quinnNorth));
    expect(await listed('hospital.doctor', 'lab_test')).toEqual(ids(...Object.values(w.labs)));
    // A new appointment with Ray makes Ray the doctor's patient; cancelling it does not hide the history.
    const booked = await w.system.create('hospital.appointment', { patient: w.patients.ray.id, practitioner: w.doctors.ada.id, starts_at: w.appointments.patWithAda.ends_at, ends_at: new Date(Date.parse(String(w.appointments.patWithAda.ends_at)) + 1_800_000).toISOString() });
    expect(await listed('hospital.doctor', 'patient')).toEqual(ids(w.patients.pat, w.patients.quinn, w.patients.ray));
    await w.system.delete('hospital.appointment', booked.id);
    expect(await listed('hospital.doctor', 'patient')).toEqual(ids(w.patients.pat, w.patients.quinn));
  });

  it('a nurse sees the admissions of their own wards only, and every patient for vitals', async () => {
    expect(await listed('hospital.nurse', 'admission')).toEqual(ids(w.admissions.quinnNorth));
    expect(await listed('hospital.nurse', 'patient')).toEqual(ids(...Object.values(w.patients)));
    expect(await listed('hospital.nurse', 'invoice')).toEqual([]);
  });

  it('lab technician and approver see every lab test, and patients without contact details', async () => {
    for (const role of ['hospital.lab_technician', 'hospital.lab_approver'] as const) {
      expect(await listed(role, 'lab_test')).toEqual(ids(...Object.values(w.labs)));
      const sam = await shown(role, 'patient', w.patients.sam.id);
      expect(sam).toMatchObject({ name: 'Sam Nobody', mrn: w.patients.sam.mrn });
      expect(sam).not.toHaveProperty('phone');
      expect(await listed(role, 'appointment')).toEqual([]);
    }
  });

  it('a patient sees their own record, appointments and issued invoices, and a lab result only once approved', async () => {
    expect(await listed('hospital.patient', 'patient')).toEqual(ids(w.patients.pat));
    expect(await listed('hospital.patient', 'appointment')).toEqual(ids(w.appointments.patWithAda));
    expect(await listed('hospital.patient', 'invoice')).toEqual(ids(w.invoices.issued));
    expect(await listed('hospital.patient', 'admission')).toEqual([]);
    expect(await listed('hospital.patient', 'lab_test')).toEqual(ids(w.labs.approved));
    expect(await shown('hospital.patient', 'lab_test', w.labs.completed.id)).toBeUndefined();
    const approved = await clients.get('hospital.lab_approver')!.post(api('lab_test', `records/${w.labs.completed.id}/approve`), { comment: '' });
    expect(approved.body.notice).toMatchObject({ type: 'success' });
    expect(await listed('hospital.patient', 'lab_test')).toEqual(ids(w.labs.approved, w.labs.completed));
    expect(await shown('hospital.patient', 'lab_test', w.labs.completed.id)).toMatchObject({ results: 'Hb 13.5 g/dL', status: 'approved' });
  });

  it('the patient record shows the MRN as its title and the age computed from the date of birth', async () => {
    expect(String(w.patients.pat.mrn)).toMatch(/^MRN-\d{6}$/);
    const today = new Date().toISOString().slice(0, 10);
    const expected = Number(today.slice(0, 4)) - 1980 - (today.slice(5) < '06-15' ? 1 : 0);
    expect(await shown('hospital.patient', 'patient', w.patients.pat.id)).toMatchObject({ mrn: w.patients.pat.mrn, age: expected });
  });
});
