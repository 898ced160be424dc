/**
 * An organization's settings. They live as typed columns of
 * core_organization, as the time zone does: each is one migration, has a
 * type and a default the database holds, and is read in the same query as
 * the organization (a free-form JSON column would need its own validation
 * and would hide what exists). Operators change them with `org:settings`.
 * Module switches are the one exception: on/off values (or numbers, such as
 * an approval threshold) in `settings` (jsonb) that workflow conditions read
 * as `$org.settings.<name>` or `{ "$org": "settings.<name>" }` (a module
 * cannot add a column to the core's table); `--set <name>=on|off|<number>`
 * validates both parts.
 */
import { LANGUAGES } from '../manifest/languages.js';
import { RecordValidationError } from '../errors.js';
import { ORG_SETTING_NAME_RE, ORGANIZATION_TABLE } from '../manifest/index.js';
import type { Runtime } from '../runtime.js';
import { findOrganization } from './index.js';
import { crossTenant } from '../db/cross-tenant.js';

export interface OrganizationSettings {
  timezone: string | null;
  /** Ledger postings dated before today (in the organization's zone) are accepted; false refuses them. */
  allowBackdatedPostings: boolean;
  /** Module switches and numbers read by workflow conditions (`$org.settings.<name>`, `{ "$org": "settings.<name>" }`); a name never set is off. */
  switches: Record<string, boolean | number>;
  /** The language of users who chose none (core/admin/language.ts). */
  language: string;
  /** The ISO 4217 code money is shown in; null: CURRENCY from the environment (core/admin/formatting.ts). */
  currency: string | null;
}

export async function organizationSettings(runtime: Runtime, slug: string): Promise<OrganizationSettings> {
  const org = await findOrganization(runtime, slug);
  const [row]: { timezone: string | null; allow_backdated_postings: boolean; settings: Record<string, boolean | number> | null; language: string; currency: string | null }[] = await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`SELECT timezone, allow_backdated_postings, settings, language, currency FROM ${ORGANIZATION_TABLE} WHERE id = $1`, [org.id]));
  return { timezone: row.timezone, allowBackdatedPostings: row.allow_backdated_postings, switches: row.settings ?? {}, language: row.language, currency: row.currency };
}

/** A plain decimal (no exponent, no hex): 5000, 12.5, -3. */
const NUMBER_RE = /^-?\d{1,15}(\.\d{1,6})?$/;
const ON_OFF: Record<string, boolean> = { on: true, off: false, true: true, false: false, yes: true, no: false };

/** Changes the given settings; an unreadable value is a field error naming the setting. */
export async function updateOrganizationSettings(runtime: Runtime, slug: string, input: { backdatedPostings?: string; set?: string; language?: string; currency?: string }): Promise<OrganizationSettings> {
  const org = await findOrganization(runtime, slug);
  if (input.set !== undefined) {
    // "a=on,b=off": every pair is checked before any is stored.
    const changes: Record<string, boolean | number> = {};
    for (const pair of input.set.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [name, raw] = pair.split('=').map((p) => p.trim());
      const value = raw === undefined ? undefined : NUMBER_RE.test(raw) && Number.isFinite(Number(raw)) ? Number(raw) : ON_OFF[raw.toLowerCase()];
      if (!ORG_SETTING_NAME_RE.test(name ?? '')) throw new RecordValidationError('core.organization', { set: { message: `"${name}" is not a setting name (lower case letters, digits and _)` } }, `set: "${pair}" is not <name>=on|off|<number>.`);
      if (value === undefined) throw new RecordValidationError('core.organization', { set: { message: `"${raw ?? ''}" is not on, off or a number` } }, `set: "${pair}" is not <name>=on|off|<number>.`);
      changes[name] = value;
    }
    await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`UPDATE ${ORGANIZATION_TABLE} SET settings = settings || $2::jsonb, updated_at = now() WHERE id = $1`, [org.id, JSON.stringify(changes)]));
  }
  if (input.backdatedPostings !== undefined) {
    const value = ON_OFF[input.backdatedPostings.toLowerCase()];
    if (value === undefined) throw new RecordValidationError('core.organization', { backdatedPostings: { message: `"${input.backdatedPostings}" is not on or off` } }, 'backdated-postings: say on or off.');
    await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`UPDATE ${ORGANIZATION_TABLE} SET allow_backdated_postings = $2, updated_at = now() WHERE id = $1`, [org.id, value]));
  }
  if (input.language !== undefined) {
    if (!(LANGUAGES as readonly string[]).includes(input.language)) throw new RecordValidationError('core.organization', { language: { message: `"${input.language}" is not a language here (${LANGUAGES.join(', ')})` } }, `language: say ${LANGUAGES.join(' or ')}.`);
    await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`UPDATE ${ORGANIZATION_TABLE} SET language = $2, updated_at = now() WHERE id = $1`, [org.id, input.language]));
  }
  if (input.currency !== undefined) {
    // "none" goes back to the environment's CURRENCY.
    const code = input.currency.trim().toUpperCase();
    const value = code === 'NONE' || code === '' ? null : code;
    if (value !== null && !(/^[A-Z]{3}$/.test(value) && Intl.supportedValuesOf('currency').includes(value))) {
      throw new RecordValidationError('core.organization', { currency: { message: `"${input.currency}" is not an ISO 4217 currency code (such as BDT, EUR, USD)` } }, 'currency: give an ISO 4217 code, or none.');
    }
    await crossTenant(runtime.dataSource, 'tenancy', (owner) => owner.query(`UPDATE ${ORGANIZATION_TABLE} SET currency = $2, updated_at = now() WHERE id = $1`, [org.id, value]));
    // Screens read the currency with the organization's time zone (core/access/principals.ts): forget the cached one.
    runtime.access.invalidate();
  }
  return organizationSettings(runtime, slug);
}
