/**
 * The account flows over HTTP, under /auth: each is a page (linked from the
 * AdminJS login page and user menu) and a JSON endpoint on the same path.
 * A request with a JSON body, or that accepts JSON rather than HTML, gets JSON:
 * `{ ok: true, message }`, or `{ error: { message, fields? } }` with the status.
 *
 *   GET/POST /auth/password/forgot   {email}                 → code by mail (same answer for unknown addresses)
 *   GET/POST /auth/password/reset    {email, code, password}
 *   GET/POST /auth/invitation        {token, password}       (GET ?token=… shows the form)
 *   GET      /auth/account/delete                            (signed in)
 *   POST     /auth/account/delete/code                       (signed in) → code by mail
 *   POST     /auth/account/delete    {code}                  (signed in) → account deactivated, signed out
 *
 * Body parsers live on this router only: AdminJS's router must see raw bodies.
 *
 * The forms posted before signing in (forgot, reset, invitation) carry the pre-session CSRF token (csrf.ts),
 * checked before the flow runs; a refused post gets its form again with the reason and a new token (403). A JSON
 * body needs none: no page on another site can send one without a CORS preflight, which these routes never
 * answer, and JSON callers (scripts) carry no cookie an attacker could borrow.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import session from 'express-session';
import type { Runtime } from '../runtime.js';
import { RecordValidationError, UmsError } from '../errors.js';
import { RateLimited } from './accounts.js';
import { confirmAccountDeletion, requestAccountDeletion } from './account-deletion.js';
import { acceptInvitation, findInvitation } from './invitations.js';
import { accountPage, deleteAccountPage, donePage, forgotPage, invitationPage, LOGIN_PATH, problemPage, resetPage, type FormState } from './pages.js';
import { FORGOT_ANSWER, requestPasswordReset, resetPassword } from './password-reset.js';
import type { SignedInUser } from './index.js';
import { CSRF_FIELD, type PreSessionCsrf } from './csrf.js';
import { checkSession } from './sessions.js';
import { withinTenant } from '../data/tenant-scope.js';
import { ADMIN_ROOT } from '../paths.js';

export interface AuthRoutesOptions {
  /** The admin's session settings (same store and cookie), for the signed-in flows. */
  session: session.SessionOptions;
  /** The pre-session forms' tokens (the same as the admin sign-in form's). */
  csrf: PreSessionCsrf;
}

type Body = Record<string, unknown>;

const wantsJson = (req: Request): boolean => Boolean(req.is('application/json')) || req.accepts(['html', 'json']) === 'json';

/** Field errors, the message, and the status of an error a flow raised; anything unexpected goes to the app's error handler. */
function problemOf(err: unknown): { status: number; state: FormState; retryAt?: Date } | undefined {
  if (err instanceof RateLimited) return { status: err.status, state: { error: err.message }, retryAt: err.retryAt };
  if (err instanceof RecordValidationError) {
    const first = Object.entries(err.fieldErrors)[0];
    return { status: err.status, state: { error: first ? `${first[0] === 'password' ? 'The password' : first[0]} ${first[1].message}.` : err.message, fields: err.fieldErrors } };
  }
  if (err instanceof UmsError && err.status < 500) return { status: err.status, state: { error: err.message } };
  return undefined;
}

/** A page's token for this request's visitor: '' for the signed-in flows, whose forms need none (csrf.ts). */
type CsrfOf = (req: Request, res: Response) => string;

/**
 * Runs one flow: JSON callers get `{ ok, message }` or the error; browsers get
 * `done(result)` or the form again with the problem on it. With `csrf`, a form
 * body must carry a valid pre-session token, checked before the flow runs.
 */
function flow<T>(
  run: (req: Request, body: Body) => Promise<T>,
  views: { done(result: T, req: Request, csrf: string): string; form(state: FormState, req: Request, body: Body, csrf: string): string | Promise<string> },
  message: (result: T) => string,
  csrf?: PreSessionCsrf,
) {
  const tokenOf: CsrfOf = csrf ? (req, res) => csrf.issue(req, res) : () => '';
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const body: Body = (req.body as Body | undefined) ?? {};
    try {
      const refusal = csrf && !req.is('application/json') ? csrf.refusal(req, body[CSRF_FIELD]) : undefined;
      if (refusal) throw new UmsError('FORBIDDEN', refusal);
      const result = await run(req, body);
      if (wantsJson(req)) res.json({ ok: true, message: message(result) });
      else res.type('html').send(views.done(result, req, tokenOf(req, res)));
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) return next(err);
      if (problem.retryAt) res.set('Retry-After', String(Math.max(1, Math.ceil((problem.retryAt.getTime() - Date.now()) / 1000))));
      if (wantsJson(req)) res.status(problem.status).json({ error: { message: problem.state.error, ...(problem.state.fields ? { fields: problem.state.fields } : {}) } });
      else res.status(problem.status).type('html').send(await views.form(problem.state, req, body, tokenOf(req, res)));
    }
  };
}

function confirmed(body: Body): void {
  // Only the HTML forms send the repetition; API callers send the password once.
  if (body.password_confirm !== undefined && body.password_confirm !== body.password) {
    throw new RecordValidationError('core.user', { password_confirm: { message: 'does not match the new password', type: 'confirm' } }, 'The two passwords differ.');
  }
}

const signedIn = (req: Request): SignedInUser | undefined => (req.session as (session.Session & { adminUser?: SignedInUser }) | undefined)?.adminUser;

export function authRoutes(runtime: Runtime, options: AuthRoutesOptions): Router {
  const { csrf } = options;
  const router = express.Router();
  router.use(express.urlencoded({ extended: false, limit: '16kb' }), express.json({ limit: '16kb' }));
  router.use((_req, res, next) => {
    // Pages with codes and tokens are never cached or passed on as a referrer.
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Frame-Options': 'DENY' });
    next();
  });

  // ── Forgot password ────────────────────────────────────────────────────
  router.get('/password/forgot', (req, res) => res.type('html').send(forgotPage({ csrf: csrf.issue(req, res) })));
  router.post(
    '/password/forgot',
    flow(
      (req, body) => requestPasswordReset(runtime, { email: body.email, ip: req.ip }),
      {
        done: (_r, req, token) => resetPage({ email: String((req.body as Body).email ?? ''), notice: FORGOT_ANSWER, csrf: token }),
        form: (state, _req, body, token) => forgotPage({ ...state, email: String(body.email ?? ''), csrf: token }),
      },
      () => FORGOT_ANSWER,
      csrf,
    ),
  );
  router.get('/password/reset', (req, res) => res.type('html').send(resetPage({ email: String(req.query.email ?? ''), csrf: csrf.issue(req, res) })));
  router.post(
    '/password/reset',
    flow(
      async (_req, body) => {
        confirmed(body);
        return resetPassword(runtime, { email: body.email, code: body.code, password: body.password });
      },
      {
        done: (r) => donePage('Password changed', `Your password for ${r.organizationName} was changed. Sign in with the new one.`),
        form: (state, _req, body, token) => resetPage({ ...state, email: String(body.email ?? ''), csrf: token }),
      },
      (r) => `Your password for ${r.organizationName} was changed.`,
      csrf,
    ),
  );

  // ── Invitation ─────────────────────────────────────────────────────────
  router.get('/invitation', async (req, res, next) => {
    const token = String(req.query.token ?? '');
    try {
      const invitation = await findInvitation(runtime, token);
      res.type('html').send(invitationPage({ token, ...invitation, csrf: csrf.issue(req, res) }));
    } catch (err) {
      const problem = problemOf(err);
      if (!problem) return next(err);
      res.status(problem.status).type('html').send(problemPage('Invitation', problem.state.error ?? ''));
    }
  });
  router.post(
    '/invitation',
    flow(
      async (_req, body) => {
        confirmed(body);
        return acceptInvitation(runtime, body.token, body.password);
      },
      {
        done: (r) => donePage(`Welcome to ${r.organizationName}`, `Your password is set. Sign in as ${r.email}.`),
        form: async (state, _req, body, csrfToken) => {
          const token = String(body.token ?? '');
          const invitation = await findInvitation(runtime, token).catch(() => undefined);
          return invitation ? invitationPage({ ...state, token, ...invitation, csrf: csrfToken }) : problemPage('Invitation', state.error ?? '');
        },
      },
      (r) => `Your password is set. Sign in as ${r.email}.`,
      csrf,
    ),
  );

  // ── Delete own account (signed in) ─────────────────────────────────────
  const withSession = session(options.session);
  // The same check as every admin request: a deactivated user's session is ended here too.
  const requireUser = (req: Request, res: Response, next: NextFunction): void => {
    checkSession(runtime, req).then((user) => {
      if (user) return next();
      if (wantsJson(req)) res.status(401).json({ error: { message: 'Sign in first.' } });
      else res.redirect(LOGIN_PATH);
    }, next);
  };
  const ownerOf = (req: Request) => {
    const user = signedIn(req)!;
    return { id: user.id, organizationId: user.organizationId };
  };
  const deletePage = (req: Request, state: FormState & { codeSent: boolean }): string => {
    const user = signedIn(req)!;
    return deleteAccountPage({ ...state, email: user.email, organizationName: user.organizationName });
  };
  // ── The user's own account page: their language ────────────────────────
  router.get('/account', withSession, requireUser, async (req, res, next) => {
    try {
      const user = signedIn(req)!;
      const rows: { language: string | null }[] = await withinTenant(runtime.dataSource, user.organizationId).query('SELECT language FROM core_user WHERE id = $1', [user.id]);
      res.type('html').send(accountPage({ email: user.email, organizationName: user.organizationName, language: rows[0]?.language ?? null, languagePath: `${ADMIN_ROOT}/x/language`, saved: req.query.saved === '1' }));
    } catch (err) {
      next(err);
    }
  });
  router.get('/account/delete', withSession, requireUser, (req, res) => res.type('html').send(deletePage(req, { codeSent: false })));
  router.post(
    '/account/delete/code',
    withSession,
    requireUser,
    flow(
      (req) => requestAccountDeletion(runtime, ownerOf(req)),
      { done: (r, req) => deletePage(req, { codeSent: true, notice: `We sent a code to ${r.email}.` }), form: (state, req) => deletePage(req, { ...state, codeSent: false }) },
      (r) => `We sent a code to ${r.email}.`,
    ),
  );
  router.post(
    '/account/delete',
    withSession,
    requireUser,
    flow(
      async (req, body) => {
        await confirmAccountDeletion(runtime, ownerOf(req), body.code);
        // The session row is gone already; this drops the cookie's session in this process too.
        await new Promise<void>((resolve) => req.session.destroy(() => resolve()));
      },
      {
        done: () => donePage('Account deleted', 'Your account was deleted and you were signed out. Its records stay with the organization.', { href: LOGIN_PATH, label: 'Back to sign-in' }),
        form: (state, req) => deletePage(req, { ...state, codeSent: true }),
      },
      () => 'Your account was deleted and you were signed out.',
    ),
  );

  return router;
}
