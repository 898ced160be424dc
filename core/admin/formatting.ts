/**
 * How values are shown in lists and on record pages, from the manifest: money with the currency and
 * two decimals (never wrapped, "—" when empty, never NaN), dates and times in one format in the
 * organization's time zone, enum values and workflow states as badges with their label and colour.
 * One component (components/value.tsx) reads what it needs from the property's `custom`; the
 * per-user part (the organization's zone) is added when the resource is sent to that user.
 */
import type { PropertyOptions } from 'adminjs';
import type { Registry, ResolvedEntity, ResolvedField } from '../manifest/index.js';
import { enumLabels } from '../manifest/index.js';
import { componentLoader, componentSource } from './components.js';

export const VALUE_COMPONENT = componentLoader.add('UmsValue', componentSource('admin/components/value.tsx'));
export const MONEY_INPUT_COMPONENT = componentLoader.add('UmsMoneyInput', componentSource('admin/components/money-input.tsx'));
export const TIME_INPUT_COMPONENT = componentLoader.add('UmsTimeInput', componentSource('admin/components/time-input.tsx'));

/** The organization's currency (`org:settings --currency`), else the environment's (displayCurrency). */
export async function currencyFor(records: { currency(): Promise<string | undefined> }): Promise<string> {
  return (await records.currency()) ?? displayCurrency();
}

/** The currency money is shown in when the organization sets none: `CURRENCY` (an ISO 4217 code), else US dollars. */
export function displayCurrency(env: NodeJS.ProcessEnv = process.env): string {
  const code = (env.CURRENCY ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(code) && Intl.supportedValuesOf('currency').includes(code) ? code : 'USD';
}

/**
 * A moment as the admin shows it ("2 Dec 2026, 14:05") in the organization's zone and the reader's locale (intl-locale.ts), for screens whose
 * rows the server builds (approvals inbox, workflow history); components/value.tsx formats list and
 * record values with the same options in the browser.
 */
export function formatDateTime(value: unknown, timeZone: string | undefined, locale = 'en-GB'): string {
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return String(value ?? '');
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(d);
}

/** What value.tsx needs, per field; `timeZone` is set per user (forUser). */
export interface ValueFormat {
  kind: 'money' | 'date' | 'datetime' | 'badge' | 'number';
  currency?: string;
  scale?: number;
  timeZone?: string;
  badges?: Record<string, { label: string; color: string }>;
}

const badgesOf = (registry: Registry, entity: ResolvedEntity, field: ResolvedField): ValueFormat['badges'] => Object.fromEntries(enumLabels(registry, entity, field));

function formatOf(registry: Registry, entity: ResolvedEntity, field: ResolvedField): ValueFormat | undefined {
  switch (field.type) {
    case 'money':
      return { kind: 'money', currency: displayCurrency(), scale: field.scale };
    case 'date':
      return { kind: 'date' };
    case 'datetime':
      return { kind: 'datetime' };
    case 'enum':
      return { kind: 'badge', badges: badgesOf(registry, entity, field) };
    // Numbers too follow the reader's locale (Bengali digits), so they go through value.tsx.
    case 'integer':
      return { kind: 'number' };
    case 'decimal':
      return { kind: 'number', scale: field.scale };
    default:
      return undefined;
  }
}

/** AdminJS property options of the entity's formatted fields (and its created/updated times). */
export function valueProperties(registry: Registry, entity: ResolvedEntity): Record<string, PropertyOptions> {
  const out: Record<string, PropertyOptions> = {};
  const components = { list: VALUE_COMPONENT, show: VALUE_COMPONENT };
  for (const f of entity.fields) {
    const format = formatOf(registry, entity, f);
    if (format) out[f.name] = { components: f.type === 'money' ? { ...components, edit: MONEY_INPUT_COMPONENT } : components, custom: { umsFormat: format } };
    // A time is shown as stored (HH:MM); only its form field differs from a string's.
    if (f.type === 'time') out[f.name] = { components: { edit: TIME_INPUT_COMPONENT } };
  }
  for (const name of ['created_at', 'updated_at']) out[name] = { components, custom: { umsFormat: { kind: 'datetime' } satisfies ValueFormat } };
  return out;
}

interface PropertyJsonLike {
  custom?: Record<string, unknown>;
}

/** The organization's time zone and currency on every formatted property of a resource sent to this user. */
export function formatsForUser(properties: PropertyJsonLike[], timeZone: string, currency: string = displayCurrency()): void {
  for (const p of properties) {
    const format = p.custom?.umsFormat as ValueFormat | undefined;
    if (format && (format.kind === 'date' || format.kind === 'datetime')) p.custom = { ...p.custom, umsFormat: { ...format, timeZone } };
    if (format?.kind === 'money') p.custom = { ...p.custom, umsFormat: { ...format, currency } };
  }
}
