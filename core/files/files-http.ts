/**
 * Files over HTTP, for whichever entry point authenticated the caller (the
 * REST API, the admin): uploads registered through the caller's records, and
 * downloads only of a file that the caller's read of its record shows in its
 * field — the record's read rule and the field rule, as the data layer
 * applies them; a file they may not see is the same 404 as a missing one.
 */
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { actorUserId } from '../data/actor.js';
import { fileIdsOf, fileRow, fileRows, registerFile, type StoredFile } from '../data/files/files.js';
import type { FileStore } from '../data/files/store.js';
import type { RecordData } from '../data/contract.js';
import type { RecordService } from '../data/records.js';
import { forbidden, UmsError } from '../errors.js';
import { entityNoun, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';
import { receiveMultipart, removeStored, type ReceivedFile } from './upload.js';

export interface FileLink {
  id: string;
  name: string;
  mime: string;
  size: number;
  url: string;
}

export function storeOf(records: RecordService): FileStore {
  const store = records.runtime.files;
  if (!store) throw new UmsError('INTERNAL', 'No file store is configured.');
  return store;
}

/** Registers received files (quota claimed, rows written) in the caller's transaction `tx`. */
export async function registerReceived(tx: RecordService, entity: ResolvedEntity, files: ReceivedFile[]): Promise<void> {
  for (const f of files) {
    await registerFile(tx.entityManager, {
      id: f.id, organization_id: tx.organizationId, entity: entity.key, field: f.field, name: f.name, mime: f.mime, size: f.size, sha256: f.sha256, storage_key: f.storage_key, created_by: actorUserId(tx.actor),
    });
  }
}

/** The caller may write a file into this field of some record (create or update, and the field rule on the type). */
export function requireFileWrite(records: RecordService, entity: ResolvedEntity, field: ResolvedField | undefined): ResolvedField {
  if (!field?.file) throw new UmsError('NOT_FOUND', 'No such file field.', { entity: entity.key });
  const writable = ['create', 'update'].some((a) => records.canOnType(a, entity.key));
  if (!writable || field.readOnly) throw forbidden({ text: 'You may not upload files to {entities}.', vars: { entities: entityNoun(entity, true) } }, { entity: entity.key, field: field.name });
  return field;
}

/**
 * Upload files for one field of an entity, not yet attached: the answer names
 * them, and a record write that sets the field to their ids attaches them.
 * Files never attached are removed by the `core.file_sweep` job after a day.
 */
export async function uploadForField(req: Request, records: RecordService, entity: ResolvedEntity, field: ResolvedField): Promise<ReceivedFile[]> {
  const store = storeOf(records);
  const body = await receiveMultipart(req, store, records.organizationId, entity, field);
  if (!body.files.length) throw new UmsError('BAD_REQUEST', `Send the file in a multipart part named "${field.name}".`, { entity: entity.key, field: field.name });
  try {
    await records.transaction((tx) => registerReceived(tx, entity, body.files));
  } catch (err) {
    await removeStored(store, body.files);
    throw err;
  }
  return body.files;
}

/**
 * A record write sent as multipart/form-data: text parts are field values, file
 * parts are files for the file fields named by the parts. The files are
 * registered and the record written in one transaction; if it fails, the stored
 * files are removed again.
 */
export async function writeWithFiles<T>(req: Request, records: RecordService, entity: ResolvedEntity, write: (tx: RecordService, input: Record<string, unknown>) => Promise<T>): Promise<T> {
  const store = storeOf(records);
  const body = await receiveMultipart(req, store, records.organizationId, entity);
  const input: Record<string, unknown> = { ...body.fields };
  for (const f of entity.fields.filter((g) => g.file)) {
    const ids = body.files.filter((r) => r.field === f.name).map((r) => r.id);
    if (!ids.length) continue;
    if (f.type === 'file' && ids.length > 1) {
      await removeStored(store, body.files);
      throw new UmsError('BAD_REQUEST', `${f.label} holds one file; ${ids.length} were sent.`, { entity: entity.key, field: f.name });
    }
    input[f.name] = f.type === 'file' ? ids[0] : ids;
  }
  try {
    return await records.transaction(async (tx) => {
      await registerReceived(tx, entity, body.files);
      return write(tx, input);
    });
  } catch (err) {
    await removeStored(store, body.files);
    throw err;
  }
}

/** The files a record's file fields name, as the caller sees the record, with their download URLs. */
export async function fileLinks(records: RecordService, entity: ResolvedEntity, record: RecordData, urlOf: (id: string) => string): Promise<Record<string, FileLink | FileLink[] | null> | undefined> {
  const fields = entity.fields.filter((f) => f.file && Object.hasOwn(record, f.name));
  if (!fields.length) return undefined;
  const ids = fields.flatMap((f) => fileIdsOf(f, record[f.name]));
  const rows = new Map((await fileRows(records.entityManager, records.organizationId, ids)).map((r) => [r.id, r]));
  const link = (id: string): FileLink | undefined => {
    const r = rows.get(id);
    return r && r.record_id === record.id ? { id, name: r.name, mime: r.mime, size: r.size, url: urlOf(id) } : undefined;
  };
  return Object.fromEntries(fields.map((f) => {
    const links = fileIdsOf(f, record[f.name]).map(link).filter((l): l is FileLink => !!l);
    return [f.name, f.type === 'files' ? links : links[0] ?? null];
  }));
}

/** The file if the caller's read of its record shows it in its field; otherwise NOT_FOUND, the same for missing and not allowed. */
export async function readableFile(records: RecordService, id: string): Promise<StoredFile> {
  const missing = new UmsError('NOT_FOUND', 'No such file, or you may not see it.');
  const file = await fileRow(records.entityManager, records.organizationId, id);
  if (!file?.record_id) throw missing;
  const entity = records.runtime.registry.entity(file.entity);
  const field = entity?.field.get(file.field);
  if (!entity || !field?.file || !records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) throw missing;
  const [record] = await records.getMany(entity.key, [file.record_id]);
  if (!record || !fileIdsOf(field, record[field.name]).includes(id)) throw missing;
  return file;
}

/** `attachment; filename="ascii"; filename*=UTF-8''…` so that any name (Bengali too) arrives as written. */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.normalize('NFKD').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const PREVIEWABLE = /^(image\/(png|jpeg|gif|webp|avif|bmp)|application\/pdf)$/;

/** Streams a readable file: its stored type, nosniff, a download unless `?inline=1` asks to preview an image or PDF. */
export async function sendFile(req: Request, res: Response, records: RecordService, id: string): Promise<void> {
  const file = await readableFile(records, id);
  if (req.query.meta === '1') {
    res.setHeader('Cache-Control', 'private, no-store');
    res.json({ id: file.id, name: file.name, mime: file.mime, size: file.size });
    return;
  }
  const stream = await storeOf(records).get(file.storage_key);
  const inline = req.query.inline === '1' && PREVIEWABLE.test(file.mime);
  res.status(200);
  res.setHeader('Content-Type', file.mime);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // A stored file is never a page of this site (a PDF keeps its viewer, which a sandbox would block).
  if (file.mime !== 'application/pdf') res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('ETag', `"${file.sha256}"`);
  await pipeline(stream, res);
}
