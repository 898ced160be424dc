/**
 * HTTP routes for files in and out of the admin, mounted below the admin root
 * after the session middleware (core/server.ts) and acting as the signed-in
 * user through their RecordService:
 *
 *   GET  <root>/x/export/:entity.csv|.xlsx?filters.<field>=…&sortBy=…&direction=…
 *        the rows and columns the user's list shows, with the list's filters
 *   POST <root>/x/import/:entity      (Content-Type: text/csv, body = the file)
 *        the import report: 200 when committed, 422 when rows were rejected (nothing written);
 *        the file is received in full (413 past its size, 408 when idle or slow) before the
 *        database is touched, and a user or organization has only a few imports at once (429)
 *   <root>/x/documents/…              PDF documents (core/documents/http.ts)
 *   <root>/x/notifications…           the user's own notifications (notification-routes.ts)
 *   <root>/x/saved-filters…           the user's saved filters beside a list (saved-filter-routes.ts)
 */
import { createReadStream } from 'node:fs';
import { Router, type NextFunction, type Request, type Response } from 'express';
import type AdminJS from 'adminjs';
import type { Session } from 'express-session';
import type { UploadLimits } from '../../config/index.js';
import type { SignedInUser } from '../auth/index.js';
import type { Actor } from '../data/actor.js';
import { RecordService } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import { documentRoutes } from '../documents/index.js';
import { UmsError } from '../errors.js';
import { errorField, log } from '../log.js';
import { EXPORT_FORMATS, exportColumns, importCsv, importTarget, isExportFormat, writeExportRows } from '../exchange/index.js';
import { EXPORT_PATH, FILES_PATH, IMPORT_PATH } from '../paths.js';
import { requireFileWrite, sendFile, uploadForField } from '../files/files-http.js';
import { linkOrigin } from '../files/link-origin.js';
import { exportQueryFromList, manifestResourceOf } from './export-query.js';
import { ImportGate, spoolUpload } from './upload-spool.js';
import { notificationRoutes } from './notification-routes.js';
import { savedFilterRoutes } from './saved-filter-routes.js';
import { languageOfUser, languageRoutes } from './language.js';

/** The signed-in admin user as an actor; fails closed without a session. */
export function signedInActor(req: Request): Extract<Actor, { kind: 'user' }> {
  const user = (req as Request & { session?: Session & { adminUser?: SignedInUser } }).session?.adminUser;
  if (!user?.id || !user.organizationId) throw new UmsError('FORBIDDEN', 'Sign in first.');
  return { kind: 'user', userId: user.id, organizationId: user.organizationId, email: user.email, ip: req.ip };
}

const stamp = (d: Date): string => d.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

/**
 * `publicUrl`: the installation's base URL for export file links (PUBLIC_URL); without one, the
 * request's origin. Either way the link is absolute, so a spreadsheet makes it clickable.
 */
export function exchangeRouter(runtime: Runtime, admin: AdminJS, uploads: { uploadDir: string; limits: UploadLimits }, publicUrl?: string): Router {
  const router = Router();
  const gate = new ImportGate(uploads.limits);
  router.use(documentRoutes(runtime, signedInActor));
  router.use(notificationRoutes(runtime, signedInActor));
  router.use(savedFilterRoutes(runtime, signedInActor));
  router.use(languageRoutes(runtime, signedInActor));

  // A file of a file field, as the signed-in user may read its record and field (core/files).
  router.get(`${FILES_PATH}/:id`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      await sendFile(req, res, await RecordService.for(runtime, signedInActor(req)), String(req.params.id));
    } catch (err) {
      if (res.headersSent) res.destroy();
      else next(err);
    }
  });

  // An upload for a file field from the edit form (components/file-input.tsx): stored, not attached until the form is saved.
  router.post(`${FILES_PATH}/:entity/:field`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const records = await RecordService.for(runtime, signedInActor(req));
      const entity = records.entity(String(req.params.entity));
      if (!records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) throw new UmsError('NOT_FOUND', 'No such file field.');
      const field = requireFileWrite(records, entity, entity.field.get(String(req.params.field)));
      if (!req.is('multipart/form-data')) throw new UmsError('BAD_REQUEST', `Send the file as multipart/form-data, in a part named "${field.name}".`);
      const files = await uploadForField(req, records, entity, field);
      res.status(201).json({ data: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size })) });
    } catch (err) {
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      next(err);
    }
  });

  router.get(`${EXPORT_PATH}/:entity.:format`, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const format = String(req.params.format);
      if (!isExportFormat(format)) throw new UmsError('NOT_FOUND', `No export format "${format}" (csv or xlsx).`);
      const actor = signedInActor(req);
      const records = await RecordService.for(runtime, actor);
      const entity = records.entity(String(req.params.entity));
      // Access and the filters are settled before the first byte: a refusal is still a clean error response.
      const columns = exportColumns(records, entity);
      const base = `${linkOrigin(req, publicUrl)}${req.baseUrl}${FILES_PATH}`;
      // Headers and value labels in the viewer's language (theirs, else the organization's).
      const query = {
        ...exportQueryFromList(manifestResourceOf(admin, entity), req.query as Record<string, unknown>),
        fileUrl: (id: string) => `${base}/${id}`,
        language: await languageOfUser(runtime, actor.organizationId, actor.userId),
      };
      res.status(200);
      res.setHeader('Content-Type', EXPORT_FORMATS[format].contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${entity.key.replace(/\./g, '-')}-${stamp(new Date())}.${EXPORT_FORMATS[format].extension}"`);
      res.setHeader('Cache-Control', 'private, no-store');
      await writeExportRows(records, entity, columns, format, res, query);
    } catch (err) {
      // Once rows went out, the only honest signal left is a broken download (the response was destroyed).
      if (res.headersSent) {
        if (!(err instanceof UmsError)) log().error({ err: errorField(err) }, 'export failed after rows were sent');
        return;
      }
      next(err);
    }
  });

  router.post(`${IMPORT_PATH}/:entity`, async (req: Request, res: Response, next: NextFunction) => {
    let leave: (() => void) | undefined;
    try {
      const actor = signedInActor(req);
      const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'text/csv' && type !== 'application/csv') throw new UmsError('BAD_REQUEST', 'Send the CSV file itself as the request body, with Content-Type: text/csv.');
      // Refused before a byte of the file is received: who may not import at all takes no place and no disk.
      await importTarget(runtime, actor, String(req.params.entity));
      leave = gate.enter(actor.userId, actor.organizationId);
      // The whole file first, so that no transaction waits on the client's bytes.
      const { limits } = uploads;
      const file = await spoolUpload(req, res, uploads.uploadDir, { maxBytes: limits.importMaxBytes, idleTimeoutMs: limits.idleTimeoutMs, totalTimeoutMs: limits.totalTimeoutMs });
      const report = await gate.run(async () => {
        const input = createReadStream(file);
        // importCsv reads it through pipeline, which reports its errors; one after a refusal before the first read has no one to tell.
        input.on('error', () => undefined);
        try {
          return await importCsv(runtime, actor, String(req.params.entity), input);
        } finally {
          input.destroy();
        }
      });
      res.status(report.committed ? 200 : 422).json(report);
    } catch (err) {
      // A refusal before the whole file arrived: the rest of it is not read, the connection ends with the answer.
      if (!req.complete && !res.headersSent) res.setHeader('Connection', 'close');
      next(err);
    } finally {
      leave?.();
    }
  });
  return router;
}
