/**
 * CSRF tokens for the forms a visitor posts before having a session: the
 * admin's sign-in form, forgot password, reset password and accepting an
 * invitation (issue 9, item 11; the Origin / Sec-Fetch-Site check in
 * origin-check.ts stays in front of it as defence in depth).
 *
 * OWASP's "signed double-submit cookie", stateless: the first page sets a
 * pre-session cookie holding a random value, and every form carries a token
 * that is an HMAC of that value and the time the page was served. A post is
 * accepted only when its token was made for the cookie it arrives with and is
 * younger than CSRF_LIFETIME_MS. A page on another site can neither read the
 * cookie nor get a token for it, so it cannot forge the pair; nothing is
 * stored per visitor (no session row for anonymous visitors), so issuing and
 * checking cost one HMAC and no database work, and run before anything heavy
 * (the password hash check, mail, the database).
 *
 * The key is derived from the session secret (SESSION_SECRET, or the one
 * generated into DATA_DIR), under a label of its own, so a CSRF token can never
 * pass for a session or public-form signature and rotating the session secret
 * voids the tokens too. With secure cookies the cookie is `__Host-` prefixed:
 * a sibling subdomain cannot plant one of its own (cookie tossing).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** The form field the token travels in (core/auth/components/login.tsx and pages.ts use the same name). */
export const CSRF_FIELD = 'csrf';
/** The `<meta>` the admin's sign-in page carries the token in; its form (a React component) copies it into CSRF_FIELD. */
export const CSRF_META = 'ums-csrf';
/** A page left open longer than this is renewed on post (a person re-sends it; a leaked token stops working). */
export const CSRF_LIFETIME_MS = 2 * 3600 * 1000;

const COOKIE = 'ums.presession';
/** 32 random bytes, base64url. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/;
const ISSUED = /^[0-9a-z]{1,12}$/;

export interface PreSessionCsrf {
  /** The cookie's name (`__Host-` prefixed with secure cookies). */
  readonly cookieName: string;
  /** A token for this visitor's cookie; sets the cookie first when the visitor has none (once per request). */
  issue(req: Request, res: Response): string;
  /** Why a post carrying `token` is refused (a sentence for the page), or undefined when it may go on. */
  refusal(req: Pick<Request, 'headers'>, token: unknown): string | undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  // The first cookie of the name: the browser sends the most specific one first, and issue and refusal read the same one.
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) {
      const value = part.slice(at + 1).trim();
      return COOKIE_VALUE.test(value) ? value : undefined;
    }
  }
  return undefined;
}

export function preSessionCsrf(secret: string, options: { secure: boolean; lifetimeMs?: number; now?: () => number }): PreSessionCsrf {
  const key = createHmac('sha256', secret).update('ums pre-session csrf v1').digest();
  const lifetime = options.lifetimeMs ?? CSRF_LIFETIME_MS;
  const now = options.now ?? Date.now;
  const cookieName = options.secure ? `__Host-${COOKIE}` : COOKIE;
  const sign = (cookie: string, issued: string): Buffer => createHmac('sha256', key).update(`${cookie}.${issued}`).digest();
  // A cookie set earlier in the same request (a page rendered twice): the token must match the cookie the browser keeps.
  const setHere = new WeakMap<Response, string>();

  return {
    cookieName,
    issue(req, res) {
      let cookie = cookieValue(req.headers.cookie, cookieName) ?? setHere.get(res);
      if (!cookie) {
        cookie = randomBytes(32).toString('base64url');
        setHere.set(res, cookie);
        // No Max-Age: it lasts as long as the browser session. Lax: the person's own navigation to the page (a link in
        // an invitation mail) keeps it, while a cross-site POST goes without it. It grants nothing by itself.
        res.cookie(cookieName, cookie, { httpOnly: true, sameSite: 'lax', secure: options.secure, path: '/' });
      }
      const issued = now().toString(36);
      return `${issued}.${sign(cookie, issued).toString('base64url')}`;
    },
    refusal(req, token) {
      const renewed = 'It has been renewed: send it again.';
      const cookie = cookieValue(req.headers.cookie, cookieName);
      if (!cookie) return `Refused: this form came without the cookie its page sets (cookies are blocked, or the form is not from this site's own page). Allow cookies for this site and send the form again.`;
      const [issued, signature, ...rest] = typeof token === 'string' && token.length <= 100 ? token.split('.') : [];
      // Compared as text: base64url decoding skips stray characters, so two spellings could decode to the same bytes.
      const given = Buffer.from(signature ?? '');
      const expected = issued && ISSUED.test(issued) ? Buffer.from(sign(cookie, issued).toString('base64url')) : undefined;
      if (rest.length || !expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return `Refused: this form is not from this site's own page (its security token is missing or does not match). ${renewed}`;
      }
      const age = now() - parseInt(issued, 36);
      if (age > lifetime || age < -60_000) return `Refused: this page was open for more than ${Math.round(lifetime / 60_000)} minutes. ${renewed}`;
      return undefined;
    },
  };
}

/** Puts the token into an HTML page sent on `res` (as a `<meta>` for the page's script), whoever renders it. */
function withTokenInPages(res: Response, token: string): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown): Response => {
    res.send = send;
    if (typeof body !== 'string' || !/^\s*<!DOCTYPE html>/i.test(body)) return send(body);
    return send(body.replace('</head>', `<meta name="${CSRF_META}" content="${token}">\n</head>`));
  };
}

/**
 * The admin's sign-in page (AdminJS's, at `loginPath`): every page served for it carries a fresh token, and a post is
 * checked after its small body is read (core/admin/form-bodies.ts: a few KB, no files) and before AdminJS's handler
 * runs the password check. A refused post gets the sign-in page again, with the reason, a new token and 403.
 */
export function signInFormGuard(csrf: PreSessionCsrf, options: { loginPath: string; renderLogin(errorMessage: string): Promise<string> }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (`${req.baseUrl}${req.path}`.replace(/\/+$/, '') !== options.loginPath || !['GET', 'HEAD', 'POST'].includes(req.method)) return next();
    const fields = (req as Request & { fields?: Record<string, unknown> }).fields ?? {};
    const refusal = req.method === 'POST' ? csrf.refusal(req, fields[CSRF_FIELD]) : undefined;
    // The page holds a token bound to this browser's cookie: no cache may keep it for someone else.
    res.set('Cache-Control', 'no-store');
    withTokenInPages(res, csrf.issue(req, res));
    if (!refusal) return next();
    options.renderLogin(refusal).then((page) => void res.status(403).send(page), next);
  };
}
