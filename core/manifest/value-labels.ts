/**
 * How an enum value is named and coloured wherever people read it (list badges, XLSX exports):
 * a workflow state's label and colour, else the field's `colors` and the value in words.
 */
import { snakeToLabel, type Registry, type ResolvedEntity, type ResolvedField } from './model.js';

export interface ValueLabel {
  label: string;
  color: string;
}

/** `language` other than English: the manifest's `translations.<language>.values` first, English where it has none. */
export function enumLabels(registry: Pick<Registry, 'workflow'>, entity: ResolvedEntity, field: ResolvedField, language = 'en'): Map<string, ValueLabel> {
  const wf = registry.workflow(entity.key);
  const states = wf && wf.field === field.name ? wf.states : undefined;
  const translated = language === 'en' ? undefined : entity.translations[language]?.values?.[field.name];
  return new Map(
    (field.values ?? []).map((value) => {
      const state = states?.get(value);
      return [value, { label: translated?.[value] ?? state?.label ?? snakeToLabel(value.toLowerCase()), color: state?.color ?? field.colors?.[value] ?? 'grey' }];
    }),
  );
}

/**
 * An entity named inside a sentence, in every language its manifest translates (core/errors.ts `Words`):
 * English lower-cased ("this course"), other languages as written (they have no case).
 */
export function entityNoun(entity: ResolvedEntity, plural = false): Record<string, string> {
  const out: Record<string, string> = { en: (plural ? entity.pluralLabel : entity.label).toLowerCase() };
  for (const [lang, t] of Object.entries(entity.translations)) {
    const label = plural ? (t.pluralLabel ?? t.label) : t.label;
    if (label) out[lang] = label;
  }
  return out;
}

/** An action of the entity (a record action or workflow action, by name) in every language the manifest translates; English lower-cased. */
export function actionNoun(entity: ResolvedEntity, action: { name: string; label: string }): Record<string, string> {
  const out: Record<string, string> = { en: action.label.toLowerCase() };
  for (const [lang, t] of Object.entries(entity.translations)) if (t.actions?.[action.name]) out[lang] = t.actions[action.name];
  return out;
}

/** A field named inside a sentence, in every language its entity translates (English lower-cased unless it starts the sentence). */
export function fieldNoun(entity: ResolvedEntity, name: string, startsSentence = false): Record<string, string> {
  const label = entity.field.get(name)?.label ?? name;
  const out: Record<string, string> = { en: startsSentence ? label : label.toLowerCase() };
  for (const [lang, t] of Object.entries(entity.translations)) if (t.fields?.[name]) out[lang] = t.fields[name];
  return out;
}

/** Several parts as one, each language joining its parts with its own word for "and" ("title and code"; English where a part has no translation). */
export function joinedNouns(parts: Record<string, string>[], and: Record<string, string>): Record<string, string> {
  const languages = new Set(parts.flatMap((p) => Object.keys(p)));
  return Object.fromEntries([...languages].map((lang) => [lang, parts.map((p) => p[lang] ?? p.en).join(and[lang] ?? and.en)]));
}
