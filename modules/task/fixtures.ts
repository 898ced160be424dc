/**
 * Valid test records for the generic test data generator (permission parity):
 * the generator fills each field on its own, so it would put a due date before
 * a start date, overlap a project's cycles, log 0 or 30 hours, hang an open
 * item under a completed parent (the guard refuses it) or link items into a
 * cycle. Tests only.
 */
import type { FixtureRecord } from '../../core/sdk.js';
import { ITEM } from './items.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.UTC(2026, 0, 5) + offset * DAY_MS).toISOString().slice(0, 10);

const ROLES = ['manager', 'member', 'viewer'];

export const taskFixtures: Record<string, FixtureRecord> = {
  // The first membership makes the first holder of the manager role (the test's role user) the manager of one project, so its
  // conditional rules match some records and not others; the rest take each membership role in turn.
  member: async (_draft, { index, records }) => {
    if (index > 0) return { role: ROLES[index % 3] };
    const [role] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'task.manager' }], limit: 1 });
    const [holder] = role ? await records.find('core.role_assignment', { filters: [{ field: 'role', op: 'eq', value: role.id }], sort: { field: 'created_at', direction: 'asc' }, limit: 1 }) : [];
    return holder ? { user: holder.user, role: 'manager' } : { role: 'manager' };
  },
  work_item: (_draft, { index }) => ({ parent: null, start_date: day(index), due_date: day(index + 3) }),
  cycle: (_draft, { index }) => ({ start_date: day(index * 14), end_date: day(index * 14 + 13) }),
  time_entry: (_draft, { index }) => ({ hours: 1 + (index % 8), date: day(index) }),
  // Links only from an earlier item to a later one: never a cycle, and no item has a parent here.
  relation: async (_draft, { index, records }) => {
    const items = await records.find(ITEM, { sort: { field: 'created_at', direction: 'asc' }, limit: 1000 });
    const n = items.length;
    const a = index % (n - 1);
    const b = a + 1 + (Math.floor(index / (n - 1)) % (n - 1 - a));
    return { item: items[a].id, other: items[b].id };
  },
};
