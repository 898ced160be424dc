/**
 * A hospital organization built by code: one user per hospital role, two
 * departments, two practitioners (Dr Ada holds the doctor login, Dr Bo has
 * none), two wards (the nurse is assigned to the first), beds, four patients
 * (Pat holds the patient login and has an appointment with Dr Ada; Quinn is
 * admitted under Dr Ada; Ray sees Dr Bo only; Sam has nothing), lab tests of
 * Pat in every status and Pat's invoices open and issued.
 */
import type { RecordData, RecordService } from '../../core/data/records.js';
import type { Runtime } from '../../core/runtime.js';
import { createFixtureOrg, type Fixture } from './runtime.js';

export const HOSPITAL_ROLES = ['hospital.receptionist', 'hospital.doctor', 'hospital.nurse', 'hospital.lab_technician', 'hospital.lab_approver', 'hospital.patient'] as const;
export type HospitalRole = (typeof HOSPITAL_ROLES)[number];

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** A whole hour `hours` from the next midnight UTC (so slots never straddle "now"). */
export const slot = (hours: number): string => new Date(Math.ceil(Date.now() / DAY_MS) * DAY_MS + hours * HOUR_MS).toISOString();

export interface HospitalWorld {
  org: Fixture;
  system: RecordService;
  as(role: HospitalRole): Promise<RecordService>;
  departments: { cardio: RecordData; peds: RecordData };
  doctors: { ada: RecordData; bo: RecordData };
  wards: { north: RecordData; south: RecordData };
  beds: { n1: RecordData; n2: RecordData; s1: RecordData };
  patients: { pat: RecordData; quinn: RecordData; ray: RecordData; sam: RecordData };
  appointments: { patWithAda: RecordData; rayWithBo: RecordData };
  admissions: { quinnNorth: RecordData; rayAdmittedSouth: RecordData };
  labs: { draft: RecordData; completed: RecordData; approved: RecordData; rejected: RecordData };
  invoices: { open: RecordData; issued: RecordData };
}

export async function createHospitalWorld(runtime: Runtime): Promise<HospitalWorld> {
  const org = await createFixtureOrg(runtime, 'hospital', [...HOSPITAL_ROLES]);
  const system = await org.system();
  const cardio = await system.create('hospital.department', { code: 'CARD', name: 'Cardiology' });
  const peds = await system.create('hospital.department', { code: 'PED', name: 'Paediatrics' });
  const ada = await system.create('hospital.practitioner', { name: 'Dr Ada Obi', user: org.users.get('hospital.doctor')!.id, department: cardio.id, fee: 80 });
  const bo = await system.create('hospital.practitioner', { name: 'Dr Bo Lind', department: peds.id, fee: 60 });
  const north = await system.create('hospital.ward', { code: 'N', name: 'North ward', daily_rate: 150 });
  const south = await system.create('hospital.ward', { code: 'S', name: 'South ward', daily_rate: 120 });
  await system.create('hospital.ward_nurse', { ward: north.id, user: org.users.get('hospital.nurse')!.id });
  const beds = {
    n1: await system.create('hospital.bed', { code: 'N-01', ward: north.id }),
    n2: await system.create('hospital.bed', { code: 'N-02', ward: north.id }),
    s1: await system.create('hospital.bed', { code: 'S-01', ward: south.id }),
  };
  const patient = (name: string, values: Record<string, unknown> = {}) => system.create('hospital.patient', { name, sex: 'female', date_of_birth: '1980-06-15', ...values });
  const patients = {
    pat: await patient('Pat Patient', { user: org.users.get('hospital.patient')!.id, email: 'pat@example.org', allergies: 'Penicillin', blood_group: 'O+' }),
    quinn: await patient('Quinn Admitted', { sex: 'male' }),
    ray: await patient('Ray Other'),
    sam: await patient('Sam Nobody', { phone: '+1 555 0100' }),
  };
  const appointments = {
    patWithAda: await system.create('hospital.appointment', { patient: patients.pat.id, practitioner: ada.id, starts_at: slot(9), ends_at: slot(9.5), reason: 'Chest pain' }),
    rayWithBo: await system.create('hospital.appointment', { patient: patients.ray.id, practitioner: bo.id, starts_at: slot(9), ends_at: slot(9.5) }),
  };
  const admissions = {
    quinnNorth: await system.create('hospital.admission', { patient: patients.quinn.id, primary_practitioner: ada.id, ward: north.id, status: 'admitted', admitted_at: new Date().toISOString() }),
    rayAdmittedSouth: await system.create('hospital.admission', { patient: patients.ray.id, primary_practitioner: bo.id, ward: south.id, status: 'admitted', admitted_at: new Date().toISOString() }),
  };
  const lab = (status: string) => system.create('hospital.lab_test', { patient: patients.pat.id, ordered_by: ada.id, test: `CBC (${status})`, results: status === 'draft' ? null : 'Hb 13.5 g/dL', status });
  const labs = { draft: await lab('draft'), completed: await lab('completed'), approved: await lab('approved'), rejected: await lab('rejected') };
  const invoices = {
    open: await system.create('hospital.invoice', { patient: patients.pat.id, date: slot(0).slice(0, 10) }),
    issued: await system.create('hospital.invoice', { patient: patients.pat.id, date: slot(0).slice(0, 10), status: 'issued' }),
  };
  return { org, system, as: (role) => org.as(role), departments: { cardio, peds }, doctors: { ada, bo }, wards: { north, south }, beds, patients, appointments, admissions, labs, invoices };
}
