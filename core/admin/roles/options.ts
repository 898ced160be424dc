/**
 * What the role builder and the approver-override pickers offer, computed for
 * the asking user through their RecordService: subjects are the entities of
 * the organization's enabled modules, roles are the role rows the user may read
 * (built-in roles of enabled modules and custom roles: core.role's moduleField
 * hides the rest in the data layer). The server still validates every save in
 * one place (core/plugins/core-hooks.ts, core/workflow/hooks.ts).
 */
import { COMPARISON_OPERATORS, CORE_MODULE_ID, reverseReference, roleLabelIn, type Registry, type ResolvedEntity, type ResolvedField } from '../../manifest/index.js';
import type { RecordService } from '../../data/records.js';
import type { PluginLookup } from '../../data/context.js';

export interface BuilderField {
  /** A condition path: a field, or one hop through a reference (`member.user`). */
  path: string;
  label: string;
  type: string;
  values?: string[];
}

export interface BuilderEntity {
  key: string;
  label: string;
  pluralLabel: string;
  module: string;
  moduleLabel: string;
  /** CRUD, then the entity's record actions (permission actions named like the action). */
  actions: { name: string; label: string }[];
  /** Fields a rule may restrict to (`fields`). */
  fields: { name: string; label: string }[];
  /** Paths a condition may test. */
  conditionFields: BuilderField[];
  /** Reverse references a `$some` condition may go through, with the related entity's fields. */
  toMany: { path: string; label: string; fields: BuilderField[] }[];
}

export interface RoleBuilderOptions {
  entities: BuilderEntity[];
  operators: string[];
  placeholders: { value: string; label: string }[];
}

const CRUD = [
  { name: 'read', label: 'Read' },
  { name: 'create', label: 'Create' },
  { name: 'update', label: 'Update' },
  { name: 'delete', label: 'Delete' },
];

const comparable = (f: ResolvedField): boolean => f.type !== 'password' && f.type !== 'json' && f.type !== 'files';

const asField = (f: ResolvedField, prefix = '', labelPrefix = ''): BuilderField => ({ path: `${prefix}${f.name}`, label: `${labelPrefix}${f.label}`, type: f.type, values: f.values });

function conditionFields(registry: Registry, entity: ResolvedEntity): BuilderField[] {
  const own = entity.fields.filter(comparable).map((f) => asField(f));
  // One hop through each reference: "Member → User" (`member.user`) is how "the member is you" is written.
  const hops = entity.fields
    .filter((f) => f.type === 'reference' && f.target)
    .flatMap((f) => (registry.entity(f.target!)?.fields ?? []).filter((t) => comparable(t) && t.type === 'reference').map((t) => asField(t, `${f.name}.`, `${f.label} → `)));
  return [...own, { path: 'created_by', label: 'Created by', type: 'reference' }, ...hops];
}

function toMany(registry: Registry, entity: ResolvedEntity): BuilderEntity['toMany'] {
  const names = registry.entities.flatMap((child) => child.fields.filter((f) => f.type === 'reference' && f.target === entity.key && f.inverse).map((f) => f.inverse!));
  return [...new Set(names)].flatMap((name) => {
    const rev = reverseReference(registry, entity, name);
    return rev ? [{ path: name, label: rev.child.pluralLabel, fields: rev.child.fields.filter(comparable).map((f) => asField(f)) }] : [];
  });
}

export function roleBuilderOptions(registry: Registry, plugins: PluginLookup, records: RecordService): RoleBuilderOptions {
  const entities = registry.entities
    .filter((e) => records.moduleEnabled(e))
    .map((e): BuilderEntity => {
      const module = registry.module(e.module);
      return {
        key: e.key,
        label: e.label,
        pluralLabel: e.pluralLabel,
        module: e.module,
        moduleLabel: module?.label ?? e.module,
        actions: [...CRUD, ...plugins.actionsFor(e).map((a) => ({ name: a.name, label: a.label }))],
        fields: e.fields.filter((f) => f.type !== 'password').map((f) => ({ name: f.name, label: f.label })),
        conditionFields: conditionFields(registry, e),
        toMany: toMany(registry, e),
      };
    })
    // The organization's own records last: people build roles for their modules first.
    .sort((a, b) => Number(a.module === CORE_MODULE_ID) - Number(b.module === CORE_MODULE_ID) || a.moduleLabel.localeCompare(b.moduleLabel) || a.label.localeCompare(b.label));
  return {
    entities,
    operators: [...COMPARISON_OPERATORS],
    placeholders: [
      { value: '${user.id}', label: 'you (the signed-in user)' },
      { value: '${user.email}', label: 'your e-mail' },
      { value: '${today}', label: 'today' },
      { value: '${now}', label: 'now' },
    ],
  };
}

export interface OverrideOptions {
  workflows: { key: string; label: string; transitions: { name: string; label: string; steps: { name: string; label: string; roles: string[] }[] }[] }[];
  roles: { key: string; label: string }[];
}

/** Workflows of enabled modules with approval steps (each step with the roles the manifest gives it), and the roles the user may read (built-in ones named in `language`). */
export async function overrideOptions(registry: Registry, records: RecordService, language = 'en'): Promise<OverrideOptions> {
  const workflows = registry.modules
    .filter((m) => m.id === CORE_MODULE_ID || (records.access?.principal.enabledModules.has(m.id) ?? true))
    .flatMap((m) => m.workflows)
    .map((wf) => ({
      key: wf.key,
      label: `${wf.label} (${registry.module(wf.module)?.label ?? wf.module})`,
      transitions: wf.transitions
        .filter((t) => t.approval)
        .map((t) => ({ name: t.name, label: t.label, steps: t.approval!.steps.map((s) => ({ name: s.name, label: s.label, roles: s.approvers.roles ?? [] })) })),
    }))
    .filter((wf) => wf.transitions.length);
  const rows = await records.find('core.role', { sort: { field: 'label', direction: 'asc' }, limit: 1000 });
  const roles = rows.map((r) => ({ key: String(r.name), label: r.builtin === true && language !== 'en' && registry.roles.has(String(r.name)) ? roleLabelIn(registry.roles, String(r.name), language) : String(r.label ?? r.name) }));
  return { workflows, roles };
}
