/** A studio organization built by code (tests/support/views-fixture.ts): a lead, a member, two desks and tasks in every state. */
import type { RecordData, RecordService } from '../../core/data/records.js';
import type { Runtime } from '../../core/runtime.js';
import { createFixtureOrg, type Fixture } from './runtime.js';

export interface StudioWorld {
  org: Fixture;
  system: RecordService;
  desks: { north: RecordData; south: RecordData };
  tasks: { todo: RecordData; doing: RecordData; done: RecordData; archived: RecordData; loose: RecordData };
}

export async function createStudioWorld(runtime: Runtime): Promise<StudioWorld> {
  const org = await createFixtureOrg(runtime, 'task', ['studio.lead', 'studio.member']);
  const system = await org.system();
  const north = await system.create('studio.desk', { name: 'North desk' });
  const south = await system.create('studio.desk', { name: 'South desk' });
  const member = org.users.get('studio.member')!.id;
  const task = (title: string, state: string, values: Record<string, unknown> = {}) => system.create('studio.task', { title, state, desk: north.id, ...values });
  return {
    org,
    system,
    desks: { north, south },
    tasks: {
      todo: await task('Sketch the logo', 'todo', { priority: 'high', assignee: member, due: '2026-12-10' }),
      doing: await task('Write the brief', 'doing', { desk: south.id }),
      done: await task('Book the venue', 'done'),
      archived: await task('Old idea', 'archived', { priority: 'low' }),
      loose: await task('Find a desk', 'todo', { desk: null }),
    },
  };
}
