/**
 * Account behaviour on the core.user record pipeline (registered by the core
 * plugin): the password policy is checked where every other field rule is, so
 * a weak password is refused on the form field, in the CLI, on invitation and
 * on reset alike; a user created without a password is invited; a user
 * deactivated or deleted is signed out everywhere at once.
 */
import { RecordValidationError } from '../errors.js';
import type { RecordService } from '../data/records.js';
import type { EntityHooks, RecordActionDefinition } from '../plugins/types.js';
import { hasPassword, inviteUser } from './invitations.js';
import { passwordProblem } from './password-policy.js';
import { INVITATION_TTL_HOURS } from './codes.js';
import { endSessions, forgetUserStatus } from './sessions.js';

function checkPassword(values: Record<string, unknown>): void {
  const password = values.password;
  if (typeof password !== 'string' || password === '') return;
  const problem = passwordProblem(password, typeof values.email === 'string' ? values.email : undefined);
  if (problem) throw new RecordValidationError('core.user', { password: { message: problem, type: 'policy' } });
}

export const userAccountHooks: EntityHooks<RecordService> = {
  beforeCreate: (_ctx, values) => checkPassword(values),
  beforeUpdate: (_ctx, change) => {
    if (change.changed.includes('password')) checkPassword(change.values);
  },
  // An admin who types a password hands it over themselves; otherwise the user chooses one through the link.
  afterCreate: async (ctx, record) => {
    if (record.is_active === true && !(await hasPassword(ctx.records, record.id))) await inviteUser(ctx.records, record);
  },
  // Deactivated (by an admin, a staff-approval hold, or deleting one's account): signed out everywhere,
  // in the same transaction; the per-request check (sessions.ts) stops this process believing otherwise.
  afterUpdate: async (ctx, { before, after }) => {
    forgetUserStatus(after.id);
    const wasOpen = before.is_active === true && !before.deleted_at;
    if (wasOpen && (after.is_active !== true || after.deleted_at)) await endSessions(ctx.records.entityManager, after.id);
  },
  afterDelete: (ctx, record) => endSessions(ctx.records.entityManager, record.id),
};

export const userAccountActions: RecordActionDefinition<RecordService>[] = [
  {
    name: 'invite',
    entity: 'user',
    label: 'Send invitation',
    translations: { bn: { label: 'আমন্ত্রণ পাঠান' } },
    icon: 'Send',
    confirm: `Send a new link to choose a password (valid ${INVITATION_TTL_HOURS} hours)? Earlier invitation links stop working; the current password keeps working until the link is used.`,
    isAvailable: (record) => record.is_active === true && !record.deleted_at,
    handler: async (ctx, record) => {
      await inviteUser(ctx.records, record);
      return { message: `An invitation was queued for ${String(record.email)}.`, record };
    },
  },
];
