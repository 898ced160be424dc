/**
 * `access:explain`: the answer to "why can (not) this user see that record?" —
 * the user's roles, the rules that apply in precedence order with the file and
 * JSON pointer each comes from, and for one record the rule that decided.
 */
import type { SubjectPlan } from '../access/ability.js';
import { MISSING } from '../access/match.js';
import { UmsError } from '../errors.js';
import { flatPath } from '../manifest/index.js';
import { requiredString, stringOption } from './args.js';
import { defineCommand, type Command } from './command.js';
import { withRuntime } from './runtime.js';
import type { Runtime } from '../runtime.js';
import { withinTenant } from '../data/tenant-scope.js';

const accessExplain = defineCommand({
  name: 'access:explain',
  summary: 'Explain what a user may do with an entity, or with one record, and which rule decides',
  positionals: { names: ['entity'] },
  options: {
    org: { type: 'string', value: '<slug>', required: true, description: 'The organization' },
    user: { type: 'string', value: '<email>', required: true, description: "The user's e-mail in that organization" },
    record: { type: 'string', value: '<id>', description: 'One record id to check' },
    action: { type: 'string', value: '<action>', description: 'read (default), create, update, delete or a record action name' },
  },
  examples: ['access:explain library.loan --org library --user member@library.demo', 'access:explain library.loan --org library --user member@library.demo --record <loan id>'],
  async run({ io, values, positionals }) {
    const [entityKey] = positionals;
    const slug = requiredString(values, 'org', 'access:explain');
    const email = requiredString(values, 'user', 'access:explain');
    const recordId = stringOption(values, 'record');
    const action = stringOption(values, 'action') ?? 'read';
    await withRuntime(io, { migrate: true }, async (runtime) => {
      for (const line of await explainAccess(runtime, { entityKey, slug, email, recordId, action })) io.out(line);
    });
  },
});

/** The lines `access:explain` prints (also used by tests on a runtime of their own). */
export async function explainAccess(
  runtime: Runtime,
  { entityKey, slug, email, recordId, action }: { entityKey: string; slug: string; email: string; recordId?: string; action: string },
): Promise<string[]> {
  const [{ findOrganization }, { RecordService }] = await Promise.all([import('../tenancy/index.js'), import('../data/records.js')]);
  const out: string[] = [];
  const entity = runtime.registry.entity(entityKey);
  if (!entity) throw new UmsError('NOT_FOUND', `Unknown entity "${entityKey}" (known: ${runtime.registry.entities.map((e) => e.key).join(', ')}).`);
  const org = await findOrganization(runtime, slug);
  const [user]: { id: string; email: string }[] = await withinTenant(runtime.dataSource, org.id).query('SELECT id, email FROM core_user WHERE organization_id = $1 AND lower(email) = lower($2)', [org.id, email]);
  if (!user) throw new UmsError('NOT_FOUND', `No user ${email} in ${slug}.`);
  const records = await RecordService.for(runtime, { kind: 'user', userId: user.id, organizationId: org.id, email: user.email });
  const access = records.access!;
  let subject: Record<string, unknown> | undefined;
  if (recordId) {
    const [stored] = await (await RecordService.for(runtime, { kind: 'system', organizationId: org.id, reason: 'access:explain' })).getMany(entity.key, [recordId]);
    if (!stored) throw new UmsError('NOT_FOUND', `No ${entity.key} record ${recordId} in ${slug}.`);
    subject = await records.subjectOf(entity, stored);
  }
  const explained = access.explain(action, entity, subject);
  out.push(`User ${user.email} in ${slug}: roles ${explained.roles.join(', ') || '(none)'}`);
  if (!explained.moduleEnabled) out.push(`The ${entity.module} module is disabled for ${slug}: everything is denied.`);
  out.push(explained.rules.length ? `Rules for "${action}" on ${entity.key}, strongest first (dates in ${explained.timeZone}):` : `No rule grants "${action}" on ${entity.key}.`);
  for (const rule of explained.rules) {
    const what = [rule.inverted ? 'DENY' : 'allow', rule.conditions ? `when ${JSON.stringify(rule.conditions)}` : 'every record', rule.fields ? `fields ${rule.fields.join(', ')}` : ''].filter(Boolean).join(' ');
    const verdict = rule.matches === undefined ? '' : rule.matches ? '  → holds for this record' : '  → does not hold for this record';
    out.push(`  ${what}  (${rule.source})${verdict}`);
  }
  const followed = subject ? describeFollowed(access.subjectPlans.get(entity.key), subject, '') : [];
  if (followed.length) out.push('What the conditions follow from this record:', ...followed.map((line) => `  ${line}`));
  out.push(
    subject
      ? `Record ${recordId}: ${explained.allowed ? 'ALLOWED' : 'DENIED'}${explained.decidedBy ? ` by ${explained.decidedBy}` : ' (no rule matched)'}`
      : `On some records at least: ${explained.allowed ? 'yes' : 'no'}`,
  );
  return out;
}

/** The values of reference paths and the related records of `$some` paths, as the in-memory check saw them. */
function describeFollowed(plan: SubjectPlan | undefined, subject: Record<string, unknown>, indent: string): string[] {
  if (!plan) return [];
  const out: string[] = [];
  for (const path of plan.paths) {
    const value = subject[flatPath(path)];
    out.push(`${indent}${path} = ${value === MISSING ? '(no related record: a reference on the way is empty)' : JSON.stringify(value)}`);
  }
  for (const [path, inner] of plan.some) {
    const related = subject[flatPath(path)];
    if (!Array.isArray(related)) {
      out.push(`${indent}${path}: no related records (a reference on the way is empty)`);
      continue;
    }
    out.push(`${indent}${path}: ${related.length} related record${related.length === 1 ? '' : 's'}${related.length ? ` (${related.map((r) => String((r as Record<string, unknown>).id)).join(', ')})` : ''}`);
    for (const r of related) out.push(...describeFollowed(inner, r as Record<string, unknown>, `${indent}  ${String((r as Record<string, unknown>).id)}: `));
  }
  return out;
}

export const accessCommands: Command[] = [accessExplain];
