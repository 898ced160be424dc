/**
 * What a declared view shows, read as the signed-in user through their RecordService (their rules,
 * their organization, row-level security): a calendar's records in the visible window only (one range
 * query on the span's index) with their lanes, or a board's columns and cards. References are shown by
 * their titles, looked up through the same service (a target the user may not read shows no title).
 */
import { classNameOf } from '../data/entity-schemas.js';
import type { RecordData, RecordService } from '../data/records.js';
import { forbidden, UmsError } from '../errors.js';
import { entityNoun, enumLabels, isUuid, type Registry, type ResolvedCalendarView, type ResolvedEntity, type ResolvedField, type ResolvedKanbanView, type ResolvedView } from '../manifest/index.js';
import { isCalendarDate, isDateTimeText } from '../manifest/validation.js';
import { formatDateTime } from './formatting.js';

/** The longest window a calendar reads at once: a month view with the days around it, or a quarter's tape chart. */
export const MAX_WINDOW_DAYS = 100;
/** Records one calendar window or one board shows; beyond it the answer says `truncated`. */
export const MAX_ITEMS = 2000;

const DAY_MS = 86_400_000;

export interface ViewSummary {
  key: string;
  kind: ResolvedView['kind'];
  label: string;
  resourceId: string;
  entityLabel: string;
  /** Where the new-record form is (with query params it reads), when the user may create records; else null. */
  newHref: string | null;
  recordHref: string;
}

export interface CalendarData extends ViewSummary {
  kind: 'calendar';
  from: string;
  to: string;
  /** 'date': whole days, `end` exclusive; 'datetime': instants. */
  unit: 'date' | 'datetime';
  start: string;
  end: string;
  lane: { field: string; label: string } | null;
  lanes: { id: string | null; title: string }[];
  items: { id: string; title: string; start: string | null; end: string | null; lane: string | null; color: string; colorLabel: string }[];
  truncated: boolean;
}

export interface KanbanData extends ViewSummary {
  kind: 'kanban';
  column: { field: string; label: string; mode: 'workflow' | 'update' };
  columns: { value: string | null; label: string; color: string }[];
  swimlane: { field: string; label: string } | null;
  swimlanes: { value: string | null; label: string }[];
  cards: { id: string; version: number; title: string; column: string | null; swimlane: string | null; fields: { label: string; text: string }[] }[];
  /** Workflow boards: the moves a drag may make; the server decides each one again. */
  transitions: { name: string; label: string; from: string[]; to: string; who: string }[];
  /** Update boards: whether the user may update records at all (the server decides each record). */
  canUpdate: boolean;
  truncated: boolean;
  /** Boards narrowed to one record of a reference (a project): the choices and the one shown (null: all). */
  scope?: { field: string; label: string; options: { value: string; label: string }[]; selected: string | null };
}

function summary(records: RecordService, view: ResolvedView, entity: ResolvedEntity, root: string, language?: string): ViewSummary {
  const resourceId = classNameOf(entity);
  return {
    key: view.key,
    kind: view.kind,
    // The screen's title in the reader's language where the manifest gives one (`translations.bn.label`), else as written.
    label: (language && view.translations[language]?.label) || view.label,
    resourceId,
    entityLabel: entity.label,
    newHref: records.canOnType('create', entity.key) ? `${root}/resources/${resourceId}/actions/new` : null,
    recordHref: `${root}/resources/${resourceId}/records`,
  };
}

/** The view named `key` (`module.name`) that this user may open; a 400 naming the views otherwise. */
export function findView(registry: Registry, records: RecordService, key: unknown): { view: ResolvedView; entity: ResolvedEntity } {
  const views = registry.modules.flatMap((m) => m.views);
  const view = typeof key === 'string' ? views.find((v) => v.key === key) : undefined;
  const openable = views.filter((v) => records.canOnType('read', v.entity));
  if (!view) {
    const known = openable.map((v) => v.key).join(', ') || 'none for your roles';
    throw new UmsError('BAD_REQUEST', `${typeof key === 'string' && key ? `There is no view "${key.slice(0, 100)}"` : 'Say which view: ?view=<module>.<name>'} (views: ${known}).`, { field: 'view' });
  }
  const entity = registry.entity(view.entity)!;
  if (!records.canOnType('read', entity.key)) throw forbidden({ text: 'You may not read {entities}, so the view "{view}" is not yours to open.', vars: { entities: entityNoun(entity, true), view: view.label } }, { entity: entity.key });
  return { view, entity };
}

/** Titles of the records `ids` of a reference's target that the user may read (others are left out). */
async function titlesOf(records: RecordService, f: ResolvedField, ids: Iterable<unknown>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((v): v is string => typeof v === 'string'))];
  if (!f.target || !wanted.length || !records.canOnType('read', f.target)) return new Map();
  const target = records.entity(f.target);
  const out = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 1000) {
    for (const r of await records.getMany(target.key, wanted.slice(i, i + 1000))) out.set(String(r.id), String(r[target.titleField] ?? ''));
  }
  return out;
}

/** A value as text for a card: enum labels, reference titles, dates and times in the organization's zone. */
function textOf(registry: Registry, entity: ResolvedEntity, f: ResolvedField, value: unknown, titles: Map<string, string>, timeZone: string | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  switch (f.type) {
    case 'reference':
      return titles.get(String(value)) ?? '';
    case 'enum':
      return enumLabels(registry, entity, f).get(String(value))?.label ?? String(value);
    case 'boolean':
      return value ? 'Yes' : 'No';
    case 'datetime':
      return formatDateTime(value, timeZone);
    case 'date':
      return String(value).slice(0, 10);
    case 'money':
      return Number(value).toFixed(2);
    case 'json':
      return JSON.stringify(value).slice(0, 80);
    default:
      return String(value).slice(0, 200);
  }
}

async function referenceTitles(records: RecordService, entity: ResolvedEntity, fields: string[], rows: RecordData[]): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const name of new Set(fields)) {
    const f = entity.field.get(name);
    if (f?.type === 'reference') out.set(name, await titlesOf(records, f, rows.map((r) => r[name])));
  }
  return out;
}

/**
 * The card's lists (a reverse reference such as an item's assignees): per card, the titles of the referencing
 * records the viewer may read, by their other reference when they are a link (the users' names), sorted.
 */
async function cardLists(records: RecordService, view: ResolvedKanbanView, rows: RecordData[]): Promise<Map<string, Map<string, string[]>>> {
  const out = new Map<string, Map<string, string[]>>();
  const ids = rows.map((r) => String(r.id));
  for (const [name, list] of Object.entries(view.cardLists)) {
    const byCard = new Map<string, string[]>();
    out.set(name, byCard);
    if (!ids.length || !records.canOnType('read', list.child)) continue;
    const child = records.entity(list.child);
    const links: RecordData[] = [];
    for (let i = 0; i < ids.length; i += 1000) links.push(...(await records.find(child.key, { filters: [{ field: list.parent, op: 'in', value: ids.slice(i, i + 1000) }], limit: 10_000 })));
    const via = list.via ? child.field.get(list.via) : undefined;
    const names = via ? await titlesOf(records, via, links.map((l) => l[via.name])) : undefined;
    for (const l of links) {
      const text = names ? names.get(String(l[via!.name])) : String(l[child.titleField] ?? '');
      if (!text) continue;
      const card = String(l[list.parent]);
      byCard.set(card, [...(byCard.get(card) ?? []), text].sort((a, b) => a.localeCompare(b)));
    }
  }
  return out;
}

const PALETTE = ['blue', 'green', 'amber', 'purple', 'red', 'grey'];

/** An enum's labels and colours; values without a declared colour (field `colors` or a state's `color`) get distinct ones, so records differ on a calendar. */
function withPalette(registry: Registry, entity: ResolvedEntity, f: ResolvedField): Map<string, { label: string; color: string }> {
  const labels = enumLabels(registry, entity, f);
  const states = registry.workflow(entity.key)?.field === f.name ? registry.workflow(entity.key)!.states : undefined;
  return new Map([...labels].map(([value, l], i) => [value, { label: l.label, color: f.colors?.[value] ?? states?.get(value)?.color ?? PALETTE[i % PALETTE.length] }]));
}

function checkedWindow(unit: 'date' | 'datetime', from: unknown, to: unknown): { from: string; to: string } {
  const valid = unit === 'date' ? isCalendarDate : isDateTimeText;
  const expected = unit === 'date' ? 'a date (YYYY-MM-DD)' : 'a date and time (ISO 8601, e.g. 2026-12-01T00:00:00Z)';
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (typeof v !== 'string' || !v) throw new UmsError('BAD_REQUEST', `The window needs "${name}": ${expected}.`, { field: name });
    if (!valid(v)) throw new UmsError('BAD_REQUEST', `"${name}" must be ${expected}; "${v.slice(0, 40)}" is not.`, { field: name });
  }
  const [a, b] = [Date.parse(String(from)), Date.parse(String(to))];
  if (!(b > a)) throw new UmsError('BAD_REQUEST', `"to" (${String(to)}) must be after "from" (${String(from)}).`, { field: 'to' });
  if (b - a > MAX_WINDOW_DAYS * DAY_MS) throw new UmsError('BAD_REQUEST', `A calendar window is at most ${MAX_WINDOW_DAYS} days; ${String(from)} to ${String(to)} is ${Math.ceil((b - a) / DAY_MS)}.`, { field: 'to' });
  return { from: String(from), to: String(to) };
}

export async function calendarData(
  records: RecordService,
  registry: Registry,
  view: ResolvedCalendarView,
  entity: ResolvedEntity,
  window: { from: unknown; to: unknown },
  options: { root: string; timeZone?: string; language?: string },
): Promise<CalendarData> {
  const unit = entity.field.get(view.start)!.type === 'date' ? 'date' : 'datetime';
  const { from, to } = checkedWindow(unit, window.from, window.to);
  // The window only: records whose span overlaps [from, to), a page at a time through the user's rules.
  const rows: RecordData[] = [];
  let truncated = false;
  for await (const page of records.findPages(entity.key, { overlaps: { start: view.start, end: view.end, from, to }, sort: { field: view.start, direction: 'asc' } }, MAX_ITEMS + 1)) {
    rows.push(...page);
    if (rows.length > MAX_ITEMS) {
      truncated = true;
      rows.length = MAX_ITEMS;
      break;
    }
  }
  const titleField = entity.field.get(view.title);
  const titles = await referenceTitles(records, entity, [view.title], rows);
  const colorField = view.color ? entity.field.get(view.color) : undefined;
  const colors = colorField ? withPalette(registry, entity, colorField) : undefined;
  const laneField = view.lane ? entity.field.get(view.lane) : undefined;
  let lanes: CalendarData['lanes'] = [];
  if (laneField?.target && records.canOnType('read', laneField.target)) {
    // Every lane the user may see, also the empty ones (free rooms are what a tape chart is for).
    const target = records.entity(laneField.target);
    const found = await records.find(target.key, { sort: target.sort, limit: 1000 });
    lanes = found.map((r) => ({ id: String(r.id), title: String(r[target.titleField] ?? '') }));
  }
  if (laneField && rows.some((r) => r[laneField.name] === null || r[laneField.name] === undefined)) lanes.push({ id: null, title: `No ${laneField.label.toLowerCase()}` });
  const items = rows.map((r) => {
    const value = r[view.color ?? ''];
    const shown = titleField ? textOf(registry, entity, titleField, r[view.title], titles.get(view.title) ?? new Map(), options.timeZone) : '';
    return {
      id: String(r.id),
      title: shown || String(r[entity.titleField] ?? r.id),
      start: (r[view.start] as string | null) ?? null,
      end: view.end === view.start ? null : ((r[view.end] as string | null) ?? null),
      lane: laneField ? ((r[laneField.name] as string | null) ?? null) : null,
      color: colors?.get(String(value))?.color ?? 'blue',
      colorLabel: colors?.get(String(value))?.label ?? '',
    };
  });
  return {
    ...summary(records, view, entity, options.root, options.language),
    kind: 'calendar',
    from,
    to,
    unit,
    start: view.start,
    end: view.end,
    lane: laneField ? { field: laneField.name, label: laneField.label } : null,
    lanes,
    items,
    truncated,
  };
}

/** The columns (or swimlanes) a field gives: a workflow's states or an enum's values in order, a reference's readable records. */
async function valuesOf(records: RecordService, registry: Registry, entity: ResolvedEntity, f: ResolvedField): Promise<{ value: string | null; label: string; color: string }[]> {
  if (f.type === 'enum') return [...enumLabels(registry, entity, f)].map(([value, l]) => ({ value, label: l.label, color: l.color }));
  if (f.type === 'boolean') return [{ value: 'true', label: 'Yes', color: 'green' }, { value: 'false', label: 'No', color: 'grey' }];
  if (!f.target || !records.canOnType('read', f.target)) return [];
  const target = records.entity(f.target);
  return (await records.find(target.key, { sort: target.sort, limit: 200 })).map((r) => ({ value: String(r.id), label: String(r[target.titleField] ?? ''), color: 'grey' }));
}

const keyOf = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export async function kanbanData(records: RecordService, registry: Registry, view: ResolvedKanbanView, entity: ResolvedEntity, options: { root: string; timeZone?: string; language?: string; scope?: string }): Promise<KanbanData> {
  const columnField = entity.field.get(view.column)!;
  const laneField = view.swimlane ? entity.field.get(view.swimlane) : undefined;
  const scopeField = view.scope ? entity.field.get(view.scope) : undefined;
  if (options.scope !== undefined && !scopeField) throw new UmsError('BAD_REQUEST', `"${view.label}" is not narrowed by a record: it takes no scope.`, { field: 'scope' });
  if (options.scope !== undefined && !isUuid(options.scope)) throw new UmsError('BAD_REQUEST', `scope: "${String(options.scope).slice(0, 40)}" is not a record id.`, { field: 'scope' });
  const scopeOptions = scopeField ? (await valuesOf(records, registry, entity, scopeField)).map(({ value, label }) => ({ value: String(value), label })) : [];
  // A scope the viewer cannot read shows nothing (missing and not allowed look the same).
  const selected = options.scope ?? null;
  const filters = scopeField && selected ? [{ field: scopeField.name, op: 'eq' as const, value: selected }] : [];
  const rows = await records.find(entity.key, { filters, sort: entity.sort, limit: 1000 });
  const truncated = rows.length === 1000;
  const titles = await referenceTitles(records, entity, [...view.card, entity.titleField], rows);
  const lists = await cardLists(records, view, rows);
  let columns = await valuesOf(records, registry, entity, columnField);
  // Reference columns that belong to a scope record themselves (a project's states): only the chosen one's.
  const columnTarget = columnField.target ? registry.entity(columnField.target) : undefined;
  const ownScope = scopeField && columnTarget?.field.get(scopeField.name);
  if (selected && ownScope?.type === 'reference' && ownScope.target === scopeField!.target) {
    const mine = new Set((await records.find(columnTarget!.key, { filters: [{ field: ownScope.name, op: 'eq', value: selected }], limit: 200 })).map((r) => String(r.id)));
    columns = columns.filter((c) => c.value !== null && mine.has(c.value));
  }
  const none = (label: string) => ({ value: null, label: `No ${label.toLowerCase()}`, color: 'grey' });
  if (rows.some((r) => keyOf(r[columnField.name]) === null)) columns.push(none(columnField.label));
  const swimlanes = laneField ? (await valuesOf(records, registry, entity, laneField)).map(({ value, label }) => ({ value, label })) : [];
  if (laneField && rows.some((r) => keyOf(r[laneField.name]) === null)) swimlanes.push({ value: null, label: `No ${laneField.label.toLowerCase()}` });
  const wf = view.columns === 'workflow' ? registry.workflow(entity.key) : undefined;
  const roleLabel = (key: string): string => registry.roles.get(key)?.displayLabel ?? key;
  return {
    ...summary(records, view, entity, options.root, options.language),
    kind: 'kanban',
    column: { field: columnField.name, label: columnField.label, mode: wf ? 'workflow' : 'update' },
    columns,
    swimlane: laneField ? { field: laneField.name, label: laneField.label } : null,
    swimlanes,
    cards: rows.map((r) => ({
      id: String(r.id),
      version: Number(r.version),
      title: String(r[entity.titleField] ?? r.id),
      column: keyOf(r[columnField.name]),
      swimlane: laneField ? keyOf(r[laneField.name]) : null,
      fields: view.card
        .filter((name) => name in r || view.cardLists[name])
        .map((name) => {
          const list = view.cardLists[name];
          if (list) return { label: list.label, text: (lists.get(name)?.get(String(r.id)) ?? []).join(', ') };
          const f = entity.field.get(name)!;
          return { label: f.label, text: textOf(registry, entity, f, r[name], titles.get(name) ?? new Map(), options.timeZone) };
        })
        .filter((x) => x.text !== ''),
    })),
    transitions: (wf?.transitions ?? [])
      .filter((t) => t.by)
      .map((t) => ({ name: t.name, label: t.label, from: t.from, to: t.to, who: [...t.by!.roles.map(roleLabel), ...t.by!.relations].join(', ') })),
    canUpdate: !wf && records.canOnType('update', entity.key),
    truncated,
    scope: scopeField ? { field: scopeField.name, label: scopeField.label, options: scopeOptions, selected } : undefined,
  };
}
