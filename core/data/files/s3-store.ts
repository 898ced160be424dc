/**
 * Files in S3-compatible storage (AWS S3, MinIO, Ceph, s3rver in tests):
 * streamed multipart upload with @aws-sdk/lib-storage, path-style addressing.
 * S3_URL = `http(s)://<access key>:<secret>@<host>[:port]/<bucket>[?region=…]`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { checkKey } from './keys.js';
import type { FileStore } from './store.js';

/**
 * The AWS SDK is required when an S3 store is made (S3_URL set), not imported by every process:
 * with its dependencies it is about 1.4 s of module loading on this machine and megabytes of source.
 */
const requireLazily = createRequire(import.meta.url);
const s3 = (): typeof import('@aws-sdk/client-s3') => requireLazily('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');

export class S3FileStore implements FileStore {
  constructor(private readonly client: S3Client, readonly bucket: string, private readonly endpoint: string) {}

  static fromUrl(url: string): S3FileStore {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new Error('S3_URL is not a URL: expected http(s)://<access key>:<secret>@<host>[:port]/<bucket>');
    }
    const bucket = decodeURIComponent(u.pathname.replace(/^\/+|\/+$/g, ''));
    if (!['http:', 'https:'].includes(u.protocol) || !bucket || bucket.includes('/') || !u.username || !u.password) {
      throw new Error('S3_URL must be http(s)://<access key>:<secret>@<host>[:port]/<bucket>');
    }
    const endpoint = `${u.protocol}//${u.host}`;
    const client = new (s3().S3Client)({
      endpoint,
      region: u.searchParams.get('region') ?? 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: decodeURIComponent(u.username), secretAccessKey: decodeURIComponent(u.password) },
    });
    return new S3FileStore(client, bucket, endpoint);
  }

  get description(): string {
    return `S3 bucket ${this.bucket} at ${this.endpoint}`;
  }

  async put(key: string, body: Readable): Promise<void> {
    checkKey(key);
    const { Upload } = requireLazily('@aws-sdk/lib-storage') as typeof import('@aws-sdk/lib-storage');
    const upload = new Upload({ client: this.client, params: { Bucket: this.bucket, Key: key, Body: body }, queueSize: 2, partSize: 5 * 1024 * 1024 });
    // A failed source stream aborts the multipart upload (lib-storage removes the parts).
    const failed = new Promise<never>((_, reject) => body.once('error', (err) => void upload.abort().finally(() => reject(err))));
    await Promise.race([upload.done(), failed]);
  }

  async get(key: string): Promise<Readable> {
    checkKey(key);
    const out = await this.client.send(new (s3().GetObjectCommand)({ Bucket: this.bucket, Key: key }));
    return out.Body as Readable;
  }

  /** S3 has no rename: a server-side copy, then the source is deleted. */
  async move(from: string, to: string): Promise<void> {
    checkKey(from);
    checkKey(to);
    await this.client.send(new (s3().CopyObjectCommand)({ Bucket: this.bucket, Key: to, CopySource: `${this.bucket}/${from}` }));
    await this.client.send(new (s3().DeleteObjectCommand)({ Bucket: this.bucket, Key: from }));
  }

  async remove(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new (s3().DeleteObjectCommand)({ Bucket: this.bucket, Key: key }));
  }

  destroy(): void {
    this.client.destroy();
  }
}
