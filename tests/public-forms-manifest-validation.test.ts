/**
 * Public forms (`publicForms`) resolve at load with their defaults, and every
 * mistake (unknown or unwritable field, bad fixed value, a `where` that does
 * not compile, a required field nobody fills, a mail to no e-mail field, a
 * name used twice) stops the load as file#/json/pointer: problem.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { DEFAULT_MANIFEST_DIR, loadRegistry } from '../core/manifest/index.js';

type Json = Record<string, unknown>;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** The shipped library manifest with these public forms, alone in a folder. */
function libraryWith(forms: Json[]): string {
  const manifest = JSON.parse(readFileSync(join(DEFAULT_MANIFEST_DIR, 'library.json'), 'utf8')) as Json;
  delete manifest.$schema;
  manifest.publicForms = forms;
  const dir = mkdtempSync(join(tmpdir(), 'ums-forms-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'library.json'), JSON.stringify(manifest));
  return dir;
}

function problemsWith(forms: Json[]): ManifestProblem[] {
  try {
    loadRegistry({ dir: libraryWith(forms) });
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    return err.problems;
  }
  throw new Error('the manifest loaded without problems');
}

const base = (extra: Json = {}): Json => ({ name: 'join', entity: 'membership_request', fields: ['name', 'email'], success: 'Thanks', ...extra });

describe('public forms resolve', () => {
  it('fills labels, required marks, fixed values and the system actor', () => {
    const registry = loadRegistry({ dir: libraryWith([base({ fields: ['name', { name: 'phone', required: true, label: 'Your phone' }, 'email'], fixed: { status: 'new' } })]) });
    const [form] = registry.module('library')!.publicForms;
    expect(form).toMatchObject({ key: 'library.join', entity: 'library.membership_request', label: 'Membership request', actor: 'public:join', fixed: { status: 'new' } });
    expect(form.fields.map((f) => [f.name, f.label, f.required])).toEqual([['name', 'Name', true], ['phone', 'Your phone', true], ['email', 'Email', true]]);
  });

  it('the shipped institute and library declare the course sign-up, the job application and the membership request', () => {
    const registry = loadRegistry();
    const forms = registry.modules.flatMap((m) => m.publicForms.map((f) => f.key));
    expect(forms).toEqual(expect.arrayContaining(['institute.course_signup', 'institute.job_application', 'library.membership_request']));
    const signup = registry.module('institute')!.publicForms.find((f) => f.name === 'course_signup')!;
    expect(signup.references.school.create).toMatchObject({ entity: 'institute.school', fixed: { status: 'lead' } });
    expect(signup.references.course.where).toMatchObject({ published_at: { $lte: '${now}' } });
  });
});

describe('mistakes are file#pointer problems', () => {
  const cases: [string, Json, string, RegExp][] = [
    ['an unknown entity', base({ entity: 'nope' }), '/publicForms/0/entity', /not an entity of this module/],
    ['an unknown field', base({ fields: ['name', 'email', 'nope'] }), '/publicForms/0/fields/2', /"nope" is not a field/],
    ['a field asked twice', base({ fields: ['name', 'email', { name: 'name' }] }), '/publicForms/0/fields/2/name', /asked twice/],
    ['a fixed value of the wrong kind', base({ fixed: { status: 'maybe' } }), '/publicForms/0/fixed/status', /"maybe" for "status"/],
    ['a fixed reference', base({ fixed: { member: '00000000-0000-0000-0000-000000000001' } }), '/publicForms/0/fixed/member', /cannot be fixed/],
    ['a field both asked and fixed', base({ fixed: { name: 'x' } }), '/publicForms/0/fixed/name', /both asked and fixed/],
    ['a required field nobody fills', base({ fields: ['name'] }), '/publicForms/0', /requires "email"/],
    ['references on a field not asked', base({ references: { member: { where: { status: 'active' } } } }), '/publicForms/0/references/member', /not an asked reference/],
    ['a where that does not compile', base({ fields: ['name', 'email', 'member'], references: { member: { where: { nope: 1 } } } }), '/publicForms/0/references/member/where/nope', /nope/],
    ['an unknown placeholder', base({ fields: ['name', 'email', 'member'], references: { member: { where: { joined_on: { $lt: '${later}' } } } } }), '/publicForms/0/references/member/where/joined_on/$lt', /unknown placeholder/],
    ['a new record that misses a required field', base({ fields: ['name', 'email', 'member'], references: { member: { create: { fields: ['name'] } } } }), '/publicForms/0/references/member/create', /requires "card_number"/],
    ['a mail to a field that is no e-mail', base({ confirmationMail: { to: 'name', subject: 's', body: 'b' } }), '/publicForms/0/confirmationMail/to', /not an asked email field/],
  ];
  it.each(cases)('%s', (_what, form, pointer, message) => {
    const problems = problemsWith([form]);
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ pointer, message: expect.stringMatching(message) })]));
    expect(problems.every((p) => p.file.endsWith('library.json'))).toBe(true);
  });

  it('two forms of one name', () => {
    expect(problemsWith([base(), base()])).toEqual([expect.objectContaining({ pointer: '/publicForms/1/name', message: expect.stringMatching(/already exists/) })]);
  });

  it('the schema refuses unknown keys', () => {
    expect(problemsWith([base({ colour: 'red' })])).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: expect.stringMatching(/^\/publicForms\/0/) })]));
  });
});
