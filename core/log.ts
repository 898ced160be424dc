/**
 * The structured log: one pino logger for the process, JSON lines on stdout,
 * level from LOG_LEVEL. Every line written while a request is handled carries
 * that request's id and, once they are known, its organization and user ids
 * (pino's mixin reads them from AsyncLocalStorage, so no code has to pass a
 * child logger around). What is logged is chosen by the callers: route
 * patterns, never URLs (a reset or invitation token travels in the URL),
 * never bodies or headers; the redaction below is a second line for keys
 * that must never reach a line even if someone logs an object carelessly.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';

export interface RequestLogContext {
  requestId: string;
  organizationId?: string;
  userId?: string;
}

const requests = new AsyncLocalStorage<RequestLogContext>();

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Keys whose values are secrets or personal data wherever they appear in a logged object (top level or one level down). */
const SECRET_KEYS = new Set(['password', 'password_hash', 'token', 'secret', 'authorization', 'cookie', 'email']);
const CENSOR = '[redacted]';

/**
 * LOG_LEVEL, default info; silent inside jest's own process, whose output pino's direct writes would
 * flood (servers a test spawns inherit JEST_WORKER_ID but are not jest, and keep logging).
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted) return LEVELS.includes(wanted) ? wanted : 'info';
  return env.JEST_WORKER_ID && /jest/.test(process.argv[1] ?? '') ? 'silent' : 'info';
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A copy of `value` with its secret keys censored, or `value` itself when it has none (the usual case: nothing is copied). */
function censored(value: Record<string, unknown>, deeper: boolean): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const v = value[key];
    let replaced: unknown = v;
    if (SECRET_KEYS.has(key)) replaced = CENSOR;
    else if (deeper && isObject(v)) replaced = censored(v, false);
    if (replaced !== v) (out ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>, value))[key] = replaced;
  }
  return out ?? value;
}

/**
 * What pino writes of a line's object: the request's context first when the caller did not give it
 * (lines from deeper code: AsyncLocalStorage knows the request), then the object with secrets censored
 * (`password`, `*.password`, … as pino's `redact` paths did). One pass over the keys, instead of
 * pino's mixin (a second object per line, merged) and its redact, which with `*.` wildcard paths ran
 * @pinojs/redact on every value of every line and re-parsed each path on each call (about 20 µs of a
 * 36 µs line, scripts/bench/telemetry-pieces.ts).
 */
export function lineObject(obj: Record<string, unknown>): Record<string, unknown> {
  const r = obj.requestId === undefined ? requests.getStore() : undefined;
  const safe = censored(obj, true);
  return r ? { requestId: r.requestId, organizationId: r.organizationId, userId: r.userId, ...safe } : safe;
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: lineObject },
    },
    // stdout synchronously (pino's default): under a closed-loop load most access lines finish in a turn
    // of their own, and an asynchronous write hands each one to libuv's thread pool and back, which cost
    // about twice the CPU of a direct write (scripts/bench/telemetry-pieces.ts); a crash loses no line.
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

let root: Logger | undefined;

/** The process's logger (created on first use). */
export function log(): Logger {
  return (root ??= createLogger());
}

/** Replaces the process's logger (tests capture lines; the server passes LOG_LEVEL). */
export function useLogger(logger: Logger): void {
  root = logger;
}

/** An incoming X-Request-Id from a proxy is kept when it looks like an id; otherwise one is made. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._:-]{8,100}$/.test(value) ? value : randomUUID();
}

export const runWithRequestLog = <T>(context: RequestLogContext, fn: () => T): T => requests.run(context, fn);

export const currentRequest = (): RequestLogContext | undefined => requests.getStore();

const CONTEXT = Symbol.for('ums.requestLog');

/** Keeps the request's log context on the request object too: AsyncLocalStorage can lose it in pooled callbacks (the session store's). */
export function attachRequestLog(request: object, context: RequestLogContext): void {
  (request as { [CONTEXT]?: RequestLogContext })[CONTEXT] = context;
}

/** Once the session or token says who is asking, every later line of the request names them. */
export function identifyRequest(request: object, organizationId: string | undefined, userId: string | undefined): void {
  const r = (request as { [CONTEXT]?: RequestLogContext })[CONTEXT] ?? requests.getStore();
  if (!r) return;
  if (organizationId) r.organizationId = organizationId;
  if (userId) r.userId = userId;
}

/** An error as a log field: its code, message and stack; never the whole object (a driver error carries the query's parameters). */
export function errorField(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const code = (err as { code?: unknown }).code;
  return { type: err.name, code: typeof code === 'string' ? code : undefined, message: err.message, stack: err.stack };
}

/**
 * The operator CLI's logger: its stdout is the command's answer (often JSON for a script), so log
 * lines go to stderr, synchronously (the CLI exits as soon as it is done), and only warnings and
 * errors unless LOG_LEVEL asks for more.
 */
export function useCommandLineLogger(env: NodeJS.ProcessEnv = process.env): void {
  useLogger(createLogger({ level: env.LOG_LEVEL?.trim() ? logLevel(env) : 'warn', destination: pino.destination({ dest: 2, sync: true }) }));
}
