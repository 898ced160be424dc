/**
 * A computed report as a file: CSV (UTF-8 with a BOM, formula-guarded texts), XLSX (numbers as
 * numbers, money with two decimals) and PDF (a table in the Unicode fonts documents use, so a
 * Bengali name prints). Reports are groups, not records: each file is built in memory.
 * exceljs and pdfkit (with fontkit) are imported on the first file of their kind, not at start: together
 * about 2.5 MB of source the process would otherwise hold from its first second (README, start-up).
 */
import { stringify } from 'csv-stringify/sync';
import { embedUnicodeFonts } from '../../documents/fonts.js';
import { guardFormula } from '../../exchange/index.js';
import type { ReportTable } from './compute.js';

export const REPORT_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
  pdf: { contentType: 'application/pdf', extension: 'pdf' },
} as const;
export type ReportFormat = keyof typeof REPORT_FORMATS;
export const isReportFormat = (f: string): f is ReportFormat => Object.hasOwn(REPORT_FORMATS, f);

const plain = (n: number | null): string => (n === null ? '' : String(Math.round(n * 100) / 100));

export function reportCsv(table: ReportTable): Buffer {
  const lines = [table.columns.map((c) => guardFormula(c.label)), ...table.rows.map((r) => r.map((cell) => (typeof cell === 'number' || cell === null ? plain(cell) : guardFormula(cell))))];
  return Buffer.from(stringify(lines, { bom: true }), 'utf8');
}

export async function reportXlsx(table: ReportTable): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(table.label.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Report', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({ header: c.label, key: `c${i}`, width: Math.max(12, c.label.length + 2, c.kind === 'group' ? 24 : 0) }));
  table.columns.forEach((c, i) => {
    if (c.kind === 'measure') sheet.getColumn(i + 1).numFmt = c.format === 'money' ? '#,##0.00' : '#,##0.##';
  });
  for (const row of table.rows) sheet.addRow(row.map((cell) => (typeof cell === 'string' ? guardFormula(cell) : cell)));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MARGIN = 40;

export async function reportPdf(table: ReportTable, meta: { organization: string; generatedAt: string; locale: string }): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', layout: table.columns.length > 5 ? 'landscape' : 'portrait', margin: MARGIN, info: { Title: table.label, Author: meta.organization, Creator: 'UMS' } });
  embedUnicodeFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  doc.font('Helvetica-Bold').fontSize(16).text(table.label);
  doc.font('Helvetica').fontSize(9).fillColor('#555555').text(`${meta.organization} · ${meta.generatedAt}`);
  const applied = Object.entries(table.applied);
  if (applied.length) doc.text(`Filters: ${applied.map(([k, v]) => `${k} = ${v}`).join(', ')}`);
  if (table.truncated) doc.text(`First ${table.rows.length} of ${table.total} rows.`);
  doc.moveDown().fillColor('#000000');
  const n = table.columns.length;
  const colWidth = width / n;
  const number = new Intl.NumberFormat(meta.locale, { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(meta.locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const line = (cells: string[], bold: boolean): void => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
    const height = Math.max(...cells.map((c) => doc.heightOfString(c, { width: colWidth - 6 }))) + 4;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const y = doc.y;
    cells.forEach((c, i) => {
      const measure = table.columns[i].kind === 'measure';
      doc.text(c, MARGIN + i * colWidth, y, { width: colWidth - 6, align: measure ? 'right' : 'left' });
    });
    doc.x = MARGIN;
    doc.y = y + height;
    doc.moveTo(MARGIN, doc.y - 2).lineTo(MARGIN + width, doc.y - 2).lineWidth(0.3).strokeColor('#cccccc').stroke();
  };
  line(table.columns.map((c) => c.label), true);
  for (const row of table.rows) {
    line(row.map((cell, i) => (cell === null ? '—' : typeof cell === 'number' ? (table.columns[i].format === 'money' ? money : number).format(cell) : cell)), false);
  }
  if (!table.rows.length) doc.font('Helvetica').fontSize(9).text('No rows.', MARGIN, doc.y);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
