/**
 * Uploads are received in full before any database work starts, and only a
 * few at a time: a client that sends its file slowly (or not at all) holds a
 * file under DATA_DIR and a place in a small gate, never a pooled connection.
 *
 *  - spoolUpload: the request body into a file of `uploadDir`, refused past a
 *    size (413), an idle time or a total time (408); the caller deletes it.
 *  - ImportGate: imports at once per user and per organization (beyond: 429,
 *    holding nothing), and import transactions at once in the whole server
 *    (the rest wait in order, holding only their spooled file), so imports
 *    never take more than a few of the pool's connections from short requests.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Request, Response } from 'express';
import type { UploadLimits } from '../../config/index.js';
import { UmsError } from '../errors.js';
import { sizeText } from './form-bodies.js';


/**
 * Writes the body of `req` to a new file in `dir` and resolves with its path
 * once the body is complete. The file is deleted when `res` ends, whatever
 * happened; on a refusal the connection is closed after the answer.
 */
export function spoolUpload(req: Request, res: Response, dir: string, limits: Pick<UploadLimits, 'idleTimeoutMs' | 'totalTimeoutMs'> & { maxBytes: number }): Promise<string> {
  const path = join(dir, `import_${randomBytes(12).toString('hex')}.csv`);
  res.once('close', () => rmSync(path, { force: true }));
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limits.maxBytes) {
    res.setHeader('Connection', 'close');
    return Promise.reject(new UmsError('PAYLOAD_TOO_LARGE', `The file is larger than ${sizeText(limits.maxBytes)}; split it into several imports.`));
  }
  return new Promise<string>((resolve, reject) => {
    const file = createWriteStream(path);
    let received = 0;
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const total = setTimeout(() => fail(new UmsError('REQUEST_TIMEOUT', `The file took longer than ${Math.round(limits.totalTimeoutMs / 1000)} s to arrive; try again, or split it.`)), limits.totalTimeoutMs);
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => fail(new UmsError('REQUEST_TIMEOUT', `The file stopped arriving (nothing for ${Math.round(limits.idleTimeoutMs / 1000)} s); try again.`)), limits.idleTimeoutMs);
    };
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(total);
      clearTimeout(idle);
      req.off('data', onData);
      return true;
    };
    function fail(err: Error): void {
      if (!settle()) return;
      req.unpipe(file);
      file.destroy();
      res.setHeader('Connection', 'close');
      reject(err);
    }
    function onData(chunk: Buffer): void {
      received += chunk.length;
      if (received > limits.maxBytes) fail(new UmsError('PAYLOAD_TOO_LARGE', `The file is larger than ${sizeText(limits.maxBytes)}; split it into several imports.`));
      else armIdle();
    }
    req.on('data', onData);
    req.once('aborted', () => fail(new UmsError('BAD_REQUEST', 'The upload was cut off.')));
    req.once('error', (err) => fail(err));
    file.once('error', (err) => fail(err));
    file.once('finish', () => {
      if (settle()) resolve(path);
    });
    armIdle();
    req.pipe(file);
  });
}

/** Limits of the import gate (config/index.ts, `uploads`). */
export type GateLimits = Pick<UploadLimits, 'importsPerUser' | 'importsPerOrganization' | 'importsRunning'>;

export class ImportGate {
  private readonly perUser = new Map<string, number>();
  private readonly perOrganization = new Map<string, number>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limits: GateLimits) {}

  /** Takes a place for `userId` in `organizationId`, or refuses with 429; the returned function gives it back (once). */
  enter(userId: string, organizationId: string): () => void {
    const user = this.perUser.get(userId) ?? 0;
    const org = this.perOrganization.get(organizationId) ?? 0;
    if (user >= this.limits.importsPerUser) throw new UmsError('TOO_MANY_REQUESTS', `You already have ${user} import(s) in progress; wait until they finish.`);
    if (org >= this.limits.importsPerOrganization) throw new UmsError('TOO_MANY_REQUESTS', `Your organization already has ${org} imports in progress; try again in a minute.`);
    this.perUser.set(userId, user + 1);
    this.perOrganization.set(organizationId, org + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.decrement(this.perUser, userId);
      this.decrement(this.perOrganization, organizationId);
    };
  }

  /** Runs `work` when fewer than `importsRunning` imports are in their transaction (first come, first served). */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.importsRunning) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the place passes on, so running stays the same
      else this.running--;
    }
  }

  private decrement(map: Map<string, number>, key: string): void {
    const n = (map.get(key) ?? 1) - 1;
    if (n <= 0) map.delete(key);
    else map.set(key, n);
  }
}
