/**
 * CORS for the REST API: off unless an organization lists the page's origin
 * (`core.api_origin`, managed by org admins in the admin). A preflight carries
 * no credentials, so it is answered for an origin that any organization
 * allows; the real request (which always carries a token, hence always has a
 * preflight) is then refused with 403 unless the caller's own organization
 * allows that origin, so a page allowed by one tenant cannot act for another's
 * users. Requests without an Origin header (servers, mobile apps, curl) are not
 * from a browser page and are not concerned.
 */
import type { NextFunction, Request, Response } from 'express';
import type { Runtime } from '../runtime.js';
import { ApiError } from './problem.js';
import { crossTenant } from '../db/cross-tenant.js';

const CACHE_MS = 10_000;
const ALLOWED_HEADERS = 'Authorization, Content-Type, If-Match';
const EXPOSED_HEADERS = 'ETag, Location, Retry-After';

export class OriginPolicy {
  private cache = new Map<string, { organizations: Set<string>; clientUsers: Set<string>; expires: number }>();

  constructor(private readonly runtime: Runtime) {}

  /**
   * Who allows this origin: organizations listing it (`core.api_origin`), and
   * the accounts of active API clients listing it in their `allowed_origins`.
   */
  async allowing(origin: string): Promise<{ organizations: Set<string>; clientUsers: Set<string> }> {
    const hit = this.cache.get(origin);
    if (hit && hit.expires > Date.now()) return hit;
    const origins = this.runtime.registry.entity('core.api_origin')!.table;
    const clients = this.runtime.registry.entity('core.api_client')!.table;
    const rows: { organization_id: string; user_id: string | null }[] = await crossTenant(this.runtime.dataSource, 'cors-origins', (owner) => owner.query(
      `SELECT organization_id, NULL::uuid AS user_id FROM "${origins}" WHERE origin = $1
       UNION ALL SELECT organization_id, user_id FROM "${clients}" WHERE is_active AND jsonb_typeof(allowed_origins) = 'array' AND allowed_origins ? $1`,
      [origin],
    ));
    const entry = {
      organizations: new Set(rows.filter((r) => !r.user_id).map((r) => r.organization_id)),
      clientUsers: new Set(rows.filter((r) => r.user_id).map((r) => r.user_id!)),
      expires: Date.now() + CACHE_MS,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(origin, entry);
    return entry;
  }

  /** Preflights and response headers; runs before authentication. */
  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const origin = req.headers.origin;
      if (!origin) return next();
      void this.allowing(origin).then((who) => {
        const allowedSomewhere = who.organizations.size > 0 || who.clientUsers.size > 0;
        if (allowedSomewhere) {
          res.setHeader('Access-Control-Allow-Origin', origin);
          res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
        }
        res.vary('Origin');
        if (req.method === 'OPTIONS') {
          if (allowedSomewhere) {
            res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
            res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
            res.setHeader('Access-Control-Max-Age', '600');
          }
          res.status(204).end();
          return;
        }
        next();
      }, next);
    };
  }

  /** After the caller is known: a browser page of an origin their organization does not list is refused. */
  async check(req: Request, organizationId: string, userId?: string): Promise<void> {
    const origin = req.headers.origin;
    if (!origin) return;
    const self = `${req.protocol}://${req.get('host')}`;
    if (origin === self) return;
    const who = await this.allowing(origin);
    if (!who.organizations.has(organizationId) && !(userId && who.clientUsers.has(userId))) {
      throw new ApiError('FORBIDDEN', `Requests from ${origin} are not allowed for this organization; an org admin can add it under API allowed origins.`);
    }
  }
}
