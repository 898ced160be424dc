/**
 * Cross-site request refusal for every state-changing request (POST, PUT,
 * PATCH, DELETE), the sign-in form included, mounted once in core/server.ts.
 *
 * - A browser that sends `Sec-Fetch-Site` (every current one) is believed:
 *   `same-origin` and `none` (the person's own navigation) pass; `cross-site`
 *   and `same-site` are refused (`same-site` is a sibling subdomain, which
 *   SameSite cookies do not keep out).
 * - Otherwise an `Origin` header must be this server's own origin (the
 *   request's scheme and Host, or PUBLIC_URL's); `Origin: null` is refused.
 * - A request with neither header is not from a browser page (curl, scripts,
 *   the tests' fetch): it carries no ambient credentials an attacker could
 *   borrow, so it passes, and the session and permissions decide as usual.
 *
 * Login CSRF is refused here too; the pre-session forms also carry a signed
 * token (csrf.ts), which covers a browser that sends neither header.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { readConfig } from '../../config/index.js';
import { UmsError } from '../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Why the request is refused, or undefined when it may go on. */
export function crossSiteReason(req: Pick<Request, 'method' | 'protocol' | 'headers'>, publicOrigin?: string): string | undefined {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return undefined;
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string' && site) {
    const value = site.trim().toLowerCase();
    return value === 'same-origin' || value === 'none' ? undefined : `it came from another site (Sec-Fetch-Site: ${value})`;
  }
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || !origin) return undefined;
  const own = new Set([originOf(`${req.protocol}://${req.headers.host ?? ''}`), publicOrigin].filter(Boolean));
  return own.has(originOf(origin) ?? origin) ? undefined : `it came from another site (Origin: ${origin.slice(0, 200)})`;
}

export function refuseCrossSiteRequests(publicUrl: string = readConfig().publicUrl): RequestHandler {
  const publicOrigin = originOf(publicUrl);
  return (req: Request, _res: Response, next: NextFunction) => {
    const reason = crossSiteReason(req, publicOrigin);
    if (!reason) return next();
    next(new UmsError('FORBIDDEN', `Refused: ${reason}. Use UMS from its own pages.`));
  };
}
