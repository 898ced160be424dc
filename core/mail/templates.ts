/**
 * One template per purpose, with typed data, in each language UMS has (LANGUAGES):
 * the recipient's (enqueueMail decides it). Every mail names the organization it
 * comes from (subject and signature), because one address may have accounts in
 * several organizations. A text that comes from a manifest or a module (an
 * entity's label, a transition's, a notice's title) may be given per language
 * (`{ en, bn }`); the English one stands in for a language it lacks.
 */
import { LANGUAGES } from '../manifest/languages.js';

export type MailLanguage = (typeof LANGUAGES)[number];

export const isMailLanguage = (value: unknown): value is MailLanguage => typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** A text in English, optionally in other languages. */
export type Localized = string | ({ en: string } & Partial<Record<MailLanguage, string>>);

/** The text in `language`, else English. */
export const textIn = (text: Localized, language: MailLanguage): string => (typeof text === 'string' ? text : (text[language] ?? text.en));

export interface TemplateData {
  invitation: { name: string; link: string; expiresAt: Date };
  password_reset: { name: string; code: string; minutes: number };
  account_deletion: { name: string; code: string; minutes: number };
  approval_requested: { name?: string; entityLabel: Localized; recordTitle: string; transition: Localized; requestedBy: string; step?: Localized; link?: string };
  approval_decided: {
    name?: string;
    entityLabel: Localized;
    recordTitle: string;
    transition: Localized;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    comment?: string;
    link?: string;
  };
  overdue_reminder: { name: string; items: { title: string; dueDate: string; fine?: string }[]; link?: string };
  /** Any other alert a module sends (e.g. low attendance, fee overdue). */
  notice: { name?: string; title: Localized; body: Localized; link?: string };
}

export type MailTemplate = keyof TemplateData;
export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'invitation',
  'password_reset',
  'account_deletion',
  'approval_requested',
  'approval_decided',
  'overdue_reminder',
  'notice',
];

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** A paragraph of plain text, or a link shown as a button in HTML and as its address in text. */
type Block = string | { href: string; label: string };

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const GREETING: Record<MailLanguage, (name: string | undefined) => string> = {
  en: (name) => (name ? `Hello ${name},` : 'Hello,'),
  bn: (name) => (name ? `প্রিয় ${name},` : 'শুভেচ্ছা,'),
};

function compose(language: MailLanguage, organization: string, subject: string, greeting: string | undefined, blocks: Block[]): RenderedMail {
  const all: Block[] = [GREETING[language](greeting || undefined), ...blocks, `— ${organization}`];
  const text = all.map((b) => (typeof b === 'string' ? b : `${b.label}: ${b.href}`)).join('\n\n') + '\n';
  const html =
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5;color:#222">` +
    all
      .map((b) =>
        typeof b === 'string'
          ? `<p>${escapeHtml(b).replace(/\n/g, '<br>')}</p>`
          : `<p><a href="${escapeHtml(b.href)}" style="display:inline-block;padding:8px 16px;background:#3040d6;color:#fff;text-decoration:none;border-radius:4px">${escapeHtml(b.label)}</a><br><small>${escapeHtml(b.href)}</small></p>`,
      )
      .join('') +
    `</body></html>`;
  return { subject: `[${organization}] ${subject}`, text, html };
}

const link = (href: string | undefined, label: string): Block[] => (href ? [{ href, label }] : []);

/** Numbers in Bengali digits for a Bengali reader (as the dashboard shows them). */
const num = (n: number, language: MailLanguage): string => (language === 'bn' ? new Intl.NumberFormat('bn-BD').format(n) : String(n));
const moment = (d: Date, language: MailLanguage): string =>
  language === 'bn' ? `${new Intl.DateTimeFormat('bn-BD', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(d)} (UTC)` : d.toUTCString();

type Renderers = { [K in MailTemplate]: (d: TemplateData[K], organization: string) => RenderedMail };

const EN: Renderers = {
  invitation: (d, org) =>
    compose('en', org, 'You are invited', d.name, [
      `An administrator of ${org} created an account for you. Choose your password with this link; it works once and until ${moment(d.expiresAt, 'en')}.`,
      { href: d.link, label: 'Set your password' },
      'If you did not expect this, ignore this mail: without a password nobody can sign in to the account.',
    ]),
  password_reset: (d, org) =>
    compose('en', org, `Your password reset code: ${d.code}`, d.name, [
      `Someone asked to reset the password of your ${org} account. Your code is:`,
      d.code,
      `It is valid for ${d.minutes} minutes and for 3 attempts. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ]),
  account_deletion: (d, org) =>
    compose('en', org, `Confirm deleting your account: ${d.code}`, d.name, [
      `You asked to delete your ${org} account. To confirm, enter this code:`,
      d.code,
      `It is valid for ${d.minutes} minutes. The account will be deactivated and you will no longer be able to sign in; the records you created stay with ${org}. If you did not ask for this, ignore this mail and consider changing your password.`,
    ]),
  approval_requested: (d, org) => {
    const entity = textIn(d.entityLabel, 'en').toLowerCase();
    const step = d.step ? textIn(d.step, 'en') : '';
    // What is asked, in the subject: "Approve the course "Databases"", with the transition it is for in the text.
    return compose('en', org, `Approve the ${entity} "${d.recordTitle}"`, d.name, [
      `${d.requestedBy} asks you to approve "${textIn(d.transition, 'en')}" for the ${entity} "${d.recordTitle}"${step ? ` (step: ${step})` : ''}.`,
      ...link(d.link, `Open the ${entity} "${d.recordTitle}"`),
    ]);
  },
  approval_decided: (d, org) => {
    const entity = textIn(d.entityLabel, 'en').toLowerCase();
    const transition = textIn(d.transition, 'en');
    return compose('en', org, `${d.decision === 'approved' ? 'Approved' : 'Rejected'}: ${transition} ${entity} "${d.recordTitle}"`, d.name, [
      `${d.decidedBy} ${d.decision} the request to ${transition.toLowerCase()} the ${entity} "${d.recordTitle}".`,
      ...(d.comment ? [`Comment: ${d.comment}`] : []),
      ...link(d.link, 'Open the record'),
    ]);
  },
  overdue_reminder: (d, org) =>
    compose('en', org, d.items.length === 1 ? `Overdue: ${d.items[0].title}` : `${d.items.length} items are overdue`, d.name, [
      `The following ${d.items.length === 1 ? 'item was' : 'items were'} due back and ${d.items.length === 1 ? 'is' : 'are'} now overdue:`,
      d.items.map((i) => `• ${i.title} — due ${i.dueDate}${i.fine ? `, fine so far ${i.fine}` : ''}`).join('\n'),
      'Please return them as soon as you can.',
      ...link(d.link, 'See your loans'),
    ]),
  notice: (d, org) => compose('en', org, textIn(d.title, 'en'), d.name, [textIn(d.body, 'en'), ...link(d.link, 'Open')]),
};

const BN: Renderers = {
  invitation: (d, org) =>
    compose('bn', org, 'আপনাকে আমন্ত্রণ জানানো হয়েছে', d.name, [
      `${org}-এর একজন অ্যাডমিনিস্ট্রেটর আপনার জন্য একটি অ্যাকাউন্ট তৈরি করেছেন। এই লিংক দিয়ে আপনার পাসওয়ার্ড ঠিক করুন; লিংকটি একবারই এবং ${moment(d.expiresAt, 'bn')} পর্যন্ত কাজ করবে।`,
      { href: d.link, label: 'পাসওয়ার্ড ঠিক করুন' },
      'আপনি এটি আশা না করে থাকলে এই মেইলটি উপেক্ষা করুন: পাসওয়ার্ড ছাড়া কেউ এই অ্যাকাউন্টে সাইন ইন করতে পারবে না।',
    ]),
  password_reset: (d, org) =>
    compose('bn', org, `আপনার পাসওয়ার্ড রিসেট কোড: ${d.code}`, d.name, [
      `কেউ আপনার ${org} অ্যাকাউন্টের পাসওয়ার্ড রিসেট করতে চেয়েছেন। আপনার কোড:`,
      d.code,
      `কোডটি ${num(d.minutes, 'bn')} মিনিট এবং ${num(3, 'bn')} বার চেষ্টার জন্য বৈধ। আপনি না চেয়ে থাকলে এই মেইলটি উপেক্ষা করুন: আপনার পাসওয়ার্ড যেমন আছে তেমনই থাকবে।`,
    ]),
  account_deletion: (d, org) =>
    compose('bn', org, `আপনার অ্যাকাউন্ট মুছে ফেলা নিশ্চিত করুন: ${d.code}`, d.name, [
      `আপনি আপনার ${org} অ্যাকাউন্ট মুছে ফেলতে চেয়েছেন। নিশ্চিত করতে এই কোডটি লিখুন:`,
      d.code,
      `কোডটি ${num(d.minutes, 'bn')} মিনিট বৈধ। অ্যাকাউন্টটি নিষ্ক্রিয় করা হবে এবং আপনি আর সাইন ইন করতে পারবেন না; আপনার তৈরি রেকর্ডগুলো ${org}-এর কাছেই থাকবে। আপনি না চেয়ে থাকলে এই মেইলটি উপেক্ষা করুন এবং পাসওয়ার্ড বদলানোর কথা ভাবুন।`,
    ]),
  approval_requested: (d, org) => {
    const entity = textIn(d.entityLabel, 'bn');
    const step = d.step ? textIn(d.step, 'bn') : '';
    return compose('bn', org, `অনুমোদন করুন: ${entity} "${d.recordTitle}"`, d.name, [
      `${d.requestedBy} আপনাকে ${entity} "${d.recordTitle}"-এর জন্য "${textIn(d.transition, 'bn')}" অনুমোদন করতে অনুরোধ করেছেন${step ? ` (ধাপ: ${step})` : ''}।`,
      ...link(d.link, `${entity} "${d.recordTitle}" খুলুন`),
    ]);
  },
  approval_decided: (d, org) => {
    const entity = textIn(d.entityLabel, 'bn');
    const transition = textIn(d.transition, 'bn');
    const approved = d.decision === 'approved';
    return compose('bn', org, `${approved ? 'অনুমোদিত' : 'প্রত্যাখ্যাত'}: ${transition} — ${entity} "${d.recordTitle}"`, d.name, [
      `${d.decidedBy} ${entity} "${d.recordTitle}"-এর "${transition}" অনুরোধটি ${approved ? 'অনুমোদন' : 'প্রত্যাখ্যান'} করেছেন।`,
      ...(d.comment ? [`মন্তব্য: ${d.comment}`] : []),
      ...link(d.link, 'রেকর্ডটি খুলুন'),
    ]);
  },
  overdue_reminder: (d, org) =>
    compose('bn', org, d.items.length === 1 ? `মেয়াদোত্তীর্ণ: ${d.items[0].title}` : `${num(d.items.length, 'bn')}টি আইটেম মেয়াদোত্তীর্ণ`, d.name, [
      'নিচের আইটেমগুলো ফেরত দেওয়ার তারিখ পেরিয়ে গেছে:',
      d.items.map((i) => `• ${i.title} — ফেরতের তারিখ ${i.dueDate}${i.fine ? `, এ পর্যন্ত জরিমানা ${i.fine}` : ''}`).join('\n'),
      'অনুগ্রহ করে যত তাড়াতাড়ি সম্ভব ফেরত দিন।',
      ...link(d.link, 'আপনার ধার দেখুন'),
    ]),
  notice: (d, org) => compose('bn', org, textIn(d.title, 'bn'), d.name, [textIn(d.body, 'bn'), ...link(d.link, 'খুলুন')]),
};

const RENDERERS: Record<MailLanguage, Renderers> = { en: EN, bn: BN };

export function renderMail<K extends MailTemplate>(template: K, data: TemplateData[K], organization: string, language: MailLanguage = 'en'): RenderedMail {
  const render = RENDERERS[language][template] as (d: TemplateData[K], organization: string) => RenderedMail;
  return render(data, organization);
}

/** What a secret looks like in the stored copy of a mail (the outbox, its screens and exports). */
export const SECRET_MASK = '••••••';

/**
 * The one-time secret a template's data carries, if any: the reset or deletion
 * code, the token of an invitation link. The outbox stores the mail with it
 * masked; only the recipient's copy (SMTP, or the server's console in local
 * mode) carries it. A template lists here what in its data is secret, so a
 * caller of enqueueMail has nothing to do.
 */
const SECRETS: { [K in MailTemplate]?: (d: TemplateData[K]) => string | undefined } = {
  password_reset: (d) => d.code,
  account_deletion: (d) => d.code,
  invitation: (d) => /[?&]token=([^&#]+)/.exec(d.link)?.[1] ?? d.link,
};

export function secretOf<K extends MailTemplate>(template: K, data: TemplateData[K]): string | undefined {
  const pick = SECRETS[template] as ((d: TemplateData[K]) => string | undefined) | undefined;
  const secret = pick?.(data);
  return secret ? secret : undefined;
}

export interface SealedMail extends RenderedMail {
  /** The secret the masked copy lacks, or undefined for a mail without one. */
  secret?: string;
}

/** Renders a mail as stored: every occurrence of its secret replaced by SECRET_MASK. */
export function renderMasked<K extends MailTemplate>(template: K, data: TemplateData[K], organization: string, language: MailLanguage = 'en'): SealedMail {
  const mail = renderMail(template, data, organization, language);
  const secret = secretOf(template, data);
  if (!secret) return mail;
  const mask = (s: string): string => s.split(secret).join(SECRET_MASK);
  return { subject: mask(mail.subject), text: mask(mail.text), html: mask(mail.html).split(escapeHtml(secret)).join(SECRET_MASK), secret };
}

/** The recipient's copy of a stored mail: the secret put back where it was masked. */
export function unmask(content: string, secret: string | null | undefined, html = false): string {
  return secret ? content.split(SECRET_MASK).join(html ? escapeHtml(secret) : secret) : content;
}

/**
 * Masks what looks like a template's secret in text stored before secrets were
 * kept apart (a stored copy written by an older version): six-digit codes,
 * invitation tokens.
 */
export function redactSecrets(template: string, content: string): string {
  switch (template) {
    case 'password_reset':
    case 'account_deletion':
      return content.replace(/\b\d{6}\b/g, SECRET_MASK);
    case 'invitation':
      return content.replace(/([?&]token=)[A-Za-z0-9_-]+/g, `$1${SECRET_MASK}`);
    default:
      return content;
  }
}
