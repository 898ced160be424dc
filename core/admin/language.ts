/**
 * Which language a person sees, decided by the server:
 *   the user's own choice (core_user.language) → the organization's default (core_organization.language) → English.
 *
 * AdminJS builds its i18next instance from `window.REDUX_STATE.locale` when app.bundle.js runs, passing
 * every unknown key on to i18next. With `localeDetection` its detector would read `?lng=`, a cookie,
 * localStorage (`i18nextLng`) and the browser's languages, so a shared computer or a new browser would
 * show whatever was last picked there. Instead every admin page gets a small script, before AdminJS's
 * bundles, that sets `locale.language` (the fallback i18next lands on) to the server's choice and limits
 * detection to the query string: `?lng=` still wins for that page, nothing else in the browser does.
 * The top bar's selector calls i18next's changeLanguage, which caches the choice with
 * localStorage.setItem('i18nextLng', …): the script turns that call into a POST to LANGUAGE_PATH, which
 * stores it on the user, so the next page (any browser) opens in it.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { CurrentAdmin } from 'adminjs';
import type { Actor } from '../data/actor.js';
import { RecordService } from '../data/records.js';
import { withinTenant } from '../data/tenant-scope.js';
import { RecordValidationError } from '../errors.js';
import { ORGANIZATION_TABLE } from '../manifest/index.js';
import { ADMIN_ROOT } from '../paths.js';
import type { Runtime } from '../runtime.js';
import { LANGUAGES } from './locale-bn.js';
import { ACCOUNT_PATH } from '../auth/pages.js';
import type { AdminUser } from './session-user.js';

export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_PATH = '/x/language';

export const isLanguage = (value: unknown): value is Language => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export { intlLocaleOf } from './intl-locale.js';

/** The user's language, else their organization's, else English (also for an unknown user). */
export async function languageOfUser(runtime: Runtime, organizationId: string, userId: string | null): Promise<Language> {
  const rows: { language: string | null }[] = await withinTenant(runtime.dataSource, organizationId).query(
    `SELECT coalesce(u.language, o.language) AS language
       FROM ${ORGANIZATION_TABLE} o LEFT JOIN core_user u ON u.id = $2 AND u.organization_id = o.id
      WHERE o.id = $1`,
    [organizationId, userId],
  );
  const found = rows[0]?.language;
  return isLanguage(found) ? found : 'en';
}

/** The signed-in admin's language (theirs, else the organization's; English without a signed-in user). */
export async function languageOfAdmin(runtime: Runtime, currentAdmin: CurrentAdmin | undefined): Promise<Language> {
  const user = currentAdmin as AdminUser | undefined;
  return user?.id && user.organizationId ? languageOfUser(runtime, user.organizationId, user.id) : 'en';
}

/** The script described above; `language` is one of LANGUAGES, so it is safe inside a <script>. */
export function languageScript(language: Language): string {
  const post = JSON.stringify(`${ADMIN_ROOT}${LANGUAGE_PATH}`);
  return `<script>(function(){var L=${JSON.stringify(language)},s=window.REDUX_STATE;
if(s&&s.locale){s.locale.language=L;s.locale.fallbackLng=[L,"en"];s.locale.localeDetection=true;s.locale.detection={order:["querystring"],lookupQuerystring:"lng",caches:["localStorage"]};}
var known=new URLSearchParams(location.search).get("lng")||L,set=Storage.prototype.setItem;
Storage.prototype.setItem=function(k,v){set.call(this,k,v);
if(k==="i18nextLng"&&v!==known&&${JSON.stringify(LANGUAGES)}.indexOf(v)>=0){known=v;fetch(${post},{method:"POST",credentials:"same-origin",headers:{"Content-Type":"application/json"},body:JSON.stringify({language:v})});}};})();</script>`;
}

/** Puts the script before AdminJS's first bundle (after its inline REDUX_STATE). */
export function withLanguage(html: string, language: Language): string {
  const at = html.indexOf('<script src=');
  return at < 0 ? html : `${html.slice(0, at)}${languageScript(language)}\n${html.slice(at)}`;
}

/**
 * POST <root>/x/language  { language: "bn" } (JSON or a form): the signed-in user's own language; an empty
 * value goes back to the organization's. Stored through the data layer as a named system change of the
 * user's own record (a user may not edit core_user records in general). A form is sent back to `back`.
 */
export function languageRoutes(runtime: Runtime, actorOf: (req: Request) => Extract<Actor, { kind: 'user' }>): Router {
  const router = Router();
  const bodies = [express.json({ limit: '1kb' }), express.urlencoded({ extended: false, limit: '1kb' })];
  router.post(LANGUAGE_PATH, ...bodies, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const actor = actorOf(req);
      const raw: unknown = (req.body as Record<string, unknown> | undefined)?.language;
      const language = raw === '' || raw === null ? null : raw;
      if (language !== null && !isLanguage(language)) {
        throw new RecordValidationError('core.user', { language: { message: `"${String(raw)}" is not a language here (${LANGUAGES.join(', ')})` } }, 'language: not a language this installation has.');
      }
      await RecordService.forSystem(runtime, actor.organizationId, 'own-language').update('core.user', actor.userId, { language });
      // Back to an admin page, or to the account page whose form this is.
      const back = typeof req.body?.back === 'string' && (req.body.back.startsWith(`${ADMIN_ROOT}/`) || req.body.back.startsWith(`${ACCOUNT_PATH}?`)) ? req.body.back : null;
      if (back && !req.is('application/json')) res.redirect(303, back);
      else res.json({ ok: true, language: language ?? (await languageOfUser(runtime, actor.organizationId, actor.userId)) });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
