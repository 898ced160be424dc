/**
 * The hospital's workflows through AdminJS's HTTP API: an appointment is
 * checked in and out (or cancelled); a lab test goes draft → completed by the
 * technician → approved or rejected by the approver (never by the technician);
 * a discharge is ordered by the admission's primary practitioner only, then
 * needs nursing and billing clearance in either order (billing skipped where
 * the organization switches it off), and the bed is freed at the discharge
 * itself, not at the order.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { updateOrganizationSettings } from '../core/tenancy/settings.js';
import { startTestServer, type AdminClient, type TestServer } from './support/http.js';
import { createHospitalWorld, type HospitalRole, type HospitalWorld } from './support/hospital.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let server: TestServer;
let w: HospitalWorld;
const clients = new Map<HospitalRole, AdminClient>();

type Notice = { type: string; message: string };
async function act(role: HospitalRole, resource: string, id: string, action: string): Promise<Notice> {
  const res = await clients.get(role)!.post(`/admin/api/resources/${resource}/records/${id}/${action}`, { comment: 'ok' });
  return res.body.notice as Notice;
}

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

describe('hospital workflows', () => {
  it('an appointment is checked in by the receptionist and out by its doctor; a checked-out one cannot be cancelled', async () => {
    const id = w.appointments.patWithAda.id;
    expect((await act('hospital.doctor', 'HospitalAppointment', id, 'check_in')).type).toBe('error');
    expect(await act('hospital.receptionist', 'HospitalAppointment', id, 'check_in')).toMatchObject({ type: 'success' });
    expect(await act('hospital.doctor', 'HospitalAppointment', id, 'check_out')).toMatchObject({ type: 'success' });
    expect((await w.system.get('hospital.appointment', id)).status).toBe('checked_out');
    expect((await act('hospital.receptionist', 'HospitalAppointment', id, 'cancel')).type).toBe('error');
  });

  it('a lab test is completed by the technician (with results) and approved or rejected by the approver only', async () => {
    const tech = await w.as('hospital.lab_technician');
    const empty = await tech.create('hospital.lab_test', { patient: w.patients.sam.id, test: 'Lipid panel' });
    expect(empty.status).toBe('draft');
    expect((await act('hospital.lab_technician', 'HospitalLabTest', empty.id, 'complete')).type).toBe('error'); // no results yet
    await tech.update('hospital.lab_test', empty.id, { results: 'LDL 2.9 mmol/L' });
    expect(await act('hospital.lab_technician', 'HospitalLabTest', empty.id, 'complete')).toMatchObject({ type: 'success' });
    expect((await act('hospital.lab_technician', 'HospitalLabTest', empty.id, 'approve')).type).toBe('error');
    expect(await act('hospital.lab_approver', 'HospitalLabTest', empty.id, 'reject')).toMatchObject({ type: 'success' });
    expect(await act('hospital.lab_technician', 'HospitalLabTest', empty.id, 'complete')).toMatchObject({ type: 'success' });
    expect(await act('hospital.lab_approver', 'HospitalLabTest', empty.id, 'approve')).toMatchObject({ type: 'success' });
    const approved = await w.system.get('hospital.lab_test', empty.id);
    expect(approved).toMatchObject({ status: 'approved', approved_by: w.org.users.get('hospital.lab_approver')!.id });
    expect(approved.approved_at).toBeTruthy();
  });

  it('a discharge: ordered by the primary practitioner, then nursing and billing clearance (both); the bed is freed only at the discharge', async () => {
    const adm = w.admissions.quinnNorth;
    const bed = await w.system.create('hospital.bed_occupancy', { admission: adm.id, bed: w.beds.n1.id, occupied_from: new Date(Date.now() - 86_400_000).toISOString() });
    expect((await act('hospital.nurse', 'HospitalAdmission', adm.id, 'order_discharge')).type).toBe('error');
    expect(await act('hospital.doctor', 'HospitalAdmission', adm.id, 'order_discharge')).toMatchObject({ type: 'success' });
    expect((await w.system.get('hospital.admission', adm.id)).status).toBe('discharge_ordered');
    expect((await w.system.get('hospital.bed_occupancy', bed.id)).occupied_to).toBeNull(); // not freed at the order
    // Billing first, then nursing: parallel steps, both needed.
    expect(await act('hospital.receptionist', 'HospitalAdmission', adm.id, 'discharge')).toMatchObject({ type: 'success' });
    expect((await w.system.get('hospital.admission', adm.id)).status).toBe('discharge_ordered');
    expect((await w.system.get('hospital.bed_occupancy', bed.id)).occupied_to).toBeNull();
    expect(await act('hospital.nurse', 'HospitalAdmission', adm.id, 'discharge')).toMatchObject({ type: 'success' });
    const done = await w.system.get('hospital.admission', adm.id);
    expect(done.status).toBe('discharged');
    expect(done.discharged_at).toBeTruthy();
    expect((await w.system.get('hospital.bed_occupancy', bed.id)).occupied_to).toBe(done.discharged_at);
    // The bed takes the next patient, and the discharged patient may be admitted again.
    await w.system.create('hospital.bed_occupancy', { admission: w.admissions.rayAdmittedSouth.id, bed: w.beds.n1.id, occupied_from: new Date().toISOString() });
    await w.system.create('hospital.admission', { patient: w.patients.quinn.id, primary_practitioner: w.doctors.ada.id, ward: w.wards.north.id });
  });

  it('where the organization skips billing clearance, nursing clearance alone discharges', async () => {
    await updateOrganizationSettings(runtime, w.org.org.slug, { set: 'skip_discharge_billing=on' });
    const p = await w.system.create('hospital.patient', { name: 'Quick Discharge', sex: 'female' });
    const adm = await w.system.create('hospital.admission', { patient: p.id, primary_practitioner: w.doctors.ada.id, ward: w.wards.north.id, status: 'admitted' });
    expect(await act('hospital.doctor', 'HospitalAdmission', adm.id, 'order_discharge')).toMatchObject({ type: 'success' });
    expect((await act('hospital.receptionist', 'HospitalAdmission', adm.id, 'discharge')).type).toBe('error'); // no billing step to give
    expect(await act('hospital.nurse', 'HospitalAdmission', adm.id, 'discharge')).toMatchObject({ type: 'success' });
    expect((await w.system.get('hospital.admission', adm.id)).status).toBe('discharged');
    await updateOrganizationSettings(runtime, w.org.org.slug, { set: 'skip_discharge_billing=off' });
  });
});
