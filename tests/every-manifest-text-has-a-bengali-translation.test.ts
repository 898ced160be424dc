/**
 * Every text a manifest gives people to read has a Bengali translation (`translations.bn`): the module's label,
 * each entity's label and plural label, each field and its help text, each field error the manifest writes (a
 * check's, guard's or constraint's message, a balance's refusal), each enum value, each workflow action (transitions and their
 * reject actions), approval step and notification message, each dashboard card (and a table card's progress
 * heading), each report (and its description) and each role. A gap is listed as (module, entity, kind, key), so
 * the failure says what to add where.
 */
import { describe, expect, it } from '@jest/globals';
import { bengaliTranslations } from '../core/admin/locale-bn.js';
import { MESSAGES_EN } from '../core/admin/messages.js';
import { readdirSync } from 'node:fs';
import { manifestErrorTexts } from '../core/manifest/error-texts.js';
import { DEFAULT_MANIFEST_DIR, loadRegistry, type Registry, type ResolvedEntity } from '../core/manifest/index.js';

/**
 * The modules checked. This list must grow to every module in module-manifests/ (and core) as their translations
 * land; a module is added once its Bengali is complete, so from then on nothing new goes in untranslated.
 */
const CHECKED = ['core', ...readdirSync(DEFAULT_MANIFEST_DIR).filter((f) => f.endsWith('.json') && f !== 'system-types.json').map((f) => f.replace(/\.json$/, ''))];

const BENGALI = /[\u0980-\u09FF]/;

interface Gap {
  module: string;
  entity: string;
  kind: string;
  key: string;
}

/** What `module` shows in English only: each text without a Bengali translation (a translation must be in Bengali script). */
function bengaliGaps(registry: Pick<Registry, 'modules' | 'entities' | 'workflow'>, moduleId: string): Gap[] {
  const gaps: Gap[] = [];
  const has = (text: string | undefined): boolean => text !== undefined && BENGALI.test(text);
  const gap = (entity: string, kind: string, key: string, text: string | undefined): void => {
    if (!has(text)) gaps.push({ module: moduleId, entity, kind, key });
  };
  const m = registry.modules.find((x) => x.id === moduleId);
  if (!m) return [{ module: moduleId, entity: '', kind: 'module', key: 'no such module' }];
  gap('', 'module label', m.label, m.translations.bn?.label);
  for (const role of m.roles) gap('', 'role', role.name, role.translations.bn?.label);
  const entities: ResolvedEntity[] = registry.entities.filter((e) => e.module === moduleId);
  for (const e of entities) {
    const t = e.translations.bn;
    gap(e.name, 'label', e.label, t?.label);
    gap(e.name, 'pluralLabel', e.pluralLabel, t?.pluralLabel);
    for (const f of e.fields) {
      gap(e.name, 'field', f.name, t?.fields?.[f.name]);
      if (f.help) gap(e.name, 'help', f.name, t?.help?.[f.name]);
      if (f.type === 'enum') for (const v of f.values ?? []) gap(e.name, 'value', `${f.name}=${v}`, t?.values?.[f.name]?.[v]);
    }
    // The field errors the manifest writes itself (checks, guards, constraints, a balance's refusal), by their English.
    for (const text of manifestErrorTexts(e)) gap(e.name, 'field error', text, t?.errors?.[text]);
    const wf = registry.workflow(e.key);
    for (const tr of wf?.transitions ?? []) {
      gap(e.name, 'action', tr.name, t?.actions?.[tr.name]);
      const reject = tr.approval?.reject;
      if (reject) gap(e.name, 'action', reject.name, t?.actions?.[reject.name]);
      for (const step of tr.approval?.steps ?? []) gap(e.name, 'step', step.name, t?.steps?.[step.name]);
      if (tr.effects.message) gap(e.name, 'message', tr.name, t?.messages?.[tr.name]);
    }
  }
  for (const card of m.dashboard) {
    gap(card.entity, 'card', card.label, card.translations.bn?.label);
    if (card.table?.progress) gap(card.entity, 'card progress', card.table.progress.label, card.translations.bn?.progress);
  }
  for (const report of m.reports) {
    gap(report.entity, 'report', report.name, report.translations.bn?.label);
    if (report.description) gap(report.entity, 'report description', report.name, report.translations.bn?.description);
  }
  // A step named in several transitions is translated once (by step name): list it once.
  const seen = new Set<string>();
  return gaps.filter((g) => {
    const id = `${g.entity}|${g.kind}|${g.key}`;
    return !seen.has(id) && (seen.add(id), true);
  });
}

const registry = loadRegistry();

describe('every manifest text has a Bengali translation', () => {
  it.each(CHECKED)('%s: nothing is left in English only', (moduleId) => {
    expect(bengaliGaps(registry, moduleId)).toEqual([]);
  });

  it('a text without its translation is listed with its module, entity, kind and key', () => {
    // The institute's course without its translations, its first role without its own, its first card without its progress heading.
    const course = registry.entity('institute.course')!;
    const institute = registry.modules.find((m) => m.id === 'institute')!;
    const table = institute.dashboard.find((c) => c.table?.progress)!;
    const stripped = {
      ...registry,
      workflow: registry.workflow.bind(registry),
      entities: registry.entities.map((e) => (e === course ? { ...e, translations: {} } : e)),
      modules: registry.modules.map((m) =>
        m === institute
          ? { ...m, roles: m.roles.map((r, i) => (i === 0 ? { ...r, translations: {} } : r)), dashboard: m.dashboard.map((c) => (c === table ? { ...c, translations: { bn: { label: c.translations.bn!.label } } } : c)) }
          : m,
      ),
    };
    const gaps = bengaliGaps(stripped, 'institute');
    expect(gaps).toEqual(
      expect.arrayContaining([
        { module: 'institute', entity: 'course', kind: 'label', key: 'Course' },
        { module: 'institute', entity: 'course', kind: 'field', key: 'title' },
        { module: 'institute', entity: 'course', kind: 'value', key: 'status=DRAFT' },
        { module: 'institute', entity: 'course', kind: 'action', key: 'approve' },
        { module: 'institute', entity: 'course', kind: 'step', key: 'admin' },
        { module: 'institute', entity: '', kind: 'role', key: institute.roles[0].name },
        { module: 'institute', entity: table.entity, kind: 'card progress', key: table.table!.progress!.label },
      ]),
    );
    // Only what was taken away.
    expect(gaps.every((g) => g.entity === 'course' || g.kind === 'role' || g.kind === 'card progress')).toBe(true);
  });

  it("a help text or a field error without its Bengali is listed too", () => {
    // The course's Bengali without its help texts; the session's without its field errors (both are in the manifests).
    const course = registry.entity('institute.course')!;
    const booking = registry.entities.find((e) => manifestErrorTexts(e).length > 0 && e.module === 'gym')!;
    const strip = (e: ResolvedEntity, key: 'help' | 'errors'): ResolvedEntity => ({ ...e, translations: { bn: { ...e.translations.bn, [key]: undefined } } });
    const stripped = { ...registry, workflow: registry.workflow.bind(registry), entities: registry.entities.map((e) => (e === course ? strip(e, 'help') : e === booking ? strip(e, 'errors') : e)) };
    expect(bengaliGaps(stripped, 'institute')).toEqual(course.fields.filter((f) => f.help).map((f) => ({ module: 'institute', entity: 'course', kind: 'help', key: f.name })));
    expect(bengaliGaps(stripped, 'gym')).toEqual(manifestErrorTexts(booking).map((text) => ({ module: 'gym', entity: booking.name, kind: 'field error', key: text })));
  });

  it("every UMS wording of AdminJS's messages (core/admin/messages.ts) has a Bengali one", () => {
    const bn = (bengaliTranslations(registry) as unknown as { messages: Record<string, string> }).messages;
    // seeConsoleForMore is emptied on purpose (it speaks to developers) in both languages.
    const missing = Object.entries(MESSAGES_EN).filter(([key, english]) => english !== '' && !BENGALI.test(bn[key] ?? '')).map(([key]) => key);
    expect(missing).toEqual([]);
  });
});
