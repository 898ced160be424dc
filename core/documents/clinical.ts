/**
 * A hospital's documents: the data each needs and its layout. Kept apart from
 * kinds.ts and pdf.ts (which register them) so those stay short; the layouts
 * get pdf.ts's drawing helpers passed in rather than importing them (no cycle).
 */
export interface PatientHeading {
  name: string;
  mrn: string;
  age?: number;
  sex?: string;
  bloodGroup?: string;
  allergies?: string;
}

export interface PrescriptionData {
  patient: PatientHeading;
  practitioner: { name: string; department?: string };
  encounter: string;
  /** ISO date-time of the encounter. */
  seenAt: string;
  diagnosis?: string;
  lines: { drug: string; dose: string; frequency: string; days: number }[];
}

/** Approved results only: the builder filters, the layout says so. */
export interface LabReportData {
  patient: PatientHeading;
  results: { number: string; test: string; results: string; approvedAt?: string; orderedBy?: string }[];
}

export interface DischargeSummaryData {
  patient: PatientHeading;
  admission: string;
  practitioner: string;
  ward?: string;
  beds: string[];
  admittedAt?: string;
  dischargedAt?: string;
  reason?: string;
  summary?: string;
  status: string;
}

export interface PatientInvoiceData {
  patient: PatientHeading;
  invoice: string;
  date: string;
  status: string;
  lines: { date: string; description: string; amount: number }[];
  currency?: string;
}

export interface ClinicalDataMap {
  prescription: PrescriptionData;
  lab_report: LabReportData;
  discharge_summary: DischargeSummaryData;
  patient_invoice: PatientInvoiceData;
}

export const CLINICAL_KINDS: Record<keyof ClinicalDataMap, { title: string; prefix: string }> = {
  prescription: { title: 'Prescription', prefix: 'RX' },
  lab_report: { title: 'Lab report', prefix: 'LR' },
  discharge_summary: { title: 'Discharge summary', prefix: 'DS' },
  patient_invoice: { title: 'Invoice', prefix: 'PI' },
};

type Doc = PDFKit.PDFDocument;
type Pair = [string, string | number | undefined | null];
export interface DrawingHelpers {
  details(doc: Doc, pairs: Pair[]): void;
  table(doc: Doc, columns: { header: string; share: number; align?: 'left' | 'right' | 'center' }[], rows: string[][], options?: { heading?: string }): void;
  total(doc: Doc, label: string, value: string): void;
  note(doc: Doc, text: string | undefined): void;
  formatDate(value: string | undefined): string;
  formatAmount(amount: number, currency?: string): string;
}

const patientPairs = (p: PatientHeading): Pair[] => [
  ['Patient', p.name],
  ['MRN', p.mrn],
  ['Age', p.age],
  ['Sex', p.sex],
  ['Blood group', p.bloodGroup],
  ['Allergies', p.allergies ?? 'None known'],
];

export function clinicalLayouts(h: DrawingHelpers): { [K in keyof ClinicalDataMap]: (doc: Doc, data: ClinicalDataMap[K]) => void } {
  return {
    prescription(doc, d) {
      h.details(doc, [...patientPairs(d.patient), ['Prescriber', d.practitioner.name], ['Department', d.practitioner.department], ['Encounter', d.encounter], ['Date', h.formatDate(d.seenAt)], ['Diagnosis', d.diagnosis]]);
      h.table(doc, [{ header: 'Drug', share: 0.34 }, { header: 'Dose', share: 0.18 }, { header: 'Frequency', share: 0.34 }, { header: 'Days', share: 0.14, align: 'right' }], d.lines.map((l) => [l.drug, l.dose, l.frequency, String(l.days)]));
      h.note(doc, 'Prescriber signature: ______________________');
    },
    lab_report(doc, d) {
      h.details(doc, patientPairs(d.patient));
      h.table(doc, [{ header: 'Test', share: 0.3 }, { header: 'Result', share: 0.45 }, { header: 'Approved', share: 0.25 }], d.results.map((r) => [`${r.number} ${r.test}`, r.results, h.formatDate(r.approvedAt)]), { heading: 'Approved results' });
      h.note(doc, d.results.length ? 'Only results approved by the laboratory are printed.' : 'No approved results yet.');
    },
    discharge_summary(doc, d) {
      h.details(doc, [...patientPairs(d.patient), ['Admission', d.admission], ['Primary practitioner', d.practitioner], ['Ward', d.ward], ['Bed', d.beds.join(', ')], ['Admitted', h.formatDate(d.admittedAt)], ['Discharged', h.formatDate(d.dischargedAt)], ['Status', d.status], ['Reason for admission', d.reason]]);
      h.note(doc, d.summary);
    },
    patient_invoice(doc, d) {
      h.details(doc, [...patientPairs(d.patient).slice(0, 2), ['Invoice', d.invoice], ['Date', h.formatDate(d.date)], ['Status', d.status]]);
      h.table(doc, [{ header: 'Date', share: 0.2 }, { header: 'Description', share: 0.55 }, { header: 'Amount', share: 0.25, align: 'right' }], d.lines.map((l) => [h.formatDate(l.date), l.description, h.formatAmount(l.amount, d.currency)]));
      h.total(doc, 'Total', h.formatAmount(Math.round(d.lines.reduce((s, l) => s + (Number(l.amount) || 0), 0) * 100) / 100, d.currency));
    },
  };
}
