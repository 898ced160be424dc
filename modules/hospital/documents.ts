/**
 * The hospital's documents, each read as the printing user (what they may not
 * see stays off the paper): a prescription per encounter, a patient's lab
 * report with approved results only, an admission's discharge summary and an
 * invoice. Each is offered to whoever may run its action.
 */
import { documentAction, type PatientHeading, type RecordData, type Records } from '../../core/sdk.js';
import { LAB_TEST, LINE, OCCUPANCY, PATIENT } from './care.js';

const text = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

async function all(records: Records, key: string, filters: { field: string; op: 'eq'; value: unknown }[], sort?: { field: string; direction: 'asc' | 'desc' }): Promise<RecordData[]> {
  const out: RecordData[] = [];
  for await (const page of records.findPages(key, { filters, sort })) out.push(...page);
  return out;
}

async function patientOf(records: Records, id: unknown): Promise<PatientHeading> {
  const [p] = await records.getMany(PATIENT, [String(id)]);
  return { name: text(p?.name) ?? '', mrn: text(p?.mrn) ?? '', age: p?.age === null || p?.age === undefined ? undefined : Number(p.age), sex: text(p?.sex), bloodGroup: text(p?.blood_group), allergies: text(p?.allergies) };
}

const nameOf = async (records: Records, key: string, id: unknown): Promise<string | undefined> => (id ? text((await records.getMany(key, [String(id)]))[0]?.name) : undefined);

export const prescription = documentAction({
  name: 'print_prescription',
  entity: 'encounter',
  label: 'Prescription',
  translations: { bn: { label: 'ব্যবস্থাপত্র' } },
  kind: 'prescription',
  icon: 'FileText',
  async build(ctx, enc) {
    const [doctor] = await ctx.records.getMany('hospital.practitioner', [String(enc.practitioner)]);
    const lines = await all(ctx.records, 'hospital.prescription_line', [{ field: 'encounter', op: 'eq', value: enc.id }], { field: 'created_at', direction: 'asc' });
    return {
      patient: await patientOf(ctx.records, enc.patient),
      practitioner: { name: text(doctor?.name) ?? '', department: await nameOf(ctx.records, 'hospital.department', doctor?.department) },
      encounter: String(enc.number),
      seenAt: String(enc.seen_at),
      diagnosis: text(enc.diagnosis),
      lines: lines.map((l) => ({ drug: String(l.drug), dose: String(l.dose), frequency: String(l.frequency), days: Number(l.days) })),
    };
  },
});

export const labReport = documentAction({
  name: 'lab_report',
  entity: 'patient',
  label: 'Lab report',
  translations: { bn: { label: 'ল্যাব রিপোর্ট' } },
  kind: 'lab_report',
  icon: 'FileText',
  async build(ctx, patient) {
    const tests = await all(ctx.records, LAB_TEST, [{ field: 'patient', op: 'eq', value: patient.id }, { field: 'status', op: 'eq', value: 'approved' }], { field: 'created_at', direction: 'asc' });
    const results = [];
    for (const t of tests) results.push({ number: String(t.number), test: String(t.test), results: text(t.results) ?? '', approvedAt: text(t.approved_at), orderedBy: await nameOf(ctx.records, 'hospital.practitioner', t.ordered_by) });
    return { patient: await patientOf(ctx.records, patient.id), results };
  },
});

export const dischargeSummary = documentAction({
  name: 'discharge_summary',
  entity: 'admission',
  label: 'Discharge summary',
  translations: { bn: { label: 'ছাড়পত্রের সারসংক্ষেপ' } },
  kind: 'discharge_summary',
  icon: 'FileText',
  isAvailable: (adm) => ['discharge_ordered', 'discharged'].includes(String(adm.status)),
  async build(ctx, adm) {
    const stays = await all(ctx.records, OCCUPANCY, [{ field: 'admission', op: 'eq', value: adm.id }], { field: 'occupied_from', direction: 'asc' });
    const beds = await ctx.records.getMany('hospital.bed', stays.map((s) => String(s.bed)));
    return {
      patient: await patientOf(ctx.records, adm.patient),
      admission: String(adm.number),
      practitioner: (await nameOf(ctx.records, 'hospital.practitioner', adm.primary_practitioner)) ?? '',
      ward: await nameOf(ctx.records, 'hospital.ward', adm.ward),
      beds: beds.map((b) => String(b.code)),
      admittedAt: text(adm.admitted_at),
      dischargedAt: text(adm.discharged_at),
      reason: text(adm.reason),
      summary: text(adm.discharge_summary),
      status: String(adm.status).replace(/_/g, ' '),
    };
  },
});

export const invoiceDocument = documentAction({
  name: 'print_invoice',
  entity: 'invoice',
  label: 'Print invoice',
  translations: { bn: { label: 'বিল প্রিন্ট করুন' } },
  kind: 'patient_invoice',
  icon: 'FileText',
  async build(ctx, invoice) {
    const lines = await all(ctx.records, LINE, [{ field: 'invoice', op: 'eq', value: invoice.id }], { field: 'date', direction: 'asc' });
    return {
      patient: await patientOf(ctx.records, invoice.patient),
      invoice: String(invoice.number),
      date: String(invoice.date),
      status: String(invoice.status),
      lines: lines.map((l) => ({ date: String(l.date), description: String(l.description), amount: Number(l.amount) })),
    };
  },
});

export const hospitalDocuments = [prescription, labReport, dischargeSummary, invoiceDocument];
