/**
 * Demo data: departments, practitioners (the doctor login is the first),
 * wards with beds (the nurse login looks after the first ward), patients,
 * appointments from 30 days ago to 14 ahead in the states a clinic has them
 * (past ones seen, cancelled or no-shows; today's queue checked in; future
 * ones scheduled) with encounters and prescriptions for some of those seen,
 * lab tests in every status, admissions (discharged ones with their beds freed
 * and paid invoices, in-patients in distinct beds with daily bed charges,
 * discharges waiting for clearance) and consultation invoices. The patient
 * login has its own appointments, an approved and a pending lab result and an
 * issued invoice. Deterministic per organization.
 */
import { workflows, type RecordData, type Records, type SeedContext } from '../../core/sdk.js';
import { ADMISSION, APPOINTMENT, INVOICE, LAB_TEST, LINE, OCCUPANCY, PATIENT } from './care.js';
import { dayOf } from './jobs.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const FIRST = ['Amina', 'Rahim', 'Mei', 'Lars', 'Priya', 'Tomás', 'Nusrat', 'Jonas', 'Yuki', 'Olga', 'Diego', 'Fatima', 'Noah', 'Leila', 'Ivan', 'Grace', 'Omar', 'Sofia', 'Hiro', 'Elena'];
const LAST = ['Okafor', 'Hossain', 'Chen', 'Haddad', 'Novak', 'Moreau', 'Tanaka', 'Silva', 'Kowalski', 'Mensah', 'Rossi', 'Rahman', 'Fischer', 'Adeyemi', 'Dubois', 'Khan'];
const DEPARTMENTS = [
  { code: 'GEN', name: 'General medicine' },
  { code: 'CARD', name: 'Cardiology' },
  { code: 'PED', name: 'Paediatrics' },
  { code: 'ORTH', name: 'Orthopaedics' },
];
const WARDS = [
  { code: 'A', name: 'Ward A (medical)', daily_rate: 150 },
  { code: 'B', name: 'Ward B (surgical)', daily_rate: 180 },
  { code: 'C', name: 'Ward C (children)', daily_rate: 120 },
];
const TESTS = ['Complete blood count', 'Lipid panel', 'HbA1c', 'Liver function', 'Urinalysis', 'Thyroid panel', 'Blood culture'];
const DIAGNOSES = ['Hypertension', 'Type 2 diabetes', 'Upper respiratory infection', 'Gastritis', 'Sprained ankle', 'Migraine', 'Asthma'];
const DRUGS = [
  { drug: 'Amlodipine', dose: '5 mg', frequency: 'once a day', days: 30 },
  { drug: 'Metformin', dose: '500 mg', frequency: 'twice a day', days: 30 },
  { drug: 'Amoxicillin', dose: '500 mg', frequency: 'three times a day', days: 7 },
  { drug: 'Omeprazole', dose: '20 mg', frequency: 'once a day', days: 14 },
  { drug: 'Paracetamol', dose: '1 g', frequency: 'every 6 hours as needed', days: 5 },
];

interface Sizes { departments: number; doctors: number; beds: number; patients: number; appointments: number; labs: number; admissions: number }
const SIZES: Record<SeedContext['size'], Sizes> = {
  demo: { departments: 4, doctors: 8, beds: 34, patients: 300, appointments: 600, labs: 150, admissions: 25 },
  small: { departments: 2, doctors: 2, beds: 6, patients: 12, appointments: 20, labs: 8, admissions: 4 },
};

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const pick = <T>(r: () => number, list: T[]): T => list[Math.floor(r() * list.length)];
const midnight = (offset: number): number => Math.floor(Date.now() / DAY_MS) * DAY_MS + offset * DAY_MS;
const iso = (t: number): string => new Date(t).toISOString();

async function line(records: Records, invoice: string, values: Record<string, unknown>): Promise<void> {
  await records.create(LINE, { invoice, ...values });
}

export async function seedHospital(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const size = SIZES[ctx.size];
  const r = rng(ctx.organization.slug.length * 7919 + 17);
  const now = Date.now();
  const departments = [];
  for (const d of DEPARTMENTS.slice(0, size.departments)) departments.push(await records.create('hospital.department', d));
  const doctorUser = ctx.usersByRole.get('hospital.doctor');
  const doctors = [];
  for (let i = 0; i < size.doctors; i++) {
    const name = i === 0 && doctorUser ? 'Dr Demo Doctor' : `Dr ${pick(r, FIRST)} ${pick(r, LAST)}`;
    doctors.push(await records.create('hospital.practitioner', { name, user: i === 0 ? doctorUser?.id ?? null : null, department: departments[i % departments.length].id, specialty: departments[i % departments.length].name, fee: 40 + 10 * (i % 5) }));
  }
  const wards = [];
  for (const wd of WARDS) wards.push(await records.create('hospital.ward', wd));
  const nurse = ctx.usersByRole.get('hospital.nurse');
  if (nurse) await records.create('hospital.ward_nurse', { ward: wards[0].id, user: nurse.id });
  const beds = [];
  for (let i = 0; i < size.beds; i++) {
    const ward = wards[i % wards.length];
    beds.push(await records.create('hospital.bed', { code: `${String(ward.code)}-${String(1 + Math.floor(i / wards.length)).padStart(2, '0')}`, ward: ward.id }));
  }
  const patientUser = ctx.usersByRole.get('hospital.patient');
  const patients: RecordData[] = [];
  for (let i = 0; i < size.patients; i++) {
    const own = i === 0 && patientUser;
    const name = own ? 'Demo Patient' : `${pick(r, FIRST)} ${pick(r, LAST)}`;
    patients.push(await records.create(PATIENT, {
      name,
      sex: pick(r, ['female', 'male', 'female', 'male', 'other']),
      date_of_birth: dayOf(new Date(now - (1 + Math.floor(r() * 85)) * 365.25 * DAY_MS - Math.floor(r() * 365) * DAY_MS)),
      blood_group: r() < 0.85 ? pick(r, ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O+', 'O-']) : null,
      phone: `+880 17${String(10000000 + i * 7919).slice(-8)}`,
      email: own ? patientUser.email : i % 3 === 0 ? `${name.toLowerCase().normalize('NFD').replace(/[^a-z]+/g, '.')}.${i}@example.org` : null,
      allergies: i % 7 === 0 ? pick(r, ['Penicillin', 'Peanuts', 'Latex', 'Sulfa drugs']) : null,
      user: own ? patientUser.id : null,
    }));
  }
  await seedAppointments(ctx, size, r, doctors, patients);
  await seedLabs(ctx, size, r, doctors, patients);
  await seedAdmissions(ctx, size, r, doctors, wards, beds, patients);
}

/** Per doctor and day from 30 days ago to 14 ahead, half-hour slots from 09:00 UTC; never two in one slot (the no-overlap constraint would refuse them). */
async function seedAppointments(ctx: SeedContext, size: Sizes, r: () => number, doctors: RecordData[], patients: RecordData[]): Promise<void> {
  const { records } = ctx;
  const days = 45;
  const perDay = Math.max(1, Math.ceil(size.appointments / (days * doctors.length)));
  const now = Date.now();
  let made = 0;
  for (let d = -30; d < 15 && made < size.appointments; d++) {
    for (const doctor of doctors) {
      for (let j = 0; j < perDay && made < size.appointments; j++) {
        const start = midnight(d) + 9 * HOUR_MS + Math.floor((j * 16) / perDay + r() * 2) * HOUR_MS / 2;
        const end = start + HOUR_MS / 2;
        // The patient login's own: one seen last week, one tomorrow.
        const patient = (made === 0 || made === 1) && patients[0].user ? patients[0] : patients[1 + Math.floor(r() * (patients.length - 1))] ?? patients[0];
        const roll = r();
        // Today's queue has people checked in whatever the hour the demo is seeded (some arrived early, some still with the doctor).
        let status = d === 0 ? (roll < 0.4 ? 'checked_in' : end < now ? 'checked_out' : 'scheduled') : end < now ? (roll < 0.06 ? 'cancelled' : roll < 0.13 ? 'no_show' : 'checked_out') : roll < 0.05 ? 'cancelled' : 'scheduled';
        let at = start;
        if (made === 0 && patients[0].user) { at = midnight(-7) + 8 * HOUR_MS; status = 'checked_out'; } // before the 09:00 slots
        if (made === 1 && patients[0].user) { at = midnight(1) + 8 * HOUR_MS; status = 'scheduled'; }
        if ((made === 0 || made === 1) && patients[0].user && doctor !== doctors[0]) continue; // the login's with the demo doctor
        const appt = await records.create(APPOINTMENT, { patient: patient.id, practitioner: doctor.id, starts_at: iso(at), ends_at: iso(at + HOUR_MS / 2), reason: pick(r, ['Check-up', 'Follow-up', 'Fever', 'Back pain', 'Cough', 'Review of results']), status });
        made++;
        if (status === 'checked_out' && (made % 3 === 0 || patient === patients[0])) await seedEncounter(records, r, appt, doctor);
        if (status === 'checked_out' && (made % 5 === 0 || patient === patients[0])) {
          const invoice = await records.create(INVOICE, { patient: patient.id, appointment: appt.id, date: dayOf(new Date(at)) });
          await line(records, invoice.id, { kind: 'consultation', description: `Consultation, ${String(doctor.name)}`, date: dayOf(new Date(at)), amount: Number(doctor.fee) });
          await records.update(INVOICE, invoice.id, { status: patient === patients[0] || r() < 0.4 ? 'issued' : 'paid' });
        }
      }
    }
  }
}

async function seedEncounter(records: Records, r: () => number, appt: RecordData, doctor: RecordData): Promise<void> {
  const enc = await records.create('hospital.encounter', { patient: appt.patient, practitioner: doctor.id, appointment: appt.id, seen_at: appt.starts_at, diagnosis: pick(r, DIAGNOSES), notes: 'Examined; advice given.' });
  const lines = 1 + Math.floor(r() * 2);
  for (let i = 0; i < lines; i++) await records.create('hospital.prescription_line', { encounter: enc.id, ...pick(r, DRUGS) });
  await records.create('hospital.vital_sign', { patient: appt.patient, taken_at: appt.starts_at, temperature: 36.4 + Math.round(r() * 20) / 10, pulse: 60 + Math.floor(r() * 40), bp_systolic: 110 + Math.floor(r() * 40), bp_diastolic: 70 + Math.floor(r() * 15), weight: 50 + Math.round(r() * 400) / 10 });
}

async function seedLabs(ctx: SeedContext, size: Sizes, r: () => number, doctors: RecordData[], patients: RecordData[]): Promise<void> {
  const approver = ctx.usersByRole.get('hospital.lab_approver');
  for (let i = 0; i < size.labs; i++) {
    const own = i < 2 && patients[0].user;
    const status = own ? (i === 0 ? 'approved' : 'completed') : pick(r, ['draft', 'completed', 'approved', 'approved', 'approved', 'rejected']);
    const done = Date.now() - Math.floor(r() * 30) * DAY_MS;
    await ctx.records.create(LAB_TEST, {
      patient: own ? patients[0].id : pick(r, patients).id,
      ordered_by: own ? doctors[0].id : pick(r, doctors).id,
      test: pick(r, TESTS),
      results: status === 'draft' ? null : `Within reference range (sample ${1000 + i}).`,
      status,
      approved_by: status === 'approved' ? approver?.id ?? null : null,
      approved_at: status === 'approved' ? iso(done) : null,
    });
  }
}

/**
 * Discharged stays in the past (their beds freed, bed charges on a paid
 * invoice), in-patients in distinct beds (bed charges up to yesterday on an
 * open invoice) and discharges ordered by the demo doctor, waiting for
 * nursing and billing clearance in the approvals inbox.
 */
async function seedAdmissions(ctx: SeedContext, size: Sizes, r: () => number, doctors: RecordData[], wards: RecordData[], beds: RecordData[], patients: RecordData[]): Promise<void> {
  const { records } = ctx;
  const rates = new Map(wards.map((w) => [w.id, Number(w.daily_rate)]));
  const active = Math.max(1, Math.round(size.admissions * 0.4));
  const ordered = Math.max(1, Math.round(size.admissions * 0.12));
  const discharged = size.admissions - active - ordered;
  const doctorUser = ctx.usersByRole.get('hospital.doctor');
  for (let i = 0; i < size.admissions; i++) {
    const kind = i < discharged ? 'discharged' : i < discharged + active ? 'admitted' : 'ordered';
    const patient = patients[patients.length - 1 - i]; // distinct patients: one active admission each
    const bed = beds[i % beds.length];
    const doctor = kind === 'ordered' ? doctors[0] : pick(r, doctors);
    const nights = 2 + Math.floor(r() * 6);
    const from = kind === 'discharged' ? midnight(-25 + i) + 14 * HOUR_MS : midnight(-nights) + 14 * HOUR_MS;
    const to = kind === 'discharged' ? from + nights * DAY_MS - 4 * HOUR_MS : null;
    const adm = await records.create(ADMISSION, { patient: patient.id, primary_practitioner: doctor.id, ward: bed.ward, reason: pick(r, DIAGNOSES), admitted_at: iso(from), status: 'admitted' });
    await records.create(OCCUPANCY, { admission: adm.id, bed: bed.id, occupied_from: iso(from), occupied_to: to === null ? null : iso(to) });
    const invoice = await records.create(INVOICE, { patient: patient.id, admission: adm.id, date: dayOf(new Date(from)) });
    for (let t = midnight(0) - Math.ceil((midnight(0) - from) / DAY_MS) * DAY_MS; t < (to ?? midnight(0)); t += DAY_MS) {
      if (t + DAY_MS <= from) continue;
      await line(records, invoice.id, { kind: 'bed_charge', bed: bed.id, date: dayOf(new Date(t)), amount: rates.get(String(bed.ward)) ?? 0, description: `Bed ${String(bed.code)}, ${dayOf(new Date(t))}` });
    }
    if (kind === 'discharged') {
      await records.update(ADMISSION, adm.id, { status: 'discharged', discharge_summary: 'Recovered; follow-up in two weeks.' });
      await records.update(INVOICE, invoice.id, { status: 'paid' });
    } else if (kind === 'ordered' && doctorUser) {
      // The doctor orders it as people do: the clearance request opens for the nurse and the receptionist.
      await (await workflows(await ctx.as(doctorUser))).run(ADMISSION, adm.id, 'order_discharge');
    }
    if (kind !== 'discharged') {
      await records.create('hospital.vital_sign', { patient: patient.id, taken_at: iso(Date.now() - 2 * HOUR_MS), temperature: 37.1, pulse: 78, bp_systolic: 128, bp_diastolic: 82, weight: 71.5 });
    }
  }
}
