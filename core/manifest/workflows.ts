/**
 * Resolves the `workflows` section of a manifest: every state, transition,
 * approval step and effect is checked against the entity it governs, with
 * problems reported as file#pointer like the rest of the manifest. The status
 * field becomes read-only here, so no form, import or plugin edit can move a
 * record between states except through the workflow engine.
 */
import { checkOrgSettingConditions } from './org-settings.js';
import type { ManifestProblem } from '../errors.js';
import { isPlaceholder, placeholdersIn, PLACEHOLDERS } from './conditions.js';
import { checkConditions } from './condition-checks.js';
import { resolveRoleRef, type ResolvedRole } from './roles.js';
import type { Actors, Transition, TransitionActors, Workflow } from './manifest.types.js';
import {
  RESERVED_ACTION_NAMES,
  snakeToLabel,
  SYSTEM_FIELDS,
  type ResolvedActors,
  type ResolvedApprovalStep,
  type ResolvedEntity,
  type ResolvedModule,
  type ResolvedTransition,
  type ResolvedTransitionActors,
  type ResolvedWorkflow,
  type ResolvedWorkflowState,
} from './model.js';

export const USER_ENTITY = 'core.user';
/** System columns that hold a user id and may name a record-relative actor. */
const USER_SYSTEM_FIELDS = ['created_by', 'updated_by'];

interface Ctx {
  module: ResolvedModule;
  entities: ReadonlyMap<string, ResolvedEntity>;
  roles: ReadonlyMap<string, ResolvedRole>;
  /** Modules whose roles this one may name: itself, its dependencies, core. */
  visible: ReadonlySet<string>;
  problems: ManifestProblem[];
}

export function resolveWorkflows(ctx: Ctx, claimed: Map<string, string>): ResolvedWorkflow[] {
  const { module: m, problems } = ctx;
  const out: ResolvedWorkflow[] = [];
  (m.manifest.workflows ?? []).forEach((wf, i) => {
    const pointer = `/workflows/${i}`;
    const entity = ctx.entities.get(`${m.id}.${wf.entity}`);
    if (!entity) {
      problems.push({ file: m.file, pointer: `${pointer}/entity`, message: `unknown entity "${wf.entity}" (a workflow governs an entity of its own module)` });
      return;
    }
    const other = claimed.get(entity.key);
    if (other) {
      problems.push({ file: m.file, pointer: `${pointer}/entity`, message: `${entity.key} already has the workflow "${other}"; an entity has at most one` });
      return;
    }
    claimed.set(entity.key, `${m.id}.${wf.name}`);
    const resolved = resolveWorkflow(ctx, wf, entity, pointer);
    if (resolved) out.push(resolved);
  });
  const names = new Set<string>();
  out.forEach((wf) => {
    if (names.has(wf.name)) problems.push({ file: m.file, pointer: wf.pointer, message: `duplicate workflow "${wf.name}"` });
    names.add(wf.name);
  });
  return out;
}

function resolveWorkflow(ctx: Ctx, wf: Workflow, entity: ResolvedEntity, pointer: string): ResolvedWorkflow | undefined {
  const { module: m, problems } = ctx;
  const file = m.file;
  const field = entity.field.get(wf.field);
  if (!field || field.type !== 'enum') {
    problems.push({ file, pointer: `${pointer}/field`, message: field ? `"${wf.field}" must be an enum field to hold workflow states (it is ${field.type})` : `unknown field "${wf.field}" on ${entity.key}` });
    return undefined;
  }
  const states = new Map<string, ResolvedWorkflowState>();
  wf.states.forEach((s, i) => {
    if (states.has(s.name)) problems.push({ file, pointer: `${pointer}/states/${i}/name`, message: `duplicate state "${s.name}"` });
    if (!field.values!.includes(s.name)) problems.push({ file, pointer: `${pointer}/states/${i}/name`, message: `state "${s.name}" is not a value of ${entity.key}.${field.name} (${field.values!.join(', ')})` });
    const editableBy = s.editableBy?.map((r, k) => roleOf(ctx, r, `${pointer}/states/${i}/editableBy/${k}`));
    states.set(s.name, {
      name: s.name,
      label: s.label ?? snakeToLabel(s.name.toLowerCase()),
      editable: s.editableBy ? true : (s.editable ?? true),
      editableBy,
      terminal: s.terminal ?? false,
      color: s.color,
      renamedFrom: s.renamedFrom,
    });
    if (s.renamedFrom !== undefined && (field.values!.includes(s.renamedFrom) || wf.states.some((other) => other.name === s.renamedFrom))) {
      problems.push({ file, pointer: `${pointer}/states/${i}/renamedFrom`, message: `"${s.renamedFrom}" is still a state of this workflow: a renamed state's old name must be free` });
    }
  });
  for (const value of field.values!) {
    if (!states.has(value)) problems.push({ file, pointer: `${pointer}/states`, message: `${entity.key}.${field.name} has the value "${value}" but the workflow declares no such state` });
  }
  const checkState = (name: string, p: string): void => {
    if (!states.has(name)) problems.push({ file, pointer: p, message: `unknown state "${name}"` });
  };
  checkState(wf.initial, `${pointer}/initial`);
  // The engine sets the initial state on create; the form never offers the field.
  field.readOnly = true;
  field.default = wf.initial;

  const actionNames = new Set<string>();
  const claimName = (name: string, p: string): void => {
    if (actionNames.has(name)) problems.push({ file, pointer: p, message: `duplicate action name "${name}" in this workflow` });
    if (RESERVED_ACTION_NAMES.has(name)) {
      problems.push({ file, pointer: p, message: `"${name}" is a built-in action name` });
    }
    actionNames.add(name);
  };
  const transitions = wf.transitions.map((t, i) => resolveTransition(ctx, t, entity, wf.field, `${pointer}/transitions/${i}`, checkState, claimName, states));
  // A translated label of an action that is not there is a typo that would silently stay English.
  for (const [lang, t] of Object.entries(entity.translations)) {
    for (const name of Object.keys(t.actions ?? {})) {
      if (!actionNames.has(name)) problems.push({ file, pointer: `${pointer}/entity`, message: `translations.${lang}.actions of ${entity.key} names "${name}", which is no action of this workflow` });
    }
  }
  const stepNames = new Set(transitions.flatMap((t) => t.approval?.steps.map((s) => s.name) ?? []));
  const transitionNames = new Set(transitions.map((t) => t.name));
  for (const [lang, t] of Object.entries(entity.translations)) {
    for (const name of Object.keys(t.steps ?? {})) {
      if (!stepNames.has(name)) problems.push({ file, pointer: `${pointer}/entity`, message: `translations.${lang}.steps of ${entity.key} names "${name}", which is no approval step of this workflow` });
    }
    for (const [name, text] of Object.entries(t.messages ?? {})) {
      if (!transitionNames.has(name)) problems.push({ file, pointer: `${pointer}/entity`, message: `translations.${lang}.messages of ${entity.key} names "${name}", which is no transition of this workflow` });
      const unknown = unknownMessageWords(text);
      if (unknown) problems.push({ file, pointer: `${pointer}/entity`, message: `translations.${lang}.messages.${name} of ${entity.key} has {${unknown}}, which is never filled in (known: ${MESSAGE_WORDS.map((w) => `{${w}}`).join(', ')})` });
    }
  }
  wf.transitions.forEach((t, i) => {
    const unknown = t.effects?.message ? unknownMessageWords(t.effects.message) : undefined;
    if (unknown) problems.push({ file, pointer: `${pointer}/transitions/${i}/effects/message`, message: `{${unknown}} is never filled in (known: ${MESSAGE_WORDS.map((w) => `{${w}}`).join(', ')}); the reader would see it as typed` });
  });
  return {
    key: `${m.id}.${wf.name}`,
    module: m.id,
    name: wf.name,
    label: wf.label ?? snakeToLabel(wf.name),
    entity: entity.key,
    version: wf.version,
    field: wf.field,
    initial: wf.initial,
    states,
    transitions,
    file,
    pointer,
  };
}

function resolveTransition(
  ctx: Ctx,
  t: Transition,
  entity: ResolvedEntity,
  statusField: string,
  pointer: string,
  checkState: (name: string, p: string) => void,
  claimName: (name: string, p: string) => void,
  states: Map<string, ResolvedWorkflowState>,
): ResolvedTransition {
  const { module: m, problems } = ctx;
  const file = m.file;
  claimName(t.name, `${pointer}/name`);
  const from = Array.isArray(t.from) ? t.from : [t.from];
  from.forEach((s, i) => {
    const p = Array.isArray(t.from) ? `${pointer}/from/${i}` : `${pointer}/from`;
    checkState(s, p);
    if (states.get(s)?.terminal) problems.push({ file, pointer: p, message: `"${s}" is a terminal state; no transition may leave it` });
  });
  checkState(t.to, `${pointer}/to`);
  if (t.when) checkConditions(checkOrgSettingConditions(t.when, file, `${pointer}/when`, problems), entity, ctx.entities, file, `${pointer}/when`, problems);
  const by = t.by ? resolveStarters(ctx, t.by, entity, `${pointer}/by`) : undefined;
  let approval: ResolvedTransition['approval'];
  if (t.approval) {
    const a = t.approval;
    const open = a.open ?? 'onRequest';
    if (open === 'onRequest' && !by) problems.push({ file, pointer: `${pointer}/by`, message: 'an approval opened on request needs "by" (who may request it)' });
    // The system may request an approval, never give one; a request that opens by itself on entering the state needs no requester.
    if (open === 'onEnter' && by?.system) {
      problems.push({ file, pointer: `${pointer}/by/system`, message: 'an approval opened on entering the state ("open": "onEnter") opens by itself; the system may only request approvals opened on request, and never approves' });
    }
    const stepNames = new Set<string>();
    const steps: ResolvedApprovalStep[] = a.steps.map((s, i) => {
      const sp = `${pointer}/approval/steps/${i}`;
      if (stepNames.has(s.name)) problems.push({ file, pointer: `${sp}/name`, message: `duplicate step "${s.name}"` });
      stepNames.add(s.name);
      const approvers = resolveActors(ctx, s.approvers, entity, `${sp}/approvers`);
      if (!approvers.roles.length && !approvers.relations.length && !approvers.where) problems.push({ file, pointer: `${sp}/approvers`, message: 'a step needs approvers (roles, relations or where)' });
      const quorum = s.quorum === undefined || s.quorum === 'any' ? { kind: 'any' as const } : s.quorum === 'all' ? { kind: 'all' as const } : { kind: 'count' as const, count: s.quorum.count };
      if (s.when) checkConditions(checkOrgSettingConditions(s.when, file, `${sp}/when`, problems), entity, ctx.entities, file, `${sp}/when`, problems);
      return { name: s.name, label: s.label ?? snakeToLabel(s.name), approvers, quorum, when: s.when };
    });
    let reject: { name: string; label: string; to: string } | undefined;
    if (a.reject) {
      const name = a.reject.name ?? `reject_${t.name}`;
      claimName(name, `${pointer}/approval/reject/name`);
      checkState(a.reject.to, `${pointer}/approval/reject/to`);
      reject = { name, label: a.reject.label ?? snakeToLabel(name), to: a.reject.to };
    }
    approval = { open, mode: a.mode ?? 'parallel', steps, allowSelfApproval: a.allowSelfApproval ?? false, reject };
  } else if (!by) {
    problems.push({ file, pointer, message: `transition "${t.name}" has neither "by" nor "approval": nobody could ever run it` });
  }
  const set = t.effects?.set ?? {};
  for (const name of Object.keys(set)) {
    const f = entity.field.get(name);
    if (!f) problems.push({ file, pointer: `${pointer}/effects/set/${name}`, message: `unknown field "${name}" on ${entity.key}` });
    else if (name === statusField) problems.push({ file, pointer: `${pointer}/effects/set/${name}`, message: 'the status field is set by the transition itself ("to")' });
    const value = set[name];
    const unknown = typeof value === 'string' ? placeholdersIn(value).filter((p) => !isPlaceholder(p)) : [];
    if (unknown.length) problems.push({ file, pointer: `${pointer}/effects/set/${name}`, message: `unknown placeholder \${${unknown[0]}} (known: ${PLACEHOLDERS.map((p) => `\${${p}}`).join(', ')})` });
  }
  const notify = t.effects?.notify ? resolveActors(ctx, t.effects.notify, entity, `${pointer}/effects/notify`) : undefined;
  return {
    name: t.name,
    label: t.label ?? snakeToLabel(t.name),
    icon: t.icon,
    from,
    to: t.to,
    by,
    when: t.when,
    whenMessage: t.whenMessage,
    approval,
    effects: { set, notify, message: t.effects?.message, hook: t.effects?.hook },
    pointer,
  };
}

/** `by`: people (roles, relations) and/or the system; naming nobody is a mistake, not a locked door. */
function resolveStarters(ctx: Ctx, actors: TransitionActors, entity: ResolvedEntity, pointer: string): ResolvedTransitionActors {
  const resolved = { ...resolveActors(ctx, actors, entity, pointer), system: actors.system ?? false };
  if (!resolved.roles.length && !resolved.relations.length && !resolved.system) {
    ctx.problems.push({ file: ctx.module.file, pointer, message: '"by" names nobody: give roles, relations or "system": true' });
  }
  return resolved;
}

/** The key a role reference means (the module's own role bare, a dependency's qualified, core's bare). */
function roleOf(ctx: Ctx, role: string, pointer: string): string {
  const ref = resolveRoleRef(role, ctx.module.id, ctx.roles, ctx.visible);
  if ('key' in ref) return ref.key;
  ctx.problems.push({ file: ctx.module.file, pointer, message: ref.message });
  return role;
}

/** Relations must end at a user: a reference to core.user, or created_by/updated_by, at most one hop away. */
function resolveActors(ctx: Ctx, actors: Actors, entity: ResolvedEntity, pointer: string): ResolvedActors {
  const roles = (actors.roles ?? []).map((r, i) => roleOf(ctx, r, `${pointer}/roles/${i}`));
  (actors.relations ?? []).forEach((path, i) => {
    const message = checkUserPath(path, entity, ctx.entities);
    if (message) ctx.problems.push({ file: ctx.module.file, pointer: `${pointer}/relations/${i}`, message });
  });
  const where = 'where' in actors ? (actors as Actors).where : undefined;
  if (where) {
    checkConditions(where, entity, ctx.entities, ctx.module.file, `${pointer}/where`, ctx.problems);
    // Without ${user.id} the condition names everybody or nobody: a role says "everybody" plainly.
    if (!JSON.stringify(where).includes('${user.id}')) ctx.problems.push({ file: ctx.module.file, pointer: `${pointer}/where`, message: '"where" picks the users for whom the record meets it: it must name ${user.id}' });
  }
  return { roles, relations: actors.relations ?? [], ...(where ? { where } : {}) };
}

function checkUserPath(path: string, entity: ResolvedEntity, entities: ReadonlyMap<string, ResolvedEntity>): string | undefined {
  const [head, leaf] = path.split('.');
  const pointsAtUser = (owner: ResolvedEntity, name: string): boolean => {
    if ((SYSTEM_FIELDS as readonly string[]).includes(name)) return USER_SYSTEM_FIELDS.includes(name);
    const f = owner.field.get(name);
    return f?.type === 'reference' && f.target === USER_ENTITY;
  };
  if (leaf === undefined) {
    if (!entity.field.has(head) && !(SYSTEM_FIELDS as readonly string[]).includes(head)) return `unknown field "${head}" on ${entity.key}`;
    return pointsAtUser(entity, head) ? undefined : `"${head}" does not point at a user (a reference to core.user, created_by or updated_by)`;
  }
  const ref = entity.field.get(head);
  if (ref?.type !== 'reference' || !ref.target) return `"${head}" is not a reference, so "${path}" cannot follow it`;
  const target = entities.get(ref.target);
  if (!target) return undefined;
  if (!target.field.has(leaf) && !(SYSTEM_FIELDS as readonly string[]).includes(leaf)) return `unknown field "${leaf}" on ${target.key} (in "${path}")`;
  return pointsAtUser(target, leaf) ? undefined : `"${path}" does not point at a user (a reference to core.user, created_by or updated_by)`;
}

/** A record-relative actor as a permission-style condition, so the same SQL translator decides it. */
export const relationCondition = (path: string, userId: string): Record<string, unknown> => ({ [path]: userId });

/** What a transition's notification message may name: the engine fills in only these (core/workflow/engine.ts). */
const MESSAGE_WORDS = ['title', 'label', 'state'];

function unknownMessageWords(text: string): string | undefined {
  return [...text.matchAll(/\{([a-zA-Z_][a-zA-Z0-9_]*)\}/g)].map((m) => m[1]).find((w) => !MESSAGE_WORDS.includes(w));
}
