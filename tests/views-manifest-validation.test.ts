/**
 * Declared views (`views`: calendar, kanban) are resolved at load with their
 * defaults, and every mistake stops the load as file#/json/pointer: problem.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { loadRegistry } from '../core/manifest/index.js';
import { studioDir, studioManifest, type Json } from './support/views-fixture.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function problemsWith(views: Json[]): { problems: ManifestProblem[]; file: string } {
  const dir = studioDir({ ...studioManifest(), views });
  dirs.push(dir);
  try {
    loadRegistry({ dir });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return { problems: err.problems, file: join(dir, 'studio.json') };
  }
  throw new Error('the manifest loaded without problems');
}

describe('declared views resolve', () => {
  it('fills defaults and records the calendar span on its entity', () => {
    const dir = studioDir();
    dirs.push(dir);
    const registry = loadRegistry({ dir });
    const views = registry.module('studio')!.views;
    expect(views.map((v) => [v.key, v.kind])).toEqual([['studio.board', 'kanban'], ['studio.by_priority', 'kanban'], ['studio.desk_calendar', 'calendar']]);
    expect(views[0]).toMatchObject({ columns: 'workflow', column: 'state', swimlane: 'desk', card: ['priority', 'assignee', 'due'] });
    expect(views[1]).toMatchObject({ columns: 'enum' });
    expect(views[2]).toMatchObject({ start: 'starts_at', end: 'ends_at', bounds: '[)', lane: 'desk', title: 'title', color: 'kind', label: 'Desk bookings' });
    expect(registry.entity('studio.booking')!.spans).toEqual([{ start: 'starts_at', end: 'ends_at', bounds: '[)' }]);
  });

  it('a calendar without an end is one day or one instant; default names and labels', () => {
    const dir = studioDir({ ...studioManifest(), views: [{ kind: 'calendar', entity: 'task', start: 'due' }, { kind: 'kanban', entity: 'task', column: 'desk' }] });
    dirs.push(dir);
    const [calendar, board] = loadRegistry({ dir }).module('studio')!.views;
    expect(calendar).toMatchObject({ name: 'task_calendar', label: 'Tasks calendar', start: 'due', end: 'due', bounds: '[]', title: 'title' });
    expect(board).toMatchObject({ name: 'task_board', columns: 'reference', card: ['state', 'priority', 'assignee', 'due'] });
  });

  it('the shipped hotel declares its tape chart (reservations by room)', () => {
    const view = loadRegistry().module('hotel')!.views.find((v) => v.kind === 'calendar');
    expect(view).toMatchObject({ entity: 'hotel.reservation', start: 'check_in', end: 'check_out', lane: 'room', title: 'guest', color: 'status' });
  });

  it('the shipped inventory declares a purchase order board on its workflow states', () => {
    const board = loadRegistry().module('inventory')!.views.find((v) => v.kind === 'kanban');
    expect(board).toMatchObject({ key: 'inventory.purchase_board', entity: 'inventory.purchase_order', column: 'status', columns: 'workflow' });
  });
});

describe('refused views, with file and pointer', () => {
  it('an unknown entity, and unknown fields of each setting', () => {
    const { problems, file } = problemsWith([
      { kind: 'calendar', entity: 'nowhere', start: 'x' },
      { kind: 'calendar', name: 'c', entity: 'booking', start: 'begins', end: 'finish', lane: 'room', title: 'headline', color: 'hue' },
      { kind: 'kanban', name: 'k', entity: 'task', column: 'lane', card: ['title', 'nope'], swimlane: 'team' },
    ]);
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: '/views/0/entity', message: 'unknown entity "nowhere"' },
      expect.objectContaining({ file, pointer: '/views/1/start', message: expect.stringMatching(/^unknown field "begins" of Booking/) }),
      expect.objectContaining({ file, pointer: '/views/1/end', message: expect.stringMatching(/^unknown field "finish"/) }),
      expect.objectContaining({ file, pointer: '/views/1/lane', message: expect.stringMatching(/^unknown field "room"/) }),
      expect.objectContaining({ file, pointer: '/views/1/title', message: expect.stringMatching(/^unknown field "headline"/) }),
      expect.objectContaining({ file, pointer: '/views/1/color', message: expect.stringMatching(/^unknown field "hue"/) }),
      expect.objectContaining({ file, pointer: '/views/2/column', message: expect.stringMatching(/^unknown field "lane"/) }),
      expect.objectContaining({ file, pointer: '/views/2/card/1', message: expect.stringMatching(/^unknown field "nope"/) }),
      expect.objectContaining({ file, pointer: '/views/2/swimlane', message: expect.stringMatching(/^unknown field "team"/) }),
    ]));
  });

  it('fields of the wrong kind: a start that is no date, an end of another type, a lane and a colour that cannot be', () => {
    const { problems, file } = problemsWith([
      { kind: 'calendar', name: 'a', entity: 'booking', start: 'title' },
      { kind: 'calendar', name: 'b', entity: 'task', start: 'due', end: 'title', lane: 'priority', color: 'title' },
    ]);
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: '/views/0/start', message: '"title" is a string field; a calendar\'s start is a date or datetime field' },
      { file, pointer: '/views/1/end', message: '"title" is a string field; the end must be of the start\'s type (date)' },
      { file, pointer: '/views/1/lane', message: '"priority" is an enum field; lanes come from a reference field (room, practitioner…)' },
      { file, pointer: '/views/1/color', message: '"title" is a string field; the colour comes from an enum or workflow state field' },
    ]));
  });

  it('a board column that is neither an enum, a workflow state field nor a reference; a bad swimlane; duplicate names; settings of the other kind', () => {
    const { problems, file } = problemsWith([
      { kind: 'kanban', name: 'k', entity: 'task', column: 'due', swimlane: 'title' },
      { kind: 'kanban', name: 'k', entity: 'task', column: 'state', start: 'due' },
      { kind: 'calendar', name: 'c', entity: 'task', start: 'due', column: 'state' },
    ]);
    expect(problems).toEqual(expect.arrayContaining([
      { file, pointer: '/views/0/column', message: '"due" is a date field; a board\'s columns come from an enum, a workflow\'s state field or a reference' },
      { file, pointer: '/views/0/swimlane', message: '"title" is a string field; swimlanes come from an enum, boolean or reference field' },
      { file, pointer: '/views/1/name', message: 'duplicate view name "k"' },
      { file, pointer: '/views/1/start', message: '"start" is a calendar setting; a kanban takes column, card, swimlane, scope' },
      { file, pointer: '/views/2/column', message: '"column" is a kanban setting; a calendar takes start, end, lane, title, color' },
    ]));
  });

  it('the schema refuses an unknown kind; a calendar without a start and a board without a column are refused by name', () => {
    expect(problemsWith([{ kind: 'gantt', entity: 'task' }]).problems.map((p) => p.pointer)).toEqual(['/views/0/kind']);
    const { problems, file } = problemsWith([{ kind: 'calendar', entity: 'task' }, { kind: 'kanban', entity: 'task' }]);
    expect(problems).toEqual([
      { file, pointer: '/views/0', message: 'a calendar needs "start": the date or datetime field where a record begins' },
      { file, pointer: '/views/1', message: 'a kanban board needs "column": an enum, a workflow\'s state field or a reference' },
    ]);
  });
});

describe('view titles in other languages', () => {
  it('a translation of a view that declares no label is refused: the default title is not the manifest\'s to translate', () => {
    const { problems, file } = problemsWith([{ kind: 'kanban', entity: 'task', column: 'state', translations: { bn: { label: 'বোর্ড' } } }]);
    expect(problems).toEqual([expect.objectContaining({ file, pointer: '/views/0/translations', message: expect.stringMatching(/does not declare/) })]);
  });

  it('a declared label keeps its translation, and every shipped view title has a Bengali one', () => {
    const dir = studioDir();
    dirs.push(dir);
    expect(loadRegistry({ dir }).module('studio')!.views.find((v) => v.name === 'board')!.translations).toEqual({ bn: { label: 'কাজের বোর্ড' } });
    const untranslated = loadRegistry().modules.flatMap((m) => m.views).filter((v) => !v.translations.bn?.label).map((v) => v.key);
    expect(untranslated).toEqual([]);
  });
});
