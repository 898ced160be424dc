/**
 * Every API error as `application/problem+json` (RFC 9457): a stable `code`,
 * the HTTP status, a human `detail`, and for record errors one entry per field
 * in `errors`. "Missing" and "not allowed" share one answer (404 for records
 * and entities, 401 for credentials), so a probe learns nothing from the
 * difference. A failure that is nobody's input is a 500 whose detail says
 * only that it was logged.
 */
import type { NextFunction, Request, Response } from 'express';
import { RecordValidationError, UmsError } from '../errors.js';
import { errorField, log } from '../log.js';

export type ApiErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'TOO_MANY_REQUESTS'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL';

export interface FieldProblem {
  /** JSON pointer into the request body (`/title`). */
  pointer: string;
  field: string;
  message: string;
  type?: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ApiErrorCode;
  detail: string;
  /** Where: the entity (and field) the problem is about. */
  entity?: string;
  field?: string;
  errors?: FieldProblem[];
}

const TITLES: Record<ApiErrorCode, string> = {
  BAD_REQUEST: 'Bad request',
  VALIDATION_FAILED: 'The record has errors',
  UNAUTHORIZED: 'Not signed in',
  FORBIDDEN: 'Not allowed',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'The record has changed',
  PAYLOAD_TOO_LARGE: 'Request too large',
  UNSUPPORTED_MEDIA_TYPE: 'Send JSON',
  TOO_MANY_REQUESTS: 'Too many requests',
  SERVICE_UNAVAILABLE: 'Unavailable',
  INTERNAL: 'Server error',
};

const STATUS: Record<ApiErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_REQUESTS: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const PROBLEM_CODES = Object.keys(STATUS) as ApiErrorCode[];

/** An error the API raises itself (bad parameters, credentials, preconditions). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly where: { entity?: string; field?: string } = {},
    readonly headers: Record<string, string> = {},
    /** Per-field errors (unknown keys in a record body). */
    readonly fieldErrors?: Record<string, { message: string; type?: string }>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string, field?: string): ApiError => new ApiError('BAD_REQUEST', message, field ? { field } : {});
export const unauthorized = (message = 'Sign in first: send a valid access token as `Authorization: Bearer <token>`.'): ApiError =>
  new ApiError('UNAUTHORIZED', message, {}, { 'WWW-Authenticate': 'Bearer realm="ums"' });
/** The one answer for an entity or record that does not exist or that the caller may not see. */
export const notFoundHere = (): ApiError => new ApiError('NOT_FOUND', 'No such resource, or you may not see it.');

function umsCode(err: UmsError): ApiErrorCode {
  // A write carrying a version the record no longer has (If-Match): the data layer's CONFLICT on `version`.
  if (err.code === 'CONFLICT' && err.where.field === 'version') return 'PRECONDITION_FAILED';
  if (err.status === 429) return 'TOO_MANY_REQUESTS';
  switch (err.code) {
    case 'VALIDATION_FAILED':
    case 'BAD_REQUEST':
    case 'FORBIDDEN':
    case 'NOT_FOUND':
    case 'CONFLICT':
    case 'PAYLOAD_TOO_LARGE':
      return err.code;
    case 'MODULE_DISABLED':
      return 'NOT_FOUND';
    case 'ORGANIZATION_SUSPENDED':
    case 'ORGANIZATION_ARCHIVED':
      return 'FORBIDDEN';
    case 'PLAN_LIMIT_REACHED':
      return 'CONFLICT';
    case 'REQUEST_TIMEOUT':
      return 'BAD_REQUEST';
    case 'TOO_MANY_REQUESTS':
      return 'TOO_MANY_REQUESTS';
    case 'DATABASE_UNAVAILABLE':
      return 'SERVICE_UNAVAILABLE';
    default:
      return 'INTERNAL';
  }
}

/** Body-parser and express errors carry `status`/`type`. */
function httpErrorCode(err: { status?: number; statusCode?: number; type?: string }): ApiErrorCode | undefined {
  const status = err.status ?? err.statusCode;
  if (err.type === 'entity.too.large' || status === 413) return 'PAYLOAD_TOO_LARGE';
  if (err.type === 'entity.parse.failed' || err.type === 'encoding.unsupported' || err.type === 'charset.unsupported' || err.type === 'request.aborted') return 'BAD_REQUEST';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (typeof status === 'number' && status >= 400 && status < 500) return 'BAD_REQUEST';
  return undefined;
}

export function toProblem(err: unknown): { problem: Problem; headers: Record<string, string> } {
  let code: ApiErrorCode = 'INTERNAL';
  let detail = 'Something went wrong on our side; the error was logged.';
  let where: { entity?: string; field?: string } = {};
  let headers: Record<string, string> = {};
  let errors: FieldProblem[] | undefined;
  if (err instanceof ApiError) {
    code = err.code;
    detail = err.message;
    where = err.where;
    headers = err.headers;
    if (err.fieldErrors) errors = Object.entries(err.fieldErrors).map(([field, e]) => ({ pointer: `/${field}`, field, message: e.message, ...(e.type ? { type: e.type } : {}) }));
  } else if (err instanceof UmsError) {
    code = umsCode(err);
    // An entity the caller may not use at all is as absent as one that does not exist.
    detail = code === 'NOT_FOUND' ? 'No such resource, or you may not see it.' : code === 'INTERNAL' || code === 'SERVICE_UNAVAILABLE' ? detail : err.message;
    where = code === 'NOT_FOUND' ? {} : { entity: err.where.entity, field: err.where.field };
    const retryAt = (err as { retryAt?: Date }).retryAt;
    if (retryAt instanceof Date) headers['Retry-After'] = String(Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000)));
    if (err instanceof RecordValidationError) {
      errors = Object.entries(err.fieldErrors).map(([field, e]) => ({ pointer: `/${field}`, field, message: e.message, ...(e.type ? { type: e.type } : {}) }));
    }
  } else if (err && typeof err === 'object') {
    const http = httpErrorCode(err as { status?: number; type?: string });
    if (http) {
      code = http;
      detail = http === 'PAYLOAD_TOO_LARGE' ? 'The request body is larger than this endpoint accepts.' : http === 'BAD_REQUEST' ? 'The request body is not valid JSON.' : TITLES[http];
    }
  }
  const problem: Problem = { type: `https://ums.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`, title: TITLES[code], status: STATUS[code], code, detail };
  if (where.entity) problem.entity = where.entity;
  if (where.field) problem.field = where.field;
  if (errors) problem.errors = errors;
  return { problem, headers };
}

export function sendProblem(res: Response, err: unknown): void {
  const { problem, headers } = toProblem(err);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** The API's last error handler: never a stack trace, never an HTML page. */
export function problemHandler() {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { problem } = toProblem(err);
    if (problem.status >= 500) log().error({ err: errorField(err), method: req.method }, 'unhandled API error');
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, err);
  };
}
