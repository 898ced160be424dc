/**
 * Behaviour of the core module's own entities that its manifest cannot
 * express. A custom role is permission data an organization admin writes, so
 * it is checked like a manifest rule when saved (not only when a user's access
 * is compiled, where a bad rule would silently grant nothing), and it cannot
 * take the name of a built-in role, nor grant writes on what only the system
 * writes (the core manifest's protections, which also hold last at compile time).
 */
import { systemOnlyProblems, validateCustomRules } from '../access/principals.js';
import { ManifestError, RecordValidationError, type FieldErrors } from '../errors.js';
import type { RecordService } from '../data/records.js';
import type { CorePlugin, HookContext } from './types.js';
import { userAccountActions, userAccountHooks } from '../auth/user-hooks.js';
import { mailOutboxActions } from '../mail/actions.js';
import { apiClientActions, apiClientFixture, apiClientHooks } from '../auth/api-clients.js';
import { webhookActions, webhookFixture, webhookHooks } from '../webhooks/hooks.js';

function checkCustomRole(ctx: HookContext<RecordService>, values: Record<string, unknown>, changed?: string[]): void {
  // Built-in rows mirror the manifests; their rules are the manifests' rules.
  if (values.builtin === true) return;
  const registry = ctx.records.runtime.registry;
  const errors: FieldErrors = {};
  const name = values.name;
  // Roles are picked by their label (built-in ones name their module): a custom role without one shows its name.
  if ((!changed || changed.includes('label') || changed.includes('name')) && !values.label && typeof name === 'string') values.label = name;
  if ((!changed || changed.includes('name')) && typeof name === 'string' && registry.roles.has(name)) {
    errors.name = { message: `"${name}" is the name of a built-in role; choose another name`, type: 'reserved' };
  }
  const rules = values.rules;
  // A string is input that did not parse as JSON: record validation reports it.
  if ((!changed || changed.includes('rules')) && rules !== null && rules !== undefined && typeof rules !== 'string') {
    try {
      validateCustomRules(registry, rules);
      // Engine-owned records are written by the system only: a rule granting that is refused, naming the subject.
      const closed = systemOnlyProblems(registry, rules);
      if (closed.length) throw new ManifestError(closed);
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      errors.rules = { message: err.problems.map((p) => `${p.pointer || '/'}: ${p.message}`).join('; '), type: 'rules' };
    }
  }
  if (Object.keys(errors).length) throw new RecordValidationError(ctx.entity.key, errors);
}

export const corePlugin: CorePlugin = {
  module: 'core',
  hooks: {
    role: {
      beforeCreate: (ctx, values) => checkCustomRole(ctx, values),
      beforeUpdate: (ctx, change) => checkCustomRole(ctx, change.values, change.changed),
    },
    // Password policy and invitations (core/auth).
    user: userAccountHooks,
    api_client: apiClientHooks,
    webhook: webhookHooks,
  },
  actions: [...userAccountActions, ...mailOutboxActions, ...apiClientActions, ...webhookActions],
  fixtures: { api_client: apiClientFixture, webhook: webhookFixture },
};
