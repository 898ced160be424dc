/** Files on local disk: `<root>/<organization id>/<file id>`, written to a temporary name and renamed when complete. */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey } from './keys.js';
import type { FileStore } from './store.js';

export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  get description(): string {
    return `local disk (${this.root})`;
  }

  private path(key: string): string {
    checkKey(key);
    return join(this.root, key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, path);
    } catch (err) {
      await rm(partial, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Readable> {
    const path = this.path(key);
    await stat(path); // a missing file rejects here, not mid-response
    return createReadStream(path);
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.path(from);
    const target = this.path(to);
    await mkdir(dirname(target), { recursive: true });
    await rename(source, target);
    // A staging folder left empty goes too (a folder still holding files stays: rmdir refuses).
    for (let dir = dirname(source); dir.startsWith(join(this.root, '_staging')) && dir !== this.root; dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
