/**
 * A field's value in a list cell or on a record page, formatted as core/admin/formatting.ts says:
 * money with its currency and two decimals on one line ("—" when empty), dates and times in one
 * format in the organization's time zone, enum values and states as a labelled, coloured badge.
 */
import React from 'react';
import { useTranslation, type BasePropertyProps } from 'adminjs';
import { ValueGroup } from '@adminjs/design-system';
import { intlLocaleOf } from '../intl-locale.js';

interface Format {
  kind: 'money' | 'date' | 'datetime' | 'badge' | 'number';
  currency?: string;
  scale?: number;
  timeZone?: string;
  badges?: Record<string, { label: string; color: string }>;
}

/** Tint and text colour per badge colour; every pair is above 7:1 contrast. */
const COLORS: Record<string, [string, string]> = {
  grey: ['#EEF0F3', '#343B46'],
  blue: ['#E3EAFD', '#1E3A8A'],
  green: ['#DCF3E6', '#14532D'],
  amber: ['#FDF0D5', '#713F12'],
  red: ['#FDE2E1', '#7F1D1D'],
  purple: ['#EDE4FB', '#4C1D95'],
};

/**
 * Formatted in the reader's locale (intl-locale.ts, the admin's i18next language): en-GB "2 Dec 2026",
 * "2 Dec 2026, 14:05", "US$1,234.50"; bn-BD the same in Bengali digits and month names.
 */
function text(format: Format, raw: unknown, LOCALE: string): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  switch (format.kind) {
    case 'money': {
      const n = Number(raw);
      if (!Number.isFinite(n)) return null;
      const digits = format.scale ?? 2;
      return new Intl.NumberFormat(LOCALE, { style: 'currency', currency: format.currency ?? 'USD', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n);
    }
    case 'date': {
      // A date is a calendar day, not an instant: shown as stored, never shifted by a zone.
      const day = /^\d{4}-\d{2}-\d{2}/.exec(String(raw))?.[0];
      const d = day ? new Date(`${day}T00:00:00Z`) : new Date(String(raw));
      return Number.isNaN(d.getTime()) ? String(raw) : new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', timeZone: day ? 'UTC' : format.timeZone }).format(d);
    }
    case 'number': {
      // An integer without grouping (a year, a room number), a decimal with its scale.
      const n = Number(raw);
      if (!Number.isFinite(n)) return String(raw);
      return new Intl.NumberFormat(LOCALE, format.scale === undefined ? { useGrouping: false, maximumFractionDigits: 0 } : { maximumFractionDigits: format.scale }).format(n);
    }
    case 'datetime': {
      const d = new Date(String(raw));
      if (Number.isNaN(d.getTime())) return String(raw);
      return new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: format.timeZone }).format(d);
    }
    default:
      return String(raw);
  }
}

const Value: React.FC<BasePropertyProps> = ({ property, record, where, resource }) => {
  const { translateProperty, translate, i18n } = useTranslation();
  const locale = intlLocaleOf(i18n?.language);
  const format = (property.custom as { umsFormat?: Format } | undefined)?.umsFormat;
  const raw = record?.params?.[property.path];
  let content: React.ReactNode;
  if (format?.kind === 'badge' && raw !== null && raw !== undefined && raw !== '') {
    const badge = format.badges?.[String(raw)] ?? { label: String(raw), color: 'grey' };
    const [bg, fg] = COLORS[badge.color] ?? COLORS.grey;
    content = (
      <span data-ums-badge={String(raw)} data-color={badge.color} style={{ background: bg, color: fg, borderRadius: 12, padding: '3px 10px', fontSize: 12, fontWeight: 600, whiteSpace: 'nowrap', display: 'inline-block' }}>
        {/* The manifest's translation of the value (`translations.<lang>.values`, AdminJS's `resources.<id>.values.<field>.<value>`), else its English label. */}
        {translate(`resources.${resource.id}.values.${property.path}.${String(raw)}`, { defaultValue: badge.label })}
      </span>
    );
  } else {
    const shown = format ? text(format, raw, locale) : raw === null || raw === undefined ? null : String(raw);
    content = (
      <span data-ums-nowrap="" data-ums-value={format?.kind} data-ums-field={property.path} style={{ whiteSpace: 'nowrap', fontVariantNumeric: format?.kind === 'money' ? 'tabular-nums' : undefined }}>
        {shown ?? '—'}
      </span>
    );
  }
  if (where === 'show') return <ValueGroup label={translateProperty(property.label, resource.id)}>{content}</ValueGroup>;
  return <>{content}</>;
};

export default Value;
