/**
 * UMS's own words that the server writes into what people read (inbox, reports, dashboard cells,
 * workflow notices and notifications), in each language UMS has, looked up by their English text:
 * one dictionary, as the PDFs' (core/documents/document-language.ts), so a new sentence is added
 * once and a missing one stays English rather than failing. `{name}` placeholders are filled in after
 * the lookup, so the translation may put them where its grammar wants them.
 */
import type { LANGUAGES } from './manifest/languages.js';

type Language = (typeof LANGUAGES)[number];

const BN: Record<string, string> = {
  Yes: 'হ্যাঁ',
  No: 'না',
  Count: 'সংখ্যা',
  Created: 'তৈরি',
  Updated: 'হালনাগাদ',
  '(hidden)': '(লুকানো)',
  // The approvals inbox (core/admin/workflow-actions.ts).
  'admin, acting for {role}': 'অ্যাডমিন, {role}-এর পক্ষে',
  // Workflow notices (core/workflow/engine.ts), the answers to the person who acted.
  '{label}: the {entity} is now {state}.': '{label}: {entity} এখন {state}।',
  'Submitted for approval ({label}); waiting for {steps}.': 'অনুমোদনের জন্য পাঠানো হয়েছে ({label}); অপেক্ষা: {steps}।',
  'an approver': 'একজন অনুমোদনকারী',
  '{role}, for the missing role {missing}': '{role}, অনুপস্থিত ভূমিকা {missing}-এর হয়ে',
  'Approved as {as}; still waiting for {steps}.': '{as} হিসেবে অনুমোদিত; এখনও অপেক্ষা: {steps}।',
  'Approved: the {entity} is now {state}.': 'অনুমোদিত: {entity} এখন {state}।',
  'Rejected; the {entity} is back in {state}.': 'প্রত্যাখ্যাত; {entity} আবার {state} অবস্থায়।',
  // In-app notifications (core/workflow/notifications.ts, engine.ts): the bell shows them as stored, in the reader's language.
  'Approval requested: {label} — {title}': 'অনুমোদনের অনুরোধ: {label} — {title}',
  'Approved: {label} — {title}': 'অনুমোদিত: {label} — {title}',
  'Rejected: {label} — {title}': 'প্রত্যাখ্যাত: {label} — {title}',
  '{label}: {title} is now {state}': '{label}: {title} এখন {state}',
};

const DICTIONARIES: Record<Language, Record<string, string>> = { en: {}, bn: BN };

/** `english` in `language` (English where the dictionary has no entry), with `{name}` filled from `vars`. */
export function say(english: string, language: string | undefined, vars: Record<string, string | number> = {}): string {
  const text = (language && language in DICTIONARIES ? DICTIONARIES[language as Language][english] : undefined) ?? english;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
