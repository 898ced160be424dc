/**
 * Declared reports over HTTP, computed for the signed-in user (read only):
 *
 *   GET <root>/x/reports                                   { reports: [{ id, label, description, href }] } the viewer may see
 *   GET <root>/x/reports/<module>.<name>?filters.<f>=…     the report as JSON (ReportTable: columns, rows, chart, filters)
 *   GET <root>/x/reports/<module>.<name>/download.<csv|xlsx|pdf>?filters…   the whole report as a file (up to REPORT_DOWNLOAD_MAX_ROWS rows)
 *   POST <root>/x/reports/<module>.<name>/runs.<csv|xlsx|pdf>?filters…      make the file in the background (job core.report_runs): 202 + run state
 *   GET <root>/x/reports/runs/<run>                         { status: queued|running|done|failed, rows, error, fileUrl } — the requester's own runs only
 *   GET <root>/x/reports/runs/<run>/file                    the file, once done (409 before), the requester only
 *
 * A filter the report does not declare, a bad value or an unknown format is a 400; a report the
 * viewer may not see is a 404, as one that does not exist, and so is another user's run.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Session } from 'express-session';
import type { SignedInUser } from '../../auth/index.js';
import { RecordService } from '../../data/records.js';
import { UmsError } from '../../errors.js';
import { ADMIN_ROOT, REPORTS_PATH } from '../../paths.js';
import type { Runtime } from '../../runtime.js';
import { signedInActor } from '../file-routes.js';
import type { ResolvedReport } from '../../manifest/index.js';
import { intlLocaleOf, languageOfUser } from '../language.js';
import { computeReport, reportFor, reportsFor, type ReportEnv } from './compute.js';
import { isReportFormat, REPORT_FORMATS, reportCsv, reportPdf, reportXlsx, type ReportFormat } from './files.js';
import { queueReportRun, reportDownloadLimit, reportFilename, reportRunFile, reportRunState } from './runs.js';
/** Rows the page shows. */
export const REPORT_PAGE_LIMIT = 1000;

export const reportHref = (report: { module: string; name: string }): string => `${ADMIN_ROOT}/pages/report_${report.module}_${report.name}`;

async function viewer(runtime: Runtime, req: Request): Promise<{ records: RecordService; roles: Set<string>; env: ReportEnv }> {
  const actor = signedInActor(req);
  const records = await RecordService.for(runtime, actor);
  // The viewer's language (theirs, else the organization's): headings, labels and numbers in it.
  const language = await languageOfUser(runtime, actor.organizationId, actor.userId);
  return { records, roles: new Set(records.access?.principal.roles ?? []), env: { registry: runtime.registry, locale: intlLocaleOf(language), language } };
}

const formatOf = (raw: unknown): ReportFormat => {
  const format = String(raw);
  if (!isReportFormat(format)) throw new UmsError('BAD_REQUEST', `No report format "${format.slice(0, 20)}" (csv, xlsx or pdf).`);
  return format;
};

function sendFile(res: Response, file: { filename: string; contentType: string; content: Buffer }): void {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.content.length));
  res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(file.content);
}

export function reportRoutes(runtime: Runtime): Router {
  const router = Router();
  // Background runs first: `runs` is no report id (those are <module>.<name>).
  router.get(`${REPORTS_PATH}/runs/:run`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(await reportRunState(runtime, signedInActor(req), String(req.params.run)));
    } catch (err) {
      next(err);
    }
  });
  router.get(`${REPORTS_PATH}/runs/:run/file`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      sendFile(res, await reportRunFile(runtime, signedInActor(req), String(req.params.run)));
    } catch (err) {
      next(err);
    }
  });
  router.post(`${REPORTS_PATH}/:id/runs.:format`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = formatOf(req.params.format);
      const { records, roles } = await viewer(runtime, req);
      res.status(202).json(await queueReportRun(runtime, records.actor, records, roles, String(req.params.id), format, req.query as Record<string, unknown>));
    } catch (err) {
      next(err);
    }
  });
  router.get(REPORTS_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { records, roles, env } = await viewer(runtime, req);
      res.setHeader('Cache-Control', 'private, no-store');
      const t = (r: ResolvedReport) => r.translations[env.language];
      res.json({ reports: reportsFor(records, runtime.registry, roles).map((r) => ({ id: r.id, label: t(r)?.label ?? r.label, description: t(r)?.description ?? r.description, href: reportHref(r) })) });
    } catch (err) {
      next(err);
    }
  });
  router.get(`${REPORTS_PATH}/:id`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { records, roles, env } = await viewer(runtime, req);
      const report = reportFor(records, runtime.registry, roles, String(req.params.id));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ ...(await computeReport(records, report, req.query as Record<string, unknown>, env, REPORT_PAGE_LIMIT)), downloadLimit: reportDownloadLimit() });
    } catch (err) {
      next(err);
    }
  });
  router.get(`${REPORTS_PATH}/:id/download.:format`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = formatOf(req.params.format);
      const { records, roles, env } = await viewer(runtime, req);
      const report = reportFor(records, runtime.registry, roles, String(req.params.id));
      const limit = reportDownloadLimit();
      const table = await computeReport(records, report, req.query as Record<string, unknown>, env, limit);
      // A cut-off file would pass for the whole report: refuse it and say how to get the whole one.
      if (table.truncated) {
        throw new UmsError('BAD_REQUEST', `"${report.label}" has ${table.total} rows over these filters; a download carries at most ${limit}: make it in the background (POST ${ADMIN_ROOT}${REPORTS_PATH}/${report.id}/runs.${format}) or narrow the filters.`);
      }
      const user = (req as Request & { session?: Session & { adminUser?: SignedInUser } }).session?.adminUser;
      const now = new Date();
      const content =
        format === 'csv' ? reportCsv(table)
        : format === 'xlsx' ? await reportXlsx(table)
        : await reportPdf(table, { organization: user?.organizationName ?? '', generatedAt: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC', locale: env.locale });
      sendFile(res, { filename: reportFilename(report.id, format, now), contentType: REPORT_FORMATS[format].contentType, content });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
