/**
 * The permission-parity data generator and a module whose hooks refuse what
 * field definitions alone allow (a booking that ends before it starts, more
 * attendees than the room holds): without help the generator stops with the
 * hook's refusal and says where valid values come from; with the plugin's
 * `fixtures` it writes valid records through the same hooks, and the parity
 * comparison (rows and fields) runs on them.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RecordValidationError } from '../core/errors.js';
import { definePlugin, type ModulePlugin } from '../core/plugins/types.js';
import { generateRecords } from './support/generate.js';
import { createFixtureOrg, createTestRuntime, type TestRuntime } from './support/runtime.js';
import { registryWith } from './support/workflow-fixture.js';

const manifest = {
  id: 'rooms',
  version: '1.0.0',
  label: 'Rooms',
  systemTypes: ['inventory'],
  entities: [
    {
      name: 'room',
      titleField: 'name',
      fields: [
        { name: 'name', type: 'string', required: true },
        { name: 'capacity', type: 'integer', required: true, min: 1, max: 20 },
      ],
    },
    {
      name: 'booking',
      titleField: 'title',
      fields: [
        { name: 'title', type: 'string', required: true },
        { name: 'room', type: 'reference', target: 'room', required: true },
        { name: 'starts_at', type: 'datetime', required: true },
        { name: 'ends_at', type: 'datetime', required: true },
        { name: 'attendees', type: 'integer', required: true, min: 1, max: 50 },
        { name: 'organizer', type: 'reference', target: 'core.user' },
      ],
    },
  ],
  roles: [{ name: 'planner' }],
  permissions: {
    planner: [
      { action: 'read', subject: 'room' },
      { action: 'read', subject: 'booking', conditions: { organizer: '${user.id}' } },
      { action: 'read', subject: 'booking', fields: ['title', 'room'], conditions: { attendees: { $gte: 5 } } },
    ],
  },
};

/** The module's rules, which no test may weaken. */
const hooks: ModulePlugin['hooks'] = {
  booking: {
    async beforeCreate(ctx, values) {
      const room = await ctx.records.get('rooms.room', String(values.room));
      if (Date.parse(String(values.ends_at)) <= Date.parse(String(values.starts_at))) throw new RecordValidationError('rooms.booking', { ends_at: { message: 'must be after the start', type: 'range' } });
      if (Number(values.attendees) > Number(room.capacity)) throw new RecordValidationError('rooms.booking', { attendees: { message: `the room holds ${String(room.capacity)}`, type: 'max' } });
    },
  },
};

const HOUR_MS = 3_600_000;
const withFixtures = definePlugin({
  module: 'rooms',
  hooks,
  fixtures: {
    async booking(draft, { records, index }) {
      const room = await records.get('rooms.room', String(draft.room));
      const starts = Date.parse(String(draft.starts_at));
      return { ends_at: new Date(starts + (1 + (index % 3)) * HOUR_MS).toISOString(), attendees: Math.min(Number(draft.attendees), Number(room.capacity)) };
    },
  },
});

let runtime: TestRuntime;
afterAll(() => runtime?.dispose());

describe('generated data for a module whose hooks refuse invalid records', () => {
  it('without fixtures, the generator stops with the refusal and names the fixture to write', async () => {
    const bare = await createTestRuntime({ registry: registryWith(manifest), plugins: [definePlugin({ module: 'rooms', hooks })] });
    try {
      const org = await createFixtureOrg(bare, 'inventory', ['planner']);
      const planner = org.users.get('planner')!.id;
      await expect(generateRecords(bare, await org.system(), { count: 8, roleUsers: [planner], tag: org.org.slug })).rejects.toThrow(
        /generated rooms\.booking #0 .* was refused: .*(must be after the start|the room holds).*modules\/rooms\/index\.ts .*fixtures\.booking/,
      );
    } finally {
      await bare.dispose();
    }
  });

  describe('with the plugin’s fixtures', () => {
    beforeAll(async () => {
      runtime = await createTestRuntime({ registry: registryWith(manifest), plugins: [withFixtures] });
    });

    it('writes valid records through the hooks, and find agrees with the in-memory check on rows and fields', async () => {
      const org = await createFixtureOrg(runtime, 'inventory', ['planner']);
      const system = await org.system();
      const plannerId = org.users.get('planner')!.id;
      await generateRecords(runtime, system, { count: 8, roleUsers: [plannerId], tag: org.org.slug });
      const rooms = new Map((await system.find('rooms.room')).map((r) => [r.id, r]));
      const bookings = await system.find('rooms.booking', { limit: 100 });
      expect(bookings).toHaveLength(8);
      for (const b of bookings) {
        expect(Date.parse(String(b.ends_at))).toBeGreaterThan(Date.parse(String(b.starts_at)));
        expect(Number(b.attendees)).toBeLessThanOrEqual(Number(rooms.get(String(b.room))!.capacity));
      }

      const planner = await org.as('planner');
      const entity = runtime.registry.entity('rooms.booking')!;
      const listed = new Map((await planner.find('rooms.booking', { limit: 100 })).map((r) => [r.id, r]));
      const shapes = new Set<string>();
      for (const b of bookings) {
        const subject = await planner.subjectOf(entity, b);
        const allowed = entity.fields.map((f) => f.name).filter((f) => planner.access!.canOnRecord('read', entity, subject, f));
        const seen = listed.get(b.id);
        expect(seen !== undefined).toBe(planner.access!.canOnRecord('read', entity, subject));
        if (seen) expect(Object.keys(seen).filter((k) => entity.field.has(k)).sort()).toEqual(allowed.sort());
        shapes.add(allowed.join(','));
      }
      // Own bookings (every field), large ones of others (title and room) and small ones of others (none) all occur.
      expect(shapes.size).toBe(3);
    });
  });
});
