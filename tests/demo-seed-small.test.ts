/**
 * The small demo seed (fewer records, for quick tries) makes every module's
 * demo data as the full one does, in every system type with modules.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService } from '../core/data/records.js';
import { findOrganization } from '../core/tenancy/index.js';
import { seedDemoIfEmpty } from '../core/tenancy/demo.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;

beforeAll(async () => {
  runtime = await createTestRuntime();
}, 60_000);
afterAll(() => runtime.dispose());

describe('small demo seed', () => {
  it('seeds the library and the institute with fewer records, loans in every state included', async () => {
    const logins = await seedDemoIfEmpty(runtime, { size: 'small', systemTypes: ['library', 'institute', 'hotel', 'task', 'gym', 'hospital'] });
    expect(logins?.map((l) => l.email)).toEqual(expect.arrayContaining(['librarian@library.demo', 'teacher@institute.demo']));
    const library = await findOrganization(runtime, 'library');
    const records = RecordService.forSystem(runtime, library.id, 'test');
    expect(await records.count('library.book')).toBe(20);
    const loans = await records.find('library.loan', { limit: 100 });
    expect(new Set(loans.map((l) => l.status))).toEqual(new Set(['requested', 'issued', 'returned']));
    const institute = await findOrganization(runtime, 'institute');
    expect(await RecordService.forSystem(runtime, institute.id, 'test').count('institute.course')).toBeGreaterThan(0);
    const hotel = RecordService.forSystem(runtime, (await findOrganization(runtime, 'hotel')).id, 'test');
    expect([await hotel.count('hotel.room'), await hotel.count('hotel.reservation')]).toEqual([6, 16]);
    const task = RecordService.forSystem(runtime, (await findOrganization(runtime, 'task')).id, 'test');
    expect([await task.count('task.project'), await task.count('task.work_item'), await task.count('task.time_entry')]).toEqual([2, 24, 30]);
    const gym = RecordService.forSystem(runtime, (await findOrganization(runtime, 'gym')).id, 'test');
    expect([await gym.count('gym.member'), await gym.count('gym.booking')]).toEqual([16, 40]);
    const hospital = RecordService.forSystem(runtime, (await findOrganization(runtime, 'hospital')).id, 'test');
    expect([await hospital.count('hospital.patient'), await hospital.count('hospital.appointment'), await hospital.count('hospital.admission')]).toEqual([12, 20, 4]);
  }, 120_000);
});
