/**
 * org:import: loads an archive written by org-export.ts into this
 * installation, as it was: the same ids, the same numbering counters, the
 * same audit history, workflow requests still waiting where they waited.
 *
 * Refused, with nothing written:
 *  - an archive that is not one, or is cut short (the trailer's row counts);
 *  - an archive from a newer schema: a migration this installation has not
 *    applied, or a module at a newer manifest version (upgrade UMS first);
 *  - a table the archive has and this installation does not;
 *  - an organization whose slug or id exists here, or any row whose id does
 *    (the unique violation names the table).
 * All or nothing: one transaction. Files (format 2) come first: written to
 * staging keys of the file store (org-files.ts) and checked against the
 * header's checksums before the transaction opens; their core_file rows go in
 * with the other rows, the quota (storage_used) is recounted from them; the
 * staged objects are moved to their keys after the commit and removed after
 * a refusal or rollback. An archive from an older schema loads:
 * only the columns it has are written, the rest take their defaults (the
 * migrations' job, as for any existing row).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { UmsError } from '../errors.js';
import { FILE_TABLE } from '../data/files/file-schema.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { ARCHIVE_FORMAT, ARCHIVE_FORMAT_VERSION, appliedMigrations, type ArchiveHeader, type ArchiveTrailer } from './org-export.js';
import { StagedFiles } from './org-files.js';
import { tenantTables, type TenantTable } from './tenant-tables.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface ImportSummary {
  organization: { id: string; slug: string; name: string };
  rows: Record<string, number>;
  total: number;
  files: number;
}

const BATCH = 500;

const invalid = (message: string): UmsError => new UmsError('BAD_REQUEST', message);

/** "1.10.0" > "1.9.2": numeric parts compared left to right. */
export function newerVersion(a: string, b: string): boolean {
  const pa = a.split(/[.-]/).map((x) => Number(x) || 0);
  const pb = b.split(/[.-]/).map((x) => Number(x) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return false;
}

function checkHeader(value: unknown): ArchiveHeader {
  const h = value as Partial<ArchiveHeader> | null;
  if (!h || typeof h !== 'object' || h.format !== ARCHIVE_FORMAT) throw invalid('This file is not a UMS organization export (its first line has no "format": "ums-organization-export").');
  if (typeof h.formatVersion !== 'number' || h.formatVersion > ARCHIVE_FORMAT_VERSION) throw invalid(`The archive is of format version ${String(h.formatVersion)}; this installation reads version ${ARCHIVE_FORMAT_VERSION} and older. Upgrade UMS first.`);
  if (!h.organization?.id || !h.organization.slug || !Array.isArray(h.tables) || !Array.isArray(h.migrations) || !h.modules) throw invalid('The archive header is incomplete (organization, tables, migrations or modules missing).');
  return h as ArchiveHeader;
}

/** Why this installation cannot take the archive's schema, or nothing. */
function schemaRefusal(runtime: Runtime, header: ArchiveHeader, applied: string[], tables: Map<string, TenantTable>): string | undefined {
  const known = new Set(applied);
  const newer = header.migrations.filter((m) => !known.has(m));
  if (newer.length) return `The archive comes from a newer schema: this installation has not applied ${newer.length === 1 ? 'migration' : 'migrations'} ${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ' …' : ''}. Upgrade UMS here first (and run its migrations), then import.`;
  for (const [id, version] of Object.entries(header.modules)) {
    const here = runtime.registry.module(id);
    if (!here) return `The archive has data of module "${id}", which this installation does not have. Install the module first.`;
    if (newerVersion(version, here.version)) return `The archive's module "${id}" is at version ${version}, newer than this installation's ${here.version}. Upgrade UMS here first.`;
  }
  const missing = header.tables.map((t) => t.name).filter((t) => !tables.has(t));
  if (missing.length) return `The archive has tables this installation lacks: ${missing.join(', ')}.`;
  return undefined;
}

const quoteList = (cols: string[]): string => cols.map((c) => `"${c}"`).join(', ');

interface TablePlan {
  table: TenantTable;
  /** Written in the INSERT. */
  insert: string[];
  /** Written NULL first, set after every row is in. */
  deferred: string[];
}

/** Imports the archive at `file`; returns what was loaded. */
export async function importOrganization(runtime: Runtime, file: string): Promise<ImportSummary> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<unknown> => {
    for (;;) {
      let item: IteratorResult<string>;
      try {
        item = await lines.next();
      } catch (err) {
        throw invalid(`The archive cannot be read (${(err as Error).message}); it is not a gzip'd UMS export, or it is damaged.`);
      }
      if (item.done) return undefined;
      if (!item.value.trim()) continue;
      try {
        return JSON.parse(item.value);
      } catch {
        throw invalid('The archive has a line that is not JSON: it is damaged.');
      }
    }
  };
  const header = checkHeader(await next());
  const tables = new Map((await tenantTables(runtime.dataSource)).map((t) => [t.name, t]));
  const refusal = schemaRefusal(runtime, header, await appliedMigrations(runtime.dataSource), tables);
  if (refusal) throw new UmsError('CONFLICT', refusal);

  const plans = new Map<string, TablePlan>();
  for (const t of header.tables) {
    const table = tables.get(t.name)!;
    const writable = new Set(table.columns.filter((c) => !c.generated).map((c) => c.name));
    const deferred = table.deferred.filter((c) => t.columns.includes(c) && !table.columns.find((x) => x.name === c)?.notNull);
    plans.set(t.name, { table, insert: t.columns.filter((c) => writable.has(c) && !deferred.includes(c)), deferred });
  }
  const { organization } = header;
  const rows: Record<string, number> = {};
  // Refusals with names, before the first file or row: the slug and the id (again in the transaction, which decides).
  const refuseTaken = async (query: Pick<Runtime['dataSource'], 'query'>): Promise<void> => {
    const taken: { slug: string; id: string }[] = await query.query(`SELECT slug, id FROM ${ORGANIZATION_TABLE} WHERE slug = $1 OR id = $2`, [organization.slug, organization.id]);
    if (taken.length) {
      const bySlug = taken.some((t) => t.slug === organization.slug);
      throw new UmsError('CONFLICT', bySlug ? `An organization with slug "${organization.slug}" exists here already; nothing was imported.` : `An organization with id ${organization.id} exists here already (as "${taken[0].slug}"); nothing was imported.`);
    }
  };
  await refuseTaken(runtime.dataSource);
  const staged = new StagedFiles(runtime.files, organization.id, header.files ?? []);
  try {
    // The files' bytes, to staging keys, before the transaction: a slow store holds no connection.
    let first = await next();
    for (; (first as { f?: unknown } | undefined)?.f !== undefined; first = await next()) await staged.chunk((first as { f: unknown }).f);
    await staged.finish();
    await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.transaction(async (manager) => {
      await refuseTaken(manager);
      const later = new Map<string, string[]>();
      let pending: { table: string; rows: string[] } | undefined;
      const flush = async (): Promise<void> => {
        if (!pending?.rows.length) return;
        const plan = plans.get(pending.table)!;
        const json = `[${pending.rows.join(',')}]`;
        await manager.query(`INSERT INTO "${pending.table}" (${quoteList(plan.insert)}) SELECT ${quoteList(plan.insert)} FROM jsonb_populate_recordset(NULL::"${pending.table}", $1::jsonb)`, [json]);
        if (plan.deferred.length) later.set(pending.table, [...(later.get(pending.table) ?? []), ...pending.rows]);
        pending = undefined;
      };
      let trailer: ArchiveTrailer | undefined;
      for (let line = first; line !== undefined; line = await next()) {
        const item = line as { t?: string; r?: string; f?: unknown; end?: boolean };
        if (item.end) {
          trailer = item as ArchiveTrailer;
          break;
        }
        if (item.f !== undefined) throw invalid('The archive has file bytes after its rows (they come right after the header): it is damaged.');
        if (typeof item.t !== 'string' || typeof item.r !== 'string' || !plans.has(item.t)) throw invalid('The archive has a row line of a table its header does not name: it is damaged.');
        const row = JSON.parse(item.r) as Record<string, unknown>;
        const owner = item.t === ORGANIZATION_TABLE ? row.id : row.organization_id;
        if (owner !== organization.id) throw invalid(`The archive has a row of ${item.t} of another organization: it is damaged or was edited.`);
        if (pending && pending.table !== item.t) await flush();
        pending ??= { table: item.t, rows: [] };
        pending.rows.push(item.r);
        rows[item.t] = (rows[item.t] ?? 0) + 1;
        if (pending.rows.length >= BATCH) await flush();
      }
      await flush();
      if (!trailer) throw invalid('The archive ends before its last line: it was cut short. Nothing was imported.');
      if ((trailer.files ?? 0) !== staged.count) throw invalid(`The archive should hold ${trailer.files} files and holds ${staged.count}: it is damaged. Nothing was imported.`);
      for (const [table, expected] of Object.entries(trailer.rows)) {
        if ((rows[table] ?? 0) !== expected) throw invalid(`The archive should hold ${expected} rows of ${table} and holds ${rows[table] ?? 0}: it is damaged. Nothing was imported.`);
      }
      // References within a table or around a cycle, now that every row they point to is in.
      for (const [table, texts] of later) {
        const plan = plans.get(table)!;
        const key = plan.table.primaryKey;
        for (let i = 0; i < texts.length; i += BATCH) {
          await manager.query(
            `UPDATE "${table}" AS t SET ${plan.deferred.map((c) => `"${c}" = s."${c}"`).join(', ')}
               FROM jsonb_populate_recordset(NULL::"${table}", $1::jsonb) AS s
              WHERE ${key.map((c) => `t."${c}" = s."${c}"`).join(' AND ')} AND (${plan.deferred.map((c) => `s."${c}" IS NOT NULL`).join(' OR ')})`,
            [`[${texts.slice(i, i + BATCH).join(',')}]`],
          );
        }
      }
      if (plans.has(FILE_TABLE) || staged.count) await staged.checkRows(manager, header.files ?? []);
    }));
  } catch (err) {
    await staged.discard();
    const e = err as { code?: string; table?: string; detail?: string; constraint?: string };
    if (e.code === '23505') throw new UmsError('CONFLICT', `A row of ${e.table ?? 'the archive'} exists here already (${e.detail ?? e.constraint ?? 'same key'}); nothing was imported.`);
    if (e.code === '23503') throw new UmsError('CONFLICT', `A row of ${e.table ?? 'the archive'} refers to something the archive does not hold (${e.detail ?? e.constraint}); nothing was imported.`);
    throw err;
  }
  await staged.commit();
  return { organization: { id: organization.id, slug: organization.slug, name: organization.name }, rows, total: Object.values(rows).reduce((a, b) => a + b, 0), files: staged.count };
}
