/**
 * The documents UMS prints and the data each one needs. The data types are
 * plain interfaces, independent of any module's tables: a module's
 * `documentAction` builds them from its records, the templates only lay them
 * out.
 */
import { CLINICAL_KINDS, type ClinicalDataMap } from './clinical.js';
import { STOCK_KINDS, type StockDataMap } from './stock.js';

/** A money amount; the document's `currency` (an ISO code such as "INR") is printed in front. */
export type Amount = number;

export interface AmountLine {
  label: string;
  amount: Amount;
}

export interface FeeReceiptData {
  student: { name: string; rollNumber?: string; program?: string };
  /** What was paid for (tuition, hostel, …); the total is their sum. */
  items: AmountLine[];
  /** ISO date or date-time of the payment. */
  paidOn: string;
  method?: string;
  /** The payment's own reference (bank or gateway transaction id). */
  reference?: string;
  currency?: string;
  notes?: string;
}

export interface FineReceiptData {
  member: { name: string; cardNumber?: string };
  loanCode: string;
  bookTitle: string;
  issuedAt?: string;
  dueAt?: string;
  returnedAt?: string;
  daysLate?: number;
  amount: Amount;
  currency?: string;
}

export interface PayslipData {
  employee: { name: string; code?: string; designation?: string; department?: string };
  /** The pay period as shown, e.g. "2026-10" or "October 2026". */
  period: string;
  earnings: AmountLine[];
  deductions: AmountLine[];
  paidOn?: string;
  currency?: string;
}

export interface ReportCardLine {
  /** An assessment, or a course when the card covers a whole term. */
  label: string;
  score?: number | string;
  maxScore?: number;
  grade?: string;
  remarks?: string;
}

export interface ReportCardData {
  student: { name: string; rollNumber?: string; program?: string };
  course: { name: string; code?: string; term?: string; instructor?: string };
  lines: ReportCardLine[];
  attendance?: { attended: number; total: number };
  overall?: { score?: number | string; grade?: string; result?: string };
  remarks?: string;
}

/** A hotel stay as the hotel's three documents print it (dates are ISO days). */
export interface StayData {
  guest: { name: string; email?: string; phone?: string; nationality?: string; idDocument?: string };
  reservation: string;
  roomType?: string;
  room?: string;
  checkIn: string;
  checkOut: string;
  nights?: number;
  adults?: number;
  rate?: Amount;
  amount?: Amount;
  currency?: string;
}

export interface StayConfirmationData extends StayData {
  channel?: string;
  notes?: string;
}

/** A line of a folio: charges positive, payments and discounts negative. */
export interface FolioLineData {
  date: string;
  description: string;
  amount: Amount;
}

export interface FolioData extends StayData {
  lines: FolioLineData[];
  status?: string;
}

/** A project's status on one day: counts per state group, and the items that need attention. */
export interface ProjectStatusData {
  project: { key: string; name: string; status?: string };
  /** Counts per state group, in board order (Backlog, Unstarted, Started, Completed, Cancelled). */
  groups: { label: string; count: number }[];
  completedThisWeek?: number;
  hours?: { logged: number; estimate: number };
  /** Open items past due or blocked by an open item. */
  attention: { number: string; title: string; state: string; due?: string; why: string }[];
  cycle?: { name: string; start: string; end: string };
}

/** One person's time for one ISO week (Monday first). */
export interface TimesheetData {
  person: { name: string; email?: string };
  weekStart: string;
  lines: { date: string; item: string; hours: number; billable?: boolean; status: string }[];
  approvedBy?: string;
}

/** A gym membership card: the QR code carries the member code, which the front desk scans at check-in. */
export interface MembershipCardData {
  member: { name: string; code: string };
  membership: string;
  plan?: string;
  validFrom: string;
  validTo?: string;
  status?: string;
}

/** An invoice to a person (a gym member, a patient): its lines add up to the total. */
export interface InvoiceData {
  billTo: { name: string; code?: string; email?: string };
  invoice: string;
  date: string;
  lines: AmountLine[];
  status?: string;
  currency?: string;
  notes?: string;
}

/** A leave letter: the approved leave as the employee can show it. */
export interface LeaveLetterData {
  employee: { name: string; code?: string; department?: string };
  application: string;
  leaveType: string;
  from: string;
  to: string;
  days: number;
  halfDay?: string;
  approvedBy?: string;
  reason?: string;
}

export interface DocumentDataMap extends ClinicalDataMap, StockDataMap {
  fee_receipt: FeeReceiptData;
  fine_receipt: FineReceiptData;
  payslip: PayslipData;
  report_card: ReportCardData;
  stay_confirmation: StayConfirmationData;
  registration_card: StayData;
  folio: FolioData;
  project_status: ProjectStatusData;
  weekly_timesheet: TimesheetData;
  membership_card: MembershipCardData;
  invoice: InvoiceData;
  leave_letter: LeaveLetterData;
}

export type DocumentKind = keyof DocumentDataMap;

/** Title printed on the document, and the prefix of its number (`FR-2026-000123`). */
export const DOCUMENT_KINDS: Record<DocumentKind, { title: string; prefix: string }> = {
  fee_receipt: { title: 'Fee receipt', prefix: 'FR' },
  fine_receipt: { title: 'Fine receipt', prefix: 'FN' },
  payslip: { title: 'Payslip', prefix: 'PS' },
  report_card: { title: 'Report card', prefix: 'RC' },
  stay_confirmation: { title: 'Reservation confirmation', prefix: 'CF' },
  registration_card: { title: 'Registration card', prefix: 'RG' },
  folio: { title: 'Folio', prefix: 'FO' },
  project_status: { title: 'Project status report', prefix: 'PR' },
  weekly_timesheet: { title: 'Weekly timesheet', prefix: 'TS' },
  membership_card: { title: 'Membership card', prefix: 'MC' },
  invoice: { title: 'Invoice', prefix: 'IN' },
  ...CLINICAL_KINDS,
  ...STOCK_KINDS,
  leave_letter: { title: 'Leave letter', prefix: 'LL' },
};

export const isDocumentKind = (value: string): value is DocumentKind => Object.hasOwn(DOCUMENT_KINDS, value);

/** What every document prints besides its own data. */
export interface DocumentInput<K extends DocumentKind = DocumentKind> {
  organization: { name: string };
  /** The reader's language (labels, dates, amounts); English when left out. */
  language?: 'en' | 'bn';
  number: string;
  issuedAt: Date;
  data: DocumentDataMap[K];
}
