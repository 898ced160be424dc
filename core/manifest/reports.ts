/**
 * Declared reports as written → resolved, with every name they use checked (entity, group and
 * measure fields, filter fields, roles, conditions) and a `file#pointer` for each problem, so a
 * report never fails when it is computed.
 */
import { checkConditions } from './condition-checks.js';
import { DATE_TYPES, NUMBER_TYPES, type CardContext } from './dashboard-cards.js';
import { lookupEntity } from './entities.js';
import type { ResolvedEntity } from './model.js';
import { resolveRoleRef } from './roles.js';

export type ReportBucket = 'day' | 'week' | 'month';
export type ReportMeasureKind = 'count' | 'sum' | 'avg';

export interface ResolvedReportGroup {
  field: string;
  by?: ReportBucket;
  label: string;
  /** The manifest named the heading itself (not the field's label), so another language's field label does not stand in for it. */
  labelGiven?: boolean;
}
export interface ResolvedReportMeasure {
  kind: ReportMeasureKind;
  /** The number field summed or averaged; undefined for a count. */
  field?: string;
  label: string;
}
export interface ResolvedReportFilter {
  field: string;
  label: string;
  /** value: one value (enum, reference, boolean, text); range: from/to (date, date-time, number). */
  kind: 'value' | 'range';
}

export interface ResolvedReport {
  /** `<module>.<name>`: the report's page, API path and download names. */
  id: string;
  module: string;
  name: string;
  label: string;
  description?: string;
  entity: string;
  conditions?: Record<string, unknown>;
  groupBy: ResolvedReportGroup[];
  measures: ResolvedReportMeasure[];
  filters: ResolvedReportFilter[];
  chart?: 'bar' | 'line' | 'pie';
  /** Role keys; undefined: everyone who may read the entity. */
  roles?: string[];
  /** Title, description and column headings (by English heading) in other languages; {} when none. */
  translations: Record<string, { label?: string; description?: string; columns?: Record<string, string> }>;
}

/** The same context as the dashboard cards' checks: a report is a card's grouping with more measures. */
type ReportContext = CardContext;
const GROUPABLE = new Set(['enum', 'reference', 'boolean', 'string', 'email', 'date', 'datetime', 'integer']);
const FILTERABLE = new Set(['enum', 'reference', 'boolean', 'string', 'email', 'date', 'datetime', 'integer', 'decimal', 'money']);
const SYSTEM_DATES = new Set(['created_at', 'updated_at']);

function typeOf(entity: ResolvedEntity, name: string): string | undefined {
  if (SYSTEM_DATES.has(name)) return 'datetime';
  return entity.field.get(name)?.type;
}
function labelOf(entity: ResolvedEntity, name: string): string {
  if (name === 'created_at') return 'Created';
  if (name === 'updated_at') return 'Updated';
  return entity.field.get(name)?.label ?? name;
}

export function resolveReports(ctx: ReportContext): ResolvedReport[] {
  const { module: m, problems } = ctx;
  const out: ResolvedReport[] = [];
  const names = new Set<string>();
  (m.manifest.reports ?? []).forEach((report, i) => {
    const pointer = `/reports/${i}`;
    const problem = (at: string, message: string) => problems.push({ file: m.file, pointer: `${pointer}${at}`, message });
    if (names.has(report.name)) problem('/name', `duplicate report "${report.name}"`);
    names.add(report.name);
    const entity = lookupEntity(report.entity, m.id, ctx.entities, ctx.visible);
    if (!entity) return problem('/entity', `unknown entity "${report.entity}"`);
    const def: ResolvedReport = {
      id: `${m.id}.${report.name}`, module: m.id, name: report.name, label: report.label, description: report.description,
      entity: entity.key, conditions: report.conditions, groupBy: [], measures: [], filters: [], chart: report.chart, translations: report.translations ?? {},
    };
    if (report.conditions) checkConditions(report.conditions, entity, ctx.entities, m.file, `${pointer}/conditions`, problems);
    if (report.roles) {
      def.roles = [];
      report.roles.forEach((ref, ri) => {
        const r = resolveRoleRef(ref, m.id, ctx.roles, ctx.visible);
        if ('key' in r) def.roles!.push(r.key);
        else problem(`/roles/${ri}`, r.message);
      });
    }
    const grouped = new Set<string>();
    report.groupBy.forEach((g, gi) => {
      const spec = typeof g === 'string' ? { field: g } : g;
      const at = typeof g === 'string' ? `/groupBy/${gi}` : `/groupBy/${gi}/field`;
      const t = typeOf(entity, spec.field);
      if (!t) return problem(at, `unknown field "${spec.field}" on ${entity.label}`);
      if (!GROUPABLE.has(t)) return problem(at, `a ${t} field cannot group a report`);
      if (DATE_TYPES.has(t) && !spec.by) return problem(at, `"${spec.field}" is a date: group it { "field": "${spec.field}", "by": "day" | "week" | "month" }`);
      if (spec.by && !DATE_TYPES.has(t)) return problem(`/groupBy/${gi}/by`, `"by" needs a date field ("${spec.field}" is ${t})`);
      const key = `${spec.field}/${spec.by ?? ''}`;
      if (grouped.has(key)) return problem(at, `"${spec.field}" is grouped twice`);
      grouped.add(key);
      def.groupBy.push({ field: spec.field, by: spec.by, label: spec.label ?? labelOf(entity, spec.field), labelGiven: spec.label !== undefined });
    });
    report.measures.forEach((ms, mi) => {
      const kinds = (['count', 'sum', 'avg'] as const).filter((k) => ms[k] !== undefined);
      if (kinds.length !== 1) return problem(`/measures/${mi}`, 'a measure is exactly one of { "count": true }, { "sum": field } or { "avg": field }');
      const kind = kinds[0];
      if (kind === 'count') return def.measures.push({ kind, label: ms.label ?? 'Count' });
      const field = ms[kind] as string;
      if (!NUMBER_TYPES.has(typeOf(entity, field) ?? '')) return problem(`/measures/${mi}/${kind}`, `"${field}" is not a number field of ${entity.label}`);
      def.measures.push({ kind, field, label: ms.label ?? `${kind === 'sum' ? 'Total' : 'Average'} ${labelOf(entity, field).toLowerCase()}` });
    });
    (report.filters ?? []).forEach((name, fi) => {
      const t = typeOf(entity, name);
      if (!t) return problem(`/filters/${fi}`, `unknown field "${name}" on ${entity.label}`);
      if (!FILTERABLE.has(t)) return problem(`/filters/${fi}`, `a ${t} field cannot filter a report`);
      def.filters.push({ field: name, label: labelOf(entity, name), kind: DATE_TYPES.has(t) || NUMBER_TYPES.has(t) ? 'range' : 'value' });
    });
    // A translated heading names a column the report has (a typo would silently stay English).
    const headings = new Set([...def.groupBy, ...def.measures].map((c) => c.label));
    for (const [lang, t] of Object.entries(def.translations)) {
      for (const heading of Object.keys(t.columns ?? {})) if (!headings.has(heading)) problem(`/translations/${lang}/columns`, `"${heading}" is no column heading of this report (${[...headings].join(', ')})`);
    }
    out.push(def);
  });
  return out;
}
