/**
 * The REST API v1 (`/api/v1`) and its docs page (`/api/docs`): the public
 * entry of core/api, mounted by core/server.ts. Order of a call: the per-IP
 * limit, CORS, the JSON body (size-limited), then either the token endpoints
 * or the caller's authentication (token, per-token limit, origin) and the
 * routes; every error leaves as problem+json.
 *
 * Room for what comes next (webhooks, public forms, files): each is another
 * router mounted here beside the record routes, reusing `authenticate` and
 * `problemHandler`.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Runtime } from '../runtime.js';
import { accountRoutes } from './account-routes.js';
import { authRoutes } from './auth-routes.js';
import { OriginPolicy } from './cors.js';
import { docsRoutes } from './docs.js';
import { limitPerIp, RateCounter, readApiLimits, type ApiLimits } from './limits.js';
import { Cursors } from './list-params.js';
import { openApiDocument } from './openapi.js';
import { ApiError, notFoundHere, problemHandler } from './problem.js';
import { recordRoutes } from './record-routes.js';
import { fileRoutes } from './file-routes.js';
import { linkOrigin } from '../files/link-origin.js';
import { authenticate, recordsOf } from './request.js';
import { apiSigningKey, TokenService } from './tokens.js';

export const API_ROOT = '/api/v1';
export const DOCS_ROOT = '/api/docs';

export interface ApiOptions {
  dataDir: string;
  /** API_JWT_KEY; by default one generated into dataDir. */
  jwtKey?: string;
  limits?: Partial<ApiLimits>;
  /** The installation's public base URL, which the API's file links start with (else the request's origin). */
  publicUrl?: string;
}

const RECORD_WRITE = /^\/[a-z][a-z0-9_]*\/[a-z][a-z0-9_]*(\/[^/]+)?\/?$/;
const mayBeMultipart = (req: Request): boolean =>
  (req.method === 'POST' && req.path.startsWith('/files/')) || ((req.method === 'POST' || req.method === 'PATCH') && RECORD_WRITE.test(req.path) && !req.path.startsWith('/auth/'));

/** A body sent as something other than JSON is refused before it is read. */
function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  // multipart/form-data is streamed by the routes that take files (file-routes.ts, record writes of entities with file fields).
  if (hasBody && req.is('multipart/form-data') && mayBeMultipart(req)) return next();
  if (hasBody && !req.is(['application/json', 'application/*+json'])) return next(new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json).'));
  next();
}

export function apiRouter(runtime: Runtime, options: ApiOptions): Router {
  const limits = { ...readApiLimits(), ...options.limits };
  const key = apiSigningKey(options.jwtKey ?? process.env.API_JWT_KEY, options.dataDir);
  const tokens = new TokenService(runtime, key);
  const cursors = new Cursors(key);
  const origins = new OriginPolicy(runtime);
  const perIp = new RateCounter(limits.perIp);
  const perToken = new RateCounter(limits.perToken);

  const router = Router();
  router.use(limitPerIp(perIp), origins.middleware(), jsonOnly, express.json({ limit: limits.bodyLimit, type: ['application/json', 'application/*+json'] }));
  router.use('/auth', authRoutes(runtime, tokens, origins));
  const caller = authenticate(runtime, tokens, perToken, origins);
  router.get('/openapi.json', (req, res, next) => {
    // Without a token: the document of the token endpoints only, so a client can find how to sign in.
    if (req.get('authorization')) return next();
    res.json(publicDocument(`${linkOrigin(req, options.publicUrl)}${API_ROOT}`));
  });
  router.use(caller);
  router.get('/openapi.json', (req, res) => {
    // PUBLIC_URL when set, as the file links: behind a proxy a generated client must not call the internal host.
    res.json(withAuthPaths(openApiDocument(recordsOf(req), `${linkOrigin(req, options.publicUrl)}${API_ROOT}`)));
  });
  router.use(accountRoutes(tokens));
  router.use(fileRoutes(options.publicUrl));
  router.use(recordRoutes(cursors, options.publicUrl));
  router.use((_req, _res, next) => next(notFoundHere()));
  router.use(problemHandler());
  return router;
}

export function apiDocs(): Router {
  const router = docsRoutes();
  router.use(problemHandler());
  return router;
}

const tokenBody = (properties: Record<string, unknown>, required: string[]) => ({ required: true, content: { 'application/json': { schema: { type: 'object', properties, required, additionalProperties: false } } } });
const tokenPair = {
  description: 'Tokens',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in', 'refresh_token', 'refresh_expires_in'],
        properties: { access_token: { type: 'string' }, token_type: { type: 'string', enum: ['Bearer'] }, expires_in: { type: 'integer' }, refresh_token: { type: 'string' }, refresh_expires_in: { type: 'integer' } },
      },
    },
  },
};
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });

const AUTH_PATHS = {
  '/auth/login': {
    post: {
      operationId: 'login',
      summary: 'Sign in: e-mail, password, and the organization slug when the address exists in several',
      tags: ['auth'],
      security: [],
      requestBody: tokenBody({ email: { type: 'string' }, password: { type: 'string' }, organization: { type: 'string' } }, ['email', 'password']),
      responses: { '200': tokenPair, '400': problem('Bad body'), '401': problem('Wrong credentials'), '429': problem('Locked out or rate limited') },
    },
  },
  '/auth/token': {
    post: {
      operationId: 'clientToken',
      summary: 'An access token for an API client (client credentials)',
      tags: ['auth'],
      security: [],
      requestBody: tokenBody({ grant_type: { type: 'string', enum: ['client_credentials'] }, client_id: { type: 'string' }, client_secret: { type: 'string' } }, ['grant_type', 'client_id', 'client_secret']),
      responses: {
        '200': { description: 'Token', content: { 'application/json': { schema: { type: 'object', required: ['access_token', 'token_type', 'expires_in'], properties: { access_token: { type: 'string' }, token_type: { type: 'string', enum: ['Bearer'] }, expires_in: { type: 'integer' } } } } } },
        '400': problem('Bad body'),
        '401': problem('Wrong credentials'),
        '429': problem('Rate limited'),
      },
    },
  },
  '/auth/refresh': {
    post: {
      operationId: 'refresh',
      summary: 'A new token pair for a refresh token (single use: reusing one ends the sign-in)',
      tags: ['auth'],
      security: [],
      requestBody: tokenBody({ refresh_token: { type: 'string' } }, ['refresh_token']),
      responses: { '200': tokenPair, '400': problem('Bad body'), '401': problem('Invalid, used or expired'), '429': problem('Rate limited') },
    },
  },
  '/auth/logout': {
    post: {
      operationId: 'logout',
      summary: 'Ends the sign-in of this refresh token',
      tags: ['auth'],
      security: [],
      requestBody: tokenBody({ refresh_token: { type: 'string' } }, ['refresh_token']),
      responses: { '204': { description: 'Signed out' }, '400': problem('Bad body'), '429': problem('Rate limited') },
    },
  },
};

function withAuthPaths(doc: Record<string, unknown>): Record<string, unknown> {
  return { ...doc, paths: { ...AUTH_PATHS, ...(doc.paths as Record<string, unknown>) } };
}

function publicDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'UMS REST API', version: '1', description: 'Sign in, then fetch this document again with your access token to see the operations you may use.' },
    servers: [{ url: serverUrl }],
    paths: AUTH_PATHS,
    components: {
      schemas: { Problem: { type: 'object', required: ['type', 'title', 'status', 'code', 'detail'], properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, code: { type: 'string' }, detail: { type: 'string' } } } },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
