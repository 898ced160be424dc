/**
 * Behaviour of the core module's own entities that its manifest cannot
 * express. A custom role is permission data an organization admin writes, so
 * it is checked like a manifest rule when saved (not only when a user's access
 * is compiled, where a bad rule would silently grant nothing), and it cannot
 * take the name of a built-in role, nor grant writes on what only the system
 * writes (the core manifest's protections, which also hold last at compile time).
 */
import { systemOnlyProblems, validateCustomRules } from '../access/principals.js';
import { ManifestError, RecordValidationError, type FieldErrors, type ManifestProblem } from '../errors.js';
import { ruleProblemMessages } from '../access/rule-messages.js';
import type { RecordService } from '../data/records.js';
import type { CorePlugin, HookContext } from './types.js';
import { userAccountActions, userAccountHooks } from '../auth/user-hooks.js';
import { mailOutboxActions } from '../mail/actions.js';
import { apiClientActions, apiClientFixture, apiClientHooks } from '../auth/api-clients.js';
import { webhookActions, webhookFixture, webhookHooks } from '../webhooks/hooks.js';
import { savedFilterFixture, savedFilterHooks } from './saved-filters.js';

const CRUD = new Set(['manage', 'create', 'read', 'update', 'delete']);

/** A rule's action that is neither CRUD nor a record action of each of its subjects (the compiler would accept it and it would grant nothing). */
function unknownActions(ctx: HookContext<RecordService>, rules: unknown[]): ManifestProblem[] {
  const { registry, plugins } = ctx.records.runtime;
  const problems: ManifestProblem[] = [];
  rules.forEach((rule, i) => {
    const r = rule as { action: string | string[]; subject: string | string[] };
    const actions = Array.isArray(r.action) ? r.action : [r.action];
    const entities = (Array.isArray(r.subject) ? r.subject : [r.subject]).map((s) => registry.entity(s)).filter((e) => e !== undefined);
    actions.forEach((a, k) => {
      if (CRUD.has(a) || !entities.length) return;
      const missing = entities.find((e) => !plugins.action(e, a));
      if (!missing) return;
      const known = plugins.actionsFor(missing).map((x) => x.name);
      problems.push({
        file: 'rules',
        pointer: Array.isArray(r.action) ? `/${i}/action/${k}` : `/${i}/action`,
        message: `unknown action "${a}" on ${missing.key} (actions: ${['read', 'create', 'update', 'delete', 'manage', ...known].join(', ')})`,
      });
    });
  });
  return problems;
}

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
      const closed = [...unknownActions(ctx, rules as unknown[]), ...systemOnlyProblems(registry, rules)];
      if (closed.length) throw new ManifestError(closed);
    } catch (err) {
      if (!(err instanceof ManifestError)) throw err;
      // One message per problem, each naming its rule ("Rule 2 (fields): unknown field "nmae" on Book").
      errors.rules = { message: ruleProblemMessages(registry, err.problems).join('; '), type: 'rules' };
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
    saved_filter: savedFilterHooks,
  },
  actions: [...userAccountActions, ...mailOutboxActions, ...apiClientActions, ...webhookActions],
  fixtures: { api_client: apiClientFixture, webhook: webhookFixture, saved_filter: savedFilterFixture },
};
