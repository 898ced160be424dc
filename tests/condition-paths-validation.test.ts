/**
 * A to-many or multi-hop condition that cannot be compiled is refused when the
 * manifest loads, with the file, the JSON pointer of the offending key and
 * what is wrong: an unknown segment, a hop that is not a reference, more than
 * three hops, `$some` on something that is not a reverse reference, a reverse
 * reference compared without `$some`, and a badly declared `inverse`.
 */
import { describe, expect, it } from '@jest/globals';
import { ManifestError, type ManifestProblem } from '../core/errors.js';
import { careManifest } from './support/condition-fixture.js';
import { registryWith } from './support/workflow-fixture.js';

type Json = Record<string, unknown>;

function problemsOf(manifest: Json): string[] {
  try {
    registryWith(manifest);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as ManifestError).problems.map((p: ManifestProblem) => `${p.file.split('/').pop()}#${p.pointer}: ${p.message}`);
  }
  throw new Error('the manifest loaded without problems');
}

/** The care fixture with one more rule for the doctor role (index 3 of its rules). */
function withDoctorRule(rule: Json): Json {
  const m = careManifest();
  const permissions = m.permissions as Record<string, Json[]>;
  permissions.doctor = [...permissions.doctor, rule];
  return m;
}

const at = '#/permissions/doctor/3/conditions';

describe('to-many and multi-hop conditions at load', () => {
  it('the fixture module, which uses every new form, loads', () => {
    const registry = registryWith(careManifest());
    expect(registry.entity('care.student_guardian')!.field.get('student')!.inverse).toBe('guardians');
  });

  it.each([
    ['an unknown segment on the way', { 'patient.nope.name': 'x' }, `care.json${at}/patient.nope.name: unknown field "nope" on care.patient (in "patient.nope.name")`],
    ['an unknown field at the end of a hop', { 'practitioner.nope': 'x' }, `care.json${at}/practitioner.nope: unknown field "nope" on care.practitioner (in "practitioner.nope")`],
    ['a hop through a field that is not a reference', { 'starts_at.year': 1 }, `care.json${at}/starts_at.year: "starts_at" on care.appointment is not a reference, so "starts_at.year" cannot follow it`],
    ['four hops, counting those of the enclosing $some', { 'patient.appointments': { $some: { 'patient.appointments': { $some: { practitioner: null } } } } }, `care.json${at}/patient.appointments/$some/patient.appointments: "patient.appointments" takes 4 reference hops counting the enclosing $some; conditions allow at most 3`],
    ['$some on a field', { starts_at: { $some: {} } }, `care.json${at}/starts_at: $some needs a reverse reference (to-many), and "starts_at" on care.appointment is a field`],
    ['$some on a reference to one record', { practitioner: { $some: { name: 'x' } } }, `care.json${at}/practitioner: $some needs a reverse reference (to-many), and "practitioner" on care.appointment is a reference to one record: compare through it with "practitioner.<field>"`],
    ['$some on an unknown name', { 'patient.visits': { $some: {} } }, `care.json${at}/patient.visits: unknown reverse reference "visits" on care.patient (a reference field pointing at care.patient declares it with "inverse")`],
    ['a reverse reference compared without $some', { 'patient.appointments': 'x' }, `care.json${at}/patient.appointments: "appointments" is a reverse reference (to-many) on care.patient: use { "patient.appointments": { "$some": { … } } }`],
    ['a reverse reference in the middle of a path', { 'patient.appointments.starts_at': 'x' }, `care.json${at}/patient.appointments.starts_at: "appointments" is a reverse reference (to-many) on care.patient: use { "patient.appointments": { "$some": { … } } }`],
    ['$some mixed with an operator', { 'patient.appointments': { $some: {}, $eq: 1 } }, `care.json${at}/patient.appointments: $some cannot be combined with other operators ($eq): use $and`],
    ['a field of the wrong entity inside $some', { 'patient.appointments': { $some: { name: 'x' } } }, `care.json${at}/patient.appointments/$some/name: unknown field "name" on care.appointment`],
    ['a literal the column cannot hold, three hops away', { 'patient.appointments': { $some: { 'practitioner.user': 'not-a-uuid' } } }, `care.json${at}/patient.appointments/$some/practitioner.user: "not-a-uuid" cannot be compared with "practitioner.user": expected a record id`],
  ])('refuses %s', (_what, conditions, expected) => {
    expect(problemsOf(withDoctorRule({ action: 'read', subject: 'appointment', conditions }))).toEqual([expected]);
  });

  it('refuses date placeholders it cannot fill, and ones compared with a column they do not fit', () => {
    const problems = problemsOf(
      withDoctorRule({ action: 'read', subject: 'appointment', conditions: { $and: [{ starts_at: { $gte: '${today-1y}' } }, { starts_at: { $gte: '${now-1m}' } }, { starts_at: '${nextWeek}' }, { 'practitioner.name': { $gte: '${today}' } }, { 'patient.appointments': { $some: { practitioner: '${startOfMonth}' } } }] } }),
    );
    expect(problems).toEqual([
      `care.json${at}/$and/0/starts_at/$gte: unknown offset unit "y" in "\${today-1y}" (\${today} takes d, w or m)`,
      `care.json${at}/$and/1/starts_at/$gte: unknown offset unit "m" in "\${now-1m}" (\${now} takes h, d or w)`,
      expect.stringMatching(/^care\.json#\/permissions\/doctor\/3\/conditions\/\$and\/2\/starts_at: unknown placeholder "\$\{nextWeek\}" \(known: .*\$\{startOfWeek\}, \$\{startOfMonth\}, with an optional offset such as \$\{today-7d\}\)$/),
      `care.json${at}/$and/4/patient.appointments/$some/practitioner: \${startOfMonth} cannot be compared with "practitioner" (reference)`,
    ]);
  });

  it('refuses an inverse on a field that is not a reference, one that shadows a field, and one declared twice', () => {
    const m = careManifest();
    const entities = m.entities as { name: string; fields: Json[] }[];
    const byName = (n: string): Json[] => entities.find((e) => e.name === n)!.fields;
    byName('attendance').push({ name: 'note', type: 'string', inverse: 'notes' });
    (byName('attendance')[0] as Json).inverse = 'name'; // student.name exists
    byName('stock_entry').push({ name: 'origin', type: 'reference', target: 'warehouse', inverse: 'assignments' });
    expect(problemsOf(m).sort()).toEqual(
      [
        'care.json#/entities/3/fields/0/inverse: inverse "name" is already a field of care.student',
        'care.json#/entities/3/fields/3/inverse: "inverse" only applies to reference fields, not string',
        'care.json#/entities/9/fields/3/inverse: inverse "assignments" on care.warehouse is also declared by care.assignment.warehouse',
      ].sort(),
    );
  });
});
