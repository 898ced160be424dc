/**
 * Test data for any manifest: a few records per entity with varied values,
 * generated from the field definitions alone (type, enum values, limits,
 * patterns, references). Written as a system actor, so read-only fields vary
 * too. Only what a generic generator cannot know is special-cased:
 * - references to core.user point at the fixture's role users first, so rows
 *   that match `${user.id}` conditions exist for every role;
 * - generated role assignments attach roles to generated users only, never to
 *   the fixture users whose permissions are under test;
 * - an entity whose hooks check more than its fields declare (an end before
 *   its start) gets its values from its plugin's `fixtures`, which turn the
 *   generated draft into a valid record. The hooks are never bypassed: a
 *   refused record stops the generator with the refusal and that advice.
 */
import { RecordValidationError } from '../../core/errors.js';
import type { Registry, ResolvedEntity, ResolvedField } from '../../core/manifest/index.js';
import { isReadTime } from '../../core/manifest/constraint-conditions.js';
import type { RecordData, RecordService } from '../../core/data/records.js';
import type { PluginRegistry } from '../../core/plugins/registry.js';
import type { FixtureRecord } from '../../core/plugins/types.js';

export interface GenerateOptions {
  /** Records per entity. */
  count: number;
  /** Users whose permissions are tested; references to core.user point at them first. */
  roleUsers: string[];
  /** Distinguishes this organization's values (e-mails are easier to read in failures). */
  tag: string;
}

const USER = 'core.user';
const ROLE_ASSIGNMENT = 'core.role_assignment';
const OVERRIDE = 'core.approval_override';

function approvalSteps(registry: Registry): Record<string, unknown>[] {
  return registry.modules.flatMap((m) =>
    m.workflows.flatMap((wf) => wf.transitions.flatMap((t) => (t.approval?.steps ?? []).map((s) => ({ workflow: wf.key, transition: t.name, step: s.name, roles: ['admin'] })))),
  );
}
const DAY_MS = 86_400_000;

/** Entities ordered so that referenced entities come first (self references and cycles fall back to null). */
export function referenceOrder(registry: Registry): ResolvedEntity[] {
  const out: ResolvedEntity[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (e: ResolvedEntity): void => {
    if (state.has(e.key)) return;
    state.set(e.key, 'visiting');
    for (const f of e.fields) {
      if (f.type === 'reference' && f.target && f.target !== e.key) visit(registry.entity(f.target)!);
    }
    state.set(e.key, 'done');
    out.push(e);
  };
  registry.entities.forEach(visit);
  return out;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** String shapes tried in order for a field with a pattern; the first that fits is used. */
function patternCandidates(i: number, salt: number): string[] {
  const n = i + salt * 1000;
  return [
    `978${pad(n, 10)}`, // ISBN-13-like digits
    pad(n, 10),
    `C${pad(n, 6)}`, // codes in capitals
    `CODE-${pad(n, 4)}`,
    `gen_${n}`, // identifiers
    `g${n}`,
    `Value ${n}`,
    `https://site-${n}.example`, // web origins
    `${pad(6 + (n % 16), 2)}:${pad((n * 5) % 60, 2)}`, // times of day (HH:MM)
  ];
}

function stringValue(f: ResolvedField, i: number, salt: number): string {
  const limit = f.maxLength ?? 255;
  if (f.pattern) {
    const re = new RegExp(f.pattern, 'u');
    const found = patternCandidates(i, salt).find((c) => re.test(c) && c.length <= limit && c.length >= (f.minLength ?? 0));
    if (!found) throw new Error(`the test data generator has no value shape for pattern ${f.pattern} (${f.name}): add one to patternCandidates`);
    return found;
  }
  const base = `${f.label} ${i}${salt ? `-${salt}` : ''}`;
  return base.padEnd(f.minLength ?? 0, 'x').slice(0, limit);
}

function numberValue(f: ResolvedField, i: number, integer: boolean): number {
  const lo = f.min ?? 0;
  const hi = f.max ?? lo + 100;
  const mid = integer ? Math.floor((lo + hi) / 2) : Math.round(((lo + hi) / 2) * 100) / 100 + 0.25;
  return [lo, hi, mid, Math.min(hi, lo + 1)][i % 4];
}

function dateValue(i: number): Date {
  const now = Date.now();
  return new Date([now - 400 * DAY_MS, now + 30 * DAY_MS, now - 2 * DAY_MS, now + 400 * DAY_MS][i % 4]);
}

interface Pools {
  /** Ids per entity key, as generated so far (plus what the organization already had). */
  ids: Map<string, string[]>;
  generatedUsers: string[];
}

function referenceValue(entity: ResolvedEntity, f: ResolvedField, i: number, salt: number, pools: Pools, options: GenerateOptions): string | null {
  if (f.target === USER) {
    const pool = entity.key === ROLE_ASSIGNMENT ? pools.generatedUsers : [...options.roleUsers, ...pools.generatedUsers];
    return pool.length ? pool[(i + salt) % pool.length] : f.required ? failNoTarget(entity, f) : null;
  }
  const pool = pools.ids.get(f.target!) ?? [];
  if (!pool.length) return f.required ? failNoTarget(entity, f) : null;
  // Record i points at the i-th target, so rows linked to a role user are referenced in turn.
  return pool[(i + salt) % pool.length];
}

function failNoTarget(entity: ResolvedEntity, f: ResolvedField): never {
  throw new Error(`no ${f.target} record exists for the required reference ${entity.key}.${f.name}`);
}

export function fieldValue(entity: ResolvedEntity, f: ResolvedField, i: number, salt: number, pools: Pools, options: GenerateOptions): unknown {
  // The first records point at the role users; after that every optional field is sometimes empty.
  const pointsAtRoleUser = f.target === USER && entity.key !== ROLE_ASSIGNMENT && i < options.roleUsers.length;
  if (!f.required && !pointsAtRoleUser && i % 5 === 4) return null;
  switch (f.type) {
    case 'string':
    case 'text':
      return stringValue(f, i, salt);
    case 'integer':
      return numberValue(f, i, true);
    case 'decimal':
    case 'money':
      return numberValue(f, i, false);
    case 'boolean':
      return i % 2 === 0;
    case 'date':
      return dateValue(i).toISOString().slice(0, 10);
    case 'datetime':
      return dateValue(i + 1).toISOString();
    case 'time': {
      // Each later time field of the entity two hours later, so a declared "end after start" holds.
      const nth = entity.fields.filter((x) => x.type === 'time').indexOf(f);
      return `${pad(Math.min(23, 6 + (i % 8) + 2 * nth), 2)}:${pad((i * 15) % 60, 2)}`;
    }
    case 'enum':
      return f.values![(i + salt) % f.values!.length];
    case 'email':
      return `${entity.name}.${f.name}.${i}.${salt}.${options.tag}@example.org`;
    case 'phone':
      return `+1 555 ${pad(i, 4)}`;
    case 'url':
      return `https://example.org/${options.tag}/${entity.name}/${i}`;
    case 'json':
      return i % 2 === 0 ? [] : null;
    case 'password':
      return 'secret-123';
    case 'reference':
      return referenceValue(entity, f, i, salt, pools, options);
    case 'file':
    case 'files':
      return null; // generated records hold no files (an id must name an uploaded file)
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Creates `count` records of every entity in the actor's organization. Values a
 * beforeCreate hook replaced are written back with an update, so read-only
 * fields (status, codes) vary as well.
 */
export async function generateRecords(modules: { registry: Registry; plugins: PluginRegistry }, system: RecordService, options: GenerateOptions): Promise<Map<string, RecordData[]>> {
  const { registry, plugins } = modules;
  const pools: Pools = { ids: new Map(), generatedUsers: [] };
  const created = new Map<string, RecordData[]>();
  for (const [module, plugin] of plugins.byModule) {
    for (const name of Object.keys(plugin.fixtures ?? {})) {
      if (!registry.entity(`${module}.${name}`)) throw new Error(`modules/${module}/index.ts: fixtures for unknown entity "${name}"`);
    }
  }
  for (const entity of referenceOrder(registry)) {
    // A balance is written only by its ledger's movements (generated like any record): read once they exist, below.
    if (entity.balance) continue;
    const existing = await system.find(entity.key, { limit: 1000 });
    pools.ids.set(entity.key, existing.map((r) => r.id));
    const list: RecordData[] = [];
    const fixed = entity.key === OVERRIDE ? approvalSteps(registry) : undefined;
    for (let i = 0; i < options.count; i++) {
      // An approver override must name a real approval step (its hook validates it): one per step.
      if (fixed && i >= fixed.length) break;
      const record = fixed ? await system.create(entity.key, fixed[i]) : await createWithRetry(entity, i, pools, system, options, plugins);
      // Unique values ran out (a unique enum with one value allows one record per organization).
      if (!record) break;
      list.push(record);
      pools.ids.get(entity.key)!.push(record.id);
      if (entity.key === USER) pools.generatedUsers.push(record.id);
    }
    created.set(entity.key, list);
  }
  for (const entity of registry.entities) if (entity.balance) created.set(entity.key, await system.find(entity.key, { limit: 1000 }));
  return created;
}

/** A generated record a hook or the database refused: what, why, and where valid values come from. */
function refused(entity: ResolvedEntity, i: number, values: Record<string, unknown>, err: unknown, hasFixture: boolean): Error {
  const why = err instanceof RecordValidationError ? `${err.message} ${JSON.stringify(err.fieldErrors)}` : String((err as Error)?.message ?? err);
  const advice = hasFixture
    ? `the fixture modules/${entity.module}/index.ts fixtures.${entity.name} returned values its hooks refuse`
    : `its hooks check more than its field definitions declare: give modules/${entity.module}/index.ts a fixture that makes the draft valid (fixtures.${entity.name})`;
  return new Error(`generated ${entity.key} #${i} ${JSON.stringify(values)} was refused: ${why}; ${advice}`, { cause: err });
}

/** The record, or undefined when every attempt clashed with a unique value of an earlier record (after the first). */
async function createWithRetry(entity: ResolvedEntity, i: number, pools: Pools, system: RecordService, options: GenerateOptions, plugins: PluginRegistry): Promise<RecordData | undefined> {
  for (let salt = 0; ; salt++) {
    const values: Record<string, unknown> = {};
    for (const f of entity.fields) values[f.name] = fieldValue(entity, f, i, salt, pools, options);
    const fixture: FixtureRecord | undefined = plugins.byModule.get(entity.module)?.fixtures?.[entity.name];
    if (fixture) Object.assign(values, await fixture({ ...values }, { records: system, index: i }));
    try {
      const record = await system.create(entity.key, values);
      // A ledger row is never updated: what the system filled in (a valued ledger's rate and value) stays.
      if (entity.ledger) return record;
      const replaced = Object.fromEntries(
        entity.fields.filter((f) => f.type !== 'password' && !sameValue(record[f.name], values[f.name])).map((f) => [f.name, values[f.name]]),
      );
      return Object.keys(replaced).length ? await system.update(entity.key, record.id, replaced) : record;
    } catch (err) {
      // Only a clash with an earlier record (unique field or index) is worth another try.
      const unique = err instanceof RecordValidationError && Object.values(err.fieldErrors).some((e) => e.type === 'unique');
      if (!unique) throw refused(entity, i, values, err, Boolean(fixture));
      if (salt >= 5) {
        if (i > 0) return undefined;
        throw err;
      }
    }
  }
}

/** Field types a splitting condition may test, in the order they are tried (the most legible first). */
const SPLIT_TYPES = ['enum', 'boolean', 'integer', 'string', 'email', 'phone', 'url', 'text', 'decimal', 'money', 'reference', 'date', 'datetime', 'time'];

/**
 * A condition on `f` that some of `records` match and some do not, read off
 * the records themselves (hooks fill and replace values, so the generator's
 * own choices are no guide): `f` equals the first record's value, or `f` is
 * not empty. Undefined when every record holds the same value.
 */
function splittingCondition(f: ResolvedField, records: Record<string, unknown>[]): Record<string, unknown> | undefined {
  // A field computed at read time ($age) has no column a permission condition could test.
  if (!SPLIT_TYPES.includes(f.type) || isReadTime(f) || records.length < 2) return undefined;
  const values = records.map((r) => r[f.name] ?? null);
  const first = values.find((v) => v !== null);
  if (first === undefined) return undefined;
  if (values.some((v) => v !== null && v !== first)) return { [f.name]: first };
  return values.includes(null) ? { [f.name]: { $ne: null } } : undefined;
}

/**
 * Rules of a custom role whose read access to fields depends on the record,
 * for every entity whose stored records (`records`, by entity key) allow it:
 * - half of the fields always (and so the row),
 * - the other half where a condition holds on a field the role may not read at all,
 * - one of the first half hidden again where a second condition holds (inverted).
 */
export function perRecordFieldRules(registry: Registry, records: ReadonlyMap<string, Record<string, unknown>[]>): Record<string, unknown>[] {
  const rules: Record<string, unknown>[] = [];
  for (const entity of registry.entities) {
    const stored = records.get(entity.key) ?? [];
    const splitting = entity.fields
      .map((f) => ({ f, conditions: splittingCondition(f, stored) }))
      .filter((s): s is { f: ResolvedField; conditions: Record<string, unknown> } => s.conditions !== undefined)
      .sort((a, b) => SPLIT_TYPES.indexOf(a.f.type) - SPLIT_TYPES.indexOf(b.f.type));
    if (!splitting.length) continue;
    const [tested, second = tested] = splitting;
    const granted = entity.fields.filter((f) => f.type !== 'password' && f !== tested.f).map((f) => f.name);
    if (granted.length < 2) continue;
    const always = granted.slice(0, Math.ceil(granted.length / 2));
    const sometimes = granted.slice(always.length);
    rules.push(
      { action: 'read', subject: entity.key, fields: always },
      { action: 'read', subject: entity.key, fields: sometimes, conditions: tested.conditions },
      { action: 'read', subject: entity.key, fields: [always[0]], conditions: second.conditions, inverted: true },
    );
  }
  return rules;
}
