/**
 * The webhook entities' behaviour in the data layer: a subscription is
 * checked when saved (a URL the wall would refuse outright, an entity the
 * person may read, known events, a condition in the rule grammar on that
 * entity's fields), owned by who made it, and given a signing secret; "New
 * secret" shows a fresh one once; "Send again" queues a delivery anew (same
 * delivery id).
 */
import { actorUserId } from '../data/actor.js';
import type { RecordService } from '../data/records.js';
import { RecordValidationError, type FieldErrors, type ManifestProblem } from '../errors.js';
import { checkConditions, type ResolvedEntity } from '../manifest/index.js';
import type { EntityHooks, FixtureRecord, HookContext, RecordActionDefinition } from '../plugins/types.js';
import { UNWATCHED, WEBHOOK, WEBHOOK_DELIVERY, WEBHOOK_EVENTS } from './feed.js';
import { urlProblem } from './outgoing.js';
import { newWebhookSecret } from './secret.js';

function check(ctx: HookContext<RecordService>, values: Record<string, unknown>, changed?: string[]): void {
  const touched = (name: string): boolean => !changed || changed.includes(name);
  const errors: FieldErrors = {};
  const registry = ctx.records.runtime.registry;
  if (touched('url') && typeof values.url === 'string') {
    const problem = urlProblem(values.url);
    if (problem) errors.url = { message: problem, type: 'url' };
  }
  let entity: ResolvedEntity | undefined;
  if (typeof values.entity === 'string') {
    entity = registry.entity(values.entity);
    const readable = entity && !UNWATCHED.has(entity.key) && ctx.records.moduleEnabled(entity) && ctx.records.canOnType('read', entity.key);
    if (!readable) {
      if (touched('entity')) errors.entity = { message: `no entity "${values.entity}" that you may read (write module.entity, e.g. library.loan)`, type: 'entity' };
      entity = undefined;
    }
  }
  if ((touched('events') || touched('entity')) && values.events !== undefined && typeof values.events !== 'string') {
    const events = values.events;
    if (!Array.isArray(events) || !events.length || events.some((e) => !(WEBHOOK_EVENTS as readonly unknown[]).includes(e))) {
      errors.events = { message: `must be a list of one or more of ${WEBHOOK_EVENTS.join(', ')}`, type: 'events' };
    } else if (entity && events.includes('transition') && !registry.workflow(entity.key)) {
      errors.events = { message: `${entity.label} has no workflow, so it has no transitions`, type: 'events' };
    }
  }
  const condition = values.condition;
  if ((touched('condition') || touched('entity')) && condition !== null && condition !== undefined && typeof condition !== 'string') {
    if (typeof condition !== 'object' || Array.isArray(condition)) errors.condition = { message: 'must be an object such as {"status": "overdue"}', type: 'condition' };
    else if (JSON.stringify(condition).includes('${')) errors.condition = { message: 'placeholders (${…}) are not available in a webhook condition', type: 'condition' };
    else if (entity) {
      const problems: ManifestProblem[] = [];
      checkConditions(condition as Record<string, unknown>, entity, new Map(registry.entities.map((e) => [e.key, e])), 'condition', '', problems);
      if (problems.length) errors.condition = { message: problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; ').slice(0, 500), type: 'condition' };
    }
  }
  if (Object.keys(errors).length) throw new RecordValidationError(WEBHOOK, errors);
}

export const webhookHooks: EntityHooks<RecordService> = {
  beforeCreate: (ctx, values) => {
    check(ctx, values);
    // Deliveries show the record as its owner may see it: the owner is who made it, never chosen.
    values.owner = actorUserId(ctx.records.actor);
    values.failure_count = 0;
    values.disabled_reason = null;
    values.secret_created_at = new Date().toISOString();
  },
  afterCreate: async (ctx, record) => {
    // Signed from the first delivery on; the admin sees a secret with New secret.
    await newWebhookSecret(ctx.records.entityManager, ctx.records.organizationId, record.id);
  },
  beforeUpdate: (ctx, change) => {
    check(ctx, change.values, change.changed);
    change.values.owner = change.before.owner ?? actorUserId(ctx.records.actor);
    // Switched on again by a person: the failure count starts over.
    if (change.changed.includes('is_active') && change.values.is_active === true) {
      change.values.failure_count = 0;
      change.values.disabled_reason = null;
    }
  },
};

export const webhookActions: RecordActionDefinition<RecordService>[] = [
  {
    name: 'new_secret',
    entity: 'webhook',
    label: 'New secret',
    translations: { bn: { label: 'নতুন গোপন চাবি' } },
    icon: 'Key',
    confirm: 'Make a new signing secret? Deliveries are signed with it from now on. It is shown only once: copy it from the message.',
    handler: async (ctx, record) => {
      const secret = await newWebhookSecret(ctx.records.entityManager, ctx.records.organizationId, record.id);
      const updated = await ctx.records.update(WEBHOOK, record.id, { secret_created_at: new Date().toISOString() });
      return { message: `Signing secret ${secret} (shown only now: copy it; it is stored encrypted).`, record: updated };
    },
  },
  {
    name: 'retry',
    entity: 'webhook_delivery',
    label: 'Send again',
    translations: { bn: { label: 'আবার পাঠান' } },
    icon: 'RefreshCw',
    confirm: 'Send this delivery again? It keeps its delivery id, so the receiver can tell it is a copy.',
    isAvailable: (record) => record.status === 'failed' || record.status === 'delivered' || record.status === 'skipped',
    handler: async (ctx, record) => {
      const updated = await ctx.records.update(WEBHOOK_DELIVERY, record.id, { status: 'queued', attempts: 0, next_attempt_at: new Date().toISOString() });
      return { message: 'The delivery is queued again.', record: updated };
    },
  },
];

/** Generated test data: a valid, inactive subscription (an active one would make deliveries of every generated user). */
export const webhookFixture: FixtureRecord = (draft) => ({ ...draft, url: 'https://hooks.example.org/ums', entity: 'core.user', events: ['created'], condition: null, is_active: false });
