/**
 * The screens an organization admin manages roles and approvals with: a custom
 * role's rules are built in a form (components/role-builder.tsx) that edits the
 * stored JSON rules; a role's page says its rules in words
 * (components/role-rules.tsx, from core/access/rules-in-words.ts); an approver
 * override picks workflow, transition, step and roles from lists
 * (components/override-picker.tsx). Each screen asks a hidden resource action
 * (GET, read-only) for what to offer; saving goes through the record pipeline,
 * whose hooks validate in one place.
 */
import type { Action, ActionContext, ActionRequest, ActionResponse, PropertyOptions } from 'adminjs';
import type { Runtime } from '../../runtime.js';
import type { ResolvedEntity, ResolvedRule } from '../../manifest/index.js';
import { systemOnlyRules, validateCustomRules } from '../../access/principals.js';
import { builtinRoleRules, rulesInWords } from '../../access/rules-in-words.js';
import { ruleProblemMessages } from '../../access/rule-messages.js';
import { isUuid } from '../../manifest/index.js';
import { ManifestError, UmsError } from '../../errors.js';
import { componentLoader, componentSource } from '../components.js';
import { adminErrors } from '../errors.js';
import { accessOf, recordServiceFor } from '../session-user.js';
import { overrideOptions, roleBuilderOptions } from './options.js';
import { languageOfAdmin } from '../language.js';

const BUILDER = componentLoader.add('UmsRoleBuilder', componentSource('admin/components/role-builder.tsx'));
const RULES_IN_WORDS = componentLoader.add('UmsRoleRules', componentSource('admin/components/role-rules.tsx'));
const OVERRIDE_PICKER = componentLoader.add('UmsOverridePicker', componentSource('admin/components/override-picker.tsx'));

const ROLE = 'core.role';
const OVERRIDE = 'core.approval_override';

/** Edit/show components of the role and override fields. */
export function roleScreenProperties(entity: ResolvedEntity): Record<string, PropertyOptions> {
  if (entity.key === ROLE) return { rules: { components: { edit: BUILDER, show: RULES_IN_WORDS } } };
  if (entity.key === OVERRIDE) return Object.fromEntries(['workflow', 'transition', 'step', 'roles'].map((f) => [f, { components: { edit: OVERRIDE_PICKER } }]));
  return {};
}

const readable = (runtime: Runtime, entity: ResolvedEntity) => ({ currentAdmin }: ActionContext): boolean => accessOf(runtime, currentAdmin)?.canOnType('read', entity) ?? false;
const writable = (runtime: Runtime, entity: ResolvedEntity) => ({ currentAdmin }: ActionContext): boolean => {
  const access = accessOf(runtime, currentAdmin);
  return Boolean(access && (access.canOnType('create', entity) || access.canOnType('update', entity)));
};

/** The rules a role row grants, as the compiler reads them (a built-in role: its manifests' rules and the protections on what it grants). */
function rulesOfRole(runtime: Runtime, role: Record<string, unknown>, enabled: ReadonlySet<string>): { rules: ResolvedRule[]; problems: string[] } {
  if (role.builtin === true) {
    const own = builtinRoleRules(runtime.registry, String(role.name), enabled);
    const granted = new Set(own.filter((r) => !r.inverted).flatMap((r) => r.subject));
    const protections = systemOnlyRules(runtime.registry).filter((p) => !own.includes(p) && (granted.has('all') || p.subject.some((s) => granted.has(s))));
    return { rules: [...own, ...protections], problems: [] };
  }
  if (!Array.isArray(role.rules)) return { rules: [], problems: [] };
  try {
    return { rules: [...validateCustomRules(runtime.registry, role.rules)], problems: [] };
  } catch (err) {
    if (err instanceof ManifestError) return { rules: [], problems: ruleProblemMessages(runtime.registry, err.problems) };
    throw err;
  }
}

export function roleScreenActions(runtime: Runtime, entity: ResolvedEntity): Record<string, Partial<Action<ActionResponse>>> {
  if (entity.key === ROLE) {
    return {
      // `GET …/actions/roleBuilder`: subjects, actions, fields and operators the builder offers.
      roleBuilder: {
        actionType: 'resource',
        isVisible: false,
        isAccessible: writable(runtime, entity),
        handler: async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
          const records = await recordServiceFor(runtime, context.currentAdmin);
          return { records: [], builder: roleBuilderOptions(runtime.registry, runtime.plugins, records) } as ActionResponse;
        },
      },
      // `GET …/actions/ruleWords?id=<role id>`: the role's rules in words.
      ruleWords: {
        actionType: 'resource',
        isVisible: false,
        isAccessible: readable(runtime, entity),
        handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
          const id = String((request.query as Record<string, unknown> | undefined)?.id ?? '');
          if (!isUuid(id)) throw new UmsError('BAD_REQUEST', 'Which role? Give its id.', { entity: ROLE });
          const records = await recordServiceFor(runtime, context.currentAdmin);
          const role = await adminErrors(() => records.get(ROLE, id));
          const enabled = records.access?.principal.enabledModules ?? new Set<string>();
          const { rules, problems } = rulesOfRole(runtime, role, enabled);
          const label = (e: ResolvedEntity, name: string): string | undefined => runtime.plugins.action(e, name)?.label;
          return { records: [], words: rulesInWords(runtime.registry, rules, label), problems, builtin: role.builtin === true } as ActionResponse;
        },
      },
    };
  }
  if (entity.key === OVERRIDE) {
    return {
      // `GET …/actions/overrideOptions`: workflows → transitions → steps, and the organization's roles.
      overrideOptions: {
        actionType: 'resource',
        isVisible: false,
        isAccessible: writable(runtime, entity),
        handler: async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
          const records = await recordServiceFor(runtime, context.currentAdmin);
          const language = await languageOfAdmin(runtime, context.currentAdmin);
          return { records: [], ...(await adminErrors(() => overrideOptions(runtime.registry, records, language))) } as ActionResponse;
        },
      },
    };
  }
  return {};
}
