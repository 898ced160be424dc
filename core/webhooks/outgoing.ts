/**
 * The SSRF wall for outgoing webhook requests. A URL's host is resolved here
 * (never inside a database transaction: the delivery job calls this between
 * its short statements), every address it resolves to is checked with
 * ipaddr.js, and the connection is made to the checked address: the socket's
 * `lookup` is this check, so there is no second DNS answer a rebinding server
 * could change. Only global unicast addresses pass; private, loopback,
 * link-local, multicast, carrier-grade NAT, documentation and other reserved
 * ranges (and IPv4 inside IPv6) are refused unless the operator sets
 * WEBHOOKS_ALLOW_PRIVATE=1 or a caller passes `allow` (tests: loopback).
 * Redirects are not followed; the answer's body is read up to 64 KB.
 */
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutgoingOptions {
  /** Addresses allowed besides global unicast ones (tests: loopback). */
  allow?: (address: string) => boolean;
  /** WEBHOOKS_ALLOW_PRIVATE=1: every address is allowed. Default: read from the environment. */
  allowPrivate?: boolean;
  /** How names are resolved (default: the system resolver, every address). */
  resolve?: Resolver;
  timeoutMs?: number;
}

export interface OutgoingResponse {
  status: number;
  body: string;
}

/** Refused before a connection was made: the address, not the receiver, is the problem. */
export class BlockedAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    super(`${host} resolves to ${address} (${range}): requests to private, loopback, link-local and other non-public addresses are refused (WEBHOOKS_ALLOW_PRIVATE=1 allows them).`);
    this.name = 'BlockedAddressError';
  }
}

const MAX_RESPONSE_BYTES = 64 * 1024;

export const allowPrivateFromEnv = (env: NodeJS.ProcessEnv = process.env): boolean => ['1', 'true', 'yes', 'on'].includes((env.WEBHOOKS_ALLOW_PRIVATE ?? '').toLowerCase());

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }))))));

/** The range of an address that is not global unicast, or undefined when it is public. */
export function blockedRange(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  let parsed = ipaddr.parse(address);
  // ::ffff:127.0.0.1 is 127.0.0.1.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : range;
}

function permitted(address: string, options: OutgoingOptions): string | undefined {
  if (options.allowPrivate ?? allowPrivateFromEnv()) return undefined;
  const range = blockedRange(address);
  if (range === undefined || options.allow?.(address)) return undefined;
  return range;
}

/** A URL that can never pass (not http(s), credentials, an address literal in a refused range), as a message; undefined when it may. */
export function urlProblem(raw: string, options: Pick<OutgoingOptions, 'allow' | 'allowPrivate'> = {}): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https address';
  if (url.username || url.password) return 'must not contain a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) {
    const range = permitted(host, options);
    if (range) return `points at a ${range} address, which webhooks may not reach`;
  }
  return undefined;
}

/** POSTs `body` to `url` through the wall; resolves with the answer, rejects on refusal, network error or timeout. */
export function postThroughWall(url: string, body: string, headers: Record<string, string>, options: OutgoingOptions = {}): Promise<OutgoingResponse> {
  const target = new URL(url);
  const problem = urlProblem(url, options);
  if (problem) return Promise.reject(new BlockedAddressError(target.hostname, target.hostname, problem));
  const resolve = options.resolve ?? systemResolver;
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // The socket connects to what this returns: the checked address (node skips lookup for address literals, checked above).
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname).then(
      (addresses) => {
        if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 4);
        for (const a of addresses) {
          const range = permitted(a.address, options);
          if (range) return callback(new BlockedAddressError(hostname, a.address, range), '', 4);
        }
        const wanted = lookupOptions.family === 4 || lookupOptions.family === 6 ? addresses.filter((a) => a.family === lookupOptions.family) : addresses;
        const chosen = wanted[0] ?? addresses[0];
        if (lookupOptions.all) (callback as unknown as (err: null, list: ResolvedAddress[]) => void)(null, [chosen]);
        else callback(null, chosen.address, chosen.family);
      },
      (err: unknown) => callback(err as NodeJS.ErrnoException, '', 4),
    );
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((done, fail) => {
    const req = send(
      target,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup, timeout: timeoutMs, servername: ipaddr.isValid(host) ? undefined : host },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () => done({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES) }));
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', fail);
    req.end(body);
  });
}
