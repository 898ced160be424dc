/**
 * Demo hostels: North Hall (the demo warden's, 40 rooms) and South Hall (a
 * second warden's, 10 rooms), half of the students allocated (North Hall's
 * fee invoiced through the institute), one student moved out, and room changes
 * waiting: one inside North Hall for the demo warden, one to South Hall
 * waiting for both wardens, and one the other way.
 */
import { DEMO_PASSWORD, type RecordData, type Records, type SeedContext } from '../../core/sdk.js';
import { ALLOCATION, HOSTEL, isoDay, ROOM, ROOM_CHANGE } from './rooms.js';

async function wardenLogin(records: Records, email: string, name: string): Promise<string> {
  const user = await records.create('core.user', { email, name, password: DEMO_PASSWORD, is_active: true });
  const [role] = await records.find('core.role', { filters: [{ field: 'name', op: 'eq', value: 'hostel.warden' }], limit: 1 });
  if (role) await records.create('core.role_assignment', { user: user.id, role: role.id });
  return user.id;
}

export async function seedHostel(ctx: SeedContext): Promise<void> {
  const { records } = ctx;
  const warden = ctx.usersByRole.get('hostel.warden');
  if (!warden) return;
  const second = await wardenLogin(records, `south.warden@${ctx.organization.slug}.demo`, 'Sam South (warden)');
  const north = await records.create(HOSTEL, { name: 'North Hall', gender: 'mixed', warden: warden.id, fee: 900, notes: 'Quiet hours from 22:00.' });
  const south = await records.create(HOSTEL, { name: 'South Hall', gender: 'female', warden: second, fee: 850 });
  const northRooms = [];
  for (let i = 0; i < 40; i++) {
    const floor = 1 + Math.floor(i / 10);
    northRooms.push(await records.create(ROOM, { hostel: north.id, number: `N${floor}${String((i % 10) + 1).padStart(2, '0')}`, capacity: i % 4 === 3 ? 3 : 2 }));
  }
  const southRooms = [];
  for (let i = 0; i < 10; i++) southRooms.push(await records.create(ROOM, { hostel: south.id, number: `S1${String(i + 1).padStart(2, '0')}`, capacity: 2 }));

  const students = await records.find('institute.student', { sort: { field: 'student_number', direction: 'asc' }, limit: 1000 });
  const allocations = [];
  const half = Math.ceil(students.length / 2);
  for (let i = 0; i < half; i++) {
    // The demo student (the first) lives in North Hall; every fourth one in South Hall.
    const room = i % 4 === 3 ? southRooms[i % southRooms.length] : northRooms[Math.floor(i / 2)];
    allocations.push(await records.create(ALLOCATION, { student: students[i].id, room: room.id, from: isoDay(-60 - i), status: 'active' }));
  }
  // A student who moved out (history), then the room changes waiting for the wardens.
  if (students[half]) await records.create(ALLOCATION, { student: students[half].id, room: northRooms[39].id, from: isoDay(-200), to: isoDay(-20), status: 'vacated' });
  const northAllocations = allocations.filter((a) => a.hostel === north.id);
  const southAllocations = allocations.filter((a) => a.hostel === south.id);
  const studentOf = async (allocation: RecordData): Promise<Records> => {
    const [student] = await records.getMany('institute.student', [String(allocation.student)]);
    const login = student?.user ? ctx.usersByRole.get('institute.student') : undefined;
    return login && login.id === student.user ? ctx.as(login) : records;
  };
  if (northAllocations[0]) {
    // The demo student asks to move inside North Hall (the demo warden approves) ...
    const as = await studentOf(northAllocations[0]);
    await as.create(ROOM_CHANGE, { allocation: northAllocations[0].id, requested_room: northRooms[30].id, reason: 'A quieter room on the top floor, away from the common room.' });
  }
  if (northAllocations[1]) {
    // ... another to South Hall (both wardens approve) ...
    await records.create(ROOM_CHANGE, { allocation: northAllocations[1].id, requested_room: southRooms[9].id, reason: 'Closer to the sports ground for early training.' });
  }
  if (southAllocations[0]) {
    // ... and one from South Hall to North Hall.
    await records.create(ROOM_CHANGE, { allocation: southAllocations[0].id, requested_room: northRooms[35].id, reason: 'Wants to share with a classmate.' });
  }
}
