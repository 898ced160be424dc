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
  // What a save says (core/admin/notices.ts).
  "{entity} '{title}' created.": "{entity} '{title}' তৈরি হয়েছে।",
  "{entity} '{title}' saved.": "{entity} '{title}' সংরক্ষিত হয়েছে।",
  '{entity} created.': '{entity} তৈরি হয়েছে।',
  '{entity} saved.': '{entity} সংরক্ষিত হয়েছে।',
  'An invitation to choose a password was sent to {email}.': 'পাসওয়ার্ড বেছে নেওয়ার আমন্ত্রণ {email}-এ পাঠানো হয়েছে।',
  // A record's timeline (core/admin/record-timeline.ts).
  'Created {entity}': '{entity} তৈরি হয়েছে',
  Changed: 'পরিবর্তিত',
  Deleted: 'মুছে ফেলা হয়েছে',
  Action: 'কাজ',
  Workflow: 'কার্যপ্রবাহ',
  changed: 'পরিবর্তিত',
  'Asked for approval: {label}': 'অনুমোদন চাওয়া হয়েছে: {label}',
  'Approved: {label}': 'অনুমোদিত: {label}',
  'Rejected: {label}': 'প্রত্যাখ্যাত: {label}',
  'Request withdrawn: {label}': 'অনুরোধ প্রত্যাহার করা হয়েছে: {label}',
  'System ({name})': 'সিস্টেম ({name})',
  Someone: 'কেউ একজন',
  'a record you cannot see': 'আপনার দেখার বাইরের একটি রেকর্ড',
  // Refusals (core/errors.ts `Words`): the API keeps the English sentence and its code, the admin says these.
  'You may not create this {entity}.': 'আপনি এই {entity} তৈরি করতে পারবেন না।',
  'You may not edit this {entity}.': 'আপনি এই {entity} সম্পাদনা করতে পারবেন না।',
  'You may not delete this {entity}.': 'আপনি এই {entity} মুছতে পারবেন না।',
  'This change would move the {entity} outside what you may edit.': 'এই পরিবর্তনে {entity}টি আপনার সম্পাদনার অনুমতির বাইরে চলে যাবে।',
  'You may not {action} this {entity}.': 'এই {entity}-এ “{action}” করার অনুমতি আপনার নেই।',
  'You may not request "{action}" for this {entity}.': 'এই {entity}-এর জন্য “{action}” অনুরোধ করার অনুমতি আপনার নেই।',
  'You may not read {entities}.': 'আপনি {entities} দেখতে পারবেন না।',
  'You may not create {entities}.': 'আপনি {entities} তৈরি করতে পারবেন না।',
  'You may not update {entities}.': 'আপনি {entities} হালনাগাদ করতে পারবেন না।',
  'You may not delete {entities}.': 'আপনি {entities} মুছতে পারবেন না।',
  'You may not upload files to {entities}.': 'আপনি {entities}-এ ফাইল আপলোড করতে পারবেন না।',
  'You may not read {entities}, so the view "{view}" is not yours to open.': 'আপনি {entities} দেখতে পারবেন না, তাই “{view}” দৃশ্যটি আপনার জন্য নয়।',
  'You may not print the {document} of this {entity}.': 'আপনি এই {entity}-এর “{document}” ছাপতে পারবেন না।',
  'A {entity} that is {state} cannot be edited.': '{state} অবস্থার {entity} সম্পাদনা করা যায় না।',
  'A {entity} that is {state} cannot be deleted.': '{state} অবস্থার {entity} মুছে ফেলা যায় না।',
  'A {entity} that is {state} can only be edited by {roles}.': '{state} অবস্থার {entity} কেবল {roles} সম্পাদনা করতে পারেন।',
  'A {entity} that is {state} can only be deleted by {roles}.': '{state} অবস্থার {entity} কেবল {roles} মুছতে পারেন।',
  // The approval quorum's refusals (core/workflow/quorum.ts).
  'You have already approved this request; another person must give the remaining approvals.': 'আপনি এই অনুরোধ ইতিমধ্যে অনুমোদন করেছেন; বাকি অনুমোদন অন্য কাউকে দিতে হবে।',
  'You are not an approver of the step this request is waiting for.': 'এই অনুরোধ যে ধাপের অপেক্ষায় আছে, আপনি তার অনুমোদনকারী নন।',
  'You cannot approve your own request.': 'আপনি নিজের অনুরোধ অনুমোদন করতে পারবেন না।',
  // Bulk approvals (core/admin/workflow-actions.ts).
  '{label}: {done} done.': '{label}: {done}টি সম্পন্ন।',
  '{label}: {done} done; {refused} refused — {list}.': '{label}: {done}টি সম্পন্ন; {refused}টি প্রত্যাখ্যাত — {list}।',
};

const DICTIONARIES: Record<Language, Record<string, string>> = { en: {}, bn: BN };

/** `english` in `language` (English where the dictionary has no entry), with `{name}` filled from `vars`. */
export function say(english: string, language: string | undefined, vars: Record<string, string | number> = {}): string {
  const text = (language && language in DICTIONARIES ? DICTIONARIES[language as Language][english] : undefined) ?? english;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
