/**
 * Bytes made by code (a seed's sample PDF, a generated image) stored as a file of a file field, the
 * way an upload is: the type read from the content and checked against the field's `accept`, its
 * size against `maxSize`, the bytes in the file store, the core_file row and the storage quota in
 * the caller's transaction. Like an upload it is unattached until a record write sets the field to
 * its id (the sweep removes it after a day otherwise).
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Records } from '../data/contract.js';
import { storageKey } from '../data/files/keys.js';
import { serviceOf } from '../data/records.js';
import { RecordValidationError } from '../errors.js';
import { accepts } from '../manifest/file-fields.js';
import { registerReceived, requireFileWrite, storeOf } from './files-http.js';
import { cleanFileName, detectType, sizeText } from './upload.js';

/** Stores `content` for `field` of `entityKey` as the caller (who must be able to write that field); returns the file's id. */
export async function storeFile(records: Records, entityKey: string, field: string, file: { name: string; content: Buffer }): Promise<string> {
  const service = serviceOf(records);
  const entity = service.entity(entityKey);
  const f = requireFileWrite(service, entity, entity.field.get(field));
  const mime = await detectType(file.content.subarray(0, 4100));
  if (!accepts(f.file!, mime)) throw new RecordValidationError(entity.key, { [f.name]: { message: `is a file of type ${mime}, not one of ${f.file!.accept.join(', ')} (the type is read from the content)`, type: 'fileType' } });
  if (file.content.length > f.file!.maxBytes) throw new RecordValidationError(entity.key, { [f.name]: { message: `is ${sizeText(file.content.length)}; at most ${sizeText(f.file!.maxBytes)}`, type: 'fileSize' } });
  const store = storeOf(service);
  const id = randomUUID();
  const key = storageKey(service.organizationId, id);
  await store.put(key, Readable.from([file.content]));
  try {
    await registerReceived(service, entity, [{ id, field: f.name, name: cleanFileName(file.name), mime, size: file.content.length, sha256: createHash('sha256').update(file.content).digest('hex'), storage_key: key }]);
  } catch (err) {
    await store.remove(key);
    throw err;
  }
  return id;
}
