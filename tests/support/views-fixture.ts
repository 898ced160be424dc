/**
 * A small "studio" module built by code for the declared views: tasks on a
 * workflow board (columns = the workflow's states; a member may start and
 * finish work, only a lead may archive), a plain enum board (priority, moved
 * by an update), and a calendar of datetime bookings in lanes of desks.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRegistry, type Registry } from '../../core/manifest/index.js';

export type Json = Record<string, unknown>;

export function studioManifest(): Json {
  return {
    id: 'studio',
    version: '1.0.0',
    label: 'Studio',
    systemTypes: ['task'],
    entities: [
      { name: 'desk', titleField: 'name', fields: [{ name: 'name', type: 'string', required: true }], list: { columns: ['name'], sort: { field: 'name' } } },
      {
        name: 'task',
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'state', type: 'enum', values: ['todo', 'doing', 'done', 'archived'], default: 'todo' },
          { name: 'priority', type: 'enum', values: ['low', 'normal', 'high'], default: 'normal' },
          { name: 'assignee', type: 'reference', target: 'core.user' },
          { name: 'desk', type: 'reference', target: 'desk' },
          { name: 'due', type: 'date' },
        ],
        list: { columns: ['title', 'state', 'priority', 'assignee', 'due'], sort: { field: 'title' } },
      },
      {
        name: 'booking',
        titleField: 'title',
        fields: [
          { name: 'title', type: 'string', required: true },
          { name: 'desk', type: 'reference', target: 'desk' },
          { name: 'starts_at', type: 'datetime', required: true },
          { name: 'ends_at', type: 'datetime' },
          { name: 'kind', type: 'enum', values: ['meeting', 'focus'], colors: { meeting: 'blue', focus: 'green' } },
          { name: 'owner', type: 'reference', target: 'core.user' },
        ],
        list: { columns: ['title', 'desk', 'starts_at', 'ends_at'], sort: { field: 'starts_at' } },
      },
    ],
    roles: [{ name: 'lead' }, { name: 'member' }],
    permissions: {
      lead: [{ action: 'manage', subject: ['desk', 'task', 'booking'] }, { action: 'read', subject: 'core.user', fields: ['name', 'email'] }],
      member: [
        { action: 'read', subject: ['desk', 'task'] },
        { action: 'update', subject: 'task' },
        { action: 'read', subject: 'core.user', fields: ['name', 'email'] },
        { action: ['read', 'create'], subject: 'booking', conditions: { owner: '${user.id}' } },
      ],
    },
    workflows: [
      {
        name: 'flow',
        entity: 'task',
        version: 1,
        field: 'state',
        initial: 'todo',
        states: [
          { name: 'todo', label: 'To do' },
          { name: 'doing', label: 'Doing', color: 'blue' },
          { name: 'done', label: 'Done', color: 'green' },
          { name: 'archived', label: 'Archived', color: 'grey', editable: false, terminal: true },
        ],
        transitions: [
          { name: 'start', label: 'Start', from: 'todo', to: 'doing', by: { roles: ['lead', 'member'] } },
          { name: 'finish', label: 'Finish', from: 'doing', to: 'done', by: { roles: ['lead', 'member'] } },
          { name: 'reopen', label: 'Reopen', from: 'done', to: 'doing', by: { roles: ['lead', 'member'] } },
          { name: 'archive', label: 'Archive', from: ['todo', 'done'], to: 'archived', by: { roles: ['lead'] } },
        ],
      },
    ],
    views: [
      { kind: 'kanban', name: 'board', label: 'Task board', translations: { bn: { label: 'কাজের বোর্ড' } }, entity: 'task', column: 'state', card: ['priority', 'assignee', 'due'], swimlane: 'desk' },
      { kind: 'kanban', name: 'by_priority', label: 'Tasks by priority', entity: 'task', column: 'priority', card: ['state', 'assignee'] },
      { kind: 'calendar', name: 'desk_calendar', label: 'Desk bookings', translations: { bn: { label: 'ডেস্ক বুকিং' } }, entity: 'booking', start: 'starts_at', end: 'ends_at', lane: 'desk', color: 'kind' },
    ],
  };
}

export function studioDir(manifest: Json = studioManifest()): string {
  const dir = mkdtempSync(join(tmpdir(), 'ums-studio-'));
  writeFileSync(join(dir, 'studio.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

export const studioRegistry = (manifest?: Json): Registry => loadRegistry({ dir: studioDir(manifest) });
