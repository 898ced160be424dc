/**
 * Document downloads over HTTP (AdminJS actions answer JSON, so the admin's
 * document action links here). All routes act as the signed-in user:
 *
 *   POST <root>/:entity/:id/:action.pdf          print now (the first print issues the number) and download (application/pdf)
 *   GET  <root>/:entity/:id/:action.pdf          the PDF printed last (409 until it is printed); a GET never issues a number
 *   POST <root>/:entity/:id/:action/queue        print in the background (documents job); 202 + state
 *   GET  <root>/:entity/:id/:action/status       { status: none|issued|pending|ready|failed, number, … }
 *   GET  <root>/:entity/:id/:action/stored.pdf   the PDF the job stored (409 until it is ready)
 */
import { Router, type Request, type Response } from 'express';
import type { Actor } from '../data/actor.js';
import { DOCUMENTS_PATH } from '../paths.js';
import type { Runtime } from '../runtime.js';
import { documentState, printDocumentFor, queueDocument, storedDocumentFor, type PrintedDocument } from './service.js';


/** URL of a document's download, below the admin root (e.g. `/admin`). */
export const documentUrl = (adminRoot: string, entityKey: string, recordId: string, action: string): string =>
  `${adminRoot}${DOCUMENTS_PATH}/${encodeURIComponent(entityKey)}/${encodeURIComponent(recordId)}/${encodeURIComponent(action)}.pdf`;

function sendPdf(res: Response, document: PrintedDocument): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Length', String(document.content.length));
  res.setHeader('Content-Disposition', `attachment; filename="${document.filename.replace(/[^\w.-]/g, '_')}"`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.end(document.content);
}

type Handler = (req: Request, res: Response, actor: Actor) => Promise<void>;

export function documentRoutes(runtime: Runtime, actorOf: (req: Request) => Actor): Router {
  const router = Router();
  const route = (handler: Handler) => (req: Request, res: Response, next: (err?: unknown) => void) => {
    let actor: Actor;
    try {
      actor = actorOf(req);
    } catch (err) {
      return next(err);
    }
    handler(req, res, actor).catch(next);
  };
  const params = (req: Request) => [String(req.params.entity), String(req.params.id), String(req.params.action)] as const;

  // State changes only on POST: printing issues a number, stores the PDF and writes the audit log.
  router.post(`${DOCUMENTS_PATH}/:entity/:id/:action.pdf`, route(async (req, res, actor) => sendPdf(res, await printDocumentFor(runtime, actor, ...params(req)))));
  router.get(`${DOCUMENTS_PATH}/:entity/:id/:action.pdf`, route(async (req, res, actor) => sendPdf(res, await storedDocumentFor(runtime, actor, ...params(req)))));
  router.post(`${DOCUMENTS_PATH}/:entity/:id/:action/queue`, route(async (req, res, actor) => {
    res.status(202).json(await queueDocument(runtime, actor, ...params(req)));
  }));
  router.get(`${DOCUMENTS_PATH}/:entity/:id/:action/status`, route(async (req, res, actor) => {
    res.json(await documentState(runtime, actor, ...params(req)));
  }));
  router.get(`${DOCUMENTS_PATH}/:entity/:id/:action/stored.pdf`, route(async (req, res, actor) => sendPdf(res, await storedDocumentFor(runtime, actor, ...params(req)))));
  return router;
}
