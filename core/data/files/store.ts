/**
 * Where file bytes live: a FileStore writes a stream under a key, reads it
 * back as a stream and removes it. Local disk under `<DATA_DIR>/files` by
 * default; S3-compatible storage when S3_URL is set
 * (`http(s)://<access key>:<secret>@<host>[:port]/<bucket>[?region=…]`).
 * Nothing is ever held whole in memory.
 */
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { LocalFileStore } from './local-store.js';
import { S3FileStore } from './s3-store.js';

export interface FileStore {
  /** Writes the stream under `key`; rejects (and leaves nothing behind) if the stream errors. */
  put(key: string, body: Readable): Promise<void>;
  /** The stored bytes; rejects when there are none. */
  get(key: string): Promise<Readable>;
  /** Moves stored bytes to another key (org:import's staged files, after its transaction committed). */
  move(from: string, to: string): Promise<void>;
  /** Removes the bytes; a missing key is not an error. */
  remove(key: string): Promise<void>;
  /** For logs and `config:check`: where files go, without secrets. */
  readonly description: string;
}

export { stagingKey, storageKey } from './keys.js';

export function fileStoreFor(options: { dataDir: string; s3Url?: string }): FileStore {
  return options.s3Url ? S3FileStore.fromUrl(options.s3Url) : new LocalFileStore(join(options.dataDir, 'files'));
}

/** The store of this process: S3_URL when set, else DATA_DIR/files. */
export function fileStoreFromEnv(dataDir: string): FileStore {
  return fileStoreFor({ dataDir, s3Url: process.env.S3_URL || undefined });
}
