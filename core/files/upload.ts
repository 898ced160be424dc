/**
 * Multipart uploads for file fields, streamed: busboy hands each file part
 * over as it arrives; its first bytes are held (a few KB) until `file-type`
 * has named its type from the content, which must be one the field accepts;
 * then every byte goes straight to the file store while it is hashed and
 * counted. A file past its field's size is refused as soon as it gets there,
 * and whatever was stored for the request is removed on any failure.
 */
import { createHash, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request } from 'express';
import { RecordValidationError, UmsError } from '../errors.js';
import { accepts } from '../manifest/file-fields.js';
import type { ResolvedEntity, ResolvedField } from '../manifest/index.js';
import { storageKey, type FileStore } from '../data/files/store.js';

/** Bytes file-type reads to decide. */
const HEAD_BYTES = 4100;
/** Text fields of one multipart body, together. */
const MAX_TEXT_BYTES = 256 * 1024;

export interface ReceivedFile {
  id: string;
  field: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: ReceivedFile[];
}

export const sizeText = (n: number): string => (n >= 1024 ** 2 ? `${+(n / 1024 ** 2).toFixed(1)} MB` : n >= 1024 ? `${+(n / 1024).toFixed(1)} KB` : `${n} bytes`);

/** A name that is safe to show and send back: no folders, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 255);
  return clean && clean !== '.' && clean !== '..' ? clean : 'file';
}

/** The type of a file from its first bytes: what file-type recognises, else plain text when it reads as UTF-8 text, else unknown binary. */
export async function detectType(head: Buffer): Promise<string> {
  // Imported on the first upload, not at start (file-type and its tokenizers ≈0.1 s of CPU).
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  if (!head.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.length >= HEAD_BYTES ? head.subarray(0, head.length - 4) : head);
      return 'text/plain';
    } catch {
      /* not text */
    }
  }
  return 'application/octet-stream';
}

/** The largest body a multipart write of this entity may have: its file fields' limits, and room for text. */
export function maxBodyBytes(entity: ResolvedEntity, only?: ResolvedField): number {
  const fileFields = only ? [only] : entity.fields.filter((f) => f.file);
  return fileFields.reduce((sum, f) => sum + f.file!.maxBytes * (f.type === 'files' ? 20 : 1), 0) + MAX_TEXT_BYTES + 64 * 1024;
}

/**
 * Reads a multipart body: text parts are field values, file parts of the
 * entity's file fields (or of `only`) are stored. Any other file part, a file
 * too large or of a type the field does not accept is a refusal, and the files
 * already stored for this body are removed.
 */
export async function receiveMultipart(req: Request, store: FileStore, organizationId: string, entity: ResolvedEntity, only?: ResolvedField): Promise<MultipartBody> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > maxBodyBytes(entity, only)) {
    dropRest(req);
    throw new UmsError('PAYLOAD_TOO_LARGE', `The upload is larger than ${sizeText(maxBodyBytes(entity, only))}.`, { entity: entity.key });
  }
  let bb: busboy.Busboy;
  try {
    bb = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fields: 200, fieldSize: MAX_TEXT_BYTES, parts: 220, files: 40 } });
  } catch {
    throw new UmsError('BAD_REQUEST', 'Send the upload as multipart/form-data with a boundary.', { entity: entity.key });
  }
  const body: MultipartBody = { fields: {}, files: [] };
  const storing: Promise<void>[] = [];
  let failure: unknown;
  let stop: ((err: unknown) => void) | undefined;
  // The first refusal ends the request at once: nothing more is stored or waited for.
  const fail = (err: unknown): void => {
    failure ??= err;
    stop?.(failure);
  };
  let textBytes = 0;
  bb.on('field', (name, value, info) => {
    textBytes += value.length;
    if (info.valueTruncated || textBytes > MAX_TEXT_BYTES) fail(new UmsError('PAYLOAD_TOO_LARGE', `The form's text is longer than ${sizeText(MAX_TEXT_BYTES)}.`, { entity: entity.key, field: name }));
    else if (Object.hasOwn(body.fields, name)) fail(new UmsError('BAD_REQUEST', `"${name}" is sent twice.`, { entity: entity.key, field: name }));
    else body.fields[name] = value;
  });
  bb.on('file', (name, stream, info) => {
    const f = only ? (only.name === name ? only : undefined) : entity.field.get(name);
    if (failure || !f?.file) {
      if (!failure) fail(new RecordValidationError(entity.key, { [name]: { message: f ? 'is not a file field' : `is not a field of ${entity.label}`, type: 'unknown' } }));
      stream.resume();
      return;
    }
    const id = randomUUID();
    const received: ReceivedFile = { id, field: name, name: cleanFileName(info.filename), mime: '', size: 0, sha256: '', storage_key: storageKey(organizationId, id) };
    body.files.push(received);
    storing.push(storeOne(stream, received, f, store, entity).catch((err: unknown) => {
      fail(err);
      stream.resume();
    }));
  });
  bb.on('partsLimit', () => fail(new UmsError('BAD_REQUEST', 'The form has too many parts.', { entity: entity.key })));
  bb.on('filesLimit', () => fail(new UmsError('BAD_REQUEST', 'The form has too many files.', { entity: entity.key })));
  bb.on('fieldsLimit', () => fail(new UmsError('BAD_REQUEST', 'The form has too many fields.', { entity: entity.key })));
  try {
    await new Promise<void>((resolve, reject) => {
      stop = reject;
      bb.once('close', resolve);
      bb.once('error', () => reject(new UmsError('BAD_REQUEST', 'The multipart body is malformed.', { entity: entity.key })));
      req.once('aborted', () => reject(new UmsError('BAD_REQUEST', 'The upload was interrupted.', { entity: entity.key })));
      req.pipe(bb);
    });
    await Promise.all(storing);
    if (failure) throw failure;
    return body;
  } catch (err) {
    req.unpipe(bb);
    dropRest(req);
    await Promise.allSettled(storing);
    await removeStored(store, body.files);
    throw err;
  }
}

/** The rest of a refused body is read and dropped so that the client gets the answer; a client that keeps sending is cut off. */
function dropRest(req: Request): void {
  req.resume();
  const cutOff = setTimeout(() => req.socket.destroy(), 10_000);
  cutOff.unref();
  req.once('end', () => clearTimeout(cutOff));
  req.once('close', () => clearTimeout(cutOff));
}

export async function removeStored(store: FileStore, files: ReceivedFile[]): Promise<void> {
  await Promise.allSettled(files.map((f) => store.remove(f.storage_key)));
}

/** One file part into the store: its type checked on its first bytes, its size while it streams. */
async function storeOne(stream: Readable, received: ReceivedFile, f: ResolvedField, store: FileStore, entity: ResolvedEntity): Promise<void> {
  const { maxBytes } = f.file!;
  const hash = createHash('sha256');
  const out = new PassThrough();
  out.on('error', () => undefined); // the store's put sees the failure; nothing else listens
  let stored: Promise<void> | undefined;
  const head: Buffer[] = [];
  let headBytes = 0;
  const start = async (): Promise<void> => {
    const first = Buffer.concat(head);
    received.mime = await detectType(first.subarray(0, HEAD_BYTES));
    if (!accepts(f.file!, received.mime)) {
      throw new RecordValidationError(entity.key, { [f.name]: { message: `is a file of type ${received.mime}, not one of ${f.file!.accept.join(', ')} (the type is read from the content)`, type: 'fileType' } });
    }
    stored = store.put(received.storage_key, out);
    stored.catch(() => undefined); // awaited below; a failure here must not be unhandled meanwhile
    if (!out.write(first)) await Promise.race([once(out, 'drain'), stored]);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      received.size += chunk.length;
      if (received.size > maxBytes) throw new UmsError('PAYLOAD_TOO_LARGE', `${f.label}: the file is larger than ${sizeText(maxBytes)}.`, { entity: entity.key, field: f.name });
      hash.update(chunk);
      if (!stored) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= HEAD_BYTES) await start();
      } else if (!out.write(chunk)) await Promise.race([once(out, 'drain'), stored]);
    }
    if (!stored) await start();
    out.end();
    await stored;
    received.sha256 = hash.digest('hex');
  } catch (err) {
    out.destroy(err instanceof Error ? err : new Error(String(err)));
    if (stored) await stored.catch(() => undefined);
    await store.remove(received.storage_key).catch(() => undefined);
    throw err;
  }
}
