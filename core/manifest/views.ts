/**
 * Declared views (manifest `views`): a calendar over an entity's date or date-time span, or a kanban
 * board over an enum, workflow state or reference field. Resolved once at load with every default
 * filled; every mistake is a file#pointer problem. A calendar also records its span on the entity
 * (`spans`), so the schema gets a range index for the window query (core/data/constraints/span-indexes.ts).
 */
import type { ManifestProblem } from '../errors.js';
import type { View } from './manifest.types.js';
import type { ResolvedEntity, ResolvedField, ResolvedModule } from './model.js';
import { lookupEntity } from './entities.js';
import { reverseReference } from './paths.js';

interface ResolvedViewBase {
  /** `module.name`. */
  key: string;
  module: string;
  name: string;
  label: string;
  /** The title in other languages (manifest `translations`), by language code; {} when none. */
  translations: Record<string, { label: string }>;
  /** Entity key. */
  entity: string;
  file: string;
  pointer: string;
}

export interface ResolvedCalendarView extends ResolvedViewBase {
  kind: 'calendar';
  start: string;
  /** The field where the span ends (exclusive); the start field itself when none is declared (bounds `[]`: one day, one instant). */
  end: string;
  bounds: '[)' | '[]';
  /** A reference field: its target's records are the lanes. */
  lane?: string;
  /** What each record shows: a field (a reference shows its target's title). */
  title: string;
  /** An enum field (a workflow's state field included) whose value colours the record. */
  color?: string;
}

export interface ResolvedKanbanView extends ResolvedViewBase {
  kind: 'kanban';
  column: string;
  /** Where the columns come from: the workflow's states (transitions move cards), the enum's values, or the target's records. */
  columns: 'workflow' | 'enum' | 'reference';
  card: string[];
  /**
   * Card entries that name a reverse reference (to-many, a reference's `inverse`) rather than a field: the card
   * lists the referencing records, by the title of their other reference when they are a link (an item's assignees
   * by the users' names), else by their own title.
   */
  cardLists: Record<string, { label: string; child: string; parent: string; via?: string }>;
  swimlane?: string;
  /** A reference field: the page picks one of its target's records and the board shows that one's records. */
  scope?: string;
}

export type ResolvedView = ResolvedCalendarView | ResolvedKanbanView;

/** The span a calendar reads by: the range index and the overlap query are built from it. */
export interface EntitySpan {
  start: string;
  end: string;
  bounds: '[)' | '[]';
}

/** "a string field", "an enum field". */
const kindOf = (f: ResolvedField): string => `${/^[aeiou]/.test(f.type) ? 'an' : 'a'} ${f.type} field`;

const CALENDAR_KEYS = ['start', 'end', 'lane', 'title', 'color'] as const;
const KANBAN_KEYS = ['column', 'card', 'swimlane', 'scope'] as const;

interface Context {
  module: ResolvedModule;
  entities: Map<string, ResolvedEntity>;
  visible: Set<string>;
  /** The state field of the entity's workflow, if it has one (workflows are resolved before views). */
  workflowField(entityKey: string): string | undefined;
  problems: ManifestProblem[];
}

export function resolveViews(ctx: Context): ResolvedView[] {
  const { module, problems } = ctx;
  const file = module.file;
  const names = new Set<string>();
  const out: ResolvedView[] = [];
  (module.manifest.views ?? []).forEach((v: View, i) => {
    const pointer = `/views/${i}`;
    const problem = (at: string, message: string): void => void problems.push({ file, pointer: `${pointer}${at}`, message });
    const entity = lookupEntity(v.entity, module.id, ctx.entities, ctx.visible);
    if (!entity) {
      problem('/entity', `unknown entity "${v.entity}"${v.entity.includes('.') ? ' (a module.entity needs the module in dependsOn)' : ''}`);
      return;
    }
    const name = v.name ?? `${entity.name}_${v.kind === 'calendar' ? 'calendar' : 'board'}`;
    if (names.has(name)) problem(v.name ? '/name' : '', `duplicate view name "${name}"${v.name ? '' : ' (the default for this entity and kind: give each view a "name")'}`);
    names.add(name);
    const misplaced = v.kind === 'calendar' ? KANBAN_KEYS : CALENDAR_KEYS;
    for (const key of misplaced) {
      if (v[key] !== undefined) problem(`/${key}`, `"${key}" is a ${v.kind === 'calendar' ? 'kanban' : 'calendar'} setting; a ${v.kind} takes ${(v.kind === 'calendar' ? CALENDAR_KEYS : KANBAN_KEYS).join(', ')}`);
    }
    const field = (key: string, at: string): ResolvedField | undefined => {
      const f = entity.field.get(key);
      if (!f) problem(at, `unknown field "${key}" of ${entity.label} (${entity.fields.map((x) => x.name).join(', ')})`);
      else if (f.type === 'password') problem(at, `"${key}" is a password field and is never shown`);
      else return f;
      return undefined;
    };
    // A translation of the made-up default ("Reservations calendar") would silently outlive a later `label`: translate only a declared one.
    if (v.translations && v.label === undefined) problem('/translations', 'translates a label the view does not declare; give the view a "label" first');
    const base = {
      key: `${module.id}.${name}`,
      translations: v.label === undefined ? {} : (v.translations ?? {}),
      module: module.id,
      name,
      entity: entity.key,
      file,
      pointer,
    };
    if (v.kind === 'calendar') {
      if (v.start === undefined) problem('', 'a calendar needs "start": the date or datetime field where a record begins');
      const start = v.start === undefined ? undefined : field(v.start, '/start');
      if (start && start.type !== 'date' && start.type !== 'datetime') problem('/start', `"${start.name}" is ${kindOf(start)}; a calendar's start is a date or datetime field`);
      const end = v.end === undefined ? undefined : field(v.end, '/end');
      if (start && end && end.type !== start.type) problem('/end', `"${end.name}" is ${kindOf(end)}; the end must be of the start's type (${start.type})`);
      if (start && end && end.name === start.name) problem('/end', 'the end is the start field; leave "end" out for records of one day or one instant');
      const lane = v.lane === undefined ? undefined : field(v.lane, '/lane');
      if (lane && lane.type !== 'reference') problem('/lane', `"${lane.name}" is ${kindOf(lane)}; lanes come from a reference field (room, practitioner…)`);
      if (v.title !== undefined) field(v.title, '/title');
      const color = v.color === undefined ? undefined : field(v.color, '/color');
      if (color && color.type !== 'enum') problem('/color', `"${color.name}" is ${kindOf(color)}; the colour comes from an enum or workflow state field`);
      const view: ResolvedCalendarView = {
        ...base,
        kind: 'calendar',
        label: v.label ?? `${entity.pluralLabel} calendar`,
        start: v.start ?? '',
        end: v.end ?? v.start ?? '',
        bounds: v.end ? '[)' : '[]',
        lane: v.lane,
        title: v.title ?? entity.titleField,
        color: v.color,
      };
      out.push(view);
      if (start && (start.type === 'date' || start.type === 'datetime')) addSpan(entity, { start: view.start, end: view.end, bounds: view.bounds });
      return;
    }
    if (v.column === undefined) problem('', 'a kanban board needs "column": an enum, a workflow\'s state field or a reference');
    const column = v.column === undefined ? undefined : field(v.column, '/column');
    const wfField = ctx.workflowField(entity.key);
    let columns: ResolvedKanbanView['columns'] = 'enum';
    if (column) {
      if (wfField === column.name) columns = 'workflow';
      else if (column.type === 'reference') columns = 'reference';
      else if (column.type !== 'enum') problem('/column', `"${column.name}" is ${kindOf(column)}; a board's columns come from an enum, a workflow's state field or a reference`);
    }
    const cardLists: ResolvedKanbanView['cardLists'] = {};
    (v.card ?? []).forEach((c, ci) => {
      const list = entity.field.has(c) ? undefined : reverseReference({ entity: (k) => ctx.entities.get(k), entities: [...ctx.entities.values()] }, entity, c);
      if (!list) return void field(c, `/card/${ci}`);
      const via = list.child.fields.find((f) => f.type === 'reference' && f !== list.field && f.required);
      cardLists[c] = { label: c.charAt(0).toUpperCase() + c.slice(1).replace(/_/g, ' '), child: list.child.key, parent: list.field.name, via: via?.name };
    });
    const swimlane = v.swimlane === undefined ? undefined : field(v.swimlane, '/swimlane');
    if (swimlane && !['enum', 'boolean', 'reference'].includes(swimlane.type)) problem('/swimlane', `"${swimlane.name}" is ${kindOf(swimlane)}; swimlanes come from an enum, boolean or reference field`);
    if (swimlane && column && swimlane.name === column.name) problem('/swimlane', 'the swimlane field is the column field');
    const scope = v.scope === undefined ? undefined : field(v.scope, '/scope');
    if (scope && scope.type !== 'reference') problem('/scope', `"${scope.name}" is ${kindOf(scope)}; a board is narrowed by a reference field (a project)`);
    if (scope && (scope.name === column?.name || scope.name === swimlane?.name)) problem('/scope', 'the scope field is the column or swimlane field');
    out.push({
      ...base,
      kind: 'kanban',
      label: v.label ?? `${entity.pluralLabel} board`,
      column: v.column ?? '',
      columns,
      card: v.card ?? entity.listColumns.filter((c) => c !== entity.titleField && c !== v.column).slice(0, 4),
      cardLists,
      swimlane: v.swimlane,
      scope: v.scope,
    });
  });
  return out;
}

function addSpan(entity: ResolvedEntity, span: EntitySpan): void {
  const spans = (entity.spans ??= []);
  if (!spans.some((s) => s.start === span.start && s.end === span.end && s.bounds === span.bounds)) spans.push(span);
}
