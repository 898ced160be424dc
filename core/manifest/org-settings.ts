/**
 * Organization settings in workflow conditions: `{ "$org.settings.<name>": true }`
 * holds when the organization has switched that setting on (`org:settings <slug>
 * --set <name>=on`); a setting never set is off. A workflow `when` (of a
 * transition or of an approval step) may use it beside ordinary conditions, so
 * an organization can skip a step without a plugin ("billing clearance at
 * discharge unless the organization turns it off"). The setting is decided
 * before the condition reaches the SQL translator: a key that holds is dropped,
 * one that does not becomes an always-false condition, so the record's part is
 * decided as before, on one path.
 *
 * A number the organization sets (`--set po_approval_threshold=5000`) may be
 * the operand of a comparison: `{ "total": { "$gte": { "$org":
 * "settings.po_approval_threshold", "times": 10, "default": 5000 } } }`. It
 * is replaced by the organization's number (times `times`) before the SQL
 * translator sees it; a setting that is not a number falls back to
 * `default`, and without one the comparison never holds (fail closed).
 */
import type { ManifestProblem } from '../errors.js';

export const ORG_SETTING_PREFIX = '$org.settings.';
export const ORG_SETTING_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;

/** Never true: NOT of the empty conjunction (TRUE). */
const NEVER = { $not: {} };

type Conditions = Record<string, unknown>;

/** What an organization's settings hold: on/off switches and numbers. */
export type OrgSettingValues = Readonly<Record<string, boolean | number>>;

/** A comparison operand read from the organization's settings. */
export interface OrgSettingRef {
  $org: string;
  times?: number;
  default?: number;
}

const REF_PREFIX = 'settings.';
const REF_KEYS = new Set(['$org', 'times', 'default']);
const REF_OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isOrgSettingRef = (v: unknown): v is OrgSettingRef => isObject(v) && Object.hasOwn(v, '$org');

/** The operand's number for this organization, or undefined (no number set and no default). */
export function orgSettingNumber(ref: OrgSettingRef, settings: OrgSettingValues): number | undefined {
  const name = typeof ref.$org === 'string' && ref.$org.startsWith(REF_PREFIX) ? ref.$org.slice(REF_PREFIX.length) : '';
  const own = settings[name];
  const base = typeof own === 'number' && Number.isFinite(own) ? own : ref.default;
  if (base === undefined) return undefined;
  return Math.round(base * (ref.times ?? 1) * 1e6) / 1e6;
}

/** Load-time check of one `{ "$org": … }` operand; the problems name its pointer. */
function refProblems(ref: Record<string, unknown>, op: string): string[] {
  const out: string[] = [];
  if (!REF_OPERATORS.has(op)) out.push(`an organization setting compares with ${[...REF_OPERATORS].join(', ')} (not ${op})`);
  const name = typeof ref.$org === 'string' && ref.$org.startsWith(REF_PREFIX) ? ref.$org.slice(REF_PREFIX.length) : undefined;
  if (name === undefined || !ORG_SETTING_NAME_RE.test(name)) out.push(`"$org" names a setting as "settings.<name>" (lower case letters, digits and _), not ${JSON.stringify(ref.$org)}`);
  for (const key of Object.keys(ref)) if (!REF_KEYS.has(key)) out.push(`unknown key "${key}" beside "$org" (allowed: times, default)`);
  for (const key of ['times', 'default'] as const) {
    if (ref[key] !== undefined && (typeof ref[key] !== 'number' || !Number.isFinite(ref[key]))) out.push(`"${key}" is a number (got ${JSON.stringify(ref[key])})`);
  }
  return out;
}

/**
 * A field's operator object with its `$org` operands replaced: `number`
 * gives each operand's value (undefined: the comparison cannot hold).
 */
function replaceRefs(ops: Record<string, unknown>, number: (ref: OrgSettingRef, op: string, at: string) => number | undefined, at: string): { ops: Record<string, unknown>; never: boolean } {
  const out: Record<string, unknown> = {};
  let never = false;
  for (const [op, v] of Object.entries(ops)) {
    if (!isOrgSettingRef(v)) {
      out[op] = v;
      continue;
    }
    const n = number(v, op, `${at}/${op.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (n === undefined) never = true;
    else out[op] = n;
  }
  return { ops: out, never };
}

type RefNumber = (ref: OrgSettingRef, op: string, pointer: string) => number | undefined;

function walk(conditions: Conditions, decide: (name: string, value: unknown, pointer: string) => boolean | undefined, pointer: string, refNumber: RefNumber): Conditions {
  const out: Conditions = {};
  const extra: Conditions[] = [];
  for (const [key, value] of Object.entries(conditions)) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.startsWith(ORG_SETTING_PREFIX)) {
      const holds = decide(key.slice(ORG_SETTING_PREFIX.length), value, at);
      if (holds === false) extra.push(NEVER);
      continue;
    }
    if ((key === '$and' || key === '$or') && Array.isArray(value)) {
      out[key] = value.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) ? walk(v as Conditions, decide, `${at}/${i}`, refNumber) : v));
    } else if (key === '$not' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = walk(value as Conditions, decide, at, refNumber);
    } else if (isObject(value) && Object.values(value).some(isOrgSettingRef)) {
      const { ops, never } = replaceRefs(value, refNumber, at);
      if (never) extra.push(NEVER);
      else out[key] = ops;
    } else {
      out[key] = value;
    }
  }
  if (!extra.length) return out;
  return Object.keys(out).length ? { $and: [out, ...extra] } : extra[0];
}

/** Load-time check: each `$org.settings.<name>` has a name of the settings grammar and a true/false value; returns the conditions without them (for the ordinary checks). */
export function checkOrgSettingConditions(conditions: Conditions, file: string, pointer: string, problems: ManifestProblem[]): Conditions {
  return walk(conditions, (name, value, at) => {
    if (!ORG_SETTING_NAME_RE.test(name)) problems.push({ file, pointer: at, message: `"${name}" is not a setting name (lower case letters, digits and _)` });
    if (typeof value !== 'boolean') problems.push({ file, pointer: at, message: `an organization setting is on or off: compare it with true or false (got ${JSON.stringify(value)})` });
    return undefined;
  }, pointer, (ref, op, at) => {
    for (const message of refProblems(ref as unknown as Record<string, unknown>, op)) problems.push({ file, pointer: at, message });
    // The ordinary checks see a number in its place, so the field must be one that compares with numbers.
    return typeof ref.default === 'number' ? ref.default : 0;
  });
}

/** The conditions with each `$org.settings.<name>` decided, and each `{ "$org": … }` operand replaced, from the organization's settings (missing: off, no number). */
export function applyOrgSettings(conditions: Conditions, settings: OrgSettingValues): Conditions {
  return walk(conditions, (name, value) => (settings[name] === true) === (value === true), '', (ref) => orgSettingNumber(ref, settings));
}

/** Whether any `$org.settings.` key or `$org` operand appears (so the settings need to be read at all). */
export const mentionsOrgSettings = (conditions: unknown): boolean => {
  const text = JSON.stringify(conditions ?? {});
  return text.includes(`"${ORG_SETTING_PREFIX}`) || text.includes('"$org":');
};
