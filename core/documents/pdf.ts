/**
 * The templates: one layout per document kind on pdfkit, sharing a header
 * (organization, title, number, date), label/value blocks and simple tables.
 * The layouts name PDF's built-in Helvetica styles; embedUnicodeFonts (fonts.ts) turns them into
 * Noto Sans and Noto Sans Bengali, embedded and chosen per run of text, so Bengali, Cyrillic and
 * accented names print.
 * pdfkit (with fontkit and a brotli decoder, about 1 MB of source kept by V8) is imported on the first
 * document, not at start.
 */
import { drawQrCode } from './qr.js';
import { clinicalLayouts } from './clinical.js';
import { stockLayouts } from './stock.js';
import { embedUnicodeFonts } from './fonts.js';
import { intlLocaleFor, labelIn, type DocumentLanguage } from './document-language.js';
import { DOCUMENT_KINDS, type AmountLine, type DocumentDataMap, type DocumentInput, type DocumentKind, type StayData } from './kinds.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 50;
const GREY = '#555555';
/**
 * The language of the document being laid out. pdfkit lays out text synchronously, so renderDocument sets
 * it for the duration of one document's layout (no await in between) and the shared helpers read it:
 * the layouts keep passing English labels and plain values.
 */
let language: DocumentLanguage = 'en';
const amountFormats: Record<DocumentLanguage, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  bn: new Intl.NumberFormat(intlLocaleFor('bn'), { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};
const t = (label: string): string => labelIn(label, language);

export const formatAmount = (amount: number, currency?: string): string => `${currency ? `${currency} ` : ''}${amountFormats[language].format(Number(amount) || 0)}`;

/** ISO dates print as YYYY-MM-DD (in Bengali: ৩ ডিসেম্বর, ২০২৬); date-times add the UTC time. */
function formatDate(value: string | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const iso = date.toISOString();
  const dateOnly = /T00:00:00(\.000)?Z$/.test(iso) || /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (language !== 'en') {
    const options: Intl.DateTimeFormatOptions = dateOnly ? { dateStyle: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' };
    return `${new Intl.DateTimeFormat(intlLocaleFor(language), options).format(date)}${dateOnly ? '' : ' UTC'}`;
  }
  return dateOnly ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const contentWidth = (doc: Doc): number => doc.page.width - MARGIN * 2;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

function header(doc: Doc, kind: DocumentKind, input: DocumentInput): void {
  const width = contentWidth(doc);
  doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text(input.organization.name, MARGIN, MARGIN, { width: width * 0.6 });
  const titleBottom = doc.y;
  doc.font('Helvetica-Bold').fontSize(14).text(t(DOCUMENT_KINDS[kind].title), MARGIN + width * 0.6, MARGIN, { width: width * 0.4, align: 'right' });
  doc.font('Helvetica').fontSize(10).fillColor(GREY);
  doc.text(`${t('No.')} ${input.number}`, MARGIN + width * 0.6, doc.y + 4, { width: width * 0.4, align: 'right' });
  doc.text(`${t('Issued')} ${formatDate(input.issuedAt.toISOString())}`, MARGIN + width * 0.6, doc.y, { width: width * 0.4, align: 'right' });
  doc.y = Math.max(doc.y, titleBottom) + 12;
  doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(1).strokeColor('#999999').stroke();
  doc.y += 14;
  doc.fillColor('black');
}

/** Label/value pairs in two columns; empty values are left out. */
function details(doc: Doc, pairs: [string, string | number | undefined | null][]): void {
  const width = contentWidth(doc);
  const labelWidth = Math.min(150, width * 0.35);
  for (const [label, value] of pairs) {
    if (value === undefined || value === null || value === '') continue;
    const text = String(value);
    doc.font('Helvetica').fontSize(10);
    const height = Math.max(doc.heightOfString(text, { width: width - labelWidth }), 12);
    ensureSpace(doc, height + 4);
    const y = doc.y;
    doc.fillColor(GREY).text(t(label), MARGIN, y, { width: labelWidth });
    doc.fillColor('black').text(text, MARGIN + labelWidth, y, { width: width - labelWidth });
    doc.y = y + height + 4;
  }
  doc.y += 8;
}

interface Column {
  header: string;
  /** Share of the content width. */
  share: number;
  align?: 'left' | 'right' | 'center';
}

function table(doc: Doc, columns: Column[], rows: string[][], options: { heading?: string } = {}): void {
  const width = contentWidth(doc);
  const widths = columns.map((c) => c.share * width);
  const drawRow = (cells: string[], bold: boolean): void => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i] - 6 })), 12);
    ensureSpace(doc, height + 6);
    const y = doc.y;
    let x = MARGIN;
    cells.forEach((cell, i) => {
      doc.text(cell, x + 3, y + 3, { width: widths[i] - 6, align: columns[i].align ?? 'left' });
      x += widths[i];
    });
    doc.y = y + height + 6;
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.5).strokeColor('#cccccc').stroke();
  };
  if (options.heading) {
    ensureSpace(doc, 40);
    doc.font('Helvetica-Bold').fontSize(11).fillColor('black').text(t(options.heading), MARGIN, doc.y);
    doc.y += 4;
  }
  drawRow(columns.map((c) => t(c.header)), true);
  for (const row of rows) drawRow(row, false);
  doc.y += 10;
}

function total(doc: Doc, label: string, value: string): void {
  const width = contentWidth(doc);
  ensureSpace(doc, 24);
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(12).fillColor('black');
  doc.text(t(label), MARGIN, y, { width: width * 0.6 });
  doc.text(value, MARGIN + width * 0.6, y, { width: width * 0.4, align: 'right' });
  doc.y = y + 22;
}

function note(doc: Doc, text: string | undefined): void {
  if (!text) return;
  ensureSpace(doc, 30);
  doc.font('Helvetica-Oblique').fontSize(10).fillColor(GREY).text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor('black');
  doc.y += 8;
}

const amountRows = (lines: AmountLine[], currency?: string): string[][] => lines.map((l) => [l.label, formatAmount(l.amount, currency)]);
const sum = (lines: AmountLine[]): number => Math.round(lines.reduce((s, l) => s + (Number(l.amount) || 0), 0) * 100) / 100;

const stayDetails = (d: StayData): [string, string | number | undefined][] => [
  ['Guest', d.guest.name],
  ['Reservation', d.reservation],
  ['Room type', d.roomType],
  ['Room', d.room],
  ['Arrival', formatDate(d.checkIn)],
  ['Departure', formatDate(d.checkOut)],
  ['Nights', d.nights],
  ['Adults', d.adults],
];

const layouts: { [K in DocumentKind]: (doc: Doc, data: DocumentDataMap[K]) => void } = {
  fee_receipt(doc, d) {
    details(doc, [
      ['Student', d.student.name],
      ['Roll number', d.student.rollNumber],
      ['Program', d.student.program],
      ['Paid on', formatDate(d.paidOn)],
      ['Payment method', d.method],
      ['Payment reference', d.reference],
    ]);
    table(doc, [{ header: 'Item', share: 0.7 }, { header: 'Amount', share: 0.3, align: 'right' }], amountRows(d.items, d.currency));
    total(doc, 'Total paid', formatAmount(sum(d.items), d.currency));
    note(doc, d.notes);
  },
  fine_receipt(doc, d) {
    details(doc, [
      ['Member', d.member.name],
      ['Card number', d.member.cardNumber],
      ['Loan', d.loanCode],
      ['Book', d.bookTitle],
      ['Issued', formatDate(d.issuedAt)],
      ['Due', formatDate(d.dueAt)],
      ['Returned', formatDate(d.returnedAt)],
      ['Days late', d.daysLate],
    ]);
    total(doc, 'Fine', formatAmount(d.amount, d.currency));
  },
  payslip(doc, d) {
    details(doc, [
      ['Employee', d.employee.name],
      ['Employee code', d.employee.code],
      ['Designation', d.employee.designation],
      ['Department', d.employee.department],
      ['Pay period', d.period],
      ['Paid on', formatDate(d.paidOn)],
    ]);
    const columns: Column[] = [{ header: 'Component', share: 0.7 }, { header: 'Amount', share: 0.3, align: 'right' }];
    table(doc, columns, amountRows(d.earnings, d.currency), { heading: 'Earnings' });
    total(doc, 'Gross earnings', formatAmount(sum(d.earnings), d.currency));
    table(doc, columns, amountRows(d.deductions, d.currency), { heading: 'Deductions' });
    total(doc, 'Total deductions', formatAmount(sum(d.deductions), d.currency));
    total(doc, 'Net pay', formatAmount(sum(d.earnings) - sum(d.deductions), d.currency));
  },
  report_card(doc, d) {
    details(doc, [
      ['Student', d.student.name],
      ['Roll number', d.student.rollNumber],
      ['Program', d.student.program],
      ['Course', d.course.code ? `${d.course.code} ${d.course.name}` : d.course.name],
      ['Term', d.course.term],
      ['Instructor', d.course.instructor],
      ['Attendance', d.attendance ? `${d.attendance.attended} of ${d.attendance.total} (${d.attendance.total ? Math.round((d.attendance.attended / d.attendance.total) * 100) : 0} %)` : undefined],
    ]);
    table(
      doc,
      [
        { header: 'Assessment', share: 0.4 },
        { header: 'Score', share: 0.2, align: 'right' },
        { header: 'Grade', share: 0.12, align: 'center' },
        { header: 'Remarks', share: 0.28 },
      ],
      d.lines.map((l) => [l.label, l.score === undefined ? '' : l.maxScore !== undefined ? `${l.score} / ${l.maxScore}` : String(l.score), l.grade ?? '', l.remarks ?? '']),
    );
    if (d.overall) {
      const parts = [d.overall.score !== undefined ? `score ${d.overall.score}` : '', d.overall.grade ? `grade ${d.overall.grade}` : '', d.overall.result ?? ''].filter(Boolean);
      total(doc, 'Overall', parts.join(', '));
    }
    note(doc, d.remarks);
  },
  stay_confirmation(doc, d) {
    details(doc, [...stayDetails(d), ['Rate per night', d.rate === undefined ? undefined : formatAmount(d.rate, d.currency)], ['Booked through', d.channel]]);
    if (d.amount !== undefined) total(doc, 'Total for the stay', formatAmount(d.amount, d.currency));
    note(doc, d.notes);
  },
  registration_card(doc, d) {
    details(doc, [...stayDetails(d), ['Nationality', d.guest.nationality], ['ID document', d.guest.idDocument], ['Phone', d.guest.phone], ['E-mail', d.guest.email]]);
    note(doc, 'I confirm that the details above are correct.  Guest signature: ______________________');
  },
  leave_letter(doc, d) {
    details(doc, [
      ['Employee', d.employee.name],
      ['Employee code', d.employee.code],
      ['Department', d.employee.department],
      ['Application', d.application],
      ['Leave type', d.leaveType],
      ['From', formatDate(d.from)],
      ['To', formatDate(d.to)],
      ['Half day', d.halfDay],
      ['Approved by', d.approvedBy],
    ]);
    total(doc, 'Working days of leave', String(d.days));
    note(doc, d.reason ? `Reason: ${d.reason}` : undefined);
  },
  folio(doc, d) {
    details(doc, [...stayDetails(d), ['Folio', d.status]]);
    table(doc, [{ header: 'Date', share: 0.2 }, { header: 'Description', share: 0.55 }, { header: 'Amount', share: 0.25, align: 'right' }], d.lines.map((l) => [formatDate(l.date), l.description, formatAmount(l.amount, d.currency)]));
    total(doc, 'Balance', formatAmount(Math.round(d.lines.reduce((s, l) => s + (Number(l.amount) || 0), 0) * 100) / 100, d.currency));
  },
  project_status(doc, d) {
    details(doc, [
      ['Project', `${d.project.key} ${d.project.name}`],
      ['Status', d.project.status],
      ['Current cycle', d.cycle ? `${d.cycle.name} (${formatDate(d.cycle.start)} to ${formatDate(d.cycle.end)})` : undefined],
      ['Completed this week', d.completedThisWeek],
      ['Hours logged / estimated', d.hours ? `${d.hours.logged} / ${d.hours.estimate}` : undefined],
    ]);
    table(doc, [{ header: 'State group', share: 0.7 }, { header: 'Items', share: 0.3, align: 'right' }], d.groups.map((g) => [g.label, String(g.count)]), { heading: 'Items by state' });
    table(
      doc,
      [{ header: 'Item', share: 0.15 }, { header: 'Title', share: 0.4 }, { header: 'State', share: 0.15 }, { header: 'Due', share: 0.13 }, { header: 'Why', share: 0.17 }],
      d.attention.map((a) => [a.number, a.title, a.state, formatDate(a.due), a.why]),
      { heading: 'Needs attention' },
    );
  },
  weekly_timesheet(doc, d) {
    details(doc, [['Person', d.person.name], ['E-mail', d.person.email], ['Week of', formatDate(d.weekStart)], ['Approved by', d.approvedBy]]);
    table(
      doc,
      [{ header: 'Date', share: 0.16 }, { header: 'Work item', share: 0.46 }, { header: 'Hours', share: 0.12, align: 'right' }, { header: 'Billable', share: 0.12, align: 'center' }, { header: 'Status', share: 0.14 }],
      d.lines.map((l) => [formatDate(l.date), l.item, String(l.hours), l.billable ? 'yes' : 'no', l.status]),
    );
    total(doc, 'Total hours', String(Math.round(d.lines.reduce((s, l) => s + (Number(l.hours) || 0), 0) * 100) / 100));
  },
  membership_card(doc, d) {
    const top = doc.y;
    const qr = 140;
    drawQrCode(doc, d.member.code, MARGIN + contentWidth(doc) - qr, top, qr);
    doc.font('Helvetica-Bold').fontSize(18).fillColor('black').text(d.member.name, MARGIN, top, { width: contentWidth(doc) - qr - 10 });
    doc.font('Helvetica').fontSize(12).text(`Member ${d.member.code}`, MARGIN, doc.y + 4, { width: contentWidth(doc) - qr - 10 });
    doc.y = Math.max(doc.y + 16, top + 40);
    const column = doc.y;
    details(doc, [['Membership', d.membership], ['Plan', d.plan], ['Valid from', formatDate(d.validFrom)], ['Valid to', formatDate(d.validTo)], ['Status', d.status]]);
    doc.y = Math.max(doc.y, column, top + qr + 10);
    note(doc, 'Show this card (or its QR code) at the front desk when you check in.');
  },
  invoice(doc, d) {
    details(doc, [['Bill to', d.billTo.name], ['Member', d.billTo.code], ['E-mail', d.billTo.email], ['Invoice', d.invoice], ['Date', formatDate(d.date)], ['Status', d.status]]);
    table(doc, [{ header: 'Description', share: 0.7 }, { header: 'Amount', share: 0.3, align: 'right' }], amountRows(d.lines, d.currency));
    total(doc, 'Total', formatAmount(sum(d.lines), d.currency));
    note(doc, d.notes);
  },
  ...clinicalLayouts({ details, table, total, note, formatDate, formatAmount }),
  ...stockLayouts({ details, table, total, note, formatDate, formatAmount }),
};

/**
 * The PDF as a readable stream (pipe it to a response or collect it). The
 * document is complete when the stream ends.
 */
export async function renderDocument<K extends DocumentKind>(kind: K, input: DocumentInput<K>): Promise<Doc> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: input.language ?? 'en',
    info: { Title: `${labelIn(DOCUMENT_KINDS[kind].title, input.language ?? 'en')} ${input.number}`, Author: input.organization.name, Creator: 'UMS', CreationDate: input.issuedAt },
  });
  embedUnicodeFonts(doc);
  language = input.language ?? 'en';
  try {
    header(doc, kind, input);
    layouts[kind](doc, input.data);
    // The footer sits in the bottom margin: without lifting it, pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(GREY).text(`${t(DOCUMENT_KINDS[kind].title)} ${input.number} · ${input.organization.name}`, MARGIN, doc.page.height - MARGIN - 10, {
      width: contentWidth(doc),
      align: 'center',
      lineBreak: false,
    });
  } finally {
    language = 'en';
  }
  doc.end();
  return doc;
}

/** The whole PDF in memory: for storing it, or for small documents sent in one piece. */
export async function renderDocumentBuffer<K extends DocumentKind>(kind: K, input: DocumentInput<K>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await renderDocument(kind, input)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
