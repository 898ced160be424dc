/**
 * Webhooks: org admins subscribe a URL to changes of an entity they may read
 * (core.webhook). The data layer calls `recordChanged` in each write's
 * transaction (feed.ts: the outbox), the job `core.webhook_delivery` sends
 * (delivery.ts: signed, retried, disabled after repeated failures), through
 * the SSRF wall (outgoing.ts). Secrets: secret.ts.
 */
export { recordChanged, invalidateSubscriptions, WEBHOOK, WEBHOOK_DELIVERY, WEBHOOK_ATTEMPT, WEBHOOK_EVENTS, type WebhookEvent } from './feed.js';
export { deliverPendingWebhooks, webhookRetrySeconds, MAX_ATTEMPTS, DISABLE_AFTER_FAILURES, type WebhookDeliveryOptions } from './delivery.js';
export { postThroughWall, urlProblem, blockedRange, allowPrivateFromEnv, BlockedAddressError, type OutgoingOptions, type Resolver } from './outgoing.js';
export { signatureHeader, encryptSecret, decryptSecret, webhookKey } from './secret.js';
export { webhookHooks, webhookActions, webhookFixture } from './hooks.js';
