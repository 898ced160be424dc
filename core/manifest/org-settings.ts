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
 */
import type { ManifestProblem } from '../errors.js';

export const ORG_SETTING_PREFIX = '$org.settings.';
export const ORG_SETTING_NAME_RE = /^[a-z][a-z0-9_]{0,62}$/;

/** Never true: NOT of the empty conjunction (TRUE). */
const NEVER = { $not: {} };

type Conditions = Record<string, unknown>;

function walk(conditions: Conditions, decide: (name: string, value: unknown, pointer: string) => boolean | undefined, pointer: string): Conditions {
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
      out[key] = value.map((v, i) => (v && typeof v === 'object' && !Array.isArray(v) ? walk(v as Conditions, decide, `${at}/${i}`) : v));
    } else if (key === '$not' && value && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = walk(value as Conditions, decide, at);
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
  }, pointer);
}

/** The conditions with each `$org.settings.<name>` decided from the organization's settings (missing: off). */
export function applyOrgSettings(conditions: Conditions, settings: Readonly<Record<string, boolean>>): Conditions {
  return walk(conditions, (name, value) => (settings[name] === true) === (value === true), '');
}

/** Whether any `$org.settings.` key appears (so the settings need to be read at all). */
export const mentionsOrgSettings = (conditions: unknown): boolean => JSON.stringify(conditions ?? {}).includes(`"${ORG_SETTING_PREFIX}`);
