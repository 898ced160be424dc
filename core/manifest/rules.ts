/**
 * Permission rules: a manifest's `permissions` (per role) and custom roles'
 * rules resolved against entities, fields, actions and roles, their
 * conditions checked like every other condition.
 */
import type { ManifestProblem } from '../errors.js';
import { checkConditions } from './condition-checks.js';
import { lookupEntity } from './entities.js';
import type { PermissionRule } from './manifest.types.js';
import { SYSTEM_FIELDS, type ResolvedEntity, type ResolvedModule, type ResolvedRule } from './model.js';
import { resolveRoleRef, type ResolvedRole } from './roles.js';

const CRUD = ['manage', 'create', 'read', 'update', 'delete'];

export function resolvePermissions(
  m: ResolvedModule,
  entities: Map<string, ResolvedEntity>,
  roles: ReadonlyMap<string, ResolvedRole>,
  visible: Set<string>,
  problems: ManifestProblem[],
): Map<string, ResolvedRule[]> {
  const out = new Map<string, ResolvedRule[]>();
  for (const [role, rules] of Object.entries(m.manifest.permissions ?? {})) {
    const base = `/permissions/${role.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const ref = resolveRoleRef(role, m.id, roles, visible);
    if ('message' in ref) {
      problems.push({ file: m.file, pointer: base, message: `rules for ${ref.message}` });
      continue;
    }
    if (out.has(ref.key)) {
      problems.push({ file: m.file, pointer: base, message: `rules for "${ref.key}" are given twice (as "${role}" and under another name)` });
      continue;
    }
    out.set(
      ref.key,
      rules.map((rule, i) =>
        resolveRule(rule, {
          moduleId: m.id,
          file: m.file,
          pointer: `${base}/${i}`,
          entities,
          visible,
          customActions: undefined,
          problems,
        }),
      ),
    );
  }
  return out;
}

export interface RuleContext {
  moduleId: string;
  file: string;
  pointer: string;
  entities: Map<string, ResolvedEntity> | ReadonlyMap<string, ResolvedEntity>;
  visible: Set<string>;
  /** Non-CRUD action names allowed; undefined accepts any well-formed name (manifests declare them with plugins). */
  customActions: Set<string> | undefined;
  problems: ManifestProblem[];
}

/** Validates one rule (subjects, fields, conditions) and resolves subjects to entity keys. */
export function resolveRule(rule: PermissionRule, ctx: RuleContext): ResolvedRule {
  const { file, pointer, problems } = ctx;
  const actions = Array.isArray(rule.action) ? rule.action : [rule.action];
  actions.forEach((a, i) => {
    if (!CRUD.includes(a) && ctx.customActions && !ctx.customActions.has(a)) {
      problems.push({ file, pointer: Array.isArray(rule.action) ? `${pointer}/action/${i}` : `${pointer}/action`, message: `unknown action "${a}"` });
    }
  });
  const subjects = Array.isArray(rule.subject) ? rule.subject : [rule.subject];
  const resolved: string[] = [];
  const targets: ResolvedEntity[] = [];
  subjects.forEach((s, i) => {
    const sp = Array.isArray(rule.subject) ? `${pointer}/subject/${i}` : `${pointer}/subject`;
    if (s === 'all') {
      resolved.push('all');
      return;
    }
    const entity = lookupEntity(s, ctx.moduleId, new Map(ctx.entities), ctx.visible);
    if (!entity) problems.push({ file, pointer: sp, message: `rule on unknown subject "${s}"` });
    else {
      resolved.push(entity.key);
      targets.push(entity);
    }
  });
  if (rule.fields) {
    if (resolved.includes('all')) problems.push({ file, pointer: `${pointer}/fields`, message: 'field restrictions need a concrete subject, not "all"' });
    rule.fields.forEach((name, i) => {
      for (const t of targets) {
        if (!t.field.has(name) && !(SYSTEM_FIELDS as readonly string[]).includes(name)) {
          problems.push({ file, pointer: `${pointer}/fields/${i}`, message: `unknown field "${name}" on ${t.key}` });
        }
      }
    });
  }
  if (rule.conditions) {
    if (resolved.includes('all')) problems.push({ file, pointer: `${pointer}/conditions`, message: 'conditions need a concrete subject, not "all"' });
    for (const t of targets) checkConditions(rule.conditions, t, ctx.entities, file, `${pointer}/conditions`, problems);
  }
  return { ...rule, action: actions, subject: resolved, source: `${file}#${pointer}` };
}
