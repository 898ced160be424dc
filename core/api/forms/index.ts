/**
 * Public forms (manifest `publicForms`) over HTTP, mounted at /p by
 * core/server.ts before any session or admin middleware:
 *
 *   GET  /p/<org-slug>/<form>           the form page (works without JavaScript)
 *   POST /p/<org-slug>/<form>           a submission → 303 to …/sent, or the form again with errors
 *   GET  /p/<org-slug>/<form>/sent      the form's success message
 *   GET  /p/<org-slug>/<form>/embed.js  the one-line embed: an auto-sizing iframe
 *
 * An unknown organization, an unknown form, a form of a module the
 * organization has not enabled and a suspended or archived organization all
 * give the same 404. Pages may be framed only by the organization itself and
 * the origins it allows for the API (`core.api_origin`, managed in the admin),
 * through CSP frame-ancestors.
 *
 * Against bots, cheapest first and before any database work: a per-IP limit
 * on every request, per-IP-and-form and per-form limits on posts (429 with
 * Retry-After and a page saying so), a body size limit, the signed token
 * (tampered, expired, or younger than the minimum fill time), the honeypot
 * (filled: the success page, nothing created, a log line).
 */
import { randomBytes } from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Runtime } from '../../runtime.js';
import { RecordService } from '../../data/records.js';
import { ORGANIZATION_TABLE, type ResolvedPublicForm } from '../../manifest/index.js';
import { log } from '../../log.js';
import { RateCounter, type RateLimit } from '../limits.js';
import { formControls } from './form-controls.js';
import { embedScript, HONEYPOT, renderForm, renderMessage, TOKEN_FIELD, type PageFrame } from './form-page.js';
import { submitForm, type Body } from './form-submission.js';
import { FormTokens } from './form-token.js';
import { RecordValidationError, UmsError } from '../../errors.js';
import { discardUnattached } from '../../data/files/files.js';
import { registerReceived } from '../../files/files-http.js';
import { receiveMultipart, removeStored, type ReceivedFile } from '../../files/upload.js';
import { crossTenant } from '../../db/cross-tenant.js';
import { withinTenant } from '../../data/tenant-scope.js';

export const PUBLIC_FORMS_ROOT = '/p';

export interface PublicFormOptions {
  /** The secret the form tokens' key is derived from (the session secret). */
  secret: string;
  /** Every request to /p from one address. */
  perIp: RateLimit;
  /** Posts from one address to one form. */
  perIpAndForm: RateLimit;
  /** Posts to one form of one organization, from everywhere. */
  perForm: RateLimit;
  /** Largest posted body, e.g. '32kb'. */
  bodyLimit: string;
  /** A post sooner than this after the page was served is a script's (ms). */
  minFillMs: number;
  /** A page older than this must be reloaded (ms). */
  maxAgeMs: number;
}

export const DEFAULT_PUBLIC_FORM_LIMITS: Omit<PublicFormOptions, 'secret'> = {
  perIp: { max: 120, windowMs: 60_000 },
  perIpAndForm: { max: 10, windowMs: 10 * 60_000 },
  perForm: { max: 300, windowMs: 60 * 60_000 },
  bodyLimit: '32kb',
  minFillMs: 3_000,
  maxAgeMs: 2 * 60 * 60_000,
};

interface Organization {
  id: string;
  name: string;
  slug: string;
}

interface Target {
  organization: Organization;
  form: ResolvedPublicForm;
  /** Origins that may frame the form: the organization's API allowed origins. */
  origins: string[];
}

const ORIGIN_RE = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

export function publicFormsRouter(runtime: Runtime, options: Partial<PublicFormOptions> & { secret: string }): Router {
  const settings = { ...DEFAULT_PUBLIC_FORM_LIMITS, ...options };
  const tokens = new FormTokens(settings.secret, settings);
  const perIp = new RateCounter(settings.perIp);
  const perIpAndForm = new RateCounter(settings.perIpAndForm);
  const perForm = new RateCounter(settings.perForm);
  const forms = new Map(runtime.registry.modules.flatMap((m) => m.publicForms.map((f) => [f.name, f] as const)));

  /** The organization and form of the address, or undefined for every kind of "no such form". */
  async function find(slug: string, name: string): Promise<Target | undefined> {
    const form = forms.get(name);
    if (!form || !/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug)) return undefined;
    const [organization]: (Organization & { status: string })[] = await crossTenant(runtime.dataSource, 'organization-registry', (owner) => owner.query(`SELECT id, name, slug, status FROM ${ORGANIZATION_TABLE} WHERE slug = $1`, [slug]));
    if (!organization || organization.status !== 'active') return undefined;
    if (!(await runtime.access.enabledModules(organization.id)).has(form.module)) return undefined;
    const origins = (await system(organization, form).find('core.api_origin', { limit: 100 })).map((r) => String(r.origin)).filter((o) => ORIGIN_RE.test(o));
    return { organization: { id: organization.id, name: organization.name, slug: organization.slug }, form, origins };
  }

  const system = (organization: Organization, form: ResolvedPublicForm): RecordService => RecordService.forSystem(runtime, organization.id, form.actor);

  /** Security headers of every page: nothing but this page's own style and script, framed only where allowed. */
  function pageHeaders(res: Response, nonce: string, origins: string[]): void {
    res.setHeader('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'${origins.map((o) => ` ${o}`).join('')}`);
    if (!origins.length) res.setHeader('X-Frame-Options', 'SAMEORIGIN');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Cache-Control', 'no-store');
  }

  function frameOf(req: Request, target: Target | undefined, nonce: string, title: string): PageFrame {
    const embed = typeof req.query.embed === 'string' ? req.query.embed : undefined;
    return { title, organization: target?.organization.name ?? 'UMS', nonce, reportHeightTo: embed && target?.origins.includes(embed) ? embed : undefined };
  }

  const embedQuery = (req: Request): string => (typeof req.query.embed === 'string' && ORIGIN_RE.test(req.query.embed) ? `?embed=${encodeURIComponent(req.query.embed)}` : '');

  function message(req: Request, res: Response, status: number, target: Target | undefined, heading: string, text: string, ok = false): void {
    const nonce = randomBytes(12).toString('base64');
    pageHeaders(res, nonce, target?.origins ?? []);
    res.status(status).type('html').send(renderMessage({ ...frameOf(req, target, nonce, heading), heading, message: text, ok }));
  }

  const notFound = (req: Request, res: Response): void => message(req, res, 404, undefined, 'Form not found', 'There is no form at this address. Check the link you followed.');

  async function showForm(req: Request, res: Response, target: Target, state: { values?: Record<string, string>; errors?: Record<string, string>; notice?: string; status?: number } = {}): Promise<void> {
    const { form, organization } = target;
    const controls = await formControls(system(organization, form), runtime.registry, form, state.values ?? {}, state.errors ?? {});
    const nonce = randomBytes(12).toString('base64');
    pageHeaders(res, nonce, target.origins);
    const html = renderForm({
      ...frameOf(req, target, nonce, form.label),
      description: form.description,
      action: `${PUBLIC_FORMS_ROOT}/${organization.slug}/${form.name}${embedQuery(req)}`,
      token: tokens.issue(organization.id, form.key),
      controls,
      notice: state.notice,
    });
    res.status(state.status ?? 200).type('html').send(html);
  }

  const tooMany = (req: Request, res: Response, wait: number, what = 'Too many requests from your address.'): void => {
    res.setHeader('Retry-After', String(wait));
    message(req, res, 429, undefined, 'Too many requests', `${what} Please wait ${wait} seconds and try again.`);
  };

  const router = Router();
  router.use((req, res, next) => {
    const wait = perIp.hit(req.ip ?? 'unknown');
    if (wait !== null) return tooMany(req, res, wait);
    next();
  });
  const wrap = (fn: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void fn(req, res).catch(next);

  router.get('/:org/:form', wrap(async (req, res) => {
    const target = await find(req.params.org, req.params.form);
    if (!target) return notFound(req, res);
    await showForm(req, res, target);
  }));

  router.get('/:org/:form/sent', wrap(async (req, res) => {
    const target = await find(req.params.org, req.params.form);
    if (!target) return notFound(req, res);
    message(req, res, 200, target, target.form.label, target.form.success, true);
  }));

  router.get('/:org/:form/embed.js', wrap(async (req, res) => {
    const target = await find(req.params.org, req.params.form);
    if (!target) return notFound(req, res);
    const origin = `${req.protocol}://${req.get('host')}`;
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.type('text/javascript; charset=utf-8').send(embedScript(`${origin}${PUBLIC_FORMS_ROOT}/${target.organization.slug}/${target.form.name}`, origin, `${target.form.label} — ${target.organization.name}`));
  }));

  /** The files of one submission: registered (quota) just before the record is written, dropped when the submission is refused. */
  async function filesOf(received: ReceivedFile[], organizationId: string, form: ResolvedPublicForm): Promise<{ register(): Promise<void>; drop(): Promise<void> }> {
    let registered = false;
    return {
      register: async () => {
        if (!received.length) return;
        const records = RecordService.forSystem(runtime, organizationId, form.actor);
        await records.transaction((tx) => registerReceived(tx, runtime.registry.entity(form.entity)!, received));
        registered = true;
      },
      drop: async () => {
        if (registered) await discardUnattached(withinTenant(runtime.dataSource, organizationId), runtime.files, organizationId, received.map((f) => f.id));
        else await removeStored(runtime.files, received);
        received = [];
      },
    };
  }

  router.post(
    '/:org/:form',
    (req, res, next) => {
      // Posts are limited per address and form, and per form, before the body is read.
      const key = `${req.params.org}/${req.params.form}`;
      const mine = perIpAndForm.hit(`${req.ip}|${key}`);
      if (mine !== null) return tooMany(req, res, mine);
      const everyone = perForm.hit(key);
      if (everyone !== null) return tooMany(req, res, everyone, 'This form is receiving too many submissions right now.');
      next();
    },
    express.urlencoded({ extended: false, limit: settings.bodyLimit, parameterLimit: 200 }),
    wrap(async (req, res) => {
      const target = await find(req.params.org, req.params.form);
      if (!target) return notFound(req, res);
      const { form, organization } = target;
      // A form with a file field posts multipart/form-data: its files are streamed to the store (type from the content, size) first.
      let body = (req.body ?? {}) as Body;
      let received: ReceivedFile[] = [];
      if (req.is('multipart/form-data')) {
        const entity = runtime.registry.entity(form.entity)!;
        if (!form.fields.some((f) => f.field.file)) return message(req, res, 400, target, 'Could not read the form', 'What was sent could not be read as this form. Please open it again from its link.');
        try {
          const parts = await receiveMultipart(req, runtime.files, organization.id, entity);
          received = parts.files;
          body = { ...parts.fields };
          for (const f of received) {
            const asked = form.fields.find((x) => x.name === f.field);
            // A `files` field takes every file of its part (the field's own limits apply to each); a `file` field one.
            if (asked?.field.type === 'files' && (body[f.field] === undefined || Array.isArray(body[f.field]))) body[f.field] = [...((body[f.field] as string[] | undefined) ?? []), f.id];
            else if (!asked || body[f.field] !== undefined) throw new UmsError('BAD_REQUEST', 'The form sent a file it does not ask for.');
            else body[f.field] = f.id;
          }
        } catch (err) {
          await removeStored(runtime.files, received);
          const values = Object.fromEntries(Object.entries(body).filter(([k, v]) => !k.startsWith('_') && typeof v === 'string')) as Record<string, string>;
          if (err instanceof RecordValidationError) return showForm(req, res, target, { values, errors: Object.fromEntries(Object.entries(err.fieldErrors).map(([k, e]) => [k, e.message])), status: 400 });
          if (err instanceof UmsError && err.status === 413) return message(req, res, 413, target, 'Too much data', `${err.message} Please send a smaller file.`);
          if (err instanceof UmsError && err.status < 500) return message(req, res, err.status, target, 'Could not read the form', err.message);
          throw err;
        }
      }
      // A `files` field holds only the ids of files streamed from this very request, never ids typed into the body.
      for (const f of form.fields) if (f.field.type === 'files' && !received.some((r) => r.field === f.name)) delete body[f.name];
      const files = await filesOf(received, organization.id, form);
      const verdict = tokens.verify(body[TOKEN_FIELD], organization.id, form.key);
      if (verdict !== 'ok' || (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '')) await files.drop();
      if (verdict === 'tampered') return message(req, res, 400, target, form.label, 'This form could not be verified. Please open it again from its link and send it once more.');
      const values = Object.fromEntries(Object.entries(body).filter(([k, v]) => !k.startsWith('_') && typeof v === 'string')) as Record<string, string>;
      if (verdict === 'expired') return showForm(req, res, target, { values, notice: 'This page was open for a long time, so its form expired. Your answers are still here: please check them and send the form again.', status: 400 });
      const sent = `${PUBLIC_FORMS_ROOT}/${organization.slug}/${form.name}/sent${embedQuery(req)}`;
      if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') {
        // A bot filled the field people never see: it is told "thank you" and nothing is created.
        log().warn({ form: form.key, organizationId: organization.id, reason: 'honeypot' }, 'public form submission dropped as a bot');
        return void res.redirect(303, sent);
      }
      if (verdict === 'too-fast') {
        log().warn({ form: form.key, organizationId: organization.id, reason: 'too fast' }, 'public form submission refused as too fast');
        return showForm(req, res, target, { values, notice: 'That was very quick. Please check your answers and send the form again.', status: 400 });
      }
      try {
        await files.register();
      } catch (err) {
        await files.drop();
        if (err instanceof UmsError && err.status < 500) return showForm(req, res, target, { values, notice: err.message, status: err.status });
        throw err;
      }
      const result = await submitForm(system(organization, form), runtime.registry, form, body);
      if (result.ok) return void res.redirect(303, sent);
      await files.drop();
      await showForm(req, res, target, { values: result.values, errors: result.errors, notice: result.notice, status: result.status });
    }),
  );

  router.use((err: unknown, req: Request, res: Response, next: NextFunction) => {
    const type = (err as { type?: string })?.type;
    if (type === 'entity.too.large') return message(req, res, 413, undefined, 'Too much data', 'What you sent is larger than this form accepts. Please shorten your answers and try again.');
    if (type === 'parameters.too.many' || type === 'entity.parse.failed' || type === 'charset.unsupported' || type === 'encoding.unsupported') return message(req, res, 400, undefined, 'Could not read the form', 'What was sent could not be read as this form. Please open it again from its link.');
    next(err);
  });
  return router;
}
