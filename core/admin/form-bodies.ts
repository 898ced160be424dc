/**
 * Request bodies of AdminJS's routes, read by UMS instead of by @adminjs/express.
 *
 * @adminjs/express mounts express-formidable before its own sign-in check, with
 * formidable's defaults: any multipart body to any admin path, from anyone, is
 * written to the OS temp dir (up to 200 MB a request) and never deleted. This
 * middleware runs before AdminJS's router and decides first:
 *  - GET/HEAD/OPTIONS: no body is read;
 *  - the sign-in form: at most `loginMaxBytes`, fields only (no file part);
 *  - anyone else not signed in: no body is read at all (AdminJS then sends them
 *    to the sign-in page) and the connection is closed after the answer;
 *  - a signed-in user: at most `formMaxBytes`, files written to `uploadDir`
 *    (a folder under DATA_DIR) and deleted when the response ends, whatever
 *    happened; an upload idle or slow past its limits is refused (408).
 * It marks the request as parsed the way express-formidable 1.2 checks
 * (`req.express_formidable.parsed`), so AdminJS's own parser skips it; the
 * router still gets formidable options of the same limits as a second wall.
 */
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Session } from 'express-session';
import type { UploadLimits } from '../../config/index.js';
import { UmsError } from '../errors.js';

/** The part of formidable 1.x (CommonJS, untyped) used here. */
interface FormidablePart {
  filename?: string;
}
interface FormidableForm {
  onPart(part: FormidablePart): void;
  handlePart(part: FormidablePart): void;
  on(event: 'fileBegin', listener: (name: string, file: { path: string }) => void): FormidableForm;
  parse(req: Request, callback: (err: Error | null, fields: Record<string, unknown>, files: Record<string, unknown>) => void): void;
  _error(err: Error): void;
}
const { IncomingForm } = createRequire(import.meta.url)('formidable') as { IncomingForm: new (options: Record<string, unknown>) => FormidableForm };

export type BodyLimits = Pick<UploadLimits, 'loginMaxBytes' | 'formMaxBytes' | 'idleTimeoutMs' | 'totalTimeoutMs'>;

/** Options for AdminJS's own formidable (`buildAuthenticatedRouter`'s 5th argument): the same folder and limits. */
export const formidableOptions = (uploadDir: string, limits: BodyLimits) => ({ uploadDir, maxFileSize: limits.formMaxBytes, maxFieldsSize: limits.formMaxBytes, maxFields: 1000 });

/** Creates `dir` and removes what a previous run left in it (a crash mid-upload). */
export function prepareUploadDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { recursive: true, force: true });
  return dir;
}

const NO_BODY = new Set(['GET', 'HEAD', 'OPTIONS']);
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data|application\/json)\b/i;

/** A key naming a property every object inherits (`constructor`, `__proto__.x`): AdminJS's request parser looks it up on a plain object and crashes. */
const INHERITED = /(^|\.)(__proto__|constructor|prototype)(\.|$)/;

/** Form fields without inherited names: no field of any entity is called that, so nothing is lost. */
function ownFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !INHERITED.test(key)));
}

/** Deeper than any form AdminJS builds (a JSON field travels as text): AdminJS flattens the payload recursively and overflows the stack at 3,000 levels. */
export const MAX_FORM_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `max` levels (walked without recursion). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

const HEX = /^[0-9a-fA-F]{2}$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether an urlencoded body is UTF-8 once its %XX escapes are bytes again. The parser turns invalid
 * sequences (a lone surrogate sent as %ED%BF%BF) into U+FFFD, so a value would be saved other than sent:
 * the body is refused instead.
 */
export function urlencodedIsUtf8(raw: Buffer): boolean {
  const bytes = Buffer.alloc(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const hex = raw[i] === 0x25 ? raw.toString('latin1', i + 1, i + 3) : '';
    if (HEX.test(hex)) {
      bytes[n++] = parseInt(hex, 16);
      i += 2;
    } else bytes[n++] = raw[i];
  }
  try {
    strictUtf8.decode(bytes.subarray(0, n));
    return true;
  } catch {
    return false;
  }
}

function markParsed(req: Request, fields: Record<string, unknown>, files: Record<string, unknown>): void {
  Object.assign(req, { fields: ownFields(fields), files: ownFields(files), express_formidable: { parsed: true } });
}

/** 8 KB, 50 MB: a limit as people read it. */
export const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Deletes `paths` when the response is over (sent, failed or the client went away). */
export function deleteWhenDone(res: Response, paths: string[]): void {
  res.once('close', () => {
    for (const path of paths) rmSync(path, { force: true });
  });
}

export function formBodies(options: { uploadDir: string; loginPath: string; limits: BodyLimits }): RequestHandler {
  const { uploadDir, loginPath, limits } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    if (NO_BODY.has(req.method)) {
      markParsed(req, {}, {});
      return next();
    }
    const signedIn = !!(req as Request & { session?: Session & { adminUser?: unknown } }).session?.adminUser;
    const login = `${req.baseUrl}${req.path}`.replace(/\/+$/, '') === loginPath;
    if (!signedIn && !login) {
      // Not read: AdminJS answers with the way to the sign-in page; the rest of the body is dropped with the connection.
      res.setHeader('Connection', 'close');
      markParsed(req, {}, {});
      return next();
    }
    const max = login ? limits.loginMaxBytes : limits.formMaxBytes;
    const refuse = (err: UmsError): void => {
      res.setHeader('Connection', 'close');
      next(err);
    };
    const declared = Number(req.headers['content-length'] ?? NaN);
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (declared === 0 || (!chunked && Number.isNaN(declared))) {
      markParsed(req, {}, {});
      return next();
    }
    if (declared > max) return refuse(new UmsError('PAYLOAD_TOO_LARGE', `The form is larger than ${sizeText(max)}.`));
    if (!FORM_TYPES.test(String(req.headers['content-type'] ?? ''))) return refuse(new UmsError('BAD_REQUEST', 'Send the form as application/x-www-form-urlencoded, multipart/form-data or JSON.'));

    const files: string[] = [];
    deleteWhenDone(res, files);
    const form = new IncomingForm({ uploadDir, maxFileSize: max, maxFieldsSize: max, maxFields: 1000 });
    form.on('fileBegin', (_name, file) => files.push(file.path));
    let settled = false;
    let idle: NodeJS.Timeout | undefined;
    const total = setTimeout(() => fail(new UmsError('REQUEST_TIMEOUT', 'The form took too long to arrive; try again.')), limits.totalTimeoutMs);
    const armIdle = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => fail(new UmsError('REQUEST_TIMEOUT', 'The form stopped arriving; try again.')), limits.idleTimeoutMs);
    };
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(total);
      clearTimeout(idle);
      req.off('data', count);
      return true;
    };
    function fail(err: UmsError): void {
      if (!settle()) return;
      form._error(err); // stops formidable and removes its files; deleteWhenDone removes them again at the end
      refuse(err);
    }
    let received = 0;
    // An urlencoded body is kept (it is at most `max`) to check its text is UTF-8 once parsed.
    const urlencoded: Buffer[] | undefined = /^application\/x-www-form-urlencoded\b/i.test(String(req.headers['content-type'])) ? [] : undefined;
    function count(chunk: Buffer): void {
      received += chunk.length;
      urlencoded?.push(chunk);
      if (received > max) fail(new UmsError('PAYLOAD_TOO_LARGE', `The form is larger than ${sizeText(max)}.`));
      else armIdle();
    }
    if (login) {
      form.onPart = (part) => (part.filename === undefined ? form.handlePart(part) : fail(new UmsError('BAD_REQUEST', 'The sign-in form takes no files.')));
    }
    req.on('data', count);
    armIdle();
    form.parse(req, (err, fields, parsedFiles) => {
      if (!settle()) return;
      if (err) return refuse(new UmsError('BAD_REQUEST', 'The form could not be read; send it again.'));
      if (urlencoded && !urlencodedIsUtf8(Buffer.concat(urlencoded))) return refuse(new UmsError('BAD_REQUEST', 'The form holds text that is not valid UTF-8; send it again.'));
      if (nestedDeeperThan(fields, MAX_FORM_DEPTH)) return refuse(new UmsError('BAD_REQUEST', `The form is nested deeper than ${MAX_FORM_DEPTH} levels.`));
      markParsed(req, fields, parsedFiles);
      next();
    });
  };
}
