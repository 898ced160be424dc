/**
 * Who calls: the bearer token is verified (signature, expiry, the user still
 * active), the per-token rate limit counted, the browser origin checked
 * against the caller's organization, and the caller's RecordService made for
 * the rest of the request. Nothing after this runs for an unknown caller.
 */
import type { NextFunction, Request, Response } from 'express';
import { RecordService } from '../data/records.js';
import { linkOrigin } from '../files/link-origin.js';
import { identifyRequest } from '../log.js';
import type { Runtime } from '../runtime.js';
import type { OriginPolicy } from './cors.js';
import { tooMany, type RateCounter } from './limits.js';
import { unauthorized } from './problem.js';
import type { ApiPrincipal, TokenService } from './tokens.js';

interface ApiRequest extends Request {
  umsRecords?: RecordService;
  umsPrincipal?: ApiPrincipal;
}

export function recordsOf(req: Request): RecordService {
  const records = (req as ApiRequest).umsRecords;
  if (!records) throw unauthorized();
  return records;
}

export function principalOf(req: Request): ApiPrincipal {
  const p = (req as ApiRequest).umsPrincipal;
  if (!p) throw unauthorized();
  return p;
}

export function bearerToken(req: Request): string | undefined {
  const header = req.get('authorization');
  if (!header) return undefined;
  const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})\s*$/i.exec(header);
  if (!m) throw unauthorized('The Authorization header must be `Bearer <access token>`.');
  return m[1];
}

export function authenticate(runtime: Runtime, tokens: TokenService, perToken: RateCounter, origins: OriginPolicy) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const run = async (): Promise<void> => {
      const token = bearerToken(req);
      if (!token) throw unauthorized();
      const principal = await tokens.verify(token);
      // Per caller (the token's user; refreshing does not reset it).
      const wait = perToken.hit(principal.userId);
      if (wait !== null) throw tooMany(wait, 'for this token');
      await origins.check(req, principal.organizationId, principal.userId);
      identifyRequest(req, principal.organizationId, principal.userId);
      (req as ApiRequest).umsPrincipal = principal;
      (req as ApiRequest).umsRecords = await RecordService.for(runtime, { kind: 'user', userId: principal.userId, organizationId: principal.organizationId, email: principal.email, ip: req.ip });
    };
    run().then(() => next(), next);
  };
}

/** A file's address in the API: PUBLIC_URL (else the request's origin) and this router's mount path. */
export const fileUrl = (req: Request, publicUrl: string | undefined, id: string): string => `${linkOrigin(req, publicUrl)}${req.baseUrl}/files/${id}`;
