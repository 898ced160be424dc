/**
 * Large report downloads made in the background (the campus seed's "generate → job id → status"):
 * a user asks for a report file (POST), a row of core_report_run is queued, the job
 * `core.report_runs` computes it AS THAT USER (their RecordService: tenant, read rules and the
 * report's roles as they are when it runs), stores the file in the row and tells them with a
 * notification and a mail. Status and file are theirs only: anybody else, in the organization or
 * not, gets the 404 of a run that does not exist.
 */
import { intlLocaleOf, languageOfUser } from '../language.js';
import type { EntityManager } from 'typeorm';
import { readConfig } from '../../../config/index.js';
import type { Actor } from '../../data/actor.js';
import { RecordService } from '../../data/records.js';
import { UmsError } from '../../errors.js';
import { enqueueMail } from '../../mail/index.js';
import { notify } from '../../mail/notify.js';
import { ADMIN_ROOT, REPORTS_PATH } from '../../paths.js';
import type { Runtime } from '../../runtime.js';
import type { CoreJob } from '../../jobs/declarations.js';
import { organizationName } from '../../documents/store.js';
import { REPORT_RUN_TABLE } from '../../manifest/index.js';
import { computeReport, reportFilters, reportFor, type ReportEnv } from './compute.js';
import { REPORT_FORMATS, reportCsv, reportPdf, reportXlsx, type ReportFormat } from './files.js';
import { crossTenant } from '../../db/cross-tenant.js';
import { tenantTransaction, withinTenant } from '../../data/tenant-scope.js';

/** Notifications about a run carry this as their `entity`: the bell links to the run's file. */
export const REPORT_RUN_NOTIFICATION_ENTITY = 'core.report_run';
/** Rows a background run carries at most: beyond this a report needs narrower filters even in the background. */
export const REPORT_BACKGROUND_LIMIT = 1_000_000;
/** A run `running` for longer than this was left by a worker that died: it is taken again. */
const STALE_RUNNING_MINUTES = 15;

export type ReportRunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ReportRunState {
  id: string;
  report: string;
  format: ReportFormat;
  status: ReportRunStatus;
  rows: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Where the status is read. */
  statusUrl: string;
  /** Where the file is downloaded, once done. */
  fileUrl: string | null;
}

interface RunRow {
  id: string;
  organization_id: string;
  report: string;
  format: ReportFormat;
  filters: Record<string, string>;
  status: ReportRunStatus;
  row_count: number | null;
  error: string | null;
  requested_by: string;
  created_at: Date;
  finished_at: Date | null;
}

const COLUMNS = 'id, organization_id, report, format, filters, status, row_count, error, requested_by, created_at, finished_at';

export const reportRunStatusUrl = (id: string): string => `${ADMIN_ROOT}${REPORTS_PATH}/runs/${id}`;
export const reportRunFileUrl = (id: string): string => `${reportRunStatusUrl(id)}/file`;

const stateOf = (row: RunRow): ReportRunState => ({
  id: row.id,
  report: row.report,
  format: row.format,
  status: row.status,
  rows: row.row_count,
  error: row.error,
  createdAt: new Date(row.created_at).toISOString(),
  finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  statusUrl: reportRunStatusUrl(row.id),
  fileUrl: row.status === 'done' ? reportRunFileUrl(row.id) : null,
});

/** The rows the viewer would download at once; larger reports are made in the background. */
export const reportDownloadLimit = (): number => readConfig().reportDownloadMaxRows;

/** The filters as the run keeps them: the same `filters.<field>` keys the download takes. */
const filterQuery = (applied: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(applied).map(([k, v]) => [`filters.${k}`, v]));

/**
 * Queues a run of the report for the signed-in user: the report must be one they may see and the
 * filters valid now (a 404 or 400 here, not a failed run later).
 */
export async function queueReportRun(runtime: Runtime, actor: Actor, records: RecordService, roles: ReadonlySet<string>, id: string, format: ReportFormat, query: Record<string, unknown>): Promise<ReportRunState> {
  if (actor.kind !== 'user') throw new UmsError('BAD_REQUEST', 'Only a signed-in user can run a report in the background: it is computed with their access.');
  const report = reportFor(records, runtime.registry, roles, id);
  const { applied } = reportFilters(runtime.registry, report, query);
  const [row]: RunRow[] = await withinTenant(runtime.dataSource, actor.organizationId).query(
    `INSERT INTO ${REPORT_RUN_TABLE} (organization_id, report, format, filters, status, requested_by) VALUES ($1, $2, $3, $4, 'queued', $5) RETURNING ${COLUMNS}`,
    [actor.organizationId, report.id, format, JSON.stringify(filterQuery(applied)), actor.userId],
  );
  return stateOf(row);
}

/** The run if it is the actor's own; NOT_FOUND for every other (someone else's looks like none). */
async function ownRun(manager: EntityManager, actor: Actor, id: string): Promise<RunRow> {
  if (actor.kind !== 'user' || !/^[0-9a-f-]{36}$/i.test(id)) throw new UmsError('NOT_FOUND', 'No such report run.');
  const rows: RunRow[] = await manager.query(`SELECT ${COLUMNS} FROM ${REPORT_RUN_TABLE} WHERE id = $1 AND organization_id = $2 AND requested_by = $3`, [id, actor.organizationId, actor.userId]);
  if (!rows[0]) throw new UmsError('NOT_FOUND', 'No such report run.');
  return rows[0];
}

export async function reportRunState(runtime: Runtime, actor: Actor, id: string): Promise<ReportRunState> {
  return stateOf(await ownRun(withinTenant(runtime.dataSource, actor.organizationId), actor, id));
}

export async function reportRunFile(runtime: Runtime, actor: Actor, id: string): Promise<{ filename: string; contentType: string; content: Buffer }> {
  const row = await ownRun(withinTenant(runtime.dataSource, actor.organizationId), actor, id);
  if (row.status !== 'done') throw new UmsError('CONFLICT', row.status === 'failed' ? `This report run failed: ${row.error ?? 'no reason recorded'}.` : `This report is not ready yet (${row.status}).`);
  const [file]: { content: Buffer; filename: string }[] = await withinTenant(runtime.dataSource, actor.organizationId).query(`SELECT content, filename FROM ${REPORT_RUN_TABLE} WHERE id = $1`, [row.id]);
  return { filename: file.filename, contentType: REPORT_FORMATS[row.format].contentType, content: file.content };
}

export const reportFilename = (reportId: string, format: ReportFormat, at: Date): string => `${reportId.replace(/[^\w-]/g, '-')}-${at.toISOString().slice(0, 10)}.${REPORT_FORMATS[format].extension}`;

/** The requester as an actor, while they can still sign in. */
async function requesterOf(manager: EntityManager, row: RunRow): Promise<(Actor & { kind: 'user' }) | undefined> {
  const users: { id: string; email: string; is_active: boolean }[] = await manager.query('SELECT id, email, is_active FROM core_user WHERE id = $1 AND organization_id = $2', [row.requested_by, row.organization_id]);
  const user = users[0];
  return user?.is_active ? { kind: 'user', userId: user.id, organizationId: row.organization_id, email: user.email } : undefined;
}

/** A run waiting for a worker: queued, or left running by a worker that died (its claim went stale). */
const DUE = `(status = 'queued' OR (status = 'running' AND updated_at < now() - interval '${STALE_RUNNING_MINUTES} minutes'))`;
const CANDIDATES = 10;

/**
 * Takes the next queued run (or one a dead worker left running) and marks it running, committed at once so the status shows it.
 * Only finding it crosses tenants, and only reads (the worker serves every organization's queue: README, Security); the claim
 * itself is written inside the run's organization's wall, by an UPDATE whose WHERE repeats the due condition: of two workers
 * that picked the same run, the second's UPDATE waits for the first's, then finds it no longer due and takes the next one.
 */
async function claim(runtime: Runtime): Promise<RunRow | undefined> {
  for (;;) {
    const due: { id: string; organization_id: string }[] = await crossTenant(runtime.dataSource, 'report-runs', (bypass) =>
      bypass.query(`SELECT id, organization_id FROM ${REPORT_RUN_TABLE} WHERE ${DUE} ORDER BY created_at LIMIT ${CANDIDATES}`),
    );
    if (!due.length) return undefined;
    for (const candidate of due) {
      const result: unknown[] = await withinTenant(runtime.dataSource, candidate.organization_id).query(
        `UPDATE ${REPORT_RUN_TABLE} SET status = 'running', started_at = now(), updated_at = now() WHERE id = $1 AND ${DUE} RETURNING ${COLUMNS}`,
        [candidate.id],
      );
      // node-postgres answers an UPDATE … RETURNING as [rows, count] through TypeORM.
      const [row] = (Array.isArray(result[0]) ? result[0] : result) as RunRow[];
      if (row) return row;
    }
    // Every candidate went to another worker meanwhile: look again (the queue is finite, so this ends).
  }
}

async function makeFile(runtime: Runtime, actor: Actor & { kind: 'user' }, row: RunRow, env: ReportEnv, now: Date): Promise<{ content: Buffer; rows: number; label: string }> {
  const records = await RecordService.for(runtime, actor);
  const roles = new Set(records.access?.principal.roles ?? []);
  const report = reportFor(records, runtime.registry, roles, row.report);
  const table = await computeReport(records, report, row.filters, env, REPORT_BACKGROUND_LIMIT);
  if (table.truncated) throw new UmsError('BAD_REQUEST', `"${report.label}" has ${table.total} rows over these filters; a background run carries at most ${REPORT_BACKGROUND_LIMIT}: narrow the filters.`);
  const content =
    row.format === 'csv' ? reportCsv(table)
    : row.format === 'xlsx' ? await reportXlsx(table)
    : await reportPdf(table, { organization: await organizationName(withinTenant(runtime.dataSource, row.organization_id), row.organization_id), generatedAt: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC', locale: env.locale });
  return { content, rows: table.rows.length, label: report.label };
}

/** Stores the outcome and tells the requester, in one transaction (the notification and mail commit with the status). */
async function finish(runtime: Runtime, row: RunRow, actor: (Actor & { kind: 'user' }) | undefined, outcome: { content: Buffer; rows: number; label: string } | { error: string }, now: Date): Promise<void> {
  await tenantTransaction(runtime.dataSource, row.organization_id, async (manager) => {
    const done = 'content' in outcome;
    if (done) {
      await manager.query(
        `UPDATE ${REPORT_RUN_TABLE} SET status = 'done', content = $2, byte_size = $3, row_count = $4, filename = $5, error = NULL, finished_at = now(), updated_at = now() WHERE id = $1`,
        [row.id, outcome.content, outcome.content.length, outcome.rows, reportFilename(row.report, row.format, now)],
      );
    } else {
      await manager.query(`UPDATE ${REPORT_RUN_TABLE} SET status = 'failed', error = $2, finished_at = now(), updated_at = now() WHERE id = $1`, [row.id, outcome.error.slice(0, 2000)]);
    }
    if (!actor) return; // nobody who can sign in to tell
    const system = RecordService.forSystem(runtime, row.organization_id, 'report-runs', manager);
    const label = done ? outcome.label : (runtime.registry.modules.flatMap((m) => m.reports).find((r) => r.id === row.report)?.label ?? row.report);
    const title = done ? `Your report is ready: ${label} (${row.format.toUpperCase()}, ${outcome.rows} rows)` : `Your report could not be made: ${label}`;
    const body = done ? 'Download it from this notification.' : outcome.error;
    await notify(system, { user: actor.userId, title, body, about: { entity: REPORT_RUN_NOTIFICATION_ENTITY, id: row.id } });
    await enqueueMail(system, { to: actor.email, template: 'notice', data: { title, body, link: done ? `${readConfig().publicUrl}${reportRunFileUrl(row.id)}` : undefined } });
  });
}

/**
 * The job: makes every queued run, each as the user who asked (their access at run time decides),
 * and tells them. A run that cannot be made (the user may no longer see the report, can no longer
 * sign in, a filter no longer holds, too many rows) is `failed` with the reason.
 */
export async function runQueuedReports(ctx: { runtime: Runtime; log?: { info(message: string): void; warn(message: string): void }; limit?: number; now?: Date }): Promise<string> {
  const { runtime } = ctx;
  let done = 0;
  let failed = 0;
  for (let i = 0; i < (ctx.limit ?? 20); i++) {
    const row = await claim(runtime);
    if (!row) break;
    const now = ctx.now ?? new Date();
    const actor = await requesterOf(withinTenant(runtime.dataSource, row.organization_id), row);
    let outcome: { content: Buffer; rows: number; label: string } | { error: string };
    try {
      // In the requester's language, as the page they asked from (headings, labels, numbers).
      const language = actor ? await languageOfUser(runtime, row.organization_id, actor.userId) : 'en';
      const env: ReportEnv = { registry: runtime.registry, locale: intlLocaleOf(language), language };
      outcome = actor ? await makeFile(runtime, actor, row, env, now) : { error: 'The user who asked for this report can no longer sign in.' };
    } catch (err) {
      // Any failure ends the run as failed (a run left `running` would keep its requester waiting).
      if (err instanceof UmsError) outcome = { error: err.code === 'NOT_FOUND' ? 'You may no longer see this report.' : err.message };
      else {
        ctx.log?.warn(`report run ${row.id} (${row.report}): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        outcome = { error: 'An internal error stopped this report; the operators have the details in the job log.' };
      }
    }
    await finish(runtime, row, actor, outcome, now);
    if ('content' in outcome) done++;
    else {
      failed++;
      ctx.log?.warn(`report run ${row.id} (${row.report}) failed: ${outcome.error}`);
    }
  }
  const summary = `${done} report${done === 1 ? '' : 's'} made${failed ? `, ${failed} failed` : ''}`;
  ctx.log?.info(summary);
  return summary;
}

export const REPORT_RUNS_JOB = 'core.report_runs';

export function reportRunsJob(): CoreJob {
  return {
    key: REPORT_RUNS_JOB,
    module: 'core',
    name: 'report_runs',
    label: 'Report runs',
    description: 'Makes the report files users asked for in the background (reports too large to download at once), each as the user who asked, and tells them when ready.',
    // Someone is waiting for the file; idle runs are one indexed query.
    schedule: { every: '15 seconds' },
    source: 'core/admin/reports/runs.ts',
    scope: 'installation',
    handler: (ctx) => runQueuedReports(ctx),
  };
}
