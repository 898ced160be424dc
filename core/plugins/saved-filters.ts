/**
 * Saved filters (core.saved_filter): a list's filters and sort under a name, owned by who saved it
 * (the entity's `ownedBy`: core/access/ownership.ts keeps users' filters apart). The query is kept
 * as the list's own address parameters (`filters.status=overdue&sortBy=due_date&direction=asc`), so
 * opening one is a plain link to the list, and the list applies it through its usual translation.
 *
 * Checked when saved, against the person saving: an entity they may read, only the list's own
 * parameters, and only fields that exist and they may read (a filter on a hidden field would show
 * nothing and tell them nothing). The same check at display time says whether a saved filter went
 * stale (a field removed, or no longer readable by the viewer): it is then shown, not applied.
 */
import { actorUserId } from '../data/actor.js';
import type { RecordService } from '../data/records.js';
import { RecordValidationError, type FieldErrors } from '../errors.js';
import type { ResolvedEntity } from '../manifest/index.js';
import type { EntityHooks, FixtureRecord, HookContext } from './types.js';

export const SAVED_FILTER = 'core.saved_filter';

/** Filter keys the list understands that name no field: its search box, a dashboard card's condition. */
const PSEUDO_FILTERS = new Set(['_q', 'card']);
/** System columns every readable record shows, so a filter or sort on them is never hidden. */
const ALWAYS_READABLE = new Set(['id', 'created_at', 'updated_at']);
const FILTER_KEY = /^filters\.([a-z_][a-z0-9_]*)(~~(from|to))?$/;

export interface SavedQuery {
  /** `filters.<field>[~~from|~~to]` → value, in order. */
  filters: { field: string; key: string; value: string }[];
  sortBy?: string;
  direction?: 'asc' | 'desc';
}

/** The list parameters of a saved query, or what is wrong with it. `page` and `perPage` are dropped: a saved filter opens at page 1. */
export function parseSavedQuery(query: string): SavedQuery | string {
  const text = query.startsWith('?') ? query.slice(1) : query;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(text);
  } catch {
    return 'is not a list address query';
  }
  const out: SavedQuery = { filters: [] };
  const seen = new Set<string>();
  for (const [key, value] of params) {
    if (seen.has(key)) return `names "${key}" twice`;
    seen.add(key);
    if (key === 'page' || key === 'perPage') continue;
    if (key === 'sortBy') out.sortBy = value;
    else if (key === 'direction') {
      if (value !== 'asc' && value !== 'desc') return 'direction must be asc or desc';
      out.direction = value;
    } else {
      const m = FILTER_KEY.exec(key);
      if (!m) return `"${key.slice(0, 60)}" is not a list filter (filters.<field>=…, sortBy, direction)`;
      if (value === '') continue;
      out.filters.push({ field: m[1], key, value });
    }
  }
  if (!out.filters.length && !out.sortBy) return 'has no filter to save: filter the list first';
  return out;
}

/** The saved query back as the list's address parameters (page 1). */
export function savedQueryString(saved: SavedQuery): string {
  const params = new URLSearchParams();
  for (const f of saved.filters) params.set(f.key, f.value);
  if (saved.sortBy) params.set('sortBy', saved.sortBy);
  if (saved.direction) params.set('direction', saved.direction);
  return params.toString();
}

/**
 * Why this query cannot be applied for this reader of `entity`, or undefined: a field that is gone
 * from the manifest or that `readable` (the reader's readable fields) leaves out.
 */
export function savedQueryProblem(saved: SavedQuery, entity: ResolvedEntity, readable: ReadonlySet<string>): string | undefined {
  const names = [...saved.filters.map((f) => f.field), ...(saved.sortBy ? [saved.sortBy] : [])];
  for (const name of names) {
    if (PSEUDO_FILTERS.has(name) && name !== saved.sortBy) continue;
    if (ALWAYS_READABLE.has(name)) continue;
    if (!entity.field.has(name)) return `${entity.label} has no field "${name}"`;
    if (!readable.has(name)) return `you may not read ${entity.label.toLowerCase()} field "${name}"`;
  }
  return undefined;
}

/** One name per list and owner (the unique index holds it; this says it on the name, before the insert). */
async function checkNameFree(ctx: HookContext<RecordService>, values: Record<string, unknown>, id?: unknown): Promise<void> {
  if (typeof values.name !== 'string' || typeof values.entity !== 'string' || typeof values.owner !== 'string') return;
  const filters = [
    { field: 'owner', op: 'eq' as const, value: values.owner },
    { field: 'entity', op: 'eq' as const, value: values.entity },
    { field: 'name', op: 'eq' as const, value: values.name },
  ];
  const same = await ctx.records.asSystem('saved-filter-names').find(SAVED_FILTER, { filters, limit: 2 });
  if (same.some((f) => f.id !== id)) throw new RecordValidationError(SAVED_FILTER, { name: { message: 'you already saved a filter of this name on this list', type: 'unique' } });
}

function check(ctx: HookContext<RecordService>, values: Record<string, unknown>, changed?: string[]): void {
  const touched = (name: string): boolean => !changed || changed.includes(name);
  const errors: FieldErrors = {};
  const { records } = ctx;
  let entity: ResolvedEntity | undefined;
  if (typeof values.entity === 'string') {
    entity = records.runtime.registry.entity(values.entity);
    if (!entity || entity.key === SAVED_FILTER || !records.moduleEnabled(entity) || !records.canOnType('read', entity.key)) {
      if (touched('entity')) errors.entity = { message: `no list "${values.entity.slice(0, 100)}" that you may read (write module.entity, e.g. library.loan)`, type: 'entity' };
      entity = undefined;
    }
  }
  if ((touched('query') || touched('entity')) && typeof values.query === 'string') {
    const saved = parseSavedQuery(values.query);
    const problem = typeof saved === 'string' ? saved : entity ? savedQueryProblem(saved, entity, new Set(records.readableFields(entity))) : undefined;
    if (problem) errors.query = { message: problem, type: 'query' };
    // Kept in one spelling (no page, no empty filters), so the same filter saved twice reads the same.
    else if (typeof saved !== 'string') values.query = savedQueryString(saved);
  }
  if (typeof values.name === 'string' && touched('name')) {
    values.name = values.name.trim();
    if (!values.name) errors.name = { message: 'is required', type: 'required' };
  }
  if (Object.keys(errors).length) throw new RecordValidationError(SAVED_FILTER, errors);
}

export const savedFilterHooks: EntityHooks<RecordService> = {
  beforeCreate: (ctx, values) => {
    check(ctx, values);
    // A person's filter is theirs: the owner is who saves it, never chosen (a system actor, e.g. an import, keeps the given one).
    const me = actorUserId(ctx.records.actor);
    if (me) values.owner = me;
    return checkNameFree(ctx, values);
  },
  beforeUpdate: (ctx, change) => {
    check(ctx, change.values, change.changed);
    change.values.owner = change.before.owner;
    return checkNameFree(ctx, change.values, change.before.id);
  },
};

/** Generated test records (permission parity): a list every organization has, sorted by a column every reader sees. */
export const savedFilterFixture: FixtureRecord = (draft) => ({ ...draft, entity: 'core.user', query: 'sortBy=created_at&direction=desc' });
