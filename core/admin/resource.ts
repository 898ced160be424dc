/**
 * The AdminJS resource of a manifest entity. It extends @adminjs/typeorm's
 * Resource (runtime class + EntitySchema) but sends every data call through
 * the RecordService of the signed-in user, so AdminJS list/count/search/show/
 * edit/delete/bulk actions, reference pickers and populated references all get
 * the tenant filter and the user's rules from the one data layer.
 */
import { BaseRecord, type ActionContext, type ActionRequest, type Filter } from 'adminjs';
import { Resource as TypeormResource } from '@adminjs/typeorm';
import type { FieldFilter, ListQuery, RecordData } from '../data/records.js';
import type { Runtime } from '../runtime.js';
import type { EntityClass } from '../data/entity-schemas.js';
import { roleLabelIn, SYSTEM_FIELDS, type ResolvedEntity } from '../manifest/index.js';
import { canonicalTime, isDateTimeText } from '../manifest/validation.js';
import { UmsError } from '../errors.js';
import { adminErrors } from './errors.js';
import { propertiesOf, type ManifestProperty } from './properties.js';
import { recordServiceFor } from './session-user.js';
import { languageOfAdmin } from './language.js';
import { CARD_FILTER } from './dashboard-cards.js';
import { SEARCH_FIELD } from '../data/constraints/search-indexes.js';

/** The list's search box as an AdminJS filter (`filters._q=<text>`), so it travels with the list's other filters, pages and exports. */
export const SEARCH_PARAM = '_q';
import { workflowPanel, WORKFLOW_PARAM } from './workflow-actions.js';

const ROLE_ENTITY = 'core.role';


type TypeormProperty = ReturnType<TypeormResource['properties']>[number];

/** The form as sent, kept on the action context: AdminJS turns date fields into `new Date(…)` before the resource sees them. */
type TypedContext = ActionContext & { typedPayload?: Record<string, unknown> };
export function keepTypedPayload(request: ActionRequest, context: ActionContext): ActionRequest {
  (context as TypedContext).typedPayload = request.payload ?? {};
  return request;
}


export class ManifestResource extends TypeormResource {
  private readonly props: ManifestProperty[];
  private readonly propsByPath: Map<string, ManifestProperty>;

  constructor(
    model: EntityClass,
    readonly entity: ResolvedEntity,
    private readonly runtime: Runtime,
    resourceIdOf: (entityKey: string) => string,
  ) {
    // The base class reads the TypeORM metadata of the runtime class; the properties below come from the manifest.
    model.useDataSource(runtime.dataSource);
    super(model);
    this.props = propertiesOf(entity, resourceIdOf);
    this.propsByPath = new Map(this.props.map((p) => [p.path(), p]));
  }

  // @adminjs/typeorm types these as its column-backed Property; AdminJS itself only needs BaseProperty.
  override properties(): TypeormProperty[] {
    return this.props as unknown as TypeormProperty[];
  }

  override property(path: string): TypeormProperty {
    return (this.propsByPath.get(path) ?? null) as unknown as TypeormProperty;
  }

  /**
   * AdminJS list filters → RecordService filters; also used by exports so a download matches the list.
   * A value the field cannot hold (`filters.id=abc`, a date that is not one, a NUL byte) is refused
   * here with BAD_REQUEST naming the field, never passed on to fail as SQL.
   */
  toQueryFilters(filter: Filter | undefined): FieldFilter[] {
    const out: FieldFilter[] = [];
    for (const element of Object.values(filter?.filters ?? {})) {
      const f = this.entity.field.get(element.path);
      const value = element.value as unknown;
      if (element.path === SEARCH_PARAM) {
        // The search box above the list (components/list-tools.tsx): the data layer checks the term (length, NUL) and which fields it may look in.
        if (value !== undefined && value !== '') out.push({ field: SEARCH_FIELD, op: 'contains', value });
        continue;
      }
      if (element.path === 'id') {
        if (value === undefined || value === '') continue;
        out.push({ field: 'id', op: 'eq', value: this.filterValue('id', 'reference', value) });
        continue;
      }
      if (!f) continue; // unknown keys (organization_id, …) never reach the query
      // A JSON document or a password hash is no list column: filtering on them would fail as SQL (or probe a hash).
      if (f.type === 'json' || f.type === 'password') throw new UmsError('BAD_REQUEST', `${f.label} cannot be filtered on.`, { entity: this.entity.key, field: f.name });
      if (value && typeof value === 'object' && ('from' in value || 'to' in value)) {
        const range = value as { from?: unknown; to?: unknown };
        if (range.from !== undefined && range.from !== '') out.push({ field: f.name, op: 'gte', value: this.filterValue(f.name, f.type, range.from) });
        if (range.to !== undefined && range.to !== '') out.push({ field: f.name, op: 'lte', value: this.filterValue(f.name, f.type, range.to) });
        continue;
      }
      if (value === undefined || value === '') continue;
      if (['string', 'text', 'email', 'phone', 'url'].includes(f.type)) out.push({ field: f.name, op: 'contains', value: this.filterValue(f.name, f.type, value) });
      else out.push({ field: f.name, op: 'eq', value: this.filterValue(f.name, f.type, value) });
    }
    return out;
  }

  /**
   * The condition of the dashboard card whose link opened this list (`filters._card=<module>.<index>`),
   * so the list shows exactly what the card counted ("Overdue loans 8" opens those 8). An unknown card,
   * or one of another entity, is BAD_REQUEST rather than silently the whole list.
   */
  cardConditions(filter: Filter | undefined): Record<string, unknown> | undefined {
    const raw = filter?.filters?.[CARD_FILTER]?.value as unknown;
    if (raw === undefined || raw === '') return undefined;
    const [module, index] = typeof raw === 'string' ? raw.split('.') : [];
    const card = this.runtime.registry.module(module ?? '')?.dashboard[Number(index)];
    if (!card || card.id !== raw || card.entity !== this.entity.key) throw new UmsError('BAD_REQUEST', `No dashboard card "${String(raw)}" lists ${this.entity.pluralLabel.toLowerCase()}.`, { entity: this.entity.key, field: CARD_FILTER });
    return card.conditions ?? {};
  }

  /** One filter value coerced to its field's type, or BAD_REQUEST saying what was expected. */
  private filterValue(field: string, type: ResolvedEntity['fields'][number]['type'], raw: unknown): unknown {
    const text = typeof raw === 'string' ? raw.trim() : raw;
    const refuse = (expected: string): never => {
      throw new UmsError('BAD_REQUEST', `The filter on ${field === 'id' ? 'id' : (this.entity.field.get(field)?.label ?? field)} must be ${expected}.`, { entity: this.entity.key, field });
    };
    if (typeof text !== 'string') return refuse('a single value');
    if (text.includes('\u0000')) return refuse('text without the NUL character');
    switch (type) {
      case 'reference':
        return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text) ? text : refuse('a record id');
      case 'integer':
        return /^-?\d{1,10}$/.test(text) && Math.abs(Number(text)) <= 2147483647 ? Number(text) : refuse('a whole number');
      case 'decimal':
      case 'money':
        return /^-?(\d{1,18}(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : refuse('a number');
      case 'boolean':
        return text === 'true' ? true : text === 'false' ? false : refuse('true or false');
      case 'date':
      case 'datetime':
        return isDateTimeText(text) ? text : refuse(type === 'date' ? 'a date (YYYY-MM-DD)' : 'a date and time (YYYY-MM-DDTHH:MM)');
      case 'time':
        return canonicalTime(text) ?? refuse('a time of day (HH:MM)');
      default:
        return raw;
    }
  }

  /** Who reads the answer, so a refusal is said in their language (core/admin/errors.ts). */
  private reader(context: ActionContext | undefined): { runtime: Runtime; currentAdmin: ActionContext['currentAdmin'] } {
    return { runtime: this.runtime, currentAdmin: context?.currentAdmin };
  }

  /**
   * Built-in roles named in the reader's language (their manifest's `translations.<lang>.label`): the stored
   * label is the English one the organization was made with, and the role list, its show page and every
   * role picker and reference (role assignments) read it from here. Custom roles keep the label their admin gave.
   */
  private async inReadersWords(rows: RecordData[], context: ActionContext | undefined): Promise<RecordData[]> {
    if (this.entity.key !== ROLE_ENTITY || !rows.some((r) => r.builtin === true)) return rows;
    const language = await languageOfAdmin(this.runtime, context?.currentAdmin);
    if (language === 'en') return rows;
    return rows.map((r) => (r.builtin === true && this.runtime.registry.roles.has(String(r.name)) ? { ...r, label: roleLabelIn(this.runtime.registry.roles, String(r.name), language) } : r));
  }

  /** JSON fields travel as text: AdminJS would otherwise flatten them into `rules.0.action`-style params. */
  private toRecord(data: RecordData): BaseRecord {
    const params: Record<string, unknown> = { ...data };
    for (const f of this.entity.fields) {
      if (f.type === 'json' && params[f.name] !== null && params[f.name] !== undefined) params[f.name] = JSON.stringify(params[f.name], null, 2);
    }
    return new BaseRecord(params, this);
  }

  override async find(filter: Filter, options: { limit?: number; offset?: number; sort?: { sortBy?: string; direction?: 'asc' | 'desc' } }, context?: ActionContext): Promise<BaseRecord[]> {
    return adminErrors(async () => {
      const records = await recordServiceFor(this.runtime, context?.currentAdmin);
      // AdminJS passes `perPage=abc` / `page=abc` on as NaN.
      for (const [name, n] of [['perPage', options.limit], ['page', options.offset]] as const) {
        if (n !== undefined && !(Number.isSafeInteger(n) && n >= 0)) throw new UmsError('BAD_REQUEST', `${name} must be a whole number.`, { entity: this.entity.key });
      }
      const query: ListQuery = {
        filters: this.toQueryFilters(filter),
        where: this.cardConditions(filter),
        limit: options.limit,
        offset: options.offset,
        sort: options.sort?.sortBy ? { field: options.sort.sortBy, direction: options.sort.direction === 'desc' ? 'desc' : 'asc' } : undefined,
      };
      return (await this.inReadersWords(await records.find(this.entity.key, query), context)).map((r) => this.toRecord(r));
    }, this.reader(context));
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return adminErrors(async () => (await recordServiceFor(this.runtime, context?.currentAdmin)).count(this.entity.key, this.toQueryFilters(filter), this.cardConditions(filter)), this.reader(context));
  }

  override async findOne(id: string, context?: ActionContext): Promise<BaseRecord | null> {
    return adminErrors(async () => {
      const [found] = await (await recordServiceFor(this.runtime, context?.currentAdmin)).getMany(this.entity.key, [String(id)]);
      if (!found) return null;
      const [shown] = await this.inReadersWords([found], context);
      const record = this.toRecord(shown);
      // Workflow buttons need the engine's answer, and AdminJS asks for it synchronously: attach it now.
      const panel = await workflowPanel(this.runtime, context?.currentAdmin, this.entity, found);
      if (panel) record.params[WORKFLOW_PARAM] = panel;
      return record;
    }, this.reader(context));
  }

  override async findMany(ids: (string | number)[], context?: ActionContext): Promise<BaseRecord[]> {
    return adminErrors(async () => {
      const records = await recordServiceFor(this.runtime, context?.currentAdmin);
      return (await this.inReadersWords(await records.getMany(this.entity.key, ids.map(String)), context)).map((r) => this.toRecord(r));
    }, this.reader(context));
  }

  /**
   * Form params → declared fields only; system columns and unknown keys are never written from a form.
   * Dates are taken as typed (the payload keepTypedPayload kept): AdminJS has already run them through `new Date()`,
   * which rolls 2026-02-30 over to 2 March and reads `2026-01-01junk` as a date.
   */
  private formValues(params: Record<string, unknown>, context?: ActionContext): Record<string, unknown> {
    const typed = (context as TypedContext | undefined)?.typedPayload ?? {};
    const values: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(params)) {
      if ((SYSTEM_FIELDS as readonly string[]).includes(key)) continue;
      const f = this.entity.field.get(key);
      if (!f || f.readOnly) continue;
      values[key] = (f.type === 'date' || f.type === 'datetime') && typeof typed[key] === 'string' ? typed[key] : value;
    }
    return values;
  }

  override async create(params: Record<string, unknown>, context?: ActionContext): Promise<Record<string, unknown>> {
    return adminErrors(async () => this.toRecord(await (await recordServiceFor(this.runtime, context?.currentAdmin)).create(this.entity.key, this.formValues(params, context))).params, this.reader(context));
  }

  override async update(id: string, params: Record<string, unknown>, context?: ActionContext): Promise<Record<string, unknown>> {
    return adminErrors(async () => {
      const records = await recordServiceFor(this.runtime, context?.currentAdmin);
      const version = params.version === undefined || params.version === '' ? undefined : Number(params.version);
      const saved = await records.update(this.entity.key, String(id), this.formValues(params, context), { expectedVersion: Number.isFinite(version) ? version : undefined });
      return this.toRecord(saved).params;
    }, this.reader(context));
  }

  override async delete(id: string, context?: ActionContext): Promise<void> {
    return adminErrors(async () => (await recordServiceFor(this.runtime, context?.currentAdmin)).delete(this.entity.key, String(id)), this.reader(context));
  }
}
