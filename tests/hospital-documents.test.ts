/**
 * The hospital's documents, printed as the record actions they are and read
 * back as text: a prescription lists the encounter's drugs with the patient's
 * allergies; the lab report prints approved results only (never a completed,
 * rejected or draft one); the discharge summary names the beds and dates; the
 * invoice lists its lines and total. A patient prints their own lab report and
 * issued invoice and nobody else's; a nurse prints none of them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { printDocumentFor } from '../core/documents/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { errorOf } from './support/errors.js';
import { pdfText } from './support/files.js';
import { createHospitalWorld, type HospitalRole, type HospitalWorld } from './support/hospital.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let w: HospitalWorld;
const actor = (role: HospitalRole) => w.org.users.get(role)!.actor;

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createHospitalWorld(runtime);
  await w.system.update('hospital.lab_test', w.labs.approved.id, { results: 'Hb 14.1 g/dL (approved)' });
  await w.system.update('hospital.lab_test', w.labs.rejected.id, { results: 'Haemolysed sample' });
}, 60_000);
afterAll(() => runtime?.dispose());

describe('hospital documents', () => {
  it('the prescription prints the patient with allergies, the prescriber and each drug with dose, frequency and days', async () => {
    const doctor = await w.as('hospital.doctor');
    const enc = await doctor.create('hospital.encounter', { patient: w.patients.pat.id, practitioner: w.doctors.ada.id, appointment: w.appointments.patWithAda.id, seen_at: new Date().toISOString(), diagnosis: 'Stable angina' });
    await doctor.create('hospital.prescription_line', { encounter: enc.id, drug: 'Aspirin', dose: '75 mg', frequency: 'once a day', days: 30 });
    const printed = await printDocumentFor(runtime, actor('hospital.doctor'), 'hospital.encounter', enc.id, 'print_prescription');
    const text = await pdfText(printed.content);
    for (const part of ['Prescription', 'Pat Patient', String(w.patients.pat.mrn), 'Penicillin', 'Dr Ada Obi', 'Cardiology', 'Stable angina', 'Aspirin', '75 mg', 'once a day', '30']) expect(text).toContain(part);
  });

  it('the lab report prints approved results only', async () => {
    const text = await pdfText((await printDocumentFor(runtime, actor('hospital.lab_approver'), 'hospital.patient', w.patients.pat.id, 'lab_report')).content);
    expect(text).toContain('Hb 14.1 g/dL (approved)');
    expect(text).toContain(String(w.labs.approved.number));
    for (const hidden of [w.labs.completed, w.labs.rejected, w.labs.draft]) expect(text).not.toContain(String(hidden.number));
    expect(text).not.toContain('Haemolysed');
  });

  it('the discharge summary names the admission, the practitioner, the bed and the dates', async () => {
    const adm = w.admissions.quinnNorth;
    await w.system.create('hospital.bed_occupancy', { admission: adm.id, bed: w.beds.n1.id, occupied_from: new Date(Date.now() - 86_400_000).toISOString() });
    await w.system.update('hospital.admission', adm.id, { discharge_summary: 'Recovered well; review in 2 weeks.' });
    await (await WorkflowEngine.for(await w.as('hospital.doctor'))).run('hospital.admission', adm.id, 'order_discharge');
    const text = await pdfText((await printDocumentFor(runtime, actor('hospital.doctor'), 'hospital.admission', adm.id, 'discharge_summary')).content);
    for (const part of ['Discharge summary', 'Quinn Admitted', String(adm.number), 'Dr Ada Obi', 'North ward', 'N-01', 'discharge ordered', 'Recovered well']) expect(text).toContain(part);
  });

  it('the invoice lists its lines and the total', async () => {
    const desk = await w.as('hospital.receptionist');
    await desk.create('hospital.invoice_line', { invoice: w.invoices.issued.id, kind: 'consultation', description: 'Consultation, Dr Ada Obi', date: String(w.invoices.issued.date), amount: 80 });
    await desk.create('hospital.invoice_line', { invoice: w.invoices.issued.id, kind: 'lab', description: 'Complete blood count', date: String(w.invoices.issued.date), amount: 25.5 });
    const text = await pdfText((await printDocumentFor(runtime, actor('hospital.patient'), 'hospital.invoice', w.invoices.issued.id, 'print_invoice')).content);
    for (const part of ['Invoice', String(w.invoices.issued.number), 'Consultation, Dr Ada Obi', 'Complete blood count']) expect(text).toContain(part);
    expect(text).toMatch(/Total\s*105\.50/);
  });

  it('a patient prints only their own; a nurse prints none of them', async () => {
    await expect(printDocumentFor(runtime, actor('hospital.patient'), 'hospital.patient', w.patients.pat.id, 'lab_report')).resolves.toBeDefined();
    expect((await errorOf(printDocumentFor(runtime, actor('hospital.patient'), 'hospital.patient', w.patients.sam.id, 'lab_report'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('hospital.patient'), 'hospital.invoice', w.invoices.open.id, 'print_invoice'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('hospital.nurse'), 'hospital.patient', w.patients.pat.id, 'lab_report'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await errorOf(printDocumentFor(runtime, actor('hospital.nurse'), 'hospital.invoice', w.invoices.issued.id, 'print_invoice'))).code).toMatch(/NOT_FOUND|FORBIDDEN/);
  });
});
