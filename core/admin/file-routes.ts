/**
 * HTTP routes for files in and out of the admin, mounted below the admin root
 * after the session middleware (core/server.ts) and acting as the signed-in
 * user through their RecordService:
 *
 *   GET  <root>/x/export/:entity.csv|.xlsx?filters.<field>=…&sortBy=…&direction=…
 *        the rows and columns the user's list shows, with the list's filters
 *   POST <root>/x/import/:entity      (Content-Type: text/csv, body = the file)
 *        the import report: 200 when committed, 422 when rows were rejected (nothing written)
 *   <root>/x/documents/…              PDF documents (core/documents/http.ts)
 */
import { Transform, type TransformCallback } from 'node:stream';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type AdminJS from 'adminjs';
import type { Session } from 'express-session';
import type { SignedInUser } from '../auth/index.js';
import type { Actor } from '../data/actor.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { documentRoutes } from '../documents/index.js';
import { UmsError } from '../errors.js';
import { EXPORT_FORMATS, exportColumns, importCsv, isExportFormat, writeExportRows } from '../exchange/index.js';
import { EXPORT_PATH, IMPORT_PATH } from '../paths.js';
import { exportQueryFromList, manifestResourceOf } from './export-query.js';

/** Largest CSV file the import reads. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/** The signed-in admin user as an actor; fails closed without a session. */
export function signedInActor(req: Request): Actor {
  const user = (req as Request & { session?: Session & { adminUser?: SignedInUser } }).session?.adminUser;
  if (!user?.id || !user.organizationId) throw new UmsError('FORBIDDEN', 'Sign in first.');
  return { kind: 'user', userId: user.id, organizationId: user.organizationId, email: user.email, ip: req.ip };
}

/** Fails the stream once more than `max` bytes went through. */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > max) callback(new UmsError('BAD_REQUEST', `The file is larger than ${Math.round(max / 1024 / 1024)} MB; split it into several imports.`));
      else callback(null, chunk);
    },
  });
}

const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export function exchangeRouter(runtime: Runtime, admin: AdminJS): Router {
  const router = Router();
  router.use(documentRoutes(runtime, signedInActor));

  router.get(`${EXPORT_PATH}/:entity.:format`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = String(req.params.format);
      if (!isExportFormat(format)) throw new UmsError('NOT_FOUND', `No export format "${format}" (csv or xlsx).`);
      const records = await RecordService.for(runtime, signedInActor(req));
      const entity = records.entity(String(req.params.entity));
      // Access and the filters are settled before the first byte: a refusal is still a clean error response.
      const columns = exportColumns(records, entity);
      const query = exportQueryFromList(manifestResourceOf(admin, entity), req.query as Record<string, unknown>);
      res.status(200);
      res.setHeader('Content-Type', EXPORT_FORMATS[format].contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${entity.key.replace(/\./g, '-')}-${stamp(new Date())}.${EXPORT_FORMATS[format].extension}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      await writeExportRows(records, entity, columns, format, res, query);
    } catch (err) {
      // Once rows went out, the only honest signal left is a broken download (the response was destroyed).
      if (res.headersSent) {
        if (!(err instanceof UmsError)) console.error(`[${new Date().toISOString()}] export ${req.originalUrl} failed:`, err);
        return;
      }
      next(err);
    }
  });

  router.post(`${IMPORT_PATH}/:entity`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = signedInActor(req);
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'application/csv') throw new UmsError('BAD_REQUEST', 'Send the CSV file itself as the request body, with Content-Type: text/csv.');
      const limit = byteLimit(IMPORT_MAX_BYTES);
      req.on('error', (err) => limit.destroy(err));
      const report = await importCsv(runtime, actor, String(req.params.entity), req.pipe(limit));
      res.status(report.committed ? 200 : 422).json(report);
    } catch (err) {
      next(err);
    }
  });
  return router;
}
