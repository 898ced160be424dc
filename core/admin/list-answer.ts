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
 */
import type { ActionJSON, ActionResponse, RecordJSON } from 'adminjs';
import { componentLoader, componentSource } from './components.js';

/** The answer's key holding each action described once; the front-end shim reads the same key. */
export const ACTION_DESCRIPTIONS_KEY = 'actionDescriptions';

/** A description's key: the same action name means another action in another resource (a row's populated references). */
const keyOf = (action: ActionJSON): string => `${action.resourceId}.${action.name}`;

function keysOf(actions: ActionJSON[] | undefined, into: Record<string, ActionJSON>): string[] {
  return (actions ?? []).map((action) => {
    const key = keyOf(action);
    into[key] ??= action;
    return key;
  });
}

/** A record (and the records it refers to, `populated`) with action keys instead of descriptions. */
function leanRecord(record: RecordJSON, into: Record<string, ActionJSON>): RecordJSON {
  const populated: Record<string, unknown> = {};
  for (const [path, ref] of Object.entries(record.populated ?? {})) populated[path] = ref && typeof ref === 'object' ? leanRecord(ref as RecordJSON, into) : ref;
  // The arrays hold keys now; components/list-answer.tsx turns them back into descriptions.
  return { ...record, populated, recordActions: keysOf(record.recordActions, into), bulkActions: keysOf(record.bulkActions, into) } as unknown as RecordJSON;
}

/** The list action's response with each action described once (rows keep which actions they offer). */
export function leanListAnswer(response: ActionResponse): ActionResponse {
  const records = response.records as RecordJSON[] | undefined;
  if (!Array.isArray(records)) return response;
  const descriptions: Record<string, ActionJSON> = {};
  const lean = records.map((record) => leanRecord(record, descriptions));
  return { ...response, records: lean, [ACTION_DESCRIPTIONS_KEY]: descriptions };
}

/** The front-end shim; registering it puts it into the component bundle, where it runs on load. */
componentLoader.add('UmsListAnswer', componentSource('admin/components/list-answer.tsx'));
