/**
 * Dashboard cards as declared → resolved, with every name they use checked
 * (entity, fields, roles, conditions) and a `file#pointer` for each problem,
 * so a card never fails when the dashboard is drawn.
 */
import type { ManifestProblem } from '../errors.js';
import { checkConditions } from './condition-checks.js';
import { lookupEntity } from './entities.js';
import type { DashboardCard } from './manifest.types.js';
import type { DashboardCardDef, ResolvedEntity, ResolvedModule } from './model.js';
import { resolveRoleRef, type ResolvedRole } from './roles.js';

/** What the checks of a module's dashboard cards and reports need: its entities, roles and where to report. */
export interface CardContext {
  module: ResolvedModule;
  entities: Map<string, ResolvedEntity>;
  roles: ReadonlyMap<string, ResolvedRole>;
  visible: Set<string>;
  problems: ManifestProblem[];
}

export const DATE_TYPES = new Set(['date', 'datetime']);
export const NUMBER_TYPES = new Set(['integer', 'decimal', 'money']);
const GROUPABLE = new Set(['enum', 'reference', 'boolean', 'string', 'date', 'datetime', 'integer']);
/** Options that belong to one card type only: a count card with `groupBy` is a mistake, said so. */
const CHART_KEYS = ['chart', 'groupBy', 'bucket', 'until', 'last', 'next', 'sum', 'share'] as const;
const TABLE_KEYS = ['columns', 'sort', 'limit', 'progress'] as const;

/** A field's type, created_at/updated_at counting as date-times. */
function typeOf(entity: ResolvedEntity, name: string): string | undefined {
  if (name === 'created_at' || name === 'updated_at') return 'datetime';
  return entity.field.get(name)?.type;
}

/** A chart's group field: its own, or one hop through a reference ("state.group": the state's group). */
function groupTypeOf(entity: ResolvedEntity, name: string, entities: Map<string, ResolvedEntity>): string | undefined {
  const dot = name.indexOf('.');
  if (dot < 0) return typeOf(entity, name);
  const ref = entity.field.get(name.slice(0, dot));
  const target = ref?.type === 'reference' && ref.target ? entities.get(ref.target) : undefined;
  const leaf = name.slice(dot + 1);
  return target && !leaf.includes('.') ? typeOf(target, leaf) : undefined;
}

export function resolveDashboardCards(ctx: CardContext): DashboardCardDef[] {
  const { module: m, problems } = ctx;
  const out: DashboardCardDef[] = [];
  (m.manifest.dashboard ?? []).forEach((card, i) => {
    const pointer = `/dashboard/${i}`;
    const problem = (at: string, message: string) => problems.push({ file: m.file, pointer: `${pointer}${at}`, message });
    const entity = lookupEntity(card.entity, m.id, ctx.entities, ctx.visible);
    const def: DashboardCardDef = { id: `${m.id}.${i}`, type: card.type, label: card.label, translations: card.translations ?? {}, entity: entity?.key ?? card.entity, conditions: card.conditions };
    out.push(def);
    if (!entity) return problem('/entity', `unknown entity "${card.entity}"`);
    if (card.conditions) checkConditions(card.conditions, entity, ctx.entities, m.file, `${pointer}/conditions`, problems, { joins: true });
    if (card.roles) {
      def.roles = [];
      card.roles.forEach((ref, ri) => {
        const r = resolveRoleRef(ref, m.id, ctx.roles, ctx.visible);
        if ('key' in r) def.roles!.push(r.key);
        else problem(`/roles/${ri}`, r.message);
      });
    }
    for (const key of CHART_KEYS) if (card.type !== 'chart' && card[key] !== undefined) problem(`/${key}`, `"${key}" belongs to a chart card (this one is "${card.type}")`);
    for (const key of TABLE_KEYS) if (card.type !== 'table' && card[key] !== undefined) problem(`/${key}`, `"${key}" belongs to a table card (this one is "${card.type}")`);
    if (card.type === 'chart') def.chart = resolveChart(card, entity, ctx.entities, problem);
    if (card.type === 'chart' && card.share) {
      // A share is a ratio of two counts of the same records: a sum has no share of its own.
      if (card.sum !== undefined) problem('/share', '"share" counts records: give "share" or "sum", not both');
      checkConditions(card.share.conditions, entity, ctx.entities, m.file, `${pointer}/share/conditions`, problems);
      if (def.chart) def.chart.share = { conditions: card.share.conditions };
    }
    if (card.type === 'table') def.table = resolveTable(card, entity, ctx, `${pointer}/progress`, problem);
    for (const [lang, t] of Object.entries(def.translations)) {
      if (t.progress !== undefined && !card.progress) problem(`/translations/${lang}/progress`, 'a translated progress heading needs a table card with "progress"');
    }
  });
  return out;
}

type Problem = (at: string, message: string) => void;

function resolveChart(card: DashboardCard, entity: ResolvedEntity, entities: Map<string, ResolvedEntity>, problem: Problem): DashboardCardDef['chart'] {
  if (!card.chart) problem('', 'a chart card needs "chart" (bar, line or pie)');
  if (!card.groupBy) {
    problem('', 'a chart card needs "groupBy" (the field its groups come from)');
    return undefined;
  }
  const groupType = groupTypeOf(entity, card.groupBy, entities);
  if (!groupType) problem('/groupBy', `unknown field "${card.groupBy}" on ${entity.label} (a field, or a reference and a field of its target: "state.group")`);
  else if (!GROUPABLE.has(groupType)) problem('/groupBy', `a ${groupType} field cannot group a chart`);
  else if (DATE_TYPES.has(groupType) && !card.bucket) problem('/groupBy', `"${card.groupBy}" is a date: say "bucket" (day, week or month)`);
  if (card.bucket && groupType && !DATE_TYPES.has(groupType)) problem('/bucket', `"bucket" needs a date field in "groupBy" ("${card.groupBy}" is ${groupType})`);
  if ((card.last || card.next) && !card.bucket) problem(card.last ? '/last' : '/next', '"last"/"next" count buckets: give "bucket" too');
  if (card.last && card.next) problem('/next', 'give "last" or "next", not both');
  if (card.until !== undefined) {
    if (card.bucket !== 'day') problem('/until', '"until" spreads a record over days: it needs "bucket": "day"');
    if (!card.last && !card.next) problem('/until', '"until" needs "last" or "next" (which days are shown)');
    const t = typeOf(entity, card.until);
    if (!t || !DATE_TYPES.has(t)) problem('/until', `"${card.until}" is not a date field of ${entity.label}`);
  }
  if (card.sum !== undefined && !NUMBER_TYPES.has(typeOf(entity, card.sum) ?? '')) problem('/sum', `"${card.sum}" is not a number field of ${entity.label}`);
  return { kind: card.chart ?? 'bar', groupBy: card.groupBy, bucket: card.bucket, until: card.until, last: card.last, next: card.next, sum: card.sum };
}

function resolveTable(card: DashboardCard, entity: ResolvedEntity, ctx: CardContext, progressPointer: string, problem: Problem): DashboardCardDef['table'] {
  if (!card.columns) problem('', 'a table card needs "columns"');
  (card.columns ?? []).forEach((c, ci) => {
    const t = typeOf(entity, c);
    if (!t) problem(`/columns/${ci}`, `unknown field "${c}" on ${entity.label}`);
    else if (t === 'password' || t === 'json') problem(`/columns/${ci}`, `a ${t} field is not shown in a table`);
  });
  if (card.sort && !typeOf(entity, card.sort.field)) problem('/sort/field', `unknown field "${card.sort.field}" on ${entity.label}`);
  let progress: NonNullable<DashboardCardDef['table']>['progress'];
  if (card.progress) {
    const p = card.progress;
    const at = progressPointer.slice(progressPointer.indexOf('/progress'));
    const counted = lookupEntity(p.count, ctx.module.id, ctx.entities, ctx.visible);
    if (!counted) problem(`${at}/count`, `unknown entity "${p.count}"`);
    else {
      const via = counted.field.get(p.via);
      if (!via || via.type !== 'reference' || via.target !== entity.key) problem(`${at}/via`, `"${p.via}" is no reference of ${counted.label} to ${entity.label}`);
      if (p.conditions) checkConditions(p.conditions, counted, ctx.entities, ctx.module.file, `${progressPointer}/conditions`, ctx.problems, { joins: true });
      if (p.sum !== undefined && !NUMBER_TYPES.has(typeOf(counted, p.sum) ?? '')) problem(`${at}/sum`, `"${p.sum}" is not a number field of ${counted.label}`);
    }
    if (typeof p.of === 'string') {
      if (!NUMBER_TYPES.has(typeOf(entity, p.of) ?? '')) problem(`${at}/of`, `"${p.of}" is not a number field of ${entity.label}`);
      progress = { label: p.label, count: counted?.key ?? p.count, via: p.via, of: p.of, sum: p.sum, conditions: p.conditions };
    } else {
      // A share: the same records counted twice, with the progress's conditions and with these.
      if (p.sum !== undefined) problem(`${at}/sum`, '"sum" adds up a number out of a field: a share ("of": { "count": true }) counts records');
      if (p.of.conditions && counted) checkConditions(p.of.conditions, counted, ctx.entities, ctx.module.file, `${progressPointer}/of/conditions`, ctx.problems, { joins: true });
      progress = { label: p.label, count: counted?.key ?? p.count, via: p.via, ofCount: { conditions: p.of.conditions }, conditions: p.conditions };
    }
  }
  return { columns: card.columns ?? [], sort: card.sort ? { field: card.sort.field, direction: card.sort.direction ?? 'asc' } : undefined, limit: card.limit ?? 10, progress };
}
