/**
 * Where an absolute file link starts: the installation's public URL (PUBLIC_URL) when one is
 * configured, else the request's own origin (scheme as Express sees it, so behind a TLS proxy set
 * TRUST_PROXY, and Host), else — a request without Host (HTTP/1.0) — the address from the
 * environment. One answer for every link to a file (exports, the REST API), so a client behind a
 * proxy never gets the internal host in one place and the public one in another.
 */
import type { Request } from 'express';
import { readConfig } from '../../config/index.js';

export function linkOrigin(req: Request, publicUrl: string | undefined): string {
  if (publicUrl) return publicUrl;
  const host = req.get('host');
  return host ? `${req.protocol}://${host}` : readConfig().publicUrl;
}
