/**
 * The front end's half of the lean list answer (core/admin/list-answer.ts): the server describes each
 * action once, under `actionDescriptions` (keyed `<resourceId>.<name>`), and gives each row — and
 * each record in its `populated` references — the keys of the actions it offers.
 * Before AdminJS's list (row menus, bulk actions) reads the answer, the descriptions are put back into
 * `record.recordActions` / `record.bulkActions`, so AdminJS sees the answer it always had.
 * This module runs when the component bundle loads (before the app renders); the component is empty.
 */
import { ApiClient } from 'adminjs';

const KEY = 'actionDescriptions';
const PATCHED = Symbol.for('ums.leanListAnswer');

type Description = { name: string };
type LeanRecord = { recordActions?: unknown[]; bulkActions?: unknown[]; populated?: Record<string, LeanRecord | null | undefined> };
type LeanAnswer = { records?: LeanRecord[]; [KEY]?: Record<string, Description> };

function described(names: unknown[] | undefined, descriptions: Record<string, Description>): Description[] {
  return (names ?? []).map((n) => (typeof n === 'string' ? descriptions[n] : (n as Description))).filter((d): d is Description => Boolean(d));
}

/** Puts each row's action descriptions back (in place); an answer without descriptions is left as it is. */
export function rehydrateListAnswer(data: LeanAnswer | undefined): void {
  const descriptions = data?.[KEY];
  if (!data || !descriptions || !Array.isArray(data.records)) return;
  const restore = (record: LeanRecord): void => {
    record.recordActions = described(record.recordActions, descriptions);
    record.bulkActions = described(record.bulkActions, descriptions);
    for (const ref of Object.values(record.populated ?? {})) if (ref && typeof ref === 'object') restore(ref);
  };
  data.records.forEach(restore);
  delete data[KEY];
}

const proto = ApiClient.prototype as unknown as Record<string | symbol, unknown> & { resourceAction: (this: ApiClient, options: unknown) => Promise<{ data?: LeanAnswer }> };
if (!proto[PATCHED]) {
  const original = proto.resourceAction;
  proto.resourceAction = async function resourceAction(this: ApiClient, options: unknown) {
    const response = await original.call(this, options);
    rehydrateListAnswer(response?.data);
    return response;
  };
  proto[PATCHED] = true;
}

const ListAnswer = (): null => null;
export default ListAnswer;
