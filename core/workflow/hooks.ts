/**
 * Where workflows meet the ordinary record pipeline: a new record starts in
 * the initial state and opens the approvals that state calls for; a record in
 * a locked state cannot be edited or deleted through forms, imports or plugins
 * (only the engine's own authorised writes move it); and an organization's
 * approver overrides are validated when saved, like custom roles.
 */
import { forbidden, RecordValidationError, type FieldErrors, type Words } from '../errors.js';
import { CORE_MODULE_ID, entityNoun, roleLabelIn, type Registry, type ResolvedEntity, type ResolvedWorkflow } from '../manifest/index.js';
import type { PluginRegistry } from '../plugins/registry.js';
import type { RecordService } from '../data/records.js';
import type { HookContext } from '../plugins/types.js';
import { WorkflowEngine } from './engine.js';
import { installPostingHooks } from './posting.js';
import { stateLabel } from './labels.js';

export function installWorkflowHooks(registry: Registry, plugins: PluginRegistry): void {
  for (const module of registry.modules) {
    for (const wf of module.workflows) {
      plugins.addCoreHooks(wf.entity, {
        beforeCreate: (ctx, values) => {
          // People start at the beginning; seeding and imports by the system may place records in any declared state.
          if (ctx.actor.kind === 'user' || values[wf.field] === undefined || values[wf.field] === null) values[wf.field] = wf.initial;
        },
        afterCreate: async (ctx, record) => {
          const engine = await WorkflowEngine.for(ctx.records);
          await engine.openOnEnter(ctx.entity, record, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
        },
        beforeUpdate: (ctx, change) => guardState(ctx, wf, change.before, 'edit'),
        beforeDelete: (ctx, record) => guardState(ctx, wf, record, 'delete'),
      });
    }
  }
  installPostingHooks(registry, plugins);
  plugins.addCoreHooks('core.approval_override', {
    beforeCreate: (ctx, values) => checkOverride(ctx, values),
    beforeUpdate: (ctx, change) => checkOverride(ctx, change.values),
  });
}

function guardState(ctx: HookContext<RecordService>, wf: ResolvedWorkflow, record: Record<string, unknown>, what: 'edit' | 'delete'): void {
  if (ctx.actor.kind !== 'user' || ctx.records.actionName?.startsWith('workflow:')) return;
  const refusal = stateRefusal(ctx.records.runtime.registry, wf, ctx.entity, record, ctx.records.access?.principal.roles ?? [], what);
  if (refusal) throw forbidden(refusal, { entity: ctx.entity.key });
}

/**
 * Why a person holding `roles` may not edit or delete the record in its current state, or null.
 * The admin asks it too, to leave out Edit and Delete instead of refusing after the form is filled.
 */
export function stateRefusal(
  registry: Pick<Registry, 'roles'>,
  wf: ResolvedWorkflow,
  entity: ResolvedEntity,
  record: Record<string, unknown>,
  roles: readonly string[],
  what: 'edit' | 'delete',
): Words | null {
  const state = wf.states.get(String(record[wf.field]));
  if (!state) return null;
  // The entity, the state and the roles in every language the manifest translates, for the reader's (core/words.ts).
  const languages = ['en', ...Object.keys(entity.translations)];
  const inEach = (word: (lang: string) => string): Record<string, string> => Object.fromEntries(languages.map((lang) => [lang, word(lang)]));
  const vars = { entity: entityNoun(entity), state: inEach((lang) => stateLabel(wf, state.name, entity, lang)) };
  const verb = what === 'edit' ? 'edited' : 'deleted';
  if (!state.editable) return { text: `A {entity} that is {state} cannot be ${verb}.`, vars };
  if (state.editableBy && !state.editableBy.some((r) => roles.includes(r))) {
    const names = inEach((lang) => state.editableBy!.map((r) => roleLabelIn(registry.roles, r, lang)).join(lang === 'bn' ? ' বা ' : ' or '));
    return { text: `A {entity} that is {state} can only be ${verb} by {roles}.`, vars: { ...vars, roles: names } };
  }
  return null;
}

/**
 * An override names a real approval step of a workflow of an enabled module, and roles the organization
 * has: a built-in role of an enabled module (`institute.finance`, `admin`), a custom role of this
 * organization, or a bare name of the workflow's own module's role, stored as its key. The admin's
 * pickers offer exactly these (core/admin/roles/override-options.ts); anything else is a field error.
 */
async function checkOverride(ctx: HookContext<RecordService>, values: Record<string, unknown>): Promise<void> {
  const registry = ctx.records.runtime.registry;
  const errors: FieldErrors = {};
  const enabled = ctx.records.access?.principal.enabledModules ?? (await ctx.records.runtime.access.enabledModules(ctx.records.organizationId));
  const inOrganization = (module: string): boolean => module === CORE_MODULE_ID || enabled.has(module);
  const workflows = registry.modules.filter((m) => inOrganization(m.id)).flatMap((m) => m.workflows);
  const wf = workflows.find((w) => w.key === values.workflow);
  const t = wf?.transitions.find((x) => x.name === values.transition);
  if (!wf) {
    const known = workflows.filter((w) => w.transitions.some((x) => x.approval)).map((w) => w.key);
    errors.workflow = { message: `no workflow "${String(values.workflow ?? '')}" with approvals in this organization (${known.length ? `workflows: ${known.join(', ')}` : 'none of its modules has one'})`, type: 'reference' };
  } else if (!t?.approval) {
    errors.transition = { message: `${wf.label} has no transition "${String(values.transition ?? '')}" with approvals (transitions: ${wf.transitions.filter((x) => x.approval).map((x) => x.name).join(', ')})`, type: 'reference' };
  } else if (!t.approval.steps.some((s) => s.name === values.step)) {
    errors.step = { message: `"${t.label}" has no step "${String(values.step ?? '')}" (steps: ${t.approval.steps.map((s) => s.name).join(', ')})`, type: 'reference' };
  }
  const roles = values.roles;
  if (!Array.isArray(roles) || roles.length === 0 || roles.some((r) => typeof r !== 'string')) {
    errors.roles = { message: 'pick at least one role (a list of role names, e.g. ["institute.finance"])', type: 'format' };
  } else {
    const custom: { name: string }[] = await ctx.records.entityManager.query(`SELECT name FROM core_role WHERE organization_id = $1 AND name = ANY($2) AND NOT coalesce(builtin, false)`, [ctx.records.organizationId, roles]);
    const known = new Set([...[...registry.roles.values()].filter((r) => inOrganization(r.module)).map((r) => r.key), ...custom.map((r) => r.name)]);
    const keyOf = (r: string): string | undefined => (known.has(r) ? r : wf && !r.includes('.') && known.has(`${wf.module}.${r}`) ? `${wf.module}.${r}` : undefined);
    const unknown = (roles as string[]).filter((r) => !keyOf(r));
    if (unknown.length) errors.roles = { message: `unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((r) => `"${r}"`).join(', ')} in this organization (its roles are those of its enabled modules and its custom roles)`, type: 'reference' };
    else values.roles = [...new Set((roles as string[]).map((r) => keyOf(r)!))];
  }
  if (Object.keys(errors).length) throw new RecordValidationError('core.approval_override', errors);
}
