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

/** Keys whose values are secrets or personal data wherever they appear in a logged object. */
const REDACT = ['password', 'password_hash', 'token', 'secret', 'authorization', 'cookie', 'email'].flatMap((k) => [k, `*.${k}`]);

/**
 * LOG_LEVEL, default info; silent inside jest's own process, whose output pino's direct writes would
 * flood (servers a test spawns inherit JEST_WORKER_ID but are not jest, and keep logging).
 */
export function logLevel(env: NodeJS.ProcessEnv = process.env): string {
  const wanted = env.LOG_LEVEL?.trim().toLowerCase();
  if (wanted) return LEVELS.includes(wanted) ? wanted : 'info';
  return env.JEST_WORKER_ID && /jest/.test(process.argv[1] ?? '') ? 'silent' : 'info';
}

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? logLevel(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin() {
        const r = requests.getStore();
        return r ? { requestId: r.requestId, organizationId: r.organizationId, userId: r.userId } : {};
      },
    },
    // stdout asynchronously: lines written while a write is under way go out together in the next one
    // (under load one write per batch instead of one per request); pino flushes what is left on exit.
    options.destination ?? pino.destination({ dest: 1, sync: false }),
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
