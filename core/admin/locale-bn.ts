/**
 * Bengali (bn) for the admin: AdminJS's own interface strings, UMS's wording of its messages, and every
 * entity's and field's label that a manifest translates (`translations.bn`); what is not translated falls
 * back to English (AdminJS's i18next `fallbackLng`). The person picks the language in the top bar
 * (remembered by the browser) or opens a page with `?lng=bn`.
 */
import type { LocaleTranslations } from 'adminjs';
import { classNameOf } from '../data/entity-schemas.js';
import type { Registry, ResolvedEntity } from '../manifest/index.js';
import type { RecordActionDefinition } from '../plugins/types.js';
import { helpTexts } from './help-texts.js';

export { LANGUAGES } from '../manifest/languages.js';

/** The language names shown in the top bar's selector, each in its own script. */
export const LANGUAGE_NAMES = { en: 'English', bn: 'বাংলা' };

const ADMINJS_BN = {
  actions: { new: 'নতুন তৈরি করুন', edit: 'সম্পাদনা', show: 'দেখুন', delete: 'মুছুন', bulkDelete: 'সব মুছুন', list: 'তালিকা', export: 'এক্সপোর্ট', import: 'ইমপোর্ট' },
  // Strings with AdminJS placeholders ({{count}}) stay English for now: the pages are checked to carry no raw placeholder.
  buttons: {
    save: 'সংরক্ষণ করুন',
    addNewItem: 'নতুন আইটেম যোগ করুন',
    filter: 'ফিল্টার',
    applyChanges: 'পরিবর্তন প্রয়োগ করুন',
    resetFilter: 'রিসেট',
    logout: 'সাইন আউট',
    login: 'সাইন ইন',
    createFirstRecord: 'প্রথম রেকর্ড তৈরি করুন',
    cancel: 'বাতিল',
    confirm: 'নিশ্চিত করুন',
    search: 'খুঁজুন',
  },
  labels: { navigation: 'নেভিগেশন', pages: 'পাতা', filters: 'ফিল্টার', dashboard: 'ড্যাশবোর্ড' },
  properties: { length: 'দৈর্ঘ্য', from: 'থেকে', to: 'পর্যন্ত' },
  components: {
    LanguageSelector: { availableLanguages: LANGUAGE_NAMES },
    // The top bar's bell (components/notification-bell.tsx); its unread count is put in by the component, not as {{count}}.
    NotificationBell: { title: 'বিজ্ঞপ্তি', unread: 'অপঠিত', markAllRead: 'সব পড়া হয়েছে', none: 'এখনও কোনো বিজ্ঞপ্তি নেই।' },
    // The approvals inbox (core/workflow/components/inbox.tsx).
    Inbox: {
      heading: 'আপনার অনুমোদনের অপেক্ষায়',
      empty: 'আপনার জন্য কিছু অপেক্ষা করছে না।',
      loading: 'লোড হচ্ছে…',
      record: 'রেকর্ড',
      action: 'কাজ',
      askedBy: 'অনুরোধকারী',
      since: 'কবে থেকে',
      waitingFor: 'অপেক্ষা',
      given: 'ইতিমধ্যে দেওয়া',
      youApproveAs: 'আপনি অনুমোদন দেবেন',
    },
    // A record page's related lists and timeline (components/record-panels.tsx).
    RecordPanels: { related: 'সম্পর্কিত', relatedLists: 'সম্পর্কিত তালিকা', timeline: 'সময়রেখা', empty: 'এই রেকর্ডে এখনও কিছু ঘটেনি।' },
    // A declared report's page (components/report-page.tsx); {{shown}} and {{total}} arrive already in Bengali digits.
    ReportPage: {
      denied: 'এই রিপোর্টটি আপনার জন্য নয়।',
      loading: 'লোড হচ্ছে…',
      apply: 'প্রয়োগ করুন',
      download: 'ডাউনলোড',
      showing: '{{total}}টি সারির {{shown}}টি দেখানো হচ্ছে।',
      truncated: '{{total}}টি সারির {{shown}}টি দেখানো হচ্ছে; ডাউনলোডে সবগুলো আছে।',
      empty: 'কোনো সারি নেই।',
    },
  },
  pages: { approvals: 'অনুমোদনের তালিকা' },
  messages: {
    successfullyUpdated: 'সংরক্ষিত হয়েছে।',
    successfullyCreated: 'তৈরি হয়েছে।',
    successfullyDeleted: 'মুছে ফেলা হয়েছে।',
    thereWereValidationErrors: 'কিছু মান ঠিক করতে হবে: ঘরগুলোর নিচের বার্তা দেখুন।',
    forbiddenError: 'এই রেকর্ডে এই কাজটি আর করা যাবে না: এর অবস্থা বদলেছে বা আপনার ভূমিকায় অনুমতি নেই। এখন কী করা যায় দেখতে রেকর্ডটি খুলুন।',
    anyForbiddenError: 'আপনার এটি করার অনুমতি নেই। প্রয়োজন হলে আপনার প্রতিষ্ঠানের অ্যাডমিনকে বলুন।',
    error404Action: 'এই কাজটি এখানে করা যায় না: হয়তো এটি আগেই করা হয়েছে, অথবা আপনার ভূমিকায় অনুমতি নেই।',
    error404Record: 'এই রেকর্ডটি নেই, অথবা আপনার এটি দেখার অনুমতি নেই।',
    errorFetchingRecords: 'তালিকাটি লোড করা যায়নি। পাতাটি আবার লোড করুন; বারবার ব্যর্থ হলে আপনার প্রতিষ্ঠানের অ্যাডমিনকে জানান।',
    errorFetchingRecord: 'রেকর্ডটি লোড করা যায়নি। পাতাটি আবার লোড করুন; বারবার ব্যর্থ হলে আপনার প্রতিষ্ঠানের অ্যাডমিনকে জানান।',
    bulkDeleteError: 'বাছাই করা রেকর্ডগুলো মুছে ফেলা যায়নি। পাতাটি আবার লোড করে চেষ্টা করুন।',
    error404Resource: 'এই পাতাটি নেই, অথবা আপনার প্রতিষ্ঠানে এটি চালু নেই।',
    noRecordsInResource: 'এখানে এখনও কোনো রেকর্ড নেই।',
    noRecords: 'কোনো রেকর্ড নেই',
    confirmDelete: 'আপনি কি সত্যিই এই রেকর্ডটি মুছতে চান?',
    invalidCredentials: 'ভুল ই-মেইল বা পাসওয়ার্ড।',
    seeConsoleForMore: '',
  },
};

/** AdminJS's `translations.bn`: its interface strings plus the manifests' Bengali labels. */
export function bengaliTranslations(registry: Registry, pluginActions: (entity: ResolvedEntity) => readonly Pick<RecordActionDefinition, 'name' | 'translations'>[] = () => []): LocaleTranslations {
  const labels: Record<string, string> = { ...ADMINJS_BN.labels };
  // The navigation's group headings: AdminJS translates `navigation.name` (the module's label) as a label.
  for (const m of registry.modules) if (m.translations.bn) labels[m.label] = m.translations.bn.label;
  const resources: Record<string, { properties: Record<string, string>; actions: Record<string, string>; values: Record<string, Record<string, string>>; messages?: Record<string, string> }> = {};
  for (const e of registry.entities) {
    const t = e.translations.bn;
    if (!t) continue;
    const id = classNameOf(e);
    if (t.pluralLabel ?? t.label) labels[id] = t.pluralLabel ?? t.label!;
    // Enum values under `values.<field>.<value>` (what the badge component looks up: beside `properties`, whose
    // `<field>` is already the field's label), workflow actions by name.
    const properties: Record<string, string> = { ...(t.fields ?? {}) };
    // The list's search box placeholder (English: "Search Title, Code", core/admin/index.ts), with the fields' Bengali labels.
    if (e.searchFields.length) properties._q = `খুঁজুন: ${e.searchFields.map((n) => t.fields?.[n] ?? e.field.get(n)?.label ?? n).join(', ')}`;
    const actions: Record<string, string> = { ...(t.actions ?? {}) };
    // A workflow's record buttons beside its transitions (workflow-actions.ts names them in English): its history and the bulk variants.
    const wf = registry.workflow(e.key);
    if (wf) {
      actions.history = 'ইতিহাস';
      for (const tr of wf.transitions) {
        for (const name of tr.approval ? [tr.name, tr.approval.reject?.name] : []) if (name && t.actions?.[name]) actions[`bulk_${name}`] = `${t.actions[name]} (বাছাই করা)`;
      }
    }
    // Help texts under a key of their own (help-texts.ts): AdminJS reads a field's description as a message key.
    resources[id] = { properties, actions, values: { ...(t.values ?? {}) }, messages: helpTexts(e, 'bn') };
  }
  // Plugin record actions (print_card, issue…) carry their Bengali label in code (core/plugins/types.ts), not in the manifest.
  for (const e of registry.entities) {
    for (const a of pluginActions(e)) {
      const label = a.translations?.bn?.label;
      if (label) (resources[classNameOf(e)] ??= { properties: {}, actions: {}, values: {} }).actions[a.name] = label;
    }
  }
  // Declared views are actions of their entity's resource (`view_<name>`, core/admin/views.ts): the navigation link and the action button.
  for (const v of registry.modules.flatMap((m) => m.views)) {
    const label = v.translations.bn?.label;
    const e = registry.entity(v.entity);
    if (!label || !e) continue;
    const id = classNameOf(e);
    (resources[id] ??= { properties: {}, actions: {}, values: {} }).actions[`view_${v.name}`] = label;
  }
  return { ...ADMINJS_BN, labels, resources } as LocaleTranslations;
}
