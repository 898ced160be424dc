/**
 * A role's rules read aloud: "Can read Books (only Title, Category)", "Can read
 * Loans where the member is you", "Cannot create, update or delete Audit log".
 * Built from the same resolved rules the access compiler uses, so what a role's
 * page says is what the role does. Used by the role's show page (core/admin/roles).
 */
import { CORE_MODULE_ID, enumLabels, parseConditions, resolvePath, resolveRelated, type ConditionNode, type Registry, type ResolvedEntity, type ResolvedRule, type Scalar } from '../manifest/index.js';

const CRUD_WORDS: Record<string, string> = { manage: 'do anything with', read: 'read', create: 'create', update: 'update', delete: 'delete' };

const OPERATOR_WORDS: Record<string, string> = {
  $eq: 'is', $ne: 'is not', $in: 'is one of', $nin: 'is none of', $gt: 'is more than', $gte: 'is at least', $lt: 'is less than', $lte: 'is at most',
};

const PLACEHOLDER_WORDS: Record<string, string> = { 'user.id': 'you', 'user.email': 'your e-mail', 'user.organizationId': 'this organization' };

/** The words of a rule's actions; `actionLabel` names a record action (its manifest/plugin label). */
function actionWords(actions: readonly string[], actionLabel: (name: string) => string | undefined): string {
  const words = actions.map((a) => CRUD_WORDS[a] ?? (actionLabel(a) ?? a.replace(/_/g, ' ')).toLowerCase());
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : (words[0] ?? '');
}

/** A value as people read it; `labels` names an enum's values ("Fiction" for fiction). */
function valueWords(value: Scalar | Scalar[], labels?: ReadonlyMap<string, { label: string }>): string {
  if (Array.isArray(value)) return value.map((v) => valueWords(v, labels)).join(', ');
  if (value === null) return 'empty';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string') {
    const m = /^\$\{([^}]*)\}$/.exec(value);
    if (m) return PLACEHOLDER_WORDS[m[1]] ?? m[1];
    return `"${labels?.get(value)?.label ?? value}"`;
  }
  return String(value);
}

/** "the member", "the member's user": each hop's field label, lower-cased. */
function pathWords(registry: Registry, entity: ResolvedEntity, path: string): { words: string; isUser: boolean; labels?: ReadonlyMap<string, { label: string }> } {
  const resolved = resolvePath(registry, entity, path, 'compare');
  if (typeof resolved === 'string') return { words: path, isUser: false };
  const labels = resolved.field?.values ? enumLabels(registry, resolved.owner, resolved.field) : undefined;
  const names = [...resolved.steps.map((s) => s.field.label), resolved.field?.label ?? resolved.leaf.replace(/_/g, ' ')].map((l) => l.toLowerCase());
  const isUser = resolved.field?.type === 'reference' && resolved.field.target === 'core.user';
  return { words: `the ${names.join("'s ")}`, isUser, labels };
}

function conditionWords(registry: Registry, entity: ResolvedEntity, node: ConditionNode): string {
  switch (node.kind) {
    case 'and':
      return node.items.map((n) => conditionWords(registry, entity, n)).join(' and ');
    case 'or':
      return `(${node.items.map((n) => conditionWords(registry, entity, n)).join(' or ')})`;
    case 'not':
      return `not (${conditionWords(registry, entity, node.item)})`;
    case 'compare': {
      const { words, isUser, labels } = pathWords(registry, entity, node.path);
      // "the member's user is you" reads better as "the member is you".
      const subject = isUser && node.value === '${user.id}' && words.includes("'s ") ? words.slice(0, words.lastIndexOf("'s ")) : words;
      return `${subject} ${OPERATOR_WORDS[node.op] ?? node.op} ${valueWords(node.value, labels)}`;
    }
    case 'compareField':
      return `${pathWords(registry, entity, node.path).words} ${OPERATOR_WORDS[node.op] ?? node.op} its ${node.field.replace(/_/g, ' ')}`;
    case 'related': {
      const related = resolveRelated(registry, entity, node.entity, node.on);
      if ('problem' in related) return `some ${node.entity} match`;
      return `some ${related.target.label.toLowerCase()} of the same ${Object.values(node.on).map((f) => f.replace(/_/g, ' ')).join(' and ')} has ${conditionWords(registry, related.target, node.item)}`;
    }
    case 'some': {
      const resolved = resolvePath(registry, entity, node.path, 'some');
      if (typeof resolved === 'string') return `some ${node.path} match`;
      const label = resolved.steps[resolved.steps.length - 1]?.to.pluralLabel.toLowerCase() ?? node.path;
      return `some of its ${label} have ${conditionWords(registry, resolved.owner, node.item)}`;
    }
  }
}

/** One sentence per rule, in the order the compiler reads them. */
export function rulesInWords(registry: Registry, rules: readonly ResolvedRule[], actionLabel: (entity: ResolvedEntity, name: string) => string | undefined = () => undefined): string[] {
  return rules.map((rule) => {
    const entities = rule.subject.map((s) => registry.entity(s)).filter((e): e is ResolvedEntity => e !== undefined);
    const subjects = rule.subject.includes('all') ? 'everything' : entities.map((e) => e.pluralLabel).join(', ');
    const first = entities[0];
    const actions = actionWords(rule.action, (a) => (first ? actionLabel(first, a) : undefined));
    let sentence = `${rule.inverted ? 'Cannot' : 'Can'} ${actions} ${subjects}`;
    if (rule.fields?.length && first) sentence += ` (only ${rule.fields.map((f) => first.field.get(f)?.label ?? f).join(', ')})`;
    if (rule.conditions && first) {
      const tree = parseConditions(rule.conditions, '', []);
      sentence += ` where ${conditionWords(registry, first, tree)}`;
    }
    if (rule.inverted && rule.reason) sentence += `: ${rule.reason.charAt(0).toLowerCase()}${rule.reason.slice(1)}`;
    return sentence;
  });
}

/** The rules a built-in role grants in an organization with `enabledModules` (its own module's and every other enabled module's rules for it). */
export function builtinRoleRules(registry: Registry, roleKey: string, enabledModules: ReadonlySet<string>): ResolvedRule[] {
  return registry.modules.filter((m) => m.id === CORE_MODULE_ID || enabledModules.has(m.id)).flatMap((m) => m.rules.get(roleKey) ?? []);
}
