/**
 * What is wrong in a custom role's rules, said to the organization admin who
 * wrote them: `/0/fields/0: unknown field "nmae" on library.book` becomes
 * `Rule 1 (fields): unknown field "nmae" on Book`. The problems themselves come
 * from the one validator (validateCustomRules, the manifests' rule resolver):
 * this only names the rule by its position and entities by their labels.
 */
import type { ManifestProblem } from '../errors.js';
import type { Registry } from '../manifest/index.js';

const PART_WORDS: Record<string, string> = { action: 'actions', subject: 'subject', fields: 'fields', conditions: 'conditions', inverted: 'inverted', reason: 'reason' };

/** `/2/conditions/member.user/$eq` → `Rule 3 (conditions, member.user)`. */
export function ruleWhere(pointer: string): string {
  const [index, part, ...rest] = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (index === undefined || index === '' || !/^\d+$/.test(index)) return 'The rules';
  const detail = part === 'conditions' ? rest.filter((s) => !s.startsWith('$') && !/^\d+$/.test(s)) : [];
  const what = part ? [PART_WORDS[part] ?? part, ...detail].join(', ') : '';
  return `Rule ${Number(index) + 1}${what ? ` (${what})` : ''}`;
}

/** Entity keys (`library.book`) in a message, as their labels (`Book`). */
export function withEntityLabels(registry: Pick<Registry, 'entity'>, message: string): string {
  return message.replace(/\b([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)\b/g, (key) => registry.entity(key)?.label ?? key);
}

/** One line per problem, each naming its rule. */
export function ruleProblemMessages(registry: Pick<Registry, 'entity'>, problems: readonly ManifestProblem[]): string[] {
  return problems.map((p) => `${ruleWhere(p.pointer)}: ${withEntityLabels(registry, p.message)}`);
}
