/**
 * One template per purpose, with typed data. Every mail names the
 * organization it comes from (subject and signature), because one address may
 * have accounts in several organizations.
 */

export interface TemplateData {
  invitation: { name: string; link: string; expiresAt: Date };
  password_reset: { name: string; code: string; minutes: number };
  account_deletion: { name: string; code: string; minutes: number };
  approval_requested: { name?: string; entityLabel: string; recordTitle: string; transition: string; requestedBy: string; step?: string; link?: string };
  approval_decided: {
    name?: string;
    entityLabel: string;
    recordTitle: string;
    transition: string;
    decision: 'approved' | 'rejected';
    decidedBy: string;
    comment?: string;
    link?: string;
  };
  overdue_reminder: { name: string; items: { title: string; dueDate: string; fine?: string }[]; link?: string };
  /** Any other alert a module sends (e.g. low attendance, fee overdue). */
  notice: { name?: string; title: string; body: string; link?: string };
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

function compose(organization: string, subject: string, greeting: string | undefined, blocks: Block[]): RenderedMail {
  const all: Block[] = [greeting ? `Hello ${greeting},` : 'Hello,', ...blocks, `— ${organization}`];
  const text = all.map((b) => (typeof b === 'string' ? b : `${b.label}: ${b.href}`)).join('\n\n') + '\n';
  const html =
    `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#222">` +
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

const renderers: { [K in MailTemplate]: (d: TemplateData[K], organization: string) => RenderedMail } = {
  invitation: (d, org) =>
    compose(org, 'You are invited', d.name, [
      `An administrator of ${org} created an account for you. Choose your password with this link; it works once and until ${d.expiresAt.toUTCString()}.`,
      { href: d.link, label: 'Set your password' },
      'If you did not expect this, ignore this mail: without a password nobody can sign in to the account.',
    ]),
  password_reset: (d, org) =>
    compose(org, `Your password reset code: ${d.code}`, d.name, [
      `Someone asked to reset the password of your ${org} account. Your code is:`,
      d.code,
      `It is valid for ${d.minutes} minutes and for 3 attempts. If you did not ask for it, ignore this mail: your password stays as it is.`,
    ]),
  account_deletion: (d, org) =>
    compose(org, `Confirm deleting your account: ${d.code}`, d.name, [
      `You asked to delete your ${org} account. To confirm, enter this code:`,
      d.code,
      `It is valid for ${d.minutes} minutes. The account will be deactivated and you will no longer be able to sign in; the records you created stay with ${org}. If you did not ask for this, ignore this mail and consider changing your password.`,
    ]),
  approval_requested: (d, org) =>
    // What is asked, in the subject: "Approve the course "Databases"", with the transition it is for in the text.
    compose(org, `Approve the ${d.entityLabel.toLowerCase()} "${d.recordTitle}"`, d.name, [
      `${d.requestedBy} asks you to approve "${d.transition}" for the ${d.entityLabel.toLowerCase()} "${d.recordTitle}"${d.step ? ` (step: ${d.step})` : ''}.`,
      ...link(d.link, `Open the ${d.entityLabel.toLowerCase()} "${d.recordTitle}"`),
    ]),
  approval_decided: (d, org) =>
    compose(org, `${d.decision === 'approved' ? 'Approved' : 'Rejected'}: ${d.transition} ${d.entityLabel.toLowerCase()} "${d.recordTitle}"`, d.name, [
      `${d.decidedBy} ${d.decision} the request to ${d.transition.toLowerCase()} the ${d.entityLabel.toLowerCase()} "${d.recordTitle}".`,
      ...(d.comment ? [`Comment: ${d.comment}`] : []),
      ...link(d.link, 'Open the record'),
    ]),
  overdue_reminder: (d, org) =>
    compose(org, d.items.length === 1 ? `Overdue: ${d.items[0].title}` : `${d.items.length} items are overdue`, d.name, [
      `The following ${d.items.length === 1 ? 'item was' : 'items were'} due back and ${d.items.length === 1 ? 'is' : 'are'} now overdue:`,
      d.items.map((i) => `• ${i.title} — due ${i.dueDate}${i.fine ? `, fine so far ${i.fine}` : ''}`).join('\n'),
      'Please return them as soon as you can.',
      ...link(d.link, 'See your loans'),
    ]),
  notice: (d, org) => compose(org, d.title, d.name, [d.body, ...link(d.link, 'Open')]),
};

export function renderMail<K extends MailTemplate>(template: K, data: TemplateData[K], organization: string): RenderedMail {
  const render = renderers[template] as (d: TemplateData[K], organization: string) => RenderedMail;
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
export function renderMasked<K extends MailTemplate>(template: K, data: TemplateData[K], organization: string): SealedMail {
  const mail = renderMail(template, data, organization);
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
