/**
 * Hostel rooms and room changes: 20 concurrent allocations to a room of 3 beds
 * leave exactly 3 active (the capacity primitive counts the allocations, no
 * stored counter); a student holds one active allocation; a warden manages the
 * hostels they are warden of only; a move between hostels needs both wardens,
 * and the approval vacates the old allocation and opens the new one in one
 * transaction (a full room rolls the whole approval back); the hostel fee
 * becomes an institute fee invoice.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordService, type RecordData } from '../core/data/records.js';
import { createUser } from '../core/tenancy/index.js';
import { WorkflowEngine } from '../core/workflow/index.js';
import { RecordValidationError } from '../core/errors.js';
import { errorOf } from './support/errors.js';
import { createInstituteWorld, type InstituteWorld } from './support/institute.js';
import { createTestRuntime, type TestRuntime } from './support/runtime.js';


/** The field error a refused write reports on `field`. */
const fieldError = (err: unknown, field: string): { message: string } | undefined => (err as RecordValidationError).fieldErrors?.[field];
const HOSTEL = 'hostel.hostel';
const ROOM = 'hostel.room';
const ALLOCATION = 'hostel.allocation';
const CHANGE = 'hostel.room_change';

let runtime: TestRuntime;
let w: InstituteWorld;
let wardenA: RecordService;
let wardenB: RecordService;
let north: RecordData;
let south: RecordData;
let n = 0;

async function wardenLogin(key: string): Promise<RecordService> {
  const email = `${key}@${w.fixture.org.slug}.test`;
  const user = await createUser(runtime, w.fixture.org.slug, { email, password: 'secret-123', name: key, roles: ['hostel.warden'] });
  w.fixture.users.set(key, { id: user.id, email, actor: { kind: 'user', userId: user.id, organizationId: w.fixture.org.id, email } });
  return w.fixture.as(key);
}

const newStudent = (): Promise<RecordData> => w.system.create('institute.student', { name: `Resident ${++n}`, student_number: `S-HOS-${String(n).padStart(4, '0')}` });
const room = (hostel: RecordData, capacity: number): Promise<RecordData> => w.system.create(ROOM, { hostel: hostel.id, number: `R${++n}`, capacity });
const engine = async (key: string): Promise<WorkflowEngine> => WorkflowEngine.for(await w.fixture.as(key));

beforeAll(async () => {
  runtime = await createTestRuntime();
  w = await createInstituteWorld(runtime);
  wardenA = await wardenLogin('warden_a');
  wardenB = await wardenLogin('warden_b');
  north = await w.system.create(HOSTEL, { name: 'North', gender: 'mixed', warden: w.userId('warden_a'), fee: 900 });
  south = await w.system.create(HOSTEL, { name: 'South', gender: 'female', warden: w.userId('warden_b') });
}, 120_000);
afterAll(() => runtime.dispose());

describe('room capacity and one active allocation per student', () => {
  it('20 concurrent allocations to a room of 3 beds: exactly 3 become active, the others are refused on the room', async () => {
    const r = await room(north, 3);
    const students = await Promise.all(Array.from({ length: 20 }, () => newStudent()));
    const results = await Promise.allSettled(students.map(async (s) => (await w.fixture.as('warden_a')).create(ALLOCATION, { student: s.id, room: r.id, from: '2026-09-01' })));
    const won = results.filter((x) => x.status === 'fulfilled');
    expect(won).toHaveLength(3);
    for (const lost of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(lost.reason.fieldErrors?.room?.message).toMatch(/full/);
    }
    expect(await w.system.count(ALLOCATION, [{ field: 'room', op: 'eq', value: r.id }, { field: 'status', op: 'eq', value: 'active' }])).toBe(3);
    // A vacated allocation frees its bed.
    const first = (won[0] as PromiseFulfilledResult<RecordData>).value;
    const vacated = await wardenA.update(ALLOCATION, first.id, { status: 'vacated' });
    expect(vacated.to).toEqual(expect.any(String));
    await wardenA.create(ALLOCATION, { student: students[19].id, room: r.id, from: '2026-09-02' });
  }, 120_000);

  it('a student holds at most one active allocation; vacated ones are history', async () => {
    const s = await newStudent();
    const r1 = await room(north, 2);
    const r2 = await room(north, 2);
    const a = await wardenA.create(ALLOCATION, { student: s.id, room: r1.id, from: '2026-09-01' });
    const err = await errorOf(wardenA.create(ALLOCATION, { student: s.id, room: r2.id, from: '2026-09-01' }));
    expect(fieldError(err, 'student')?.message).toMatch(/already has an active hostel allocation/);
    await wardenA.update(ALLOCATION, a.id, { status: 'vacated', to: '2026-10-01' });
    expect((await wardenA.create(ALLOCATION, { student: s.id, room: r2.id, from: '2026-10-01' })).status).toBe('active');
  });

  it('the hostel fee becomes an institute fee invoice of the student', async () => {
    const s = await newStudent();
    const a = await wardenA.create(ALLOCATION, { student: s.id, room: (await room(north, 2)).id, from: '2026-09-01' });
    const invoice = await w.system.get('institute.fee_invoice', String(a.invoice));
    expect(invoice).toMatchObject({ student: s.id, status: 'PENDING', due_date: '2026-09-15' });
    expect(Number(invoice.amount)).toBe(900);
    // South has no fee: no invoice.
    const b = await wardenB.create(ALLOCATION, { student: (await newStudent()).id, room: (await room(south, 2)).id, from: '2026-09-01' });
    expect(b.invoice).toBeNull();
  });

  it('a warden manages only the hostels they are warden of', async () => {
    const southRoom = await room(south, 2);
    expect(await errorOf(wardenA.create(ALLOCATION, { student: (await newStudent()).id, room: southRoom.id, from: '2026-09-01' }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await errorOf(wardenA.create(ROOM, { hostel: south.id, number: 'X1', capacity: 1 }))).toMatchObject({ code: 'FORBIDDEN' });
    const southAllocation = await wardenB.create(ALLOCATION, { student: (await newStudent()).id, room: southRoom.id, from: '2026-09-01' });
    expect((await wardenA.find(ALLOCATION, { limit: 1000 })).map((a) => a.id)).not.toContain(southAllocation.id);
    expect(await errorOf(wardenA.update(ALLOCATION, southAllocation.id, { status: 'vacated' }))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
    expect((await wardenA.find(HOSTEL, { limit: 100 })).map((h) => h.id).sort()).toEqual([north.id, south.id].sort());
    expect(await errorOf(wardenA.update(HOSTEL, south.id, { notes: 'mine now' }))).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|FORBIDDEN/) });
  });
});

describe('room changes', () => {
  it('between hostels: both wardens approve, then the old allocation is vacated and the new one opened together', async () => {
    const s = await newStudent();
    const from = await room(north, 2);
    const to = await room(south, 2);
    const old = await wardenA.create(ALLOCATION, { student: s.id, room: from.id, from: '2026-09-01' });
    const change = await wardenA.create(CHANGE, { allocation: old.id, requested_room: to.id, reason: 'Closer to the lab' });
    expect(change).toMatchObject({ status: 'requested', between_hostels: true, from_hostel: north.id, to_hostel: south.id, student: s.id });
    // The South warden sees the request; the North warden's approval alone moves nothing.
    expect((await wardenB.find(CHANGE, { limit: 100 })).map((c) => c.id)).toContain(change.id);
    await (await engine('warden_a')).run(CHANGE, change.id, 'approve');
    expect((await w.system.get(CHANGE, change.id)).status).toBe('requested');
    expect((await w.system.get(ALLOCATION, old.id)).status).toBe('active');
    // One person gives one approval: the North warden cannot fill the South step.
    expect(await errorOf(async () => (await engine('warden_a')).run(CHANGE, change.id, 'approve'))).toMatchObject({ code: expect.any(String) });
    await (await engine('warden_b')).run(CHANGE, change.id, 'approve');
    const done = await w.system.get(CHANGE, change.id);
    expect(done.status).toBe('approved');
    expect((await w.system.get(ALLOCATION, old.id)).status).toBe('vacated');
    const opened = await w.system.get(ALLOCATION, String(done.new_allocation));
    expect(opened).toMatchObject({ student: s.id, room: to.id, hostel: south.id, status: 'active', invoice: old.invoice });
    const active = await w.system.find(ALLOCATION, { filters: [{ field: 'student', op: 'eq', value: s.id }, { field: 'status', op: 'eq', value: 'active' }] });
    expect(active.map((a) => a.id)).toEqual([opened.id]);
  });

  it('inside one hostel its warden alone approves (the student asked through their own login)', async () => {
    const r1 = await room(north, 2);
    const r2 = await room(north, 2);
    const old = await w.system.create(ALLOCATION, { student: w.student.id, room: r1.id, from: '2026-09-01' });
    const student = await w.as('student');
    expect((await student.find(ALLOCATION, { limit: 100 })).map((a) => a.id)).toEqual([old.id]);
    const change = await student.create(CHANGE, { allocation: old.id, requested_room: r2.id, reason: 'Quieter' });
    expect(change.between_hostels).toBe(false);
    await (await engine('warden_a')).run(CHANGE, change.id, 'approve');
    expect((await w.system.get(CHANGE, change.id)).status).toBe('approved');
    expect((await w.system.get(ALLOCATION, old.id)).status).toBe('vacated');
    // Another student cannot ask to move this student.
    const other = await w.system.create(ALLOCATION, { student: w.student2.id, room: r1.id, from: '2026-09-01' });
    expect(await errorOf(student.create(CHANGE, { allocation: other.id, requested_room: r2.id, reason: 'Not mine' }))).toMatchObject({ code: expect.stringMatching(/FORBIDDEN|VALIDATION|NOT_FOUND/) });
  });

  it('approving into a room that filled up meanwhile rolls everything back: the old allocation stays active', async () => {
    const s = await newStudent();
    const from = await room(north, 2);
    const to = await room(north, 1);
    const old = await wardenA.create(ALLOCATION, { student: s.id, room: from.id, from: '2026-09-01' });
    const change = await w.system.create(CHANGE, { allocation: old.id, requested_room: to.id, reason: 'Single room' });
    await wardenA.create(ALLOCATION, { student: (await newStudent()).id, room: to.id, from: '2026-09-01' });
    const err = await errorOf(async () => (await engine('warden_a')).run(CHANGE, change.id, 'approve'));
    expect(err.message).toMatch(/full/);
    expect((await w.system.get(CHANGE, change.id)).status).toBe('requested');
    expect((await w.system.get(ALLOCATION, old.id)).status).toBe('active');
    expect(await w.system.count(ALLOCATION, [{ field: 'room', op: 'eq', value: to.id }])).toBe(1);
  });
});
