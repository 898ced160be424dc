/**
 * `/api/v1/auth/*`: sign-in with the admin's own authenticator (core/auth:
 * the same lock-out per address and IP, the same constant-cost hash checks),
 * then token rotation and sign-out (tokens.ts). Bodies are JSON objects of
 * short strings; anything else is a 400 before a hash is computed.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { authenticator } from '../auth/index.js';
import { verifyClientCredentials } from '../auth/api-clients.js';
import { blockedUntil, LOGIN_PER_IP, recordHit } from '../auth/throttle.js';
import { RateLimited } from '../auth/accounts.js';
import type { Runtime } from '../runtime.js';
import type { OriginPolicy } from './cors.js';
import { badRequest, unauthorized } from './problem.js';
import { ACCESS_TOKEN_SECONDS, type TokenService } from './tokens.js';
import { crossTenant } from '../db/cross-tenant.js';

type Handler = (req: Request, res: Response) => Promise<void>;
const wrap = (fn: Handler) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

/** The named string members of a JSON body; unknown or non-text members are a 400. */
export function stringsOf(body: unknown, required: string[], optional: string[] = []): Record<string, string | undefined> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest(`Send a JSON object with ${required.join(', ')}.`);
  const out: Record<string, string | undefined> = {};
  for (const key of Object.keys(body)) if (!required.includes(key) && !optional.includes(key)) throw badRequest(`Unknown member "${key}".`, key);
  for (const key of [...required, ...optional]) {
    const v = (body as Record<string, unknown>)[key];
    if (v === undefined && optional.includes(key)) continue;
    if (typeof v !== 'string' || !v || v.length > 500) throw badRequest(`${key} is required, as text of at most 500 characters.`, key);
    out[key] = v;
  }
  return out;
}

export function authRoutes(runtime: Runtime, tokens: TokenService, origins: OriginPolicy): Router {
  const router = Router();
  const signIn = authenticator(runtime);

  router.post('/login', wrap(async (req, res) => {
    const { email, password, organization } = stringsOf(req.body, ['email', 'password'], ['organization']);
    const user = await signIn(email!, password!, { req, organization });
    if (!user) throw unauthorized('The e-mail address or password is wrong (or the account is not active).');
    await origins.check(req, user.organizationId);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await tokens.issue({ userId: user.id, organizationId: user.organizationId, email: user.email }));
  }));

  // Client credentials (machine clients): an access token only; the client asks again when it expires.
  router.post('/token', wrap(async (req, res) => {
    const { grant_type, client_id, client_secret } = stringsOf(req.body, ['grant_type', 'client_id', 'client_secret']);
    if (grant_type !== 'client_credentials') throw badRequest('grant_type must be client_credentials.', 'grant_type');
    // Wrong secrets count with the sign-in failures of the address (core/auth's throttle): no guessing at speed.
    const ip = req.ip ?? 'unknown';
    const blocked = await crossTenant(runtime.dataSource, 'sign-in', (owner) => blockedUntil(owner, 'login_ip', ip, LOGIN_PER_IP));
    if (blocked) throw new RateLimited('Too many failed sign-ins from your network; try again later.', blocked);
    const client = await verifyClientCredentials(runtime, client_id!, client_secret!);
    if (!client) {
      await crossTenant(runtime.dataSource, 'sign-in', (owner) => recordHit(owner, 'login_ip', ip));
      throw unauthorized('The client id or secret is wrong, or the client is inactive or expired.');
    }
    await origins.check(req, client.organizationId, client.userId);
    const token = await tokens.accessToken({ userId: client.userId, organizationId: client.organizationId, email: client.email }, client.expiresAt);
    const expiresIn = client.expiresAt ? Math.min(ACCESS_TOKEN_SECONDS, Math.floor((client.expiresAt.getTime() - Date.now()) / 1000)) : ACCESS_TOKEN_SECONDS;
    res.setHeader('Cache-Control', 'no-store');
    res.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });
  }));

  router.post('/refresh', wrap(async (req, res) => {
    const { refresh_token } = stringsOf(req.body, ['refresh_token']);
    res.setHeader('Cache-Control', 'no-store');
    res.json(await tokens.refresh(refresh_token));
  }));

  router.post('/logout', wrap(async (req, res) => {
    const { refresh_token } = stringsOf(req.body, ['refresh_token']);
    await tokens.logout(refresh_token);
    res.status(204).end();
  }));

  return router;
}
