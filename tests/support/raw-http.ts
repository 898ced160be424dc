/**
 * Raw HTTP requests for tests of hostile clients: a body sent a chunk at a
 * time that stops as soon as the server answers (a server that refuses early
 * is seen answering, not as a reset), and a body that stalls on purpose.
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '../../core/runtime.js';
import { createApp } from '../../core/server.js';
import { readUploadLimits, type UploadLimits } from '../../config/index.js';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface RawRequest {
  response: Promise<RawResponse>;
  /** Writes more of the body. */
  write(chunk: string | Buffer): void;
  /** Drops the connection (a client that gives up). */
  destroy(): void;
}

/** Opens a POST and sends `headers` (and `first`, if given) at once; the rest is up to the caller. */
export function openPost(base: string, path: string, headers: Record<string, string>, first?: string | Buffer): RawRequest {
  const url = new URL(base);
  const req = http.request({ host: url.hostname, port: url.port, path, method: 'POST', headers: { accept: 'application/json', ...headers }, agent: false });
  let answered = false;
  const response = new Promise<RawResponse>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
  });
  response.catch(() => undefined);
  req.flushHeaders();
  if (first !== undefined) req.write(first);
  return {
    response,
    write: (chunk) => {
      if (!answered && !req.destroyed) req.write(chunk);
    },
    destroy: () => req.destroy(),
  };
}

/**
 * POSTs `body` in chunks of 64 KB, one per event-loop turn, and stops sending
 * once the server has answered; resolves with the answer. A server that reads
 * everything sees the whole body.
 */
export async function postInChunks(base: string, path: string, headers: Record<string, string>, body: Buffer): Promise<RawResponse> {
  const req = openPost(base, path, headers);
  let answered = false;
  req.response.then(
    () => (answered = true),
    () => (answered = true),
  );
  await new Promise((r) => setTimeout(r, 50));
  for (let at = 0; at < body.length && !answered; at += 64 * 1024) {
    req.write(body.subarray(at, at + 64 * 1024));
    await new Promise((r) => setImmediate(r));
  }
  const res = await withTimeout(req.response, 10_000, 'no answer to the upload');
  req.destroy();
  return res;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

/** A multipart/form-data body: text fields, then one file part per entry of `files`. */
export function multipart(fields: Record<string, string>, files: Record<string, Buffer> = {}): { body: Buffer; contentType: string } {
  const boundary = `----ums-test-${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const [name, data] of Object.entries(files)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`), data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

export interface LimitedServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** The real app on a loopback port with the given body limits (the rest from the defaults). */
export async function startServerWithLimits(runtime: Runtime, limits: Partial<UploadLimits>): Promise<LimitedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ums-limits-'));
  const { app, close } = await createApp(runtime, { dataDir, sessionSecret: 'test-secret', uploads: { ...readUploadLimits({}), ...limits } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dataDir,
    async close() {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
      await close();
    },
  };
}
