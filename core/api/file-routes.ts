/**
 * Files in the REST API (core/files does the work, as the caller):
 *   POST /api/v1/files/<module>/<entity>/<field>   multipart/form-data, the file(s) in a part named <field>
 *        → 201 { data: [{ id, name, mime, size, url }] }: not attached yet; set the field to the id in a write
 *   GET  /api/v1/files/<id>[?inline=1]             the file, if the caller may read its record and field
 * Record writes may also be sent as multipart/form-data (record-routes.ts).
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { requireFileWrite, sendFile, uploadForField } from '../files/files-http.js';
import { entityFor } from './record-routes.js';
import { ApiError } from './problem.js';
import { fileUrl, recordsOf } from './request.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

/** A file's download address in the API, absolute from PUBLIC_URL when set, as export links are (files/link-origin.ts). */

export function fileRoutes(publicUrl: string | undefined): Router {
  const router = Router();
  router.post('/files/:module/:entity/:field', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const field = requireFileWrite(records, entity, entity.field.get(req.params.field));
    if (!req.is('multipart/form-data')) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', `Send the file as multipart/form-data, in a part named "${field.name}".`);
    const files = await uploadForField(req, records, entity, field);
    res.status(201).json({ data: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: fileUrl(req, publicUrl, f.id) })) });
  }));
  router.get('/files/:id', wrap(async (req, res) => {
    await sendFile(req, res, recordsOf(req), req.params.id);
  }));
  return router;
}
