/**
 * Compression of whole responses (HTML pages, AdminJS's JSON API, account pages): every `res.send`
 * of a body worth compressing goes out as Brotli or gzip, whichever the client accepts. Streamed
 * responses (CSV/XLSX exports, PDFs) are not touched: they write as they go and a whole-body codec
 * would hold them back. The JavaScript bundles are compressed once, ahead of time (page-assets.ts).
 * zlib is Node's own; no package is needed for this.
 */
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Below this a compressed body saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * From this size on a JSON answer is not hashed for an ETag unless the client asks (If-None-Match):
 * AdminJS's front end never revalidates its API answers, and SHA-1 over every list answer was
 * per-request work for nobody (issue 17).
 */
export const ETAG_JSON_MIN_BYTES = 8 * 1024;

export type Encoding = 'br' | 'gzip';

/** The best encoding the request accepts (q=0 refuses one), or null for none. */
export function acceptedEncoding(req: Request): Encoding | null {
  const header = String(req.headers['accept-encoding'] ?? '');
  const accepts = (name: string): boolean =>
    header.split(',').some((part) => {
      const [token, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return token.trim().toLowerCase() === name && (q === undefined || Number(q.slice(2)) > 0);
    });
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return null;
}

/** Fast settings for bodies made per request (pages, JSON); bundles get the slow, small ones once. */
const brotliOptions = (body: Buffer, level: 'fast' | 'max'): BrotliOptions => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: level === 'fast' ? 5 : 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
});
const gzipOptions = (level: 'fast' | 'max'): ZlibOptions => ({ level: level === 'fast' ? 6 : 9 });

export function compress(body: Buffer, encoding: Encoding): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, brotliOptions(body, 'fast')) : gzipSync(body, gzipOptions('fast'));
}

const brotliAsync = promisify<Buffer, BrotliOptions, Buffer>(brotliCompress);
const gzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gzip);

/** The strongest settings, off the event loop (zlib's thread pool): for bundles, compressed once. */
export function compressMax(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br' ? brotliAsync(body, brotliOptions(body, 'max')) : gzipAsync(body, gzipOptions('max'));
}

export function compressResponses(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown): Response => {
      // An object comes back here as a string through express's json(); a string or Buffer is the body.
      if (typeof body !== 'string' && !Buffer.isBuffer(body)) return send(body);
      res.send = send;
      const encoding = acceptedEncoding(req);
      if (encoding && req.method !== 'HEAD' && !res.getHeader('content-encoding')) {
        const raw = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
        res.vary('Accept-Encoding');
        if (raw.length >= MIN_BYTES) {
          // What express's send would have set for a string; kept, since a Buffer would otherwise become octet-stream.
          if (!res.getHeader('content-type')) res.type(typeof body === 'string' ? 'html' : 'bin');
          res.setHeader('Content-Encoding', encoding);
          const packed = compress(raw, encoding);
          if (raw.length >= ETAG_JSON_MIN_BYTES && !req.headers['if-none-match'] && /json/.test(String(res.getHeader('content-type')))) {
            // express's send would hash the body for an ETag; nothing asked for one, so write it as it is.
            res.setHeader('Content-Length', packed.length);
            res.end(packed);
            return res;
          }
          return send(packed);
        }
      }
      return send(body);
    };
    next();
  };
}
