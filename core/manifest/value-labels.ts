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
