/**
 * `/api/v1/<module>/<entity>[/<id>[/actions/<action> | /history]]`: the
 * manifest entities over HTTP, every call through the caller's RecordService
 * (tenant, row and field rules, validation, hooks, audit) and the workflow
 * engine — nothing here decides who may do what. An entity the caller may not
 * read, of a disabled module or unknown, is the same 404 as a missing record.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import type { RecordData } from '../data/contract.js';
import type { RecordService } from '../data/records.js';
import { readsTogether } from '../data/tenant-scope.js';
import { auditKeysOf } from '../data/audit-names.js';
import { WorkflowEngine } from '../workflow/index.js';
import { isSystemColumn, type ResolvedEntity } from '../manifest/index.js';
import { parseListParams, sortTag, type Cursors } from './list-params.js';
import { ApiError, badRequest, notFoundHere } from './problem.js';
import { fileUrl, recordsOf } from './request.js';
import { sendJson } from './respond.js';
import { fileLinks, writeWithFiles } from '../files/files-http.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

/** The entity of the path, if the caller may use it at all. */
export function entityFor(records: RecordService, module: string, name: string): ResolvedEntity {
  const entity = records.runtime.registry.entity(`${module}.${name}`);
  if (!entity || !records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) throw notFoundHere();
  return entity;
}

/** `If-Match: "3"` (or W/"3", or 3): the version the client last saw. */
export function ifMatchVersion(req: Request): number | undefined {
  const raw = req.get('if-match');
  if (raw === undefined) return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw badRequest('If-Match must be the ETag of the record (its version), e.g. "3".', 'If-Match');
  return Number(m[1]);
}

const etag = (record: RecordData): string => `"${record.version}"`;

/** A JSON object body; every key must be a field the entity declares (system columns are the system's). */
export function recordBody(req: Request, entity: ResolvedEntity): Record<string, unknown> {
  const body = req.body as unknown;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('Send the record as a JSON object of field values.');
  const errors: Record<string, { message: string; type: string }> = {};
  for (const key of Object.keys(body)) {
    if (!entity.field.has(key)) errors[key] = { message: isSystemColumn(key, 'select') ? 'is set by the system' : `is not a field of ${entity.label}`, type: 'unknown' };
  }
  if (Object.keys(errors).length) throw new ApiError('VALIDATION_FAILED', 'The record has errors: see the fields.', { entity: entity.key, field: Object.keys(errors)[0] }, {}, errors);
  return body as Record<string, unknown>;
}



/** A multipart write, for an entity with file fields only; any other entity takes JSON. */
function isMultipart(req: Request, entity: ResolvedEntity): boolean {
  if (!req.is('multipart/form-data')) return false;
  if (!entity.fields.some((f) => f.file)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json).');
  return true;
}

/** `files`: the record's file fields as names, types, sizes and download URLs (entities with file fields only). */
async function filesOf(req: Request, publicUrl: string | undefined, records: RecordService, entity: ResolvedEntity, record: RecordData): Promise<{ files?: Record<string, unknown> }> {
  const links = await fileLinks(records, entity, record, (id) => fileUrl(req, publicUrl, id));
  return links ? { files: links } : {};
}

function sparse(record: RecordData, fields: string[] | undefined): RecordData {
  if (!fields) return record;
  const keep = new Set(['id', 'version', ...fields]);
  return Object.fromEntries(Object.entries(record).filter(([k]) => keep.has(k))) as RecordData;
}

/** The referenced records (one level), as the caller may read them: a reference they may not follow is simply not included. */
async function included(records: RecordService, entity: ResolvedEntity, rows: RecordData[], include: string[]): Promise<Record<string, RecordData[]> | undefined> {
  if (!include.length) return undefined;
  const out: Record<string, RecordData[]> = {};
  for (const name of include) {
    const target = entity.field.get(name)!.target!;
    const ids = [...new Set(rows.map((r) => r[name]).filter((v): v is string => typeof v === 'string'))];
    const found = ids.length ? await records.getMany(target, ids) : [];
    const seen = new Set((out[target] ?? []).map((r) => r.id));
    out[target] = [...(out[target] ?? []), ...found.filter((r) => !seen.has(r.id))];
  }
  return out;
}

/** In the caller's transaction, on the locked row, so nothing changes it between the check and the write. */
async function checkVersion(tx: RecordService, entity: ResolvedEntity, id: string, expected: number): Promise<void> {
  const current = await tx.lock(entity.key, id);
  if (current.version !== expected) throw new ApiError('PRECONDITION_FAILED', `This ${entity.label.toLowerCase()} was changed since you read it (version ${current.version}); read it again.`, { entity: entity.key });
}

const ACTION_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export function recordRoutes(cursors: Cursors, publicUrl: string | undefined): Router {
  const router = Router({ mergeParams: true });

  router.get('/:module/:entity', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const params = parseListParams(req.query as Record<string, unknown>, entity, new Set(records.readableFields(entity)), cursors);
    // The page and its included records in one short transaction, ended before the answer is written; the page
    // alone is one statement, a transaction of its own in one round trip (data/tenant-scope.ts).
    const read = async () => {
      const page = await records.findPage(entity.key, { filters: params.filters, sort: params.sort, limit: params.limit, after: params.after });
      return { page, inc: await included(records, entity, page.records, params.include) };
    };
    const { page, inc } = params.include.length ? await readsTogether(read) : await read();
    sendJson(req, res, {
      data: params.fields ? page.records.map((r) => sparse(r, params.fields)) : page.records,
      next_cursor: page.next ? cursors.encode(page.next, sortTag(params.sort, entity)) : null,
      ...(inc ? { included: inc } : {}),
    });
  }));

  router.post('/:module/:entity', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const created = isMultipart(req, entity)
      ? await writeWithFiles(req, records, entity, (tx, input) => tx.create(entity.key, input))
      : await records.create(entity.key, recordBody(req, entity));
    res.status(201).setHeader('Location', `${req.baseUrl}/${entity.module}/${entity.name}/${created.id}`);
    res.setHeader('ETag', etag(created));
    sendJson(req, res, { data: created, ...(await filesOf(req, publicUrl, records, entity, created)) });
  }));

  router.get('/:module/:entity/:id', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const unknown = Object.keys(req.query).filter((k) => k !== 'fields' && k !== 'include');
    if (unknown.length) throw badRequest(`Unknown parameter "${unknown[0]}"; a record takes fields and include.`, unknown[0]);
    const { fields, include } = parseListParams({ ...(req.query.fields !== undefined ? { fields: req.query.fields } : {}), ...(req.query.include !== undefined ? { include: req.query.include } : {}) }, entity, new Set(records.readableFields(entity)), cursors);
    const record = await records.get(entity.key, req.params.id);
    const inc = await included(records, entity, [record], include);
    res.setHeader('ETag', etag(record));
    sendJson(req, res, { data: sparse(record, fields), ...(inc ? { included: inc } : {}), ...(await filesOf(req, publicUrl, records, entity, record)) });
  }));

  router.patch('/:module/:entity/:id', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const expectedVersion = ifMatchVersion(req);
    const updated = isMultipart(req, entity)
      ? await writeWithFiles(req, records, entity, (tx, input) => tx.update(entity.key, req.params.id, input, { expectedVersion }))
      : await records.update(entity.key, req.params.id, recordBody(req, entity), { expectedVersion });
    res.setHeader('ETag', etag(updated));
    sendJson(req, res, { data: updated, ...(await filesOf(req, publicUrl, records, entity, updated)) });
  }));

  router.delete('/:module/:entity/:id', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const expectedVersion = ifMatchVersion(req);
    await records.transaction(async (tx) => {
      // The version check and the delete in one transaction, on the locked row: no read-then-write gap.
      if (expectedVersion !== undefined) await checkVersion(tx, entity, req.params.id, expectedVersion);
      await tx.delete(entity.key, req.params.id);
    });
    res.status(204).end();
  }));

  router.post('/:module/:entity/:id/actions/:action', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    const action = req.params.action;
    if (!ACTION_NAME.test(action)) throw notFoundHere();
    const body = (req.body ?? {}) as unknown;
    if (typeof body !== 'object' || Array.isArray(body) || body === null) throw badRequest('Send a JSON object: { "comment": "…" } for workflow actions, { "input": { … } } for others.');
    const { comment, input, ...rest } = body as { comment?: unknown; input?: unknown };
    if (Object.keys(rest).length) throw badRequest(`Unknown key "${Object.keys(rest)[0]}"; an action takes comment and input.`, Object.keys(rest)[0]);
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > 5000)) throw badRequest('comment must be text (at most 5000 characters).', 'comment');
    if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) throw badRequest('input must be a JSON object.', 'input');
    const expectedVersion = ifMatchVersion(req);
    const wf = records.runtime.registry.workflow(entity.key);
    const isWorkflowAction = wf && wf.transitions.some((t) => t.name === action || t.approval?.reject?.name === action);
    if (isWorkflowAction) {
      const engine = await WorkflowEngine.for(records);
      const result = await engine.run(entity.key, req.params.id, action, { comment, expectedVersion });
      res.setHeader('ETag', etag(result.record));
      sendJson(req, res, { message: result.message, moved: result.moved, data: await records.get(entity.key, req.params.id).catch(() => result.record) });
      return;
    }
    if (!records.runtime.plugins.action(entity, action)) throw notFoundHere();
    const result = await records.transaction(async (tx) => {
      if (expectedVersion !== undefined) await checkVersion(tx, entity, req.params.id, expectedVersion);
      return tx.runAction(entity.key, action, req.params.id, (input as Record<string, unknown> | undefined) ?? {});
    });
    sendJson(req, res, { message: result.message, ...(result.record ? { data: result.record } : {}) });
  }));

  router.get('/:module/:entity/:id/history', wrap(async (req, res) => {
    const records = recordsOf(req);
    const entity = entityFor(records, req.params.module, req.params.entity);
    await records.get(entity.key, req.params.id);
    const workflow = records.runtime.registry.workflow(entity.key) ? await (await WorkflowEngine.for(records)).history(entity.key, req.params.id) : [];
    // Changes from the audit log, as far as the caller may read it (org admins), entries from before a rename included and shown under today's names.
    const changes = records.canOnType('read', 'core.audit_log')
      ? await records.find('core.audit_log', { filters: [{ field: 'entity', op: 'in', value: await auditKeysOf(records.entityManager, entity.key) }, { field: 'record_id', op: 'eq', value: req.params.id }], sort: { field: 'created_at', direction: 'desc' }, limit: 200 })
      : [];
    sendJson(req, res, { data: { workflow, changes } });
  }));

  return router;
}
