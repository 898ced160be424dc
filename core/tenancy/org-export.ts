/**
 * org:export: everything of one organization in one archive, a gzip'd JSON
 * lines file:
 *   line 1  the header: format, UMS version, the migrations the schema has,
 *           the modules and their manifest versions, the organization, and
 *           the tables in dependency order with the columns written;
 *   then    one line per row, `{"t": table, "r": "<row as PostgreSQL jsonb text>"}`
 *           (the row stays PostgreSQL's own text, so numerics, timestamps and
 *           bytea come back exactly; org-import.ts reads it with
 *           jsonb_populate_recordset);
 *   last    the trailer `{"end": true, "rows": {table: count}}`: an archive
 *           cut short is refused on import.
 * The organization's settings, plan and status are its core_organization
 * row; its custom roles, numbering counters, workflow requests and audit log
 * are rows of the organization's tables (core/tenancy/tenant-tables.ts).
 *
 * Everything is read in one REPEATABLE READ, READ ONLY transaction: one
 * consistent snapshot however long the export takes, while the organization
 * keeps working. Rows stream through a cursor, so memory stays flat.
 *
 * Files (format 2): the header lists the organization's live files with
 * their sizes and SHA-256; their bytes follow the header as chunk lines
 * `{"f": {"id", "d"}}` read from the runtime's file store (org-files.ts),
 * before the rows, so an import stages them before its transaction opens.
 * Released files (deleted_at set, bytes already given back) are left out,
 * rows and bytes alike.
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { ORGANIZATION_MODULE_TABLE, ORGANIZATION_TABLE } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';
import { FILE_TABLE } from '../data/files/file-schema.js';
import { archiveFiles, writeFileChunks, type ArchiveFile } from './org-files.js';
import { tenantTables } from './tenant-tables.js';
import { crossTenantRunner } from '../db/cross-tenant.js';

export const ARCHIVE_FORMAT = 'ums-organization-export';
/** 2: files (the header's `files` and chunk lines after it). Version 1 archives (no files) still load. */
export const ARCHIVE_FORMAT_VERSION = 2;

export interface ArchiveHeader {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  createdAt: string;
  ums: string;
  /** Names of the migrations applied to the exporting database, oldest first. */
  migrations: string[];
  /** The organization's modules (enabled or not) and core, at their manifest versions. */
  modules: Record<string, string>;
  organization: { id: string; slug: string; name: string; systemType: string };
  /** The tables holding rows of the organization, in dependency order, with the columns written. */
  tables: { name: string; columns: string[] }[];
  /** The organization's files whose bytes follow the header (absent in version 1). */
  files?: ArchiveFile[];
}

export interface ArchiveTrailer {
  end: true;
  rows: Record<string, number>;
  /** Files whose bytes the archive holds. */
  files: number;
}

export interface ExportSummary {
  organization: string;
  file: string;
  rows: Record<string, number>;
  total: number;
  files: number;
}

let umsVersionCache: string | undefined;
export function umsVersion(): string {
  if (!umsVersionCache) {
    try {
      umsVersionCache = String((JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown');
    } catch {
      umsVersionCache = 'unknown';
    }
  }
  return umsVersionCache;
}

export const appliedMigrations = async (db: Pick<Runtime['dataSource'], 'query'>): Promise<string[]> =>
  ((await db.query('SELECT name FROM core_migrations ORDER BY "timestamp", id')) as { name: string }[]).map((m) => m.name);

const FETCH = 500;

/** The organization's rows of a table; of core_file only the live ones (a released file's bytes are gone or going). */
const whereOf = (table: string): string =>
  table === ORGANIZATION_TABLE ? 'id = $1' : table === FILE_TABLE ? 'organization_id = $1 AND deleted_at IS NULL' : 'organization_id = $1';

async function writeLine(out: Writable, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await once(out, 'drain');
}

/** Writes the archive of organization `slug` to `file` (gzip'd JSON lines). */
export async function exportOrganization(runtime: Runtime, slug: string, file: string): Promise<ExportSummary> {
  const organization = await findOrganization(runtime, slug);
  const runner = await crossTenantRunner(runtime.dataSource, 'tenancy', 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  const gzip = createGzip();
  const sink = createWriteStream(file, { mode: 0o600 });
  const done = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(sink);
  const rows: Record<string, number> = {};
  let fileCount: number;
  try {
    // Only the tables that hold rows of the organization, and the modules it has (enabled or not: disabled keeps data):
    // another installation need not have every module or table of this one.
    const tables: Awaited<ReturnType<typeof tenantTables>> = [];
    for (const table of await tenantTables(runner)) {
      const where = whereOf(table.name);
      const [{ any }]: { any: boolean }[] = await runner.query(`SELECT EXISTS (SELECT 1 FROM "${table.name}" WHERE ${where}) AS any`, [organization.id]);
      if (any) tables.push(table);
    }
    const own: { module_id: string }[] = await runner.query(`SELECT module_id FROM ${ORGANIZATION_MODULE_TABLE} WHERE organization_id = $1`, [organization.id]);
    const moduleIds = new Set(['core', ...own.map((m) => m.module_id)]);
    const files = tables.some((t) => t.name === FILE_TABLE) ? await archiveFiles(runner, organization.id) : [];
    const header: ArchiveHeader = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      ums: umsVersion(),
      migrations: await appliedMigrations(runner),
      modules: Object.fromEntries(runtime.registry.modules.filter((m) => moduleIds.has(m.id)).map((m) => [m.id, m.version])),
      organization: { id: organization.id, slug: organization.slug, name: organization.name, systemType: organization.system_type },
      tables: tables.map((t) => ({ name: t.name, columns: t.columns.filter((c) => !c.generated).map((c) => c.name) })),
      files: files.map(({ id, size, sha256 }) => ({ id, size, sha256 })),
    };
    await writeLine(gzip, header);
    fileCount = await writeFileChunks(runtime.files, files, (chunk) => writeLine(gzip, { f: chunk }));
    for (const table of tables) {
      const where = whereOf(table.name);
      const order = table.primaryKey.length ? ` ORDER BY ${table.primaryKey.map((c) => `t."${c}"`).join(', ')}` : '';
      await runner.query(`DECLARE ums_export NO SCROLL CURSOR FOR SELECT to_jsonb(t)::text AS r FROM "${table.name}" t WHERE ${where}${order}`, [organization.id]);
      rows[table.name] = 0;
      for (;;) {
        const batch: { r: string }[] = await runner.query(`FETCH ${FETCH} FROM ums_export`);
        for (const { r } of batch) await writeLine(gzip, { t: table.name, r });
        rows[table.name] += batch.length;
        if (batch.length < FETCH) break;
      }
      await runner.query('CLOSE ums_export');
    }
    const trailer: ArchiveTrailer = { end: true, rows, files: fileCount };
    await writeLine(gzip, trailer);
    await runner.query('COMMIT');
  } catch (err) {
    await runner.query('ROLLBACK').catch(() => undefined);
    gzip.destroy();
    sink.destroy();
    throw err;
  } finally {
    await runner.release();
  }
  gzip.end();
  await done;
  return { organization: slug, file, rows, total: Object.values(rows).reduce((a, b) => a + b, 0), files: fileCount };
}
