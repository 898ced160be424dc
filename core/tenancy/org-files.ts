/**
 * The file store's side of org:export / org:import (core/data/files).
 *
 * Export: the header lists every live file of the organization (id, size,
 * SHA-256 as core_file holds them); right after the header each file's bytes
 * follow as lines `{"f": {"id": …, "d": "<base64 of at most 192 KiB>"}}`, in
 * the header's order, at least one line per file (an empty file has one empty
 * chunk). The bytes are hashed as they are read and must match the row's
 * checksum, so an archive never carries a file its row does not describe.
 *
 * Import: the files are written to the target's store (local or S3) under
 * staging keys before the import transaction opens (stagingKey), each checked
 * against the header's size and checksum; the rows go in in the transaction;
 * after it committed the staged objects are moved to their keys, after a
 * rollback (or any refusal) they are removed. Streamed both ways: one chunk
 * in memory at a time.
 */
import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import type { EntityManager } from 'typeorm';
import { UmsError } from '../errors.js';
import { FILE_TABLE } from '../data/files/file-schema.js';
import { stagingKey, storageKey, type FileStore } from '../data/files/store.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';

/** A file as the archive's header lists it. */
export interface ArchiveFile {
  id: string;
  size: number;
  sha256: string;
}

/** A chunk line's payload. */
export interface FileChunk {
  id: string;
  d: string;
}

const CHUNK = 192 * 1024;

/** The live files of the organization in the export's snapshot, with where their bytes are. */
export async function archiveFiles(query: Pick<EntityManager, 'query'>, organizationId: string): Promise<(ArchiveFile & { key: string })[]> {
  const rows = (await query.query(`SELECT id, size, sha256, storage_key FROM "${FILE_TABLE}" WHERE organization_id = $1 AND deleted_at IS NULL ORDER BY id`, [organizationId])) as { id: string; size: string; sha256: string; storage_key: string }[];
  return rows.map((r) => ({ id: r.id, size: Number(r.size), sha256: r.sha256, key: r.storage_key }));
}

/** Writes each file's bytes as chunk lines; refuses a file whose stored bytes differ from its row. */
export async function writeFileChunks(store: FileStore, files: (ArchiveFile & { key: string })[], line: (chunk: FileChunk) => Promise<void>): Promise<number> {
  for (const file of files) {
    let body: Readable;
    try {
      body = await store.get(file.key);
    } catch (err) {
      throw new UmsError('CONFLICT', `File ${file.id} is missing from the file store (${store.description}, key ${file.key}: ${(err as Error).message}); nothing was exported.`);
    }
    const hash = createHash('sha256');
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let lines = 0;
    const flush = async (): Promise<void> => {
      const data = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      lines++;
      await line({ id: file.id, d: data.toString('base64') });
    };
    for await (const part of body) {
      const buf = Buffer.isBuffer(part) ? part : Buffer.from(part as Uint8Array);
      hash.update(buf);
      size += buf.length;
      for (let at = 0; at < buf.length; ) {
        const take = Math.min(CHUNK - pendingBytes, buf.length - at);
        pending.push(buf.subarray(at, at + take));
        pendingBytes += take;
        at += take;
        if (pendingBytes === CHUNK) await flush();
      }
    }
    if (pendingBytes > 0 || lines === 0) await flush();
    const sha256 = hash.digest('hex');
    if (size !== file.size || sha256 !== file.sha256) {
      throw new UmsError('CONFLICT', `File ${file.id} in the file store (${size} bytes, SHA-256 ${sha256}) differs from its row (${file.size} bytes, ${file.sha256}); nothing was exported.`);
    }
  }
  return files.length;
}

const invalid = (message: string): UmsError => new UmsError('BAD_REQUEST', message);

/**
 * The receiving end: chunk lines are written to staging keys as they arrive;
 * `finish()` checks that every listed file came whole; `commit()` moves them
 * to their keys, `discard()` removes them.
 */
export class StagedFiles {
  readonly importId = randomUUID();
  private readonly expected: Map<string, ArchiveFile>;
  private readonly staged: string[] = [];
  private current?: { file: ArchiveFile; stream: PassThrough; hash: ReturnType<typeof createHash>; size: number; done: Promise<void> };

  constructor(private readonly store: FileStore, private readonly organizationId: string, files: ArchiveFile[]) {
    this.expected = new Map(files.map((f) => [f.id, f]));
  }

  get count(): number {
    return this.staged.length;
  }

  async chunk(value: unknown): Promise<void> {
    const c = value as Partial<FileChunk> | null;
    if (!c || typeof c.id !== 'string' || typeof c.d !== 'string') throw invalid('The archive has a file line without "id" and "d": it is damaged.');
    if (this.current?.file.id !== c.id) {
      await this.close();
      const file = this.expected.get(c.id);
      if (!file) throw invalid(`The archive has bytes of file ${c.id}, which its header does not list (or lists them twice): it is damaged.`);
      this.expected.delete(c.id);
      const stream = new PassThrough();
      const key = stagingKey(this.importId, this.organizationId, file.id);
      this.staged.push(file.id);
      const done = this.store.put(key, stream);
      done.catch(() => undefined); // awaited in close(); a failure must not be unhandled meanwhile
      this.current = { file, stream, hash: createHash('sha256'), size: 0, done };
    }
    const data = Buffer.from(c.d, 'base64');
    const cur = this.current;
    cur.hash.update(data);
    cur.size += data.length;
    if (cur.size > cur.file.size) throw invalid(`File ${cur.file.id} in the archive is longer than the ${cur.file.size} bytes its header lists: it is damaged.`);
    if (!cur.stream.write(data)) await new Promise<void>((resolve) => cur.stream.once('drain', resolve));
  }

  /** The last file ends; every file the header lists must have come, whole. */
  async finish(): Promise<void> {
    await this.close();
    const missing = [...this.expected.keys()];
    if (missing.length) throw invalid(`The archive's header lists ${missing.length === 1 ? 'file' : 'files'} ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ' …' : ''} whose bytes it does not hold: it is damaged.`);
  }

  /** In the import transaction: the imported core_file rows are exactly the files staged, and the quota counts them. */
  async checkRows(manager: EntityManager, archived: ArchiveFile[]): Promise<void> {
    const rows = (await manager.query(`SELECT id, size, sha256 FROM "${FILE_TABLE}" WHERE organization_id = $1 AND deleted_at IS NULL`, [this.organizationId])) as { id: string; size: string; sha256: string }[];
    const listed = new Map(archived.map((f) => [f.id, f]));
    const wrong = rows.filter((r) => listed.get(r.id)?.sha256 !== r.sha256 || listed.get(r.id)?.size !== Number(r.size));
    if (wrong.length || rows.length !== listed.size) throw invalid(`The archive's file rows and its files do not match (${rows.length} rows, ${listed.size} files${wrong.length ? `; ${wrong[0].id} differs` : ''}): it is damaged.`);
    // The bytes live at this installation's key for each file; the quota is what the organization's files take here.
    await manager.query(`UPDATE "${FILE_TABLE}" SET storage_key = organization_id::text || '/' || id::text WHERE organization_id = $1`, [this.organizationId]);
    await manager.query(
      `UPDATE "${ORGANIZATION_TABLE}" SET storage_used = (SELECT coalesce(sum(size), 0) FROM "${FILE_TABLE}" WHERE organization_id = $1 AND deleted_at IS NULL) WHERE id = $1`,
      [this.organizationId],
    );
  }

  /** After the commit: staged objects to their keys. A failure names what is left where, for the operator. */
  async commit(): Promise<void> {
    const failed: string[] = [];
    for (const id of this.staged) {
      await this.store.move(stagingKey(this.importId, this.organizationId, id), storageKey(this.organizationId, id)).catch(() => failed.push(id));
    }
    if (failed.length) {
      throw new UmsError(
        'INTERNAL',
        `The organization was imported, but ${failed.length} of its files could not be moved from ${stagingKey(this.importId, this.organizationId, '<file id>')} to ${storageKey(this.organizationId, '<file id>')} in ${this.store.description} (first: ${failed[0]}); move them by hand.`,
      );
    }
  }

  /** After a refusal or rollback: nothing staged stays. */
  async discard(): Promise<void> {
    if (this.current) {
      this.current.stream.destroy(new Error('import refused'));
      await this.current.done.catch(() => undefined);
      this.current = undefined;
    }
    for (const id of this.staged) await this.store.remove(stagingKey(this.importId, this.organizationId, id)).catch(() => undefined);
  }

  private async close(): Promise<void> {
    const cur = this.current;
    if (!cur) return;
    this.current = undefined;
    cur.stream.end();
    await cur.done;
    const sha256 = cur.hash.digest('hex');
    if (cur.size !== cur.file.size || sha256 !== cur.file.sha256) {
      throw invalid(`File ${cur.file.id} in the archive (${cur.size} bytes, SHA-256 ${sha256}) does not match its checksum in the header (${cur.file.size} bytes, ${cur.file.sha256}): the archive is damaged. Nothing was imported.`);
    }
  }
}
