/**
 * A declared report computed for the viewer through their RecordService (`records.report`): the
 * groups and measures over what they may read, the filters they chose (only the declared ones),
 * group keys in words (enum labels, reference titles, days/weeks/months) and, where the report
 * declares a chart, the first measure over the first grouping in the dashboard's chart shape.
 */
import type { FieldFilter } from '../../data/contract.js';
import type { RecordService } from '../../data/records.js';
import { UmsError } from '../../errors.js';
import { enumLabels, type Registry, type ResolvedReport } from '../../manifest/index.js';
import { bucketLabel, groupLabels, type ChartCardData } from '../dashboard-cards.js';
import { currencyFor } from '../formatting.js';
import { say } from '../../words.js';

export interface ReportColumn {
  label: string;
  kind: 'group' | 'measure';
  /** Measures: what the numbers are (money is shown with the currency). */
  format?: 'number' | 'money';
}

export interface ReportTable {
  id: string;
  label: string;
  description?: string;
  columns: ReportColumn[];
  /** Cells as text for groups and numbers (null: an average of nothing) for measures. */
  rows: (string | number | null)[][];
  /** Groups there are; rows holds at most `limit` of them. */
  total: number;
  truncated: boolean;
  filters: { field: string; label: string; kind: 'value' | 'range'; options?: { value: string; label: string }[] }[];
  applied: Record<string, string>;
  chart?: Omit<ChartCardData, 'type'>;
  currency: string;
  /** The Intl locale the page formats the numbers in (the viewer's). */
  locale: string;
}

/** The reports of every module the viewer may read and, where one names roles, holds one of them. */
export function reportsFor(records: RecordService, registry: Registry, roles: ReadonlySet<string>): ResolvedReport[] {
  return registry.modules.flatMap((m) => m.reports).filter((r) => records.moduleEnabled(registry.entity(r.entity)!) && records.canOnType('read', r.entity) && (!r.roles || r.roles.some((k) => roles.has(k))));
}

/** The report of that id the viewer may see; NOT_FOUND otherwise (missing and not allowed look the same). */
export function reportFor(records: RecordService, registry: Registry, roles: ReadonlySet<string>, id: string): ResolvedReport {
  const found = reportsFor(records, registry, roles).find((r) => r.id === id);
  if (!found) throw new UmsError('NOT_FOUND', 'No such report.');
  return found;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The viewer's filter choice from a query string: `filters.<field>=<value>` for a value filter,
 * `filters.<field>.from` / `.to` (inclusive) for a range. Any other `filters.` key is a 400.
 */
export function reportFilters(registry: Registry, report: ResolvedReport, query: Record<string, unknown>): { filters: FieldFilter[]; applied: Record<string, string> } {
  const entity = registry.entity(report.entity)!;
  const filters: FieldFilter[] = [];
  const applied: Record<string, string> = {};
  const declared = new Map(report.filters.map((f) => [f.field, f]));
  const flat: [string, unknown][] = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === 'filters' && value && typeof value === 'object' && !Array.isArray(value)) {
      // Express's query parser may nest `filters.x` as { filters: { x } } — take both shapes.
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (v && typeof v === 'object' && !Array.isArray(v)) for (const [sub, vv] of Object.entries(v as Record<string, unknown>)) flat.push([`${k}.${sub}`, vv]);
        else flat.push([k, v]);
      }
    } else if (key.startsWith('filters.')) flat.push([key.slice('filters.'.length), value]);
  }
  for (const [name, raw] of flat) {
    if (raw === '' || raw === undefined) continue;
    if (typeof raw !== 'string') throw new UmsError('BAD_REQUEST', `The filter "${name}" takes one value.`, { field: name });
    const [field, edge, ...rest] = name.split('.');
    const spec = declared.get(field);
    if (!spec || rest.length || (spec.kind === 'value' && edge !== undefined) || (spec.kind === 'range' && edge !== 'from' && edge !== 'to')) {
      throw new UmsError('BAD_REQUEST', `"${name}" is not a filter of this report (it filters on ${report.filters.map((f) => (f.kind === 'range' ? `${f.field}.from/.to` : f.field)).join(', ') || 'nothing'}).`, { field: name });
    }
    const type = field === 'created_at' || field === 'updated_at' ? 'datetime' : entity.field.get(field)!.type;
    let value: unknown = raw;
    if (type === 'boolean') {
      if (raw !== 'true' && raw !== 'false') throw new UmsError('BAD_REQUEST', `The filter on ${spec.label} is true or false.`, { field });
      value = raw === 'true';
    } else if (type === 'integer' || type === 'decimal' || type === 'money') {
      if (!/^-?\d+(\.\d+)?$/.test(raw)) throw new UmsError('BAD_REQUEST', `The filter on ${spec.label} must be a number.`, { field });
      value = Number(raw);
    } else if (type === 'date' || type === 'datetime') {
      if (!DAY.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) throw new UmsError('BAD_REQUEST', `The filter on ${spec.label} must be a day (YYYY-MM-DD).`, { field });
    }
    // A date-time "to" day includes that whole day.
    if (type === 'datetime' && edge === 'to') filters.push({ field, op: 'lt', value: new Date(Date.parse(`${raw}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) });
    else filters.push({ field, op: edge === 'from' ? 'gte' : edge === 'to' ? 'lte' : 'eq', value });
    applied[name] = raw;
  }
  return { filters, applied };
}

export interface ReportEnv {
  registry: Registry;
  /** The viewer's Intl locale (intl-locale.ts) and language: labels from the manifest's translations.<language>. */
  locale: string;
  language: string;
}

/** Computes the report for the viewer: at most `limit` rows (and how many groups there are). */
export async function computeReport(records: RecordService, report: ResolvedReport, query: Record<string, unknown>, env: ReportEnv, limit = 1000): Promise<ReportTable> {
  const entity = env.registry.entity(report.entity)!;
  const { filters, applied } = reportFilters(env.registry, report, query);
  const result = await records.report(entity.key, {
    groupBy: report.groupBy.map((g) => ({ field: g.field, bucket: g.by })),
    measures: report.measures.map((m) => ({ kind: m.kind, field: m.field })),
    where: report.conditions,
    filters,
    limit,
  });
  // Each group column's keys in words.
  const words = await Promise.all(
    report.groupBy.map(async (g, gi) => {
      const keys = result.rows.map((r) => r.keys[gi]);
      if (g.by) return keys.map((k) => bucketLabel(k, g.by!, env.locale));
      return groupLabels(records, env.registry, entity, entity.field.get(g.field), keys, env.language);
    }),
  );
  const rows = result.rows.map((r, ri) => [...report.groupBy.map((_, gi) => words[gi][ri]), ...r.values]);
  const money = (field?: string) => !!field && entity.field.get(field)?.type === 'money';
  // Headings in the viewer's language: the report's translations.<language>.columns (by English heading), a grouped field's translated label, else English.
  const translated = report.translations[env.language];
  const fieldLabels = entity.translations[env.language]?.fields ?? {};
  const heading = (english: string, field?: string, own?: boolean): string => translated?.columns?.[english] ?? (field && !own ? fieldLabels[field] : undefined) ?? say(english, env.language);
  const columns: ReportColumn[] = [
    ...report.groupBy.map((g) => ({ label: heading(g.label, g.field, g.labelGiven), kind: 'group' as const })),
    ...report.measures.map((m) => ({ label: heading(m.label), kind: 'measure' as const, format: money(m.field) ? ('money' as const) : ('number' as const) })),
  ];
  const table: ReportTable = {
    id: report.id,
    label: translated?.label ?? report.label,
    description: translated?.description ?? report.description,
    locale: env.locale,
    columns,
    rows,
    total: result.total,
    truncated: result.total > result.rows.length,
    filters: await filterChoices(records, env, report),
    applied,
    currency: await currencyFor(records),
  };
  if (report.chart) table.chart = chartOf(report, table, words[0], result.rows.map((r) => r.values[0] ?? 0), money(report.measures[0].field), columns[report.groupBy.length].label);
  return table;
}

/** The first measure summed over the first grouping (rows grouped by more fields fold into it). */
function chartOf(report: ResolvedReport, table: ReportTable, labels: string[], values: number[], money: boolean, measureLabel: string): ReportTable['chart'] {
  const byLabel = new Map<string, number>();
  labels.forEach((l, i) => byLabel.set(l, (byLabel.get(l) ?? 0) + values[i]));
  return { chart: report.chart!, labels: [...byLabel.keys()], values: [...byLabel.values()], measure: { label: measureLabel, currency: money ? table.currency : undefined } };
}

/** The filter fields with their choices: an enum's values, yes/no; reference and range filters take typed values. */
async function filterChoices(records: RecordService, env: ReportEnv, report: ResolvedReport): Promise<ReportTable['filters']> {
  const entity = env.registry.entity(report.entity)!;
  const readable = new Set([...records.readableFields(entity), 'created_at', 'updated_at']);
  return report.filters
    .filter((f) => readable.has(f.field))
    .map((f) => {
      const field = entity.field.get(f.field);
      const label = entity.translations[env.language]?.fields?.[f.field] ?? f.label;
      if (field?.type === 'enum') return { ...f, label, options: [...enumLabels(env.registry, entity, field, env.language).entries()].map(([value, l]) => ({ value, label: l.label })) };
      if (field?.type === 'boolean') return { ...f, label, options: [{ value: 'true', label: say('Yes', env.language) }, { value: 'false', label: say('No', env.language) }] };
      return { ...f, label };
    });
}
