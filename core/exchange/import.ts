/**
 * CSV import into one entity, all or nothing per file. Every row goes through
 * RecordService.create as the importing user (the same coercion, hooks,
 * validation, reference and permission checks as the create form), inside
 * one transaction. Each row runs under a savepoint, so a rejected row does not
 * stop the others from being checked: the report lists every rejected row with
 * its field errors. If any row is rejected, the transaction is rolled back and
 * nothing is written; otherwise every row is committed together.
 *
 * The file: a header row of field names (or field labels, case-insensitive),
 * then one record per row. `id`, `created_at`, `updated_at` and read-only
 * fields (which an export holds too) are ignored and listed as such in the
 * report, as the form never sends them: an import always creates new records.
 * An empty cell means "not given" (the field's default applies). References
 * take the referenced record's id. A cell an export wrote with a protective
 * apostrophe (`'=…`) is read without it.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import type { Actor } from '../data/actor.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { forbidden, RecordValidationError, UmsError } from '../errors.js';
import { entityNoun, isSystemColumn, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { FILE_SUFFIXES, TITLE_SUFFIX, unguardFormula } from './export.js';
import { tenantTransaction } from '../data/tenant-scope.js';

export interface RejectedRow {
  /** Data row number, 1 for the first row after the header; 0 for the header itself. */
  row: number;
  /** Line in the file where the row ends (the header is line 1). */
  line: number;
  /** Field name → what is wrong; `_record` for the row as a whole. */
  errors: Record<string, string>;
}

export interface ImportReport {
  entity: string;
  /** Data rows read. */
  rows: number;
  /** Records written: all rows when committed, else 0. */
  created: number;
  committed: boolean;
  rejected: RejectedRow[];
  /** Header columns that were not imported (system columns, read-only fields). */
  ignoredColumns: string[];
}


class RollBack extends Error {}

interface HeaderMap {
  fields: (ResolvedField | null)[];
  ignored: string[];
  errors: Record<string, string>;
}

function mapHeader(entity: ResolvedEntity, header: string[]): HeaderMap {
  const byName = new Map<string, ResolvedField>();
  for (const f of entity.fields) {
    byName.set(f.label.toLowerCase(), f);
    byName.set(f.name.toLowerCase(), f);
  }
  const seen = new Set<string>();
  const out: HeaderMap = { fields: [], ignored: [], errors: {} };
  for (const raw of header) {
    const name = raw.trim();
    const field = byName.get(name.toLowerCase());
    // System columns and read-only fields (both in every export) are set by the system, as in the form, which never sends them.
    // `<reference>_title` columns of a CSV export name the referenced record; the id column beside them is what is imported.
    const titleColumn = (!field && name.toLowerCase().endsWith(TITLE_SUFFIX) && byName.get(name.toLowerCase().slice(0, -TITLE_SUFFIX.length))?.type === 'reference')
      // A file field's name and link columns: the id column beside them is what is imported.
      || (!field && FILE_SUFFIXES.some((s) => name.toLowerCase().endsWith(s) && !!byName.get(name.toLowerCase().slice(0, -s.length))?.file));
    if (!name || isSystemColumn(name.toLowerCase(), 'ignoredOnImport') || field?.readOnly || titleColumn) {
      if (name) out.ignored.push(name);
      out.fields.push(null);
      continue;
    }
    if (!field || field.type === 'password') out.errors[name] = `is not a field of ${entity.label}`;
    else if (seen.has(field.name)) out.errors[name] = `appears twice (as "${field.name}")`;
    else seen.add(field.name);
    out.fields.push(field && field.type !== 'password' ? field : null);
  }
  return out;
}

const asStream = (input: Readable | string | Buffer): Readable => (typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : input);

/**
 * The entity `actor` may import into; throws when they may not create its
 * records at all (module disabled, no create permission). The HTTP route asks
 * before it receives the file, importCsv again before it reads it.
 */
export async function importTarget(runtime: Runtime, actor: Actor, entityKey: string): Promise<ResolvedEntity> {
  const probe = await RecordService.for(runtime, actor);
  const entity = probe.entity(entityKey);
  if (!probe.moduleEnabled(entity)) throw new UmsError('MODULE_DISABLED', `The ${entity.module} module is not enabled for this organization.`, { entity: entity.key });
  if (!probe.canOnType('create', entity.key)) throw forbidden({ text: 'You may not create {entities}.', vars: { entities: entityNoun(entity, true) } }, { entity: entity.key });
  return entity;
}

/**
 * Imports `input` (CSV text or a stream of it) as `actor`. Refuses the whole
 * file (throws) when the actor may not create records of the entity at all;
 * otherwise answers with the report.
 */
export async function importCsv(runtime: Runtime, actor: Actor, entityKey: string, input: Readable | string | Buffer): Promise<ImportReport> {
  const entity = await importTarget(runtime, actor, entityKey);

  const report: ImportReport = { entity: entity.key, rows: 0, created: 0, committed: false, rejected: [], ignoredColumns: [] };
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  // pipeline, not pipe: a failing input (an upload cut off) fails the parse instead of leaving it waiting.
  pipeline(asStream(input), parser).catch(() => undefined);
  try {
    await tenantTransaction(runtime.dataSource, actor.organizationId, async (manager) => {
      const records = await RecordService.for(runtime, actor, manager);
      let header: HeaderMap | undefined;
      for await (const { record: cells, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!header) {
          header = mapHeader(entity, cells);
          report.ignoredColumns = header.ignored;
          if (Object.keys(header.errors).length) {
            report.rejected.push({ row: 0, line: info.lines, errors: header.errors });
            throw new RollBack();
          }
          continue;
        }
        if (cells.every((c) => c.trim() === '')) continue;
        const row = ++report.rows;
        if (cells.length !== header.fields.length) {
          report.rejected.push({ row, line: info.lines, errors: { _record: `has ${cells.length} cells where the header has ${header.fields.length}` } });
          continue;
        }
        const values: Record<string, unknown> = {};
        header.fields.forEach((field, i) => {
          if (field && cells[i] !== '') values[field.name] = unguardFormula(cells[i]);
        });
        await manager.query('SAVEPOINT ums_import_row');
        try {
          await records.create(entity.key, values);
          await manager.query('RELEASE SAVEPOINT ums_import_row');
        } catch (err) {
          if (!(err instanceof UmsError)) throw err;
          await manager.query('ROLLBACK TO SAVEPOINT ums_import_row');
          const errors = err instanceof RecordValidationError ? Object.fromEntries(Object.entries(err.fieldErrors).map(([name, e]) => [name, e.message])) : { _record: err.message };
          report.rejected.push({ row, line: info.lines, errors });
        }
      }
      if (!header) throw new UmsError('BAD_REQUEST', 'The file is empty: the first row must name the columns.', { entity: entity.key });
      if (report.rejected.length) throw new RollBack();
    });
  } catch (err) {
    if (err instanceof CsvError) throw new UmsError('BAD_REQUEST', `Not a readable CSV file: ${err.message}`, { entity: entity.key });
    if (!(err instanceof RollBack)) throw err;
    return report;
  }
  report.committed = true;
  report.created = report.rows;
  return report;
}
