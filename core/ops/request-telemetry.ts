/**
 * The first middleware of the app: a request id (kept from a proxy's
 * X-Request-Id when it looks like one, returned in X-Request-Id), the
 * request's log context for every line written while it is handled, and,
 * when the response is finished, one access-log line and the metrics. Both
 * name the route pattern, never the URL: reset and invitation tokens travel
 * in URLs, and raw paths would give the metrics unbounded labels.
 */
import type { NextFunction, Request, Response } from 'express';
import { attachRequestLog, log, requestIdFrom, runWithRequestLog, type RequestLogContext } from '../log.js';
import type { Metrics } from './metrics.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Express sets `req.baseUrl` as routers are entered and restores it as they are left, and `req.route`
 * when a route matches; by the time a (compressed) response is written both may have been restored.
 * So the pattern is taken as Express assigns them: the last route matched under its router's mount
 * path, or for an answer from middleware (static bundles, guards) the last mount point entered.
 */
function trackRoute(req: Request): () => string {
  let route: string | undefined;
  let mount = '';
  let baseUrl = req.baseUrl;
  let current = (req as Request & { route?: unknown }).route;
  Object.defineProperty(req, 'baseUrl', {
    configurable: true,
    enumerable: true,
    get: () => baseUrl,
    set(value: string) {
      baseUrl = value;
      if (value) mount = value;
    },
  });
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(value: { path?: unknown } | undefined) {
      current = value;
      if (value && typeof value.path === 'string') route = `${baseUrl}${value.path}`;
    },
  });
  return () => route ?? (mount ? `${mount}/*` : 'unmatched');
}

export function requestTelemetry(metrics?: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    (req as Request & { requestId?: string }).requestId = requestId;
    const context: RequestLogContext = { requestId };
    attachRequestLog(req, context);
    const routeOf = trackRoute(req);
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf();
      metrics?.observe(req.method, route, res.statusCode, seconds, context.organizationId);
      const line = { requestId, organizationId: context.organizationId, userId: context.userId, method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) };
      if (res.statusCode >= 500) log().error({ ...line, err: failures.get(req) }, 'request failed');
      else log().info(line, 'request');
    });
    runWithRequestLog(context, next);
  };
}

const failures = new WeakMap<Request, Record<string, unknown>>();

/** The error a 5xx answer is for: it goes into the request's one access line instead of a line of its own, so each failure is logged once, with its code. */
export function failedWith(req: Request, err: Record<string, unknown>): void {
  failures.set(req, err);
}

export const requestIdOf = (req: Request): string | undefined => (req as Request & { requestId?: string }).requestId;
