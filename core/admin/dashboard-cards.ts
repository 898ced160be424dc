/**
 * What each dashboard card shows to the viewer, computed through their RecordService:
 * a count (and the list link that applies the same condition: `filters._card=<id>`),
 * a chart's groups with labels (enum labels, reference titles, days/weeks/months),
 * or a table's first records with titles for references and an optional progress bar.
 * A card the viewer cannot compute (an entity or field their rules hide) is left out.
 */
import { classNameOf } from '../data/entity-schemas.js';
import type { RecordService } from '../data/records.js';
import { say } from '../words.js';
import { enumLabels, type DashboardCardDef, type Registry, type ResolvedEntity, type ResolvedField } from '../manifest/index.js';

/** The list filter a count card's link carries; `_` keeps it apart from any field name (fields start with a letter). */
export const CARD_FILTER = '_card';

export interface CountCardData {
  type: 'count';
  count: number;
  href: string;
}
export interface ChartCardData {
  type: 'chart';
  chart: 'bar' | 'line' | 'pie';
  labels: string[];
  values: number[];
  /** What a value is: a count of records or a sum of a field (its label, and its currency for money). */
  measure: { label: string; currency?: string; percent?: true };
}
export interface TableCell {
  text: string;
  href?: string;
}
export interface TableCardData {
  type: 'table';
  columns: string[];
  /** progress.percent: a share (`of: { count: true }`), in % with one decimal; null out of nothing. */
  rows: { href: string; cells: TableCell[]; progress?: { value: number; max: number; percent?: number | null } }[];
  progressLabel?: string;
  href: string;
}
/** `locale`: the viewer's Intl locale (bn-BD, en-GB), for the numbers the page formats itself (a count, a chart's axis). */
export type CardData = { module: string; label: string; id: string; locale: string } & (CountCardData | ChartCardData | TableCardData);

export interface CardEnv {
  registry: Registry;
  rootPath: string;
  timeZone: string;
  locale: string;
  /** The viewer's language: enum values, yes/no and column headings in it (translations.<language>). */
  language: string;
  /** The organization's currency (formatting.ts currencyFor). */
  currency: string;
}

export async function cardData(records: RecordService, card: DashboardCardDef, env: CardEnv): Promise<CountCardData | ChartCardData | TableCardData> {
  const entity = env.registry.entity(card.entity)!;
  const listHref = `${env.rootPath}/resources/${classNameOf(entity)}`;
  if (card.type === 'chart' && card.chart) return chartData(records, entity, card, card.chart, env);
  if (card.type === 'table' && card.table) return tableData(records, entity, card, card.table, env, listHref);
  return { type: 'count', count: await records.count(entity.key, [], card.conditions), href: `${listHref}?filters.${CARD_FILTER}=${encodeURIComponent(card.id)}` };
}

async function chartData(records: RecordService, entity: ResolvedEntity, card: DashboardCardDef, chart: NonNullable<DashboardCardDef['chart']>, env: CardEnv): Promise<ChartCardData> {
  const range = chart.last ? { direction: 'last' as const, count: chart.last } : chart.next ? { direction: 'next' as const, count: chart.next } : undefined;
  const query = { groupBy: chart.groupBy, bucket: chart.bucket, until: chart.until, range };
  const rows = await records.aggregate(entity.key, { ...query, sum: chart.sum, where: card.conditions });
  if (chart.share) {
    // A share: the same groups counted again with the share's conditions too, each as a % of its group (one decimal).
    const hits = new Map((await records.aggregate(entity.key, { ...query, where: { $and: [card.conditions ?? {}, chart.share.conditions] } })).map((r) => [r.key, r.value]));
    for (const r of rows) r.value = r.value > 0 ? Math.round(((hits.get(r.key) ?? 0) / r.value) * 1000) / 10 : 0;
  }
  // One hop ("state.group"): the labels are the target field's.
  const [head, leaf] = chart.groupBy.split('.');
  const owner = leaf ? env.registry.entity(entity.field.get(head)!.target!)! : entity;
  const field = owner.field.get(leaf ?? head);
  const labels = chart.bucket ? rows.map((r) => bucketLabel(r.key, chart.bucket!, env.locale)) : await groupLabels(records, env.registry, owner, field, rows.map((r) => r.key), env.language);
  const sumField = chart.sum ? entity.field.get(chart.sum) : undefined;
  return {
    type: 'chart',
    chart: chart.kind,
    labels,
    values: rows.map((r) => r.value),
    measure: chart.share ? { label: `% of ${entity.pluralLabel.toLowerCase()}`, percent: true } : sumField ? { label: sumField.label, currency: sumField.type === 'money' ? env.currency : undefined } : { label: entity.pluralLabel },
  };
}

/** A bucket's first day as people name it: "2 Dec", "w/c 30 Nov", "Dec 2026". */
export function bucketLabel(day: string | null, bucket: 'day' | 'week' | 'month', locale: string): string {
  if (!day) return '—';
  const d = new Date(`${day}T00:00:00Z`);
  const fmt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...o, timeZone: 'UTC' }).format(d);
  if (bucket === 'month') return fmt({ month: 'short', year: 'numeric' });
  if (bucket === 'week') return `${fmt({ day: 'numeric', month: 'short' })}–`;
  return fmt({ day: 'numeric', month: 'short', weekday: 'short' });
}

/** Group keys in words: an enum's labels, a reference's titles (as far as the viewer may read them), yes/no. */
export async function groupLabels(records: RecordService, registry: Registry, entity: ResolvedEntity, field: ResolvedField | undefined, keys: (string | null)[], language: string): Promise<string[]> {
  if (field?.type === 'enum') {
    const names = enumLabels(registry, entity, field, language);
    return keys.map((k) => (k === null ? '—' : (names.get(k)?.label ?? k)));
  }
  if (field?.type === 'reference' && field.target) {
    const titles = await titlesOf(records, registry, field, keys.filter((k): k is string => !!k));
    return keys.map((k) => (k === null ? '—' : (titles.get(k) ?? say('(hidden)', language))));
  }
  if (field?.type === 'boolean') return keys.map((k) => (k === 'true' ? say('Yes', language) : k === 'false' ? say('No', language) : '—'));
  return keys.map((k) => k ?? '—');
}

async function titlesOf(records: RecordService, registry: Registry, field: ResolvedField, ids: string[]): Promise<Map<string, string>> {
  const target = registry.entity(field.target!)!;
  if (!ids.length || !records.canOnType('read', target.key)) return new Map();
  const found = await records.getMany(target.key, [...new Set(ids)]);
  return new Map(found.map((r) => [String(r.id), String(r[target.titleField] ?? r.id)]));
}

async function tableData(records: RecordService, entity: ResolvedEntity, card: DashboardCardDef, table: NonNullable<DashboardCardDef['table']>, env: CardEnv, listHref: string): Promise<TableCardData> {
  const readable = new Set([...records.readableFields(entity), 'created_at', 'updated_at']);
  const columns = table.columns.filter((c) => readable.has(c));
  const found = await records.find(entity.key, { where: card.conditions, sort: table.sort, limit: table.limit });
  const titles = new Map<string, Map<string, string>>();
  for (const c of columns) {
    const f = entity.field.get(c);
    if (f?.type === 'reference') titles.set(c, await titlesOf(records, env.registry, f, found.map((r) => r[c]).filter((v): v is string => typeof v === 'string')));
  }
  let counts: Map<string, number> | undefined;
  let outOf: Map<string, number> | undefined;
  const p = table.progress;
  if (p && found.length && records.canOnType('read', p.count)) {
    const ids = found.map((r) => String(r.id));
    const countOf = async (conditions: Record<string, unknown> | undefined, sum?: string) =>
      new Map((await records.aggregate(p.count, { groupBy: p.via, where: { ...(conditions ?? {}), [p.via]: { $in: ids } }, sum })).map((r) => [String(r.key), r.value]));
    counts = await countOf(p.conditions, p.sum);
    // A share: out of the records the viewer may read through the same reference, so a parent's child's % is over what the parent sees.
    if (p.ofCount) outOf = await countOf(p.ofCount.conditions);
  }
  const progressOf = (r: Record<string, unknown>): TableCardData['rows'][number]['progress'] => {
    if (!counts) return undefined;
    const value = counts.get(String(r.id)) ?? 0;
    if (!outOf) return { value, max: Number(r[p!.of!] ?? 0) };
    const max = outOf.get(String(r.id)) ?? 0;
    return { value, max, percent: max > 0 ? Math.round((value / max) * 1000) / 10 : null };
  };
  return {
    type: 'table',
    // Headings in the viewer's language: the entity's translated field labels (translations.<language>.fields).
    columns: columns.map((c) => entity.translations[env.language]?.fields?.[c] ?? entity.field.get(c)?.label ?? say(c === 'created_at' ? 'Created' : 'Updated', env.language)),
    progressLabel: counts ? (card.translations[env.language]?.progress ?? p!.label) : undefined,
    href: listHref,
    rows: found.map((r) => ({
      href: `${listHref}/records/${r.id}/show`,
      cells: columns.map((c) => cellOf(env, entity, entity.field.get(c), r[c], titles.get(c))),
      progress: progressOf(r),
    })),
  };
}

function cellOf(env: CardEnv, entity: ResolvedEntity, field: ResolvedField | undefined, value: unknown, titles?: Map<string, string>): TableCell {
  if (value === null || value === undefined || value === '') return { text: '—' };
  if (field?.type === 'reference' && field.target) {
    const target = env.registry.entity(field.target)!;
    return { text: titles?.get(String(value)) ?? say('(hidden)', env.language), href: titles?.has(String(value)) ? `${env.rootPath}/resources/${classNameOf(target)}/records/${value}/show` : undefined };
  }
  if (field?.type === 'enum') return { text: enumLabels(env.registry, entity, field, env.language).get(String(value))?.label ?? String(value) };
  if (field?.type === 'money') return { text: new Intl.NumberFormat(env.locale, { style: 'currency', currency: env.currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(value)) };
  if (field?.type === 'date') return { text: new Intl.DateTimeFormat(env.locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${String(value).slice(0, 10)}T00:00:00Z`)) };
  if (!field || field.type === 'datetime') {
    const d = new Date(String(value));
    return { text: new Intl.DateTimeFormat(env.locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: env.timeZone }).format(d) };
  }
  if (field.type === 'boolean') return { text: say(value ? 'Yes' : 'No', env.language) };
  // Decimals arrive from PostgreSQL as strings: formatted as numbers too (Bengali digits).
  if ((field.type === 'integer' || field.type === 'decimal') && Number.isFinite(Number(value))) return { text: new Intl.NumberFormat(env.locale).format(Number(value)) };
  if (typeof value === 'number') return { text: new Intl.NumberFormat(env.locale).format(value) };
  return { text: String(value) };
}
