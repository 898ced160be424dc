/**
 * Role names are per module. A module role's key is `<module>.<role>`
 * (`library.member` and `gym.member` are two roles); the core module's roles
 * (`admin`, the organization admin) keep their bare names: every organization
 * has them and every manifest may grant rules to them. Inside its manifest a
 * module names its own roles bare, a dependency's qualified and core's bare;
 * the loader resolves every reference to a key once, so nothing downstream
 * needs to know the rule.
 */
import { CORE_MODULE_ID } from './model.js';

export interface ResolvedRole {
  /** `<module>.<role>`, or the bare name for core's roles. */
  key: string;
  /** The name as the manifest declares it. */
  name: string;
  module: string;
  label: string;
  /** The label with its module's, where roles of several modules are listed: "Member (Library)". */
  displayLabel: string;
  /** The display label in other languages (the role's and its module's `translations.<lang>.label`, each English where missing), by language code. */
  displayLabels: Record<string, string>;
  /** The role's own label in other languages (manifest `translations`), by language code; {} when none. */
  translations: Record<string, { label: string }>;
  description?: string;
  /** The key it had before a declared rename (manifest `renamedFrom`). */
  renamedFrom?: string;
}

export const roleKey = (module: string, name: string): string => (module === CORE_MODULE_ID ? name : `${module}.${name}`);

export const roleDisplayLabel = (label: string, module: string, moduleLabel: string): string => (module === CORE_MODULE_ID ? label : `${label} (${moduleLabel})`);

/**
 * The display label in every language either the role or its module translates: "শিক্ষক (শিক্ষাপ্রতিষ্ঠান)"; a part
 * without a translation stays English, so a role is never shown without a name.
 */
export function roleDisplayLabels(label: string, translations: Record<string, { label: string }>, module: string, moduleLabel: string, moduleTranslations: Record<string, { label: string }>): Record<string, string> {
  const languages = new Set([...Object.keys(translations), ...Object.keys(moduleTranslations)]);
  return Object.fromEntries([...languages].map((lang) => [lang, roleDisplayLabel(translations[lang]?.label ?? label, module, moduleTranslations[lang]?.label ?? moduleLabel)]));
}

/**
 * How a role key is shown to a reader of `language`: a built-in role's display label in that language (English where
 * it has none), anything else (a custom role, "relation") as it is.
 */
export function roleLabelIn(roles: ReadonlyMap<string, ResolvedRole>, key: string, language: string | undefined): string {
  const role = roles.get(key);
  if (!role) return key;
  return (language && language !== 'en' ? role.displayLabels[language] : undefined) ?? role.displayLabel;
}

/**
 * The key a manifest's role reference means, or a message saying why it means none:
 * a bare name is the module's own role or else a core role; a qualified one must be
 * declared by a module in `visible` (the module itself, its dependencies, core).
 */
export function resolveRoleRef(ref: string, moduleId: string, roles: ReadonlyMap<string, ResolvedRole>, visible: ReadonlySet<string>): { key: string } | { message: string } {
  if (!ref.includes('.')) {
    const own = roleKey(moduleId, ref);
    if (roles.has(own)) return { key: own };
    if (roles.get(ref)?.module === CORE_MODULE_ID) return { key: ref };
    return { message: `unknown role "${ref}" (declare it under "roles"; a role of another module is named "<module>.${ref}")` };
  }
  const [module] = ref.split('.');
  const role = roles.get(ref);
  if (!role) return { message: `unknown role "${ref}"` };
  if (!visible.has(module)) return { message: `role "${ref}" belongs to module "${module}", which is not in dependsOn` };
  return { key: ref };
}

/**
 * What an operator typed (`user:create --roles`, an override) as a role key:
 * a key as it is, or a bare name that exactly one module declares (or exactly
 * one of the organization's enabled modules, `inOrganization`). An ambiguous
 * bare name is refused with the candidates. `exists` says whether a role row of
 * that exact name exists (custom roles keep their bare names and win).
 */
export function roleFromInput(
  input: string,
  roles: ReadonlyMap<string, ResolvedRole>,
  exists: (name: string) => boolean,
  inOrganization?: (role: ResolvedRole) => boolean,
): { key: string } | { message: string } {
  if (exists(input) || roles.has(input)) return { key: input };
  if (input.includes('.')) return { message: `unknown role "${input}"` };
  const all = [...roles.values()].filter((r) => r.name === input);
  // Two modules may both declare a "manager": the organization's enabled modules decide when only one of them is there.
  const enabled = inOrganization ? all.filter(inOrganization) : [];
  const candidates = (enabled.length ? enabled : all).map((r) => r.key);
  if (candidates.length === 1) return { key: candidates[0] };
  if (candidates.length > 1) return { message: `role "${input}" is ambiguous: ${candidates.join(', ')}` };
  return { message: `unknown role "${input}"` };
}
