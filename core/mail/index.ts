/**
 * The mail service: queue a mail in the caller's transaction (enqueueMail),
 * deliver due mail from a job (deliverPendingMail), and one template per
 * purpose. Delivery guarantees are described in delivery.ts.
 *
 *   await enqueueMail(records, { to: 'ana@city.test', template: 'approval_requested', data: { … } });
 */
export { enqueueMail, messageIdDomain, OUTBOX_TABLE, type MailRequest, type QueuedMail } from './outbox.js';
export { deliverPendingMail, retryDelaySeconds, MAX_ATTEMPTS, type DeliveryOptions, type MailTransport, type OutgoingMail } from './delivery.js';
export { renderMail, redactSecrets, textIn, MAIL_TEMPLATES, type Localized, type MailLanguage, type MailTemplate, type RenderedMail, type TemplateData } from './templates.js';
/** Part of the account flows (core/auth), exported here for the expiry job next to mail delivery. */
export { expireStaleCredentials } from '../auth/expiry.js';
