/**
 * Export of what a list shows the actor: the rows RecordService lets them
 * read (tenant, row rules) with the columns their field rules allow, read in
 * keyset pages (RecordService.findPages) and written as they arrive, so the
 * memory an export needs does not grow with its size.
 *
 * CSV, for a clean round trip: `id`, each readable field by its manifest name
 * (references as the referenced record's id, JSON as JSON text), `created_at`,
 * `updated_at`: the names the CSV import reads back; after each reference a
 * `<field>_title` column with the referenced record's title (the import skips it).
 * XLSX, for people: the same columns headed by their labels, references as
 * their titles, enum values and states as their labels.
 * Titles are read per page with the actor's rules (RecordService.getMany): a
 * record they may not read keeps its id (CSV: an empty title).
 */
import { finished, pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FieldFilter, ListQuery, RecordData, RecordService } from '../data/records.js';
import { forbidden, UmsError } from '../errors.js';
import { entityNoun, enumLabels, snakeToLabel, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { fileIdsOf, fileRows } from '../data/files/files.js';
import { ADMIN_ROOT, FILES_PATH } from '../paths.js';

export type ExportFormat = 'csv' | 'xlsx';

export const EXPORT_FORMATS: Record<ExportFormat, { contentType: string; extension: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
};

export const isExportFormat = (value: string): value is ExportFormat => Object.hasOwn(EXPORT_FORMATS, value);

export interface ExportQuery {
  filters?: FieldFilter[];
  sort?: ListQuery['sort'];
  /** Rows per database read. */
  pageSize?: number;
  /** The download link of a file (file fields); by default the admin's. */
  fileUrl?: (id: string) => string;
  /** The reader's language for the XLSX sheet name, headers and enum labels (manifest `translations`); English by default. CSV keeps field names and values. */
  language?: string;
}

export interface ExportColumn {
  key: string;
  field?: ResolvedField;
  /** A CSV `<field>_title` column: the title of the record this reference points to. */
  titleOf?: ResolvedField;
  /** `<field>_name` / `<field>_url` beside a file field: its file names and download links. */
  fileOf?: { field: ResolvedField; part: 'name' | 'url' };
}

/** Suffixes of a file field's name and link columns (the import skips them). */
export const FILE_SUFFIXES = ['_name', '_url'] as const;

/** file id → name, for one page of records (the files the records name, as stored). */
async function fileNamesOf(records: RecordService, columns: ExportColumn[], page: RecordData[]): Promise<Map<string, string>> {
  const fields = columns.filter((c) => c.fileOf?.part === 'name').map((c) => c.fileOf!.field);
  if (!fields.length) return new Map();
  const ids = page.flatMap((r) => fields.flatMap((f) => fileIdsOf(f, r[f.name])));
  return new Map((await fileRows(records.entityManager, records.organizationId, ids)).map((f) => [f.id, f.name]));
}

/** After each file field: its names and its links. */
function withFileColumns(columns: ExportColumn[]): ExportColumn[] {
  return columns.flatMap((c) => (c.field?.file ? [c, { key: `${c.field.name}_name`, fileOf: { field: c.field, part: 'name' as const } }, { key: `${c.field.name}_url`, fileOf: { field: c.field, part: 'url' as const } }] : [c]));
}

function fileCell(column: ExportColumn, record: RecordData, names: Map<string, string>, fileUrl: (id: string) => string): Cell {
  const { field, part } = column.fileOf!;
  const ids = fileIdsOf(field, record[field.name]).filter((id) => names.has(id));
  if (!ids.length) return null;
  return ids.map((id) => (part === 'name' ? names.get(id)! : fileUrl(id))).join('; ');
}
/** XLSX: a link column holding one link is a hyperlink cell, so a spreadsheet opens it with a click (several stay text). */
function xlsxFileCell(column: ExportColumn, record: RecordData, names: Map<string, string>, fileUrl: (id: string) => string): Cell | { text: string; hyperlink: string } {
  const cell = fileCell(column, record, names, fileUrl);
  if (column.fileOf!.part !== 'url' || typeof cell !== 'string' || cell.includes('; ') || !/^https?:\/\//.test(cell)) return cell;
  return { text: cell, hyperlink: cell };
}
const defaultFileUrl = (id: string): string => `${ADMIN_ROOT}${FILES_PATH}/${id}`;

/** The suffix of a reference's title column in CSV exports. */
export const TITLE_SUFFIX = '_title';

/** reference field name → referenced id → that record's title, for one page of records. */
type Titles = Map<string, Map<string, string>>;

async function titlesOf(records: RecordService, columns: ExportColumn[], page: RecordData[]): Promise<Titles> {
  const titles: Titles = new Map();
  for (const c of columns) {
    const f = c.field;
    if (f?.type !== 'reference' || !f.target || titles.has(f.name)) continue;
    const target = records.entity(f.target);
    const ids = [...new Set(page.map((r) => r[f.name]).filter((v): v is string => typeof v === 'string' && v !== ''))];
    const found = ids.length ? await records.getMany(target.key, ids) : [];
    titles.set(f.name, new Map(found.map((r) => [String(r.id), String(r[target.titleField] ?? '')])));
  }
  return titles;
}

function csvColumns(columns: ExportColumn[]): ExportColumn[] {
  return withFileColumns(columns).flatMap((c) => (c.field?.type === 'reference' ? [c, { key: `${c.field.name}${TITLE_SUFFIX}`, titleOf: c.field }] : [c]));
}

type Cell = string | number | boolean | null;

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula
 * (CSV injection); such text is written with a leading apostrophe, which the
 * import removes again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
export const guardFormula = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
export const unguardFormula = (text: string): string => (text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text);

/** What the actor may export from `entity`: checked before a single byte is sent. */
export function exportColumns(records: RecordService, entity: ResolvedEntity): ExportColumn[] {
  if (!records.moduleEnabled(entity)) throw new UmsError('MODULE_DISABLED', `The ${entity.module} module is not enabled for this organization.`, { entity: entity.key });
  if (!records.canOnType('read', entity.key)) throw forbidden({ text: 'You may not read {entities}.', vars: { entities: entityNoun(entity, true) } }, { entity: entity.key });
  const readable = new Set(records.readableFields(entity));
  return [{ key: 'id' }, ...entity.fields.filter((f) => readable.has(f.name)).map((field) => ({ key: field.name, field })), { key: 'created_at' }, { key: 'updated_at' }];
}

function cellOf(column: ExportColumn, record: RecordData, titles?: Titles): Cell {
  if (column.titleOf) {
    const id = record[column.titleOf.name];
    return id ? (titles?.get(column.titleOf.name)?.get(String(id)) ?? null) : null;
  }
  const value = record[column.key];
  if (value === null || value === undefined) return null;
  if (column.field?.type === 'json' || column.field?.type === 'files') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const csvCell = (cell: Cell): string => (cell === null ? '' : typeof cell === 'string' ? guardFormula(cell) : String(cell));

const cancelled = (): UmsError => new UmsError('BAD_REQUEST', 'The export was cancelled: its reader went away.');

/** Resolves when `stream` wants more; rejects when it closes or fails first (the reader went away). */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.reject(cancelled());
  return new Promise((resolve, reject) => {
    const settle = (err?: Error): void => {
      stream.off('drain', onDrain).off('close', onClose).off('error', settle);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(cancelled());
    stream.on('drain', onDrain).on('close', onClose).on('error', settle);
  });
}

async function writeCsv(records: RecordService, pages: AsyncIterable<RecordData[]>, fieldColumns: ExportColumn[], out: Writable, fileUrl: (id: string) => string): Promise<number> {
  const columns = csvColumns(fieldColumns);
  // A BOM, so that spreadsheet programs read the file as UTF-8.
  const csv = stringify({ bom: true });
  const piping = pipeline(csv, out);
  // Awaited at the end; a reader that leaves earlier must not count as an unhandled rejection meanwhile.
  piping.catch(() => undefined);
  let rows = 0;
  const write = async (cells: string[]): Promise<void> => {
    if (csv.destroyed) throw cancelled();
    if (!csv.write(cells)) await drained(csv);
  };
  try {
    await write(columns.map((c) => c.key));
    for await (const page of pages) {
      const titles = await titlesOf(records, columns, page);
      const names = await fileNamesOf(records, columns, page);
      for (const record of page) await write(columns.map((c) => csvCell(c.fileOf ? fileCell(c, record, names, fileUrl) : cellOf(c, record, titles))));
      rows += page.length;
    }
    csv.end();
    await piping;
  } catch (err) {
    const readerGone = out.destroyed;
    csv.destroy();
    out.destroy();
    throw readerGone ? cancelled() : err;
  }
  return rows;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (label: string): string => label.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Export';

/** What a person reads in a spreadsheet cell: a reference's title, an enum value's label. */
function xlsxCell(records: RecordService, entity: ResolvedEntity, labels: Map<string, Map<string, string>>, column: ExportColumn, record: RecordData, titles: Titles, language: string): Cell {
  const cell = cellOf(column, record);
  const f = column.field;
  if (cell === null || !f) return cell;
  if (f.type === 'reference') return titles.get(f.name)?.get(String(cell)) || cell;
  if (f.type === 'enum') {
    if (!labels.has(f.name)) labels.set(f.name, new Map([...enumLabels(records.runtime.registry, entity, f, language)].map(([v, l]) => [v, l.label])));
    return labels.get(f.name)!.get(String(cell)) ?? cell;
  }
  return cell;
}

/** A column's heading in `language`: the manifest's translation of the field's label, else the label. */
function headerOf(c: ExportColumn, entity: ResolvedEntity, language: string): string {
  const translated = (f: ResolvedField | undefined): string | undefined => (f && language !== 'en' ? entity.translations[language]?.fields?.[f.name] : undefined);
  if (c.fileOf) return `${translated(c.fileOf.field) ?? c.fileOf.field.label} (${c.fileOf.part === 'name' ? 'file name' : 'link'})`;
  return translated(c.field) ?? c.field?.label ?? (c.key === 'id' ? 'ID' : snakeToLabel(c.key));
}

async function writeXlsx(records: RecordService, pages: AsyncIterable<RecordData[]>, fieldColumns: ExportColumn[], entity: ResolvedEntity, out: Writable, fileUrl: (id: string) => string, language = 'en'): Promise<number> {
  // A file field shows as its names and links; its ids are for CSV round trips.
  const columns = withFileColumns(fieldColumns).filter((c) => !c.field?.file);
  const { default: ExcelJS } = await import('exceljs'); // on the first XLSX export, not at start
  // The streaming writer commits each row to the zip as it goes; inline strings keep no table of every text seen.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const translations = language === 'en' ? undefined : entity.translations[language];
  const sheet = workbook.addWorksheet(sheetName(translations?.pluralLabel ?? entity.pluralLabel), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => {
    const header = headerOf(c, entity, language);
    return { header, key: c.key, width: c.field?.type === 'text' ? 50 : c.key === 'id' ? 38 : c.field?.type === 'reference' ? 30 : Math.max(12, header.length + 2) };
  });
  const labels = new Map<string, Map<string, string>>();
  let rows = 0;
  try {
    for await (const page of pages) {
      const titles = await titlesOf(records, columns, page);
      const names = await fileNamesOf(records, columns, page);
      for (const record of page) sheet.addRow(columns.map((c) => (c.fileOf ? xlsxFileCell(c, record, names, fileUrl) : xlsxCell(records, entity, labels, c, record, titles, language)))).commit();
      rows += page.length;
      // The zip is written as rows commit: wait for a slow reader between pages.
      if (out.writableNeedDrain) await drained(out);
      else if (out.destroyed) throw cancelled();
    }
    sheet.commit();
    await workbook.commit();
    if (!out.writableFinished) await finished(out);
  } catch (err) {
    const readerGone = out.destroyed;
    out.destroy();
    throw readerGone ? cancelled() : err;
  }
  return rows;
}

/**
 * Writes the export to `out` and ends it; resolves with the number of rows.
 * Access is checked first (a refused export throws before anything is
 * written); an error later destroys `out`, so a reader never takes a cut-off
 * file for a complete one.
 */
export async function exportRecords(records: RecordService, entityKey: string, format: ExportFormat, out: Writable, query: ExportQuery = {}): Promise<number> {
  const entity = records.entity(entityKey);
  const columns = exportColumns(records, entity);
  return writeExportRows(records, entity, columns, format, out, query);
}

/** The writing half of exportRecords, for callers that checked access (and sent headers) already. */
export function writeExportRows(records: RecordService, entity: ResolvedEntity, columns: ExportColumn[], format: ExportFormat, out: Writable, query: ExportQuery = {}): Promise<number> {
  const pages = records.findPages(entity.key, { filters: query.filters, sort: query.sort }, query.pageSize ?? 1000);
  const fileUrl = query.fileUrl ?? defaultFileUrl;
  return format === 'csv' ? writeCsv(records, pages, columns, out, fileUrl) : writeXlsx(records, pages, columns, entity, out, fileUrl, query.language);
}
