/**
 * Request rate limits of the REST API: a fixed window per client IP (every
 * request, signed in or not) and one per access token's user. Counted in this
 * process's memory: with several server processes each allows its own share,
 * which is acceptable for a limit meant to stop runaway clients; credential
 * guessing is limited separately, in the database (core/auth's throttles).
 */
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './problem.js';

export interface RateLimit {
  /** Requests allowed per window. */
  max: number;
  windowMs: number;
}

export interface ApiLimits {
  perIp: RateLimit;
  perToken: RateLimit;
  /** Largest JSON body, e.g. '1mb'. */
  bodyLimit: string;
}

const intFromEnv = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/** API_RATE_PER_IP / API_RATE_PER_TOKEN (requests per minute), API_BODY_LIMIT. */
export function readApiLimits(env: NodeJS.ProcessEnv = process.env): ApiLimits {
  return {
    perIp: { max: intFromEnv(env.API_RATE_PER_IP, 600), windowMs: 60_000 },
    perToken: { max: intFromEnv(env.API_RATE_PER_TOKEN, 300), windowMs: 60_000 },
    bodyLimit: env.API_BODY_LIMIT || '1mb',
  };
}

export class RateCounter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: RateLimit) {}

  /** Counts one request; returns the seconds to wait when over the limit. */
  hit(key: string, now = Date.now()): number | null {
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.limit.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    if (w.count <= this.limit.max) return null;
    return Math.max(1, Math.ceil((w.start + this.limit.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.limit.windowMs) this.windows.delete(k);
  }
}

export const tooMany = (retryAfter: number, what: string): ApiError =>
  new ApiError('TOO_MANY_REQUESTS', `Too many requests ${what}; try again in ${retryAfter} s.`, {}, { 'Retry-After': String(retryAfter) });

export function limitPerIp(counter: RateCounter) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const wait = counter.hit(req.ip ?? 'unknown');
    next(wait === null ? undefined : tooMany(wait, 'from your address'));
  };
}
