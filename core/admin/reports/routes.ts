/**
 * Declared reports over HTTP, computed for the signed-in user (read only):
 *
 *   GET <root>/x/reports                                   { reports: [{ id, label, description, href }] } the viewer may see
 *   GET <root>/x/reports/<module>.<name>?filters.<f>=…     the report as JSON (ReportTable: columns, rows, chart, filters)
 *   GET <root>/x/reports/<module>.<name>/download.<csv|xlsx|pdf>?filters…   the whole report as a file
 *
 * A filter the report does not declare, a bad value or an unknown format is a 400; a report the
 * viewer may not see is a 404, as one that does not exist.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { Session } from 'express-session';
import type { SignedInUser } from '../../auth/index.js';
import { RecordService } from '../../data/records.js';
import { UmsError } from '../../errors.js';
import { ADMIN_ROOT, REPORTS_PATH } from '../../paths.js';
import type { Runtime } from '../../runtime.js';
import { signedInActor } from '../file-routes.js';
import { computeReport, reportFor, reportsFor } from './compute.js';
import { isReportFormat, REPORT_FORMATS, reportCsv, reportPdf, reportXlsx } from './files.js';

/** Rows a download carries at most (a report is groups: more than this is a report that needs narrower filters). */
export const REPORT_DOWNLOAD_LIMIT = 100_000;
/** Rows the page shows. */
export const REPORT_PAGE_LIMIT = 1000;
const LOCALE = 'en-GB';

export const reportHref = (report: { module: string; name: string }): string => `${ADMIN_ROOT}/pages/report_${report.module}_${report.name}`;

async function viewer(runtime: Runtime, req: Request): Promise<{ records: RecordService; roles: Set<string> }> {
  const records = await RecordService.for(runtime, signedInActor(req));
  return { records, roles: new Set(records.access?.principal.roles ?? []) };
}

export function reportRoutes(runtime: Runtime): Router {
  const router = Router();
  const env = { registry: runtime.registry, locale: LOCALE };
  router.get(REPORTS_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { records, roles } = await viewer(runtime, req);
      res.setHeader('Cache-Control', 'private, no-store');
      res.json({ reports: reportsFor(records, runtime.registry, roles).map((r) => ({ id: r.id, label: r.label, description: r.description, href: reportHref(r) })) });
    } catch (err) {
      next(err);
    }
  });
  router.get(`${REPORTS_PATH}/:id`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { records, roles } = await viewer(runtime, req);
      const report = reportFor(records, runtime.registry, roles, String(req.params.id));
      res.setHeader('Cache-Control', 'private, no-store');
      res.json(await computeReport(records, report, req.query as Record<string, unknown>, env, REPORT_PAGE_LIMIT));
    } catch (err) {
      next(err);
    }
  });
  router.get(`${REPORTS_PATH}/:id/download.:format`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = String(req.params.format);
      if (!isReportFormat(format)) throw new UmsError('BAD_REQUEST', `No report format "${format.slice(0, 20)}" (csv, xlsx or pdf).`);
      const { records, roles } = await viewer(runtime, req);
      const report = reportFor(records, runtime.registry, roles, String(req.params.id));
      const table = await computeReport(records, report, req.query as Record<string, unknown>, env, REPORT_DOWNLOAD_LIMIT);
      // A cut-off file would pass for the whole report: refuse it and say how to get one that fits.
      if (table.truncated) throw new UmsError('BAD_REQUEST', `"${report.label}" has ${table.total} rows over these filters; a download carries at most ${REPORT_DOWNLOAD_LIMIT}: narrow the filters.`);
      const user = (req as Request & { session?: Session & { adminUser?: SignedInUser } }).session?.adminUser;
      const now = new Date();
      const content =
        format === 'csv' ? reportCsv(table)
        : format === 'xlsx' ? await reportXlsx(table)
        : await reportPdf(table, { organization: user?.organizationName ?? '', generatedAt: now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC', locale: LOCALE });
      res.status(200);
      res.setHeader('Content-Type', REPORT_FORMATS[format].contentType);
      res.setHeader('Content-Length', String(content.length));
      res.setHeader('Content-Disposition', `attachment; filename="${report.id.replace(/[^\w-]/g, '-')}-${now.toISOString().slice(0, 10)}.${REPORT_FORMATS[format].extension}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      res.end(content);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
