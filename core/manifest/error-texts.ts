/**
 * The field errors a manifest writes itself (a check's, guard's, noOverlap's, uniqueWhen's or capacity's
 * `message`, a balance's `refusal`) and their help texts, in the languages the manifest translates them
 * into (`translations.<lang>.errors` by English text, `translations.<lang>.help` by field name). A key that
 * matches nothing, or a placeholder the English never fills, is a typo that would stay English or show
 * `{x}` to the reader: refused at load.
 */
import type { ManifestProblem } from '../errors.js';
import { say } from '../words.js';
import { DEFAULT_CHECK_MESSAGE } from './constraint-types.js';
import { LANGUAGES } from './languages.js';
import type { ResolvedEntity, ResolvedModule } from './model.js';

/** Every field error the entity's manifest wrote, in English (UMS's default sentences are core/words.ts's). */
export function manifestErrorTexts(entity: ResolvedEntity): string[] {
  const c = entity.constraints;
  const texts = [
    ...(c?.checks ?? []).map((x) => x.message).filter((m) => m !== DEFAULT_CHECK_MESSAGE),
    ...(c?.noOverlap ?? []).map((x) => x.message),
    ...(c?.uniqueWhen ?? []).map((x) => x.message),
    ...(c?.capacity ?? []).map((x) => x.message),
    ...(entity.guards ?? []).map((g) => g.message),
    entity.balance?.refusal,
  ];
  return [...new Set(texts.filter((t): t is string => t !== undefined))];
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

/** translations.<lang>.errors and .help of each entity of `m` name what is there and fill only what the English fills. */
export function checkErrorTranslations(m: ResolvedModule, problems: ManifestProblem[]): void {
  for (const entity of m.entities) {
    const texts = new Set(manifestErrorTexts(entity));
    for (const [lang, t] of Object.entries(entity.translations)) {
      const at = `${entity.pointer}/translations/${lang}`;
      for (const [english, translated] of Object.entries(t.errors ?? {})) {
        if (!texts.has(english)) problems.push({ file: m.file, pointer: `${at}/errors`, message: `"${english}" is no message of ${entity.key}'s checks, guards, constraints or balance refusal` });
        const unknown = placeholders(translated).filter((p) => !placeholders(english).includes(p));
        if (unknown.length) problems.push({ file: m.file, pointer: `${at}/errors`, message: `the ${lang} text of "${english}" has {${unknown.join('}, {')}}, which the English does not fill in` });
      }
      for (const name of Object.keys(t.help ?? {})) {
        if (!entity.field.get(name)?.help) problems.push({ file: m.file, pointer: `${at}/help/${name}`, message: `"${name}" is no field of ${entity.key} with a help text` });
      }
    }
  }
}

/**
 * `english` (a field error the manifest wrote, or UMS's default) in each language the entity translates it
 * into, else UMS's dictionary, else English; `fill` puts in the values ({taken}, {quantity}…).
 */
export function sentenceInLanguages(entity: ResolvedEntity, english: string, fill: (template: string) => string = (t) => t): Record<string, string> & { en: string } {
  const out: Record<string, string> & { en: string } = { en: fill(english) };
  for (const [lang, t] of Object.entries(entity.translations)) {
    const template = t.errors?.[english] ?? say(english, lang);
    if (template !== english) out[lang] = fill(template);
  }
  return out;
}

/** A field's help text in `language` (the manifest's translations.<language>.help), English where it has none. */
export function helpIn(entity: ResolvedEntity, field: string, language: string): string | undefined {
  const english = entity.field.get(field)?.help;
  return english === undefined || language === 'en' ? english : (entity.translations[language]?.help?.[field] ?? english);
}

/** One of UMS's own words (core/words.ts) in every language UMS has: a part of a sentence said in the reader's language. */
export function inEveryLanguage(english: string): Record<string, string> & { en: string } {
  return { ...Object.fromEntries(LANGUAGES.map((lang) => [lang, say(english, lang)])), en: english };
}
