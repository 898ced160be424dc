/**
 * A leaner list answer: AdminJS's list response repeats, in every row, the full description of
 * each record and bulk action (name, icon, layout, custom texts… ≈ 1 KB per action per row), although
 * an action's description never depends on the record — `ActionDecorator.toJSON(currentAdmin)` takes
 * no record. What does depend on the record is which actions a row offers (a loan offers "Issue"
 * while requested and "Return" while issued; Edit goes away in a locked workflow state): that stays
 * per row, as the list of action names.
 *
 * The answer carries each description once, under `actionDescriptions` keyed `<resourceId>.<name>`,
 * and each row's `recordActions` / `bulkActions` (and those of the records in its `populated`
 * references) become arrays of those keys. The front end puts the descriptions back
 * before AdminJS's list reads them (components/list-answer.tsx patches `ApiClient.resourceAction`).
 * Issue 17: the answer was 44 KB for 25 rows, about a third of a list request's CPU went into it.
 *
 * The answer is built directly in that shape (leanListHandler): AdminJS's own list action would
 * describe every action of every row (`BaseRecord.toJSON`) only for the descriptions to be thrown
 * away again here, so each description is made once per answer instead of once per row.
 */
import { Filter, flat, populator, SortSetter, type ActionContext, type ActionJSON, type ActionRequest, type ActionResponse, type BaseRecord, type CurrentAdmin, type RecordJSON } from 'adminjs';
import { componentLoader, componentSource } from './components.js';

/** The answer's key holding each action described once; the front-end shim reads the same key. */
export const ACTION_DESCRIPTIONS_KEY = 'actionDescriptions';

/** AdminJS's own cap on perPage (its list action's PER_PAGE_LIMIT). */
const PER_PAGE_LIMIT = 500;

type Decorated = ReturnType<BaseRecord['resource']['decorate']>;
type ActionDecorator = Decorated['actions'][string];

/** One answer's descriptions: each action described (toJSON) the first time a row offers it. */
class Descriptions {
  readonly byKey: Record<string, ActionJSON> = {};
  private readonly keys = new Map<ActionDecorator, string>();

  constructor(private readonly currentAdmin: CurrentAdmin | undefined) {}

  /** The action's key (`<resourceId>.<name>`: the same name in another resource is another action). */
  keyOf(action: ActionDecorator): string {
    let key = this.keys.get(action);
    if (key === undefined) {
      const json = action.toJSON(this.currentAdmin);
      key = `${json.resourceId}.${json.name}`;
      this.byKey[key] ??= json;
      this.keys.set(action, key);
    }
    return key;
  }
}

/**
 * BaseRecord.toJSON with action keys instead of descriptions: the same params, populated records
 * (lean too), errors, id and title; the same actions, asked of the record's resource as AdminJS asks.
 */
function leanRecordJSON(record: BaseRecord, currentAdmin: CurrentAdmin | undefined, descriptions: Descriptions): RecordJSON {
  const decorated = record.resource.decorate();
  const populated: Record<string, unknown> = {};
  for (const [path, ref] of Object.entries(record.populated)) {
    // AdminJS leaves anything that is not a record (a value some code put there) as it is.
    populated[path] = ref && typeof (ref as { toJSON?: unknown }).toJSON === 'function' ? leanRecordJSON(ref, currentAdmin, descriptions) : ref;
  }
  // The arrays hold keys; components/list-answer.tsx turns them back into descriptions.
  return {
    params: record.params,
    populated,
    baseError: record.baseError,
    errors: record.errors,
    id: record.id(),
    title: decorated.titleOf(record),
    recordActions: decorated.recordActions(record, currentAdmin).map((a) => descriptions.keyOf(a)),
    bulkActions: decorated.bulkActions(record, currentAdmin).map((a) => descriptions.keyOf(a)),
  } as unknown as RecordJSON;
}

/** The first sortable list column (AdminJS's default sort), once per resource: it depends on the resource's options only. */
const firstSortable = new WeakMap<Decorated, string | null>();
function defaultSortOf(decorated: Decorated): string | null {
  let name = firstSortable.get(decorated);
  if (name === undefined) {
    name = decorated.getListProperties().find((p) => p.isSortable())?.name() ?? null;
    firstSortable.set(decorated, name);
  }
  return name;
}

/**
 * AdminJS's list action (adminjs/lib/backend/actions/list/list-action.js, 7.x), answering in the
 * lean shape: the same paging, sort, filter, populated references and count, the same records in
 * the same order, each action described once.
 */
export async function leanListHandler(request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> {
  const query = flat.unflatten<Record<string, unknown>, { sortBy?: string; direction?: 'asc' | 'desc'; filters?: Record<string, unknown>; page?: unknown; perPage?: unknown }>(request.query ?? {});
  const { sortBy, direction, filters = {} } = query;
  const { resource, _admin, currentAdmin } = context;
  const perPage = query.perPage ? Math.min(Number(query.perPage), PER_PAGE_LIMIT) : (_admin.options.settings?.defaultPerPage ?? 10);
  const page = Number(query.page) || 1;
  const decorated = resource.decorate();
  const first = defaultSortOf(decorated);
  const sort = first === null ? undefined : SortSetter({ sortBy, direction }, first, decorated.options);
  const filter = await new Filter(filters, resource).populate(context);
  const records = await populator(await resource.find(filter, { limit: perPage, offset: (page - 1) * perPage, sort }, context), context);
  // As AdminJS's handler does: after-hooks read the page's records here.
  context.records = records;
  const total = await resource.count(filter, context);
  const descriptions = new Descriptions(currentAdmin);
  const lean = records.map((r) => leanRecordJSON(r, currentAdmin, descriptions));
  return {
    meta: { total, perPage, page, direction: sort?.direction, sortBy: sort?.sortBy },
    records: lean,
    [ACTION_DESCRIPTIONS_KEY]: descriptions.byKey,
  };
}

/** The front-end shim; registering it puts it into the component bundle, where it runs on load. */
componentLoader.add('UmsListAnswer', componentSource('admin/components/list-answer.tsx'));
