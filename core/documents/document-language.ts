/**
 * The language a document is printed in: the viewer's (the user who prints it: their own choice, else the
 * organization's, else English). The layouts (pdf.ts, clinical.ts, stock.ts) keep naming their labels in
 * English; the shared helpers (header, details, table, total) look each one up here, so a label missing
 * from the Bengali list prints in English rather than not at all. Dates and amounts follow the language
 * too: Bengali digits (bn-BD), as the dashboard shows them.
 */
import type { EntityManager } from 'typeorm';
import { LANGUAGES } from '../manifest/languages.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';

export type DocumentLanguage = (typeof LANGUAGES)[number];

/** Bengali for the document titles and the labels the layouts print. */
const BN: Record<string, string> = {
  // Titles of the kinds
  'Fee receipt': 'ফি রসিদ',
  'Fine receipt': 'জরিমানার রসিদ',
  Payslip: 'বেতন বিবরণী',
  'Report card': 'রিপোর্ট কার্ড',
  'Reservation confirmation': 'বুকিং নিশ্চিতকরণ',
  'Registration card': 'নিবন্ধন কার্ড',
  Folio: 'ফোলিও',
  'Project status report': 'প্রকল্পের অবস্থা প্রতিবেদন',
  'Weekly timesheet': 'সাপ্তাহিক টাইমশিট',
  'Membership card': 'সদস্য কার্ড',
  Invoice: 'চালান',
  'Leave letter': 'ছুটির পত্র',
  Prescription: 'ব্যবস্থাপত্র',
  'Lab report': 'ল্যাব রিপোর্ট',
  'Discharge summary': 'ছাড়পত্রের সারসংক্ষেপ',
  'Purchase order': 'ক্রয় আদেশ',
  'Goods receipt': 'পণ্য গ্রহণের রসিদ',
  'Transfer note': 'স্থানান্তর নোট',
  'Stock valuation report': 'মজুদ মূল্যায়ন প্রতিবেদন',
  // The header and footer
  'No.': 'নং',
  Issued: 'ইস্যুর তারিখ',
  // Labels
  Student: 'শিক্ষার্থী',
  'Roll number': 'রোল নম্বর',
  Program: 'প্রোগ্রাম',
  'Paid on': 'পরিশোধের তারিখ',
  'Payment method': 'পরিশোধের পদ্ধতি',
  'Payment reference': 'পরিশোধের রেফারেন্স',
  Item: 'বিষয়',
  Amount: 'পরিমাণ',
  'Total paid': 'মোট পরিশোধ',
  Member: 'সদস্য',
  'Card number': 'কার্ড নম্বর',
  Loan: 'ধার',
  Book: 'বই',
  Due: 'শেষ তারিখ',
  Returned: 'ফেরতের তারিখ',
  'Days late': 'দেরির দিন',
  Fine: 'জরিমানা',
  Employee: 'কর্মী',
  'Employee code': 'কর্মী কোড',
  Designation: 'পদবি',
  Department: 'বিভাগ',
  'Pay period': 'বেতনের সময়কাল',
  Component: 'অংশ',
  Earnings: 'আয়',
  'Gross earnings': 'মোট আয়',
  Deductions: 'কর্তন',
  'Total deductions': 'মোট কর্তন',
  'Net pay': 'নিট বেতন',
  Course: 'কোর্স',
  Term: 'টার্ম',
  Instructor: 'শিক্ষক',
  Attendance: 'উপস্থিতি',
  Assessment: 'মূল্যায়ন',
  Score: 'নম্বর',
  Grade: 'গ্রেড',
  Remarks: 'মন্তব্য',
  Overall: 'সামগ্রিক',
  Application: 'আবেদন',
  'Leave type': 'ছুটির ধরন',
  From: 'থেকে',
  To: 'পর্যন্ত',
  'Half day': 'অর্ধদিবস',
  'Approved by': 'অনুমোদনকারী',
  'Working days of leave': 'ছুটির কর্মদিবস',
  'Bill to': 'প্রাপক',
  'E-mail': 'ই-মেইল',
  Date: 'তারিখ',
  Status: 'অবস্থা',
  Description: 'বিবরণ',
  Total: 'মোট',
};

const DICTIONARIES: Record<DocumentLanguage, Record<string, string>> = { en: {}, bn: BN };

export const isDocumentLanguage = (value: unknown): value is DocumentLanguage => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** A label in `language`, else as written (English). */
export const labelIn = (label: string, language: DocumentLanguage): string => DICTIONARIES[language][label] ?? label;

/** The `Intl` locale for dates and numbers: bn-BD prints Bengali digits. */
export const intlLocaleFor = (language: DocumentLanguage): string => (language === 'bn' ? 'bn-BD' : 'en');

/** The organization's name and the language of the user who prints (theirs, else the organization's; none for a job). */
export async function printingContext(manager: EntityManager, organizationId: string, userId: string | null): Promise<{ name: string; language: DocumentLanguage } | undefined> {
  const rows: { name: string; language: string | null }[] = await manager.query(
    `SELECT o.name, coalesce(u.language, o.language) AS language
       FROM ${ORGANIZATION_TABLE} o LEFT JOIN core_user u ON u.id = $2 AND u.organization_id = o.id
      WHERE o.id = $1`,
    [organizationId, userId],
  );
  const row = rows[0];
  return row && { name: row.name, language: isDocumentLanguage(row.language) ? row.language : 'en' };
}
