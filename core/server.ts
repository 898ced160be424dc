/**
 * The HTTP application: AdminJS behind sign-in, with each request's access
 * compiled before AdminJS's synchronous visibility checks run, and errors
 * turned into clean responses instead of stack-trace pages.
 */
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import AdminJSExpress from '@adminjs/express';
import { buildAdmin } from './admin/index.js';
import { apiDocs, apiRouter, API_ROOT, DOCS_ROOT, type ApiOptions } from './api/index.js';
import { publicFormsRouter, PUBLIC_FORMS_ROOT, type PublicFormOptions } from './api/forms/index.js';
import { exchangeRouter } from './admin/file-routes.js';
import { viewRouter } from './admin/views.js';
import { recordPanelsRouter } from './admin/record-panels.js';
import { reportRoutes } from './admin/reports/routes.js';
import { formBodies, formidableOptions, prepareUploadDir } from './admin/form-bodies.js';
import { configuredPublicUrl, readUploadLimits, type UploadLimits } from '../config/index.js';
import { bundleComponents } from './admin/bundle.js';
import { runWithRequestContext } from './admin/request-context.js';
import { badBodyAsUmsError } from './admin/errors.js';
import { adminApiGuard } from './admin/api-guard.js';
import { compressResponses } from './admin/compression.js';
import { pageAssets, rewritePages } from './admin/page-assets.js';
import { languageOfUser, type Language } from './admin/language.js';
import { authenticator, authRoutes, checkSession, sessionSetup, sessionSecret } from './auth/index.js';
import { refuseCrossSiteRequests } from './auth/origin-check.js';
import { preSessionCsrf, signInFormGuard } from './auth/csrf.js';
import type { Runtime } from './runtime.js';
import { RecordValidationError, UmsError } from './errors.js';
import { ADMIN_ROOT } from './paths.js';
import { errorField, identifyRequest } from './log.js';
import { healthRouter } from './ops/health.js';
import type { Metrics } from './ops/metrics.js';
import { failedWith, requestIdOf, requestTelemetry } from './ops/request-telemetry.js';

export interface AppOptions {
  dataDir: string;
  sessionSecret?: string;
  secureCookies?: boolean;
  /** Express's `trust proxy` (config TRUST_PROXY); default: trust no proxy's X-Forwarded-For. */
  trustProxy?: boolean | number | string;
  /** Request body limits; by default from the environment (config/index.ts). */
  uploads?: UploadLimits;
  /** The REST API's settings (signing key, rate limits); by default from the environment. */
  api?: Partial<Omit<ApiOptions, 'dataDir'>>;
  /** The bearer token GET /metrics asks for; without one there is no /metrics (default: METRICS_TOKEN). */
  metricsToken?: string;
  /**
   * The installation's public base URL (`https://ums.example.org`), which export file links start with;
   * by default PUBLIC_URL when it is set, otherwise each request's own origin (scheme as Express sees it,
   * so behind a TLS proxy set TRUST_PROXY, and Host).
   */
  publicUrl?: string;
  /** Public forms' bot limits (rates, body size, fill time); by default DEFAULT_PUBLIC_FORM_LIMITS. */
  publicForms?: Partial<Omit<PublicFormOptions, 'secret'>>;
}

export interface UmsApp {
  app: express.Express;
  close(): Promise<void>;
}

export async function createApp(runtime: Runtime, options: AppOptions): Promise<UmsApp> {
  const admin = buildAdmin(runtime);
  await bundleComponents(admin);
  const uploads = options.uploads ?? readUploadLimits();
  // Every temporary upload file lives here, is deleted when its request ends, and the folder is emptied at start.
  const uploadDir = prepareUploadDir(join(options.dataDir, 'uploads'));
  const secret = sessionSecret(options.sessionSecret, options.dataDir);
  const sessions = sessionSetup(runtime, secret, options.secureCookies ?? false);
  // The sign-in, forgot, reset and invitation forms' tokens (core/auth/csrf.ts): stateless, keyed by the session secret.
  const csrf = preSessionCsrf(secret, { secure: options.secureCookies ?? false });
  const page = pageAssets(ADMIN_ROOT);
  // Absolute file links (exports, the REST API's file urls) start with this, else the request's origin (files/link-origin.ts).
  const publicUrl = options.publicUrl ?? configuredPublicUrl();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ?? false);
  // First: the request id and log context, then the REST API and the probes, before sessions and body parsers (cheap, unauthenticated).
  const metricsToken = options.metricsToken ?? (process.env.METRICS_TOKEN || undefined);
  // prom-client is imported only when /metrics is on (METRICS_TOKEN): without it, start-up skips ≈0.1 s of CPU.
  const metrics: Metrics | undefined = metricsToken ? new (await import('./ops/metrics.js')).Metrics(runtime) : undefined;
  app.use(requestTelemetry(metrics));
  const compression = compressResponses(); // pages, JSON and account pages; bundles are served precompressed below
  // The REST API (core/api) right after the request id: bearer tokens, not cookies, so no session and no cross-site
  // check (CORS per organization instead); mounted first so its calls skip the probes, the admin's routes and
  // middleware below, which are per-request work for nothing on a list (issue 13). It ends every request it gets.
  app.use(API_ROOT, compression, apiRouter(runtime, { dataDir: options.dataDir, publicUrl, ...options.api }));
  app.use(healthRouter(runtime, { metrics, metricsToken }));
  app.use(compression);
  app.get('/', (_req, res) => res.redirect(ADMIN_ROOT));
  app.get('/favicon.ico', (_req, res) => res.redirect(301, `${ADMIN_ROOT}/frontend/assets/favicon.svg`));
  // AdminJS's bundles from memory, compressed and long-cached by content hash (before the session: they are public).
  app.use(ADMIN_ROOT, page.router);
  app.get('/health', (_req, res) => res.json({ ok: true }));
  app.use(DOCS_ROOT, apiDocs());
  // Public forms (core/api/forms): no session, no admin; a signed form token stands in for CSRF protection.
  app.use(PUBLIC_FORMS_ROOT, publicFormsRouter(runtime, { ...options.publicForms, secret }));
  app.use(refuseCrossSiteRequests()); // POST/PUT/PATCH/DELETE from another site (CSRF, login CSRF): 403 before any parsing
  // Account pages and JSON endpoints (forgot/reset password, invitation, delete own account); own body parsers.
  app.use('/auth', authRoutes(runtime, { session: sessions.options, csrf }));

  // Before AdminJS: load the session, then compile the user's access (async) so that
  // AdminJS's synchronous isAccessible/isVisible callbacks find it in the cache.
  app.use(ADMIN_ROOT, session(sessions.options), (req: Request, _res: Response, next: NextFunction) => {
    // checkSession (core/auth): a user no longer active loses the session here; otherwise their access is compiled.
    runWithRequestContext(req.ip, () => void checkSession(runtime, req).then((user) => {
      identifyRequest(req, user?.organizationId, user?.id);
      next();
    }, next));
  });
  // Exports, imports and PDF documents (core/exchange, core/documents): signed-in user only, before AdminJS's router.
  app.use(ADMIN_ROOT, exchangeRouter(runtime, admin, { uploadDir, limits: uploads }, publicUrl));
  // Declared views' data (calendars, boards): signed-in user only, GET only (core/admin/views.ts).
  app.use(ADMIN_ROOT, viewRouter(runtime));
  // A show page's related lists and timeline: signed-in user only, GET only (core/admin/record-panels.ts).
  app.use(ADMIN_ROOT, recordPanelsRouter(runtime));
  // Declared reports: JSON and CSV/XLSX/PDF downloads, signed-in user only, GET only (core/admin/reports/routes.ts).
  app.use(ADMIN_ROOT, reportRoutes(runtime));
  // Unknown resources and actions are a 404 and filters on no field are dropped before AdminJS trips over them (500s).
  app.use(admin.options.rootPath, adminApiGuard(admin));
  // AdminJS's router reads bodies before its sign-in check: UMS reads them here instead, after the session is known.
  app.use(admin.options.rootPath, formBodies({ uploadDir, loginPath: admin.options.loginPath, limits: uploads }));

  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    { authenticate: authenticator(runtime), cookieName: 'ums.sid', cookiePassword: String(sessions.options.secret) },
    null,
    sessions.options,
    formidableOptions(uploadDir, uploads),
  );
  // Every admin page opens in the signed-in user's language (or their organization's): core/admin/language.ts.
  const pageLanguage = async (req: Request): Promise<Language | undefined> => {
    const user = (req as Request & { session?: { adminUser?: { id: string; organizationId: string } } }).session?.adminUser;
    return user?.id && user.organizationId ? languageOfUser(runtime, user.organizationId, user.id) : undefined;
  };
  // The sign-in form's token is checked once its small body is read, before AdminJS's handler checks the password.
  const loginPath = admin.options.loginPath;
  const signInGuard = signInFormGuard(csrf, { loginPath, renderLogin: (errorMessage) => admin.renderLogin({ action: loginPath, errorMessage }) });
  app.use(admin.options.rootPath, rewritePages(page, pageLanguage), signInGuard, router);

  app.use((err: unknown, req: Request, res: Response, _next: NextFunction) => {
    err = badBodyAsUmsError(err);
    const status = err instanceof UmsError ? err.status : typeof (err as { statusCode?: number })?.statusCode === 'number' ? (err as { statusCode: number }).statusCode : 500;
    const requestId = requestIdOf(req);
    // The request id lets a person quote the failure and an operator find its log line.
    const message = status >= 500 ? `Something went wrong on our side; the error was logged (request ${requestId}).` : (err as Error).message;
    // Logged once: the access line written when the response finishes carries it (ops/request-telemetry.ts).
    if (status >= 500) failedWith(req, errorField(err));
    // Field errors travel with a validation failure, so a form (the admin's file input) can say what is wrong with its field.
    const fields = err instanceof RecordValidationError ? { fields: err.fieldErrors } : {};
    if (req.accepts(['html', 'json']) === 'json' || req.originalUrl.includes('/api/')) res.status(status).json({ error: { message, requestId, ...fields }, notice: { message, type: 'error' } });
    else res.status(status).type('html').send(`<!doctype html><title>UMS</title><p>${message.replace(/</g, '&lt;')}</p><p>Request id: <code>${String(requestId).replace(/</g, '&lt;')}</code></p><p><a href="${ADMIN_ROOT}">Back to the admin</a></p>`);
  });

  return { app, close: sessions.close };
}
