/**
 * The OpenAPI 3.1 document of the REST API for one caller, made from the
 * manifests and the caller's compiled access: only entities they may read (of
 * enabled modules), only the fields they may read on some record, only the
 * operations their rules allow on some record, only the record actions and
 * workflow actions they could take. Another role's entities, fields and
 * actions do not appear at all (as in Directus).
 */
import { MAX_SEARCH_LENGTH } from '../data/constraints/search-indexes.js';
import type { RecordService } from '../data/records.js';
import { CORE_MODULE_ID, SYSTEM_COLUMNS, type ResolvedEntity, type ResolvedField, type ResolvedWorkflow } from '../manifest/index.js';
import { fieldJsonSchema } from '../manifest/validation.js';
import { FILTER_OPS, MAX_LIMIT } from './list-params.js';
import { PROBLEM_CODES } from './problem.js';

type Schema = Record<string, unknown>;

export const schemaName = (entity: ResolvedEntity): string => entity.key.split(/[._]/).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

/** Rules on a value that a write must meet; a stored value may predate them (built-in role names carry their module's prefix). */
const INPUT_ONLY = new Set(['pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum']);
const typeOnly = (schema: Schema): Schema =>
  Object.fromEntries(Object.entries(schema).filter(([k]) => !INPUT_ONLY.has(k)).map(([k, v]) => [k, k === 'anyOf' ? (v as Schema[]).map(typeOnly) : v]));

/** A field as the writes' validation accepts it (core/manifest/validation.ts), with its label: one schema, not a twin; answers keep only its type. */
function fieldSchema(f: ResolvedField, use: 'input' | 'answer'): Schema {
  const schema = fieldJsonSchema(f);
  return { ...(use === 'input' ? schema : typeOnly(schema)), description: f.help ?? f.label };
}

const SYSTEM_SCHEMAS: Record<string, Schema> = {
  id: { type: 'string', format: 'uuid' },
  version: { type: 'integer' },
  created_at: { type: 'string' },
  updated_at: { type: 'string' },
  created_by: { type: ['string', 'null'], format: 'uuid' },
  updated_by: { type: ['string', 'null'], format: 'uuid' },
};

function recordSchema(records: RecordService, entity: ResolvedEntity): Schema {
  const properties: Record<string, Schema> = {};
  for (const c of SYSTEM_COLUMNS.select) properties[c] = SYSTEM_SCHEMAS[c] ?? {};
  const readable = new Set(records.readableFields(entity));
  for (const f of entity.fields) if (readable.has(f.name)) properties[f.name] = fieldSchema(f, 'answer');
  // Fields a record's own rules hide are absent from it, so only the system columns are always there.
  return { type: 'object', title: entity.label, properties, required: ['id', 'version'], additionalProperties: false };
}

function inputSchema(entity: ResolvedEntity): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of entity.fields) if (!f.readOnly) properties[f.name] = f.type === 'password' ? { type: 'string', writeOnly: true } : fieldSchema(f, 'input');
  return { type: 'object', properties, additionalProperties: false };
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

/** A write's body: JSON, or for an entity with file fields also multipart/form-data (text parts are values, file parts are files). */
function writeBody(entity: ResolvedEntity, name: string): Schema {
  const content: Record<string, Schema> = { 'application/json': { schema: ref(`${name}Input`) } };
  const fileFields = entity.fields.filter((f) => f.file && !f.readOnly);
  if (fileFields.length) {
    const files = Object.fromEntries(fileFields.map((f) => [f.name, f.type === 'files' ? { type: 'array', items: { type: 'string', format: 'binary' } } : { type: 'string', format: 'binary' }]));
    content['multipart/form-data'] = { schema: { type: 'object', description: 'Field values as text parts; files as file parts named after their field.', properties: files } };
  }
  return { required: true, content };
}

const FILE_LINK: Schema = { type: 'object', required: ['id', 'name', 'mime', 'size', 'url'], properties: { id: { type: 'string', format: 'uuid' }, name: { type: 'string' }, mime: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string', description: 'GET it with the access token to download' } } };

/** The upload route of each file field the caller may write, and the download route. */
function filePaths(records: RecordService, entity: ResolvedEntity, tag: string): Record<string, Record<string, Schema>> {
  const writable = ['create', 'update'].some((a) => records.canOnType(a, entity.key));
  const out: Record<string, Record<string, Schema>> = {};
  for (const f of entity.fields) {
    if (!f.file || f.readOnly || !writable) continue;
    const limits = `at most ${f.file.maxBytes} bytes${f.file.accept.length ? `; types (read from the content): ${f.file.accept.join(', ')}` : ''}`;
    out[`/files/${entity.module}/${entity.name}/${f.name}`] = {
      post: {
        operationId: `upload${schemaName(entity)}${f.name.replace(/(^|_)([a-z0-9])/g, (_m, _u: string, c: string) => c.toUpperCase())}`,
        summary: `Upload ${f.type === 'files' ? 'files' : 'a file'} for ${f.label} (${limits}); then set the field to the returned id${f.type === 'files' ? 's' : ''} in a write`,
        tags: [tag],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', required: [f.name], properties: { [f.name]: { type: 'string', format: 'binary' } } } } } },
        responses: {
          '201': json({ type: 'object', required: ['data'], properties: { data: { type: 'array', items: FILE_LINK } } }, 'Stored, not attached yet (removed after a day unless a write attaches it)'),
          '413': problemResponse('Larger than the field allows'),
          '415': problemResponse('Not multipart/form-data'),
          ...errors(403, 404, 409),
        },
      },
    };
  }
  return out;
}
const problemResponse = (description: string): Schema => ({ description, content: { 'application/problem+json': { schema: ref('Problem') } } });
const json = (schema: Schema, description = 'OK'): Schema => ({ description, content: { 'application/json': { schema } } });
const errors = (...codes: number[]): Record<string, Schema> => {
  const text: Record<number, string> = { 400: 'Bad parameter or field errors', 401: 'No valid access token', 403: 'Not allowed', 404: 'No such record, or not visible to you', 409: 'Conflict', 412: 'The record changed since the given version', 429: 'Rate limit' };
  return Object.fromEntries([400, 401, 429, ...codes].map((c) => [String(c), problemResponse(text[c])]));
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const ifMatch = { name: 'If-Match', in: 'header', required: false, description: 'The version (ETag) you last read: a stale one is refused with 412', schema: { type: 'string' } };

/** The workflow actions this caller may possibly take: they hold a role named in `by` or a step, or `by`/steps name relations (decided per record). */
function workflowActions(records: RecordService, wf: ResolvedWorkflow): { name: string; label: string; approval: boolean }[] {
  const roles = new Set(records.access?.principal.roles ?? []);
  const mayBe = (who?: { roles: string[]; relations: string[]; where?: unknown }): boolean => !!who && (who.relations.length > 0 || !!who.where || who.roles.some((r) => roles.has(r)));
  const out: { name: string; label: string; approval: boolean }[] = [];
  for (const t of wf.transitions) {
    const approvers = t.approval?.steps.some((s) => mayBe(s.approvers)) || (roles.has('admin') && !!t.approval);
    if (mayBe(t.by) || approvers) out.push({ name: t.name, label: t.label, approval: !!t.approval });
    if (t.approval?.reject && approvers) out.push({ name: t.approval.reject.name, label: t.approval.reject.label, approval: true });
  }
  return out;
}

export function openApiDocument(records: RecordService, serverUrl: string): Schema {
  const schemas: Record<string, Schema> = {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status', 'code', 'detail'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        code: { type: 'string', enum: PROBLEM_CODES },
        detail: { type: 'string' },
        entity: { type: 'string' },
        field: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', required: ['pointer', 'field', 'message'], properties: { pointer: { type: 'string' }, field: { type: 'string' }, message: { type: 'string' }, type: { type: 'string' } } } },
      },
    },
    ActionResult: { type: 'object', required: ['message'], properties: { message: { type: 'string' }, moved: { type: 'boolean' }, data: { type: 'object' } } },
    History: { type: 'object', required: ['data'], properties: { data: { type: 'object', required: ['workflow', 'changes'], properties: { workflow: { type: 'array', items: { type: 'object' } }, changes: { type: 'array', items: { type: 'object' } } } } } },
    Me: {
      type: 'object',
      required: ['data'],
      properties: {
        data: {
          type: 'object',
          required: ['user', 'organization', 'roles', 'modules'],
          properties: {
            user: { type: 'object', required: ['id', 'email', 'name'], properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' } } },
            organization: { type: 'object', required: ['id', 'slug', 'name'], properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' } } },
            roles: { type: 'array', items: { type: 'string' } },
            modules: { type: 'array', items: { type: 'object', required: ['id', 'label'], properties: { id: { type: 'string' }, label: { type: 'string' } } } },
          },
        },
      },
    },
    FileLink: FILE_LINK,
    RecordFiles: { type: 'object', description: 'Entities with file fields: per file field, its file (or files) with a download URL', additionalProperties: { anyOf: [ref('FileLink'), { type: 'array', items: ref('FileLink') }, { type: 'null' }] } },
    Approvals: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: { type: 'object', required: ['id', 'entity', 'record_id', 'transition'], properties: { id: { type: 'string' }, entity: { type: 'string' }, record_id: { type: 'string' }, transition: { type: 'string' } } } } } },
  };
  const paths: Record<string, Record<string, Schema>> = {
    '/me': { get: { operationId: 'me', summary: 'Who the token speaks for', tags: ['account'], responses: { '200': json(ref('Me')), ...errors() } } },
    '/files/{id}': {
      get: {
        operationId: 'downloadFile',
        summary: 'A file, if you may read its record and field (?inline=1 previews an image or PDF)',
        tags: ['files'],
        parameters: [idParam, { name: 'inline', in: 'query', required: false, schema: { type: 'string', enum: ['1'] } }],
        responses: { '200': { description: 'The file, with its detected type, Content-Disposition (filename*) and nosniff', content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }, ...errors(404) },
      },
    },
    '/approvals': { get: { operationId: 'approvals', summary: 'What waits for your approval', tags: ['account'], responses: { '200': json(ref('Approvals')), ...errors() } } },
  };

  for (const entity of records.runtime.registry.entities) {
    if (!records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) continue;
    const name = schemaName(entity);
    schemas[name] = recordSchema(records, entity);
    const tag = entity.module === CORE_MODULE_ID ? 'core' : entity.module;
    const base = `/${entity.module}/${entity.name}`;
    const readable = records.readableFields(entity);
    const references = entity.fields.filter((f) => f.type === 'reference' && readable.includes(f.name)).map((f) => f.name);
    const included = { type: 'object', additionalProperties: { type: 'array', items: { type: 'object' } } };
    const list: Schema = {
      operationId: `list${name}`,
      summary: `List ${entity.pluralLabel.toLowerCase()}`,
      tags: [tag],
      parameters: [
        { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: 50 } },
        { name: 'cursor', in: 'query', description: 'next_cursor of the previous page', schema: { type: 'string' } },
        { name: 'sort', in: 'query', description: 'A field, or -field for descending', schema: { type: 'string' } },
        { name: 'fields', in: 'query', description: 'Comma-separated fields to return (id and version always)', schema: { type: 'string' } },
        { name: 'include', in: 'query', description: `Comma-separated references to include: ${references.join(', ') || 'none'}`, schema: { type: 'string' } },
        ...(entity.searchFields.length ? [{ name: 'q', in: 'query', description: `Search: records whose ${entity.searchFields.join(', ')} contain this text (case-insensitive; fields you may not read on every record are not searched)`, schema: { type: 'string', maxLength: MAX_SEARCH_LENGTH } }] : []),
        { name: 'filter', in: 'query', style: 'deepObject', explode: true, description: `filter[<field>]=value or filter[<field>][<op>]=value; ops: ${FILTER_OPS.join(', ')}`, schema: { type: 'object' } },
      ],
      responses: { '200': json({ type: 'object', required: ['data', 'next_cursor'], properties: { data: { type: 'array', items: ref(name) }, next_cursor: { type: ['string', 'null'] }, included } }), ...errors(404) },
    };
    const ops: Record<string, Schema> = { get: list };
    if (records.canOnType('create', entity.key)) {
      schemas[`${name}Input`] = inputSchema(entity);
      ops.post = {
        operationId: `create${name}`,
        summary: `Create a ${entity.label.toLowerCase()}`,
        tags: [tag],
        requestBody: writeBody(entity, name),
        responses: { '201': json({ type: 'object', required: ['data'], properties: { data: ref(name), files: ref('RecordFiles') } }, 'Created'), ...errors(403, 404, 409) },
      };
    }
    paths[base] = ops;
    const one: Record<string, Schema> = {
      get: {
        operationId: `get${name}`,
        summary: `One ${entity.label.toLowerCase()}`,
        tags: [tag],
        parameters: [idParam, { name: 'fields', in: 'query', schema: { type: 'string' } }, { name: 'include', in: 'query', schema: { type: 'string' } }],
        responses: { '200': json({ type: 'object', required: ['data'], properties: { data: ref(name), included, files: ref('RecordFiles') } }), ...errors(404) },
      },
    };
    Object.assign(paths, filePaths(records, entity, tag));
    if (records.canOnType('update', entity.key)) {
      schemas[`${name}Input`] ??= inputSchema(entity);
      one.patch = {
        operationId: `update${name}`,
        summary: `Change fields of a ${entity.label.toLowerCase()}`,
        tags: [tag],
        parameters: [idParam, ifMatch],
        requestBody: writeBody(entity, name),
        responses: { '200': json({ type: 'object', required: ['data'], properties: { data: ref(name), files: ref('RecordFiles') } }), ...errors(403, 404, 409, 412) },
      };
    }
    if (records.canOnType('delete', entity.key)) {
      one.delete = { operationId: `delete${name}`, summary: `Delete a ${entity.label.toLowerCase()}`, tags: [tag], parameters: [idParam, ifMatch], responses: { '204': { description: 'Deleted' }, ...errors(403, 404, 409, 412) } };
    }
    paths[`${base}/{id}`] = one;
    paths[`${base}/{id}/history`] = { get: { operationId: `history${name}`, summary: 'Workflow history and changes', tags: [tag], parameters: [idParam], responses: { '200': json(ref('History')), ...errors(404) } } };

    const actionBody = { required: false, content: { 'application/json': { schema: { type: 'object', properties: { comment: { type: 'string' }, input: { type: 'object' } }, additionalProperties: false } } } };
    const actions: { name: string; label: string; approval: boolean }[] = records.runtime.plugins
      .actionsFor(entity)
      .filter((a) => records.canOnType(a.name, entity.key))
      .map((a) => ({ name: a.name, label: a.label, approval: false }));
    const wf = records.runtime.registry.workflow(entity.key);
    if (wf) actions.push(...workflowActions(records, wf));
    for (const a of actions) {
      paths[`${base}/{id}/actions/${a.name}`] = {
        post: {
          operationId: `${a.name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())}${name}`,
          summary: `${a.label}${a.approval ? ' (approval; a rejection needs a comment)' : ''}`,
          tags: [tag],
          parameters: [idParam, ifMatch],
          requestBody: actionBody,
          responses: { '200': json(ref('ActionResult')), ...errors(403, 404, 409, 412) },
        },
      };
    }
  }

  return {
    openapi: '3.1.0',
    info: { title: 'UMS REST API', version: '1', description: 'Generated from the manifests for the signed-in caller: only what they may use.' },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: { schemas, securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
  };
}
