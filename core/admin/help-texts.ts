/**
 * Fields' help texts in the admin's form, in the page's language. AdminJS translates a property's
 * `description` as a message key (resources.<id>.messages.<key>), and i18next splits keys at "." and ":",
 * which help texts contain ("e.g. MATH-101", "Empty: never"): so the description is a plain key per field
 * and each language's text is that key's message (English where the manifest has no translation).
 */
import { helpIn } from '../manifest/error-texts.js';
import type { ResolvedEntity } from '../manifest/index.js';

/** The message key a field's description names. */
export const helpKey = (field: string): string => `help_${field}`;

/** The entity's help texts in `language`, by helpKey: what locale translations put under the resource's messages. */
export function helpTexts(entity: ResolvedEntity, language: string): Record<string, string> {
  return Object.fromEntries(entity.fields.flatMap((f) => (f.help ? [[helpKey(f.name), helpIn(entity, f.name, language) ?? f.help]] : [])));
}
