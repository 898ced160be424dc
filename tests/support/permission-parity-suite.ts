/**
 * The list query and the single-record check come from the same rules and must
 * agree, for every role of every module of a system type (and a role generated
 * from its manifests whose field rules are conditional and inverted, plus any
 * custom roles the caller adds), on data generated from the manifests
 * themselves: what `find` returns is exactly what `canOnRecord` allows, never a
 * record of another organization, each record with exactly the fields the
 * in-memory check allows on it; and for update/delete, and for each field that
 * only some records show, the SQL filter agrees with the in-memory check.
 *
 * One test file per system type (tests/permission-parity-<type>.test.ts) runs
 * this suite, so the files run side by side and a new module is covered by the
 * file of its system type; tests/permission-parity-covers-every-system-type
 * fails when a system type with modules has no file.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RecordService } from '../../core/data/records.js';
import type { RecordData } from '../../core/data/contract.js';
import type { ResolvedEntity } from '../../core/manifest/index.js';
import { generateRecords, perRecordFieldRules } from './generate.js';
import { allowedBySql, allowedInMemory, difference, type Principal } from './parity.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './runtime.js';
import { systemTypeScope, type SystemTypeScope } from './system-type-scope.js';

/** Generated: for every entity, fields shown always, under a condition on a field the role may not read, and hidden again under another. */
const FIELDS_ROLE = 'parity_fields';

export interface ParityOrg {
  fixture: Fixture;
  principals: Principal[];
  system: RecordService;
}

/** What the calling file may use in its own tests, once the suite's beforeAll has run. */
export interface ParityWorld {
  runtime(): TestRuntime;
  scope(): SystemTypeScope;
  orgA(): ParityOrg;
}

/** Every record the service reads, page by page: the audit log alone outgrows one page (1,000) once several modules generate data. */
export async function findAll(records: RecordService, key: string): Promise<RecordData[]> {
  const all: RecordData[] = [];
  for await (const page of records.findPages(key, {}, 1000)) all.push(...page);
  return all;
}

/** Declares the parity suite for organizations of `systemType`; `customRoles` (name → rules) are created in each and tested like the manifests' roles. */
export function describePermissionParity(systemType: string, customRoles: Record<string, readonly Record<string, unknown>[]> = {}): ParityWorld {
  let runtime: TestRuntime;
  let scope: SystemTypeScope;
  let orgA: ParityOrg;
  let orgB: ParityOrg;
  const roleNamesUnderTest = (): string[] => [...scope.registry.roles.keys(), ...Object.keys(customRoles), FIELDS_ROLE];

  async function setUpOrg(): Promise<ParityOrg> {
    const fixture = await createFixtureOrg(runtime, scope.systemType, scope.roleKeys);
    const admin = await fixture.as('admin');
    const roleIds = new Map<string, string>();
    // The field role's rules are read off the generated data (below); it needs its user before that.
    for (const [name, rules] of [...Object.entries(customRoles), [FIELDS_ROLE, []]] as const) {
      const role = await admin.create('core.role', { name, rules });
      roleIds.set(name, role.id);
      const user = await admin.create('core.user', { email: `${name}@${fixture.org.slug}.test`, name: `User of ${name}`, password: 'secret-123', is_active: true });
      await admin.create('core.role_assignment', { user: user.id, role: role.id });
      fixture.users.set(name, { id: user.id, email: String(user.email), actor: { kind: 'user', userId: user.id, organizationId: fixture.org.id, email: String(user.email) } });
    }

    const roleNames = roleNamesUnderTest();
    const system = await fixture.system();
    const roleUsers = roleNames.map((r) => fixture.users.get(r)!.id);
    await generateRecords({ registry: scope.registry, plugins: runtime.plugins }, system, { count: Math.max(10, roleUsers.length + 6), roleUsers, tag: fixture.org.slug });
    const stored = new Map<string, Record<string, unknown>[]>();
    for (const entity of scope.registry.entities) stored.set(entity.key, await findAll(system, entity.key));
    await admin.update('core.role', roleIds.get(FIELDS_ROLE)!, { rules: perRecordFieldRules(scope.registry, stored) });
    const principals: Principal[] = [];
    for (const r of roleNames) principals.push({ role: r, records: await fixture.as(r) });
    return { fixture, principals, system };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime();
    scope = systemTypeScope(runtime, systemType);
    orgA = await setUpOrg();
    orgB = await setUpOrg();
  }, 300_000);
  afterAll(() => runtime.dispose());

  const allRecords = (org: ParityOrg, entity: ResolvedEntity): Promise<Record<string, unknown>[]> => findAll(org.system, entity.key);

  describe.each([
    ['A', () => [orgA, orgB] as const],
    ['B', () => [orgB, orgA] as const],
  ])('permission parity in organization %s', (_name, orgs) => {
    it('find returns exactly the records the in-memory read check allows, count agrees, and no other organization leaks', async () => {
      const [org, other] = orgs();
      const mismatches: string[] = [];
      for (const entity of scope.registry.entities) {
        const all = await allRecords(org, entity);
        const foreign = new Set((await allRecords(other, entity)).map((r) => String(r.id)));
        for (const p of org.principals) {
          const label = `${p.role} read ${entity.key}`;
          const listed = (await findAll(p.records, entity.key)).map((r) => String(r.id));
          expect(new Set(listed).size).toBe(listed.length);
          mismatches.push(...difference(label, new Set(listed), await allowedInMemory(p, 'read', entity, all)));
          const leaked = listed.filter((id) => foreign.has(id));
          if (leaked.length) mismatches.push(`${label}: records of the other organization ${JSON.stringify(leaked)}`);
          const count = await p.records.count(entity.key);
          if (count !== listed.length) mismatches.push(`${label}: count ${count} but find returned ${listed.length}`);
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('find and getMany show each record with exactly the fields the in-memory check allows on that record', async () => {
      const [org] = orgs();
      const mismatches: string[] = [];
      for (const entity of scope.registry.entities) {
        const stored = new Map((await allRecords(org, entity)).map((r) => [String(r.id), r]));
        const candidates = entity.fields.filter((f) => f.type !== 'password').map((f) => f.name);
        for (const p of org.principals) {
          const listed = await findAll(p.records, entity.key);
          const single = new Map((await p.records.getMany(entity.key, listed.map((r) => r.id))).map((r) => [r.id, r]));
          for (const record of listed) {
            const label = `${p.role} read ${entity.key} ${record.id}`;
            const subject = await p.records.subjectOf(entity, stored.get(record.id)!);
            const allowed = candidates.filter((f) => p.records.access!.canOnRecord('read', entity, subject, f));
            const shown = Object.keys(record).filter((k) => entity.field.has(k));
            if (JSON.stringify(shown.sort()) !== JSON.stringify(allowed.sort())) mismatches.push(`${label}: find shows ${JSON.stringify(shown)}, the check allows ${JSON.stringify(allowed)}`);
            for (const f of shown) if (JSON.stringify(record[f]) !== JSON.stringify(stored.get(record.id)![f])) mismatches.push(`${label}: ${f} is ${JSON.stringify(record[f])}, stored ${JSON.stringify(stored.get(record.id)![f])}`);
            if (JSON.stringify(single.get(record.id)) !== JSON.stringify(record)) mismatches.push(`${label}: getMany ${JSON.stringify(single.get(record.id))} differs from find ${JSON.stringify(record)}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('for each field that only some records show, the SQL field filter selects exactly the records the in-memory check shows it on', async () => {
      const [org] = orgs();
      const mismatches: string[] = [];
      let compared = 0;
      for (const entity of scope.registry.entities) {
        const all = await allRecords(org, entity);
        for (const p of org.principals) {
          for (const field of p.records.access!.fieldsOf(entity).perRecord) {
            compared++;
            const checked = new Set<string>();
            for (const record of all) if (p.records.access!.canOnRecord('read', entity, await p.records.subjectOf(entity, record), field)) checked.add(String(record.id));
            mismatches.push(...difference(`${p.role} read ${entity.key}.${field}`, await allowedBySql(runtime.dataSource, p, 'read', entity, field), checked));
            // An entity with one record (a unique single-value enum allows no more) cannot show a field on some records only.
            if (all.length > 1 && (checked.size === 0 || checked.size === all.length)) mismatches.push(`${p.role} read ${entity.key}.${field}: shown on ${checked.size} of ${all.length} records, so the data does not exercise the rule`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      // The generated role makes fields per record on every entity it has rules for.
      expect(compared).toBeGreaterThanOrEqual(scope.registry.entities.length);
    });

    it('for update and delete, the SQL row filter selects exactly the records the in-memory check allows', async () => {
      const [org] = orgs();
      const mismatches: string[] = [];
      for (const entity of scope.registry.entities) {
        const all = await allRecords(org, entity);
        for (const p of org.principals) {
          for (const action of ['update', 'delete']) {
            mismatches.push(...difference(`${p.role} ${action} ${entity.key}`, await allowedBySql(runtime.dataSource, p, action, entity), await allowedInMemory(p, action, entity, all)));
          }
        }
      }
      expect(mismatches).toEqual([]);
    });

    it('the generated data exercises every conditional rule: some records match it and some do not', async () => {
      const [org] = orgs();
      const vacuous: string[] = [];
      for (const entity of scope.registry.entities) {
        const all = await allRecords(org, entity);
        for (const p of org.principals) {
          for (const action of ['read', 'update', 'delete']) {
            if (p.records.access!.rowFilter(action, entity).kind !== 'where') continue;
            const allowed = await allowedInMemory(p, action, entity, all);
            if (allowed.size === 0 || allowed.size === all.length) vacuous.push(`${p.role} ${action} ${entity.key}: ${allowed.size} of ${all.length}`);
          }
        }
      }
      expect(vacuous).toEqual([]);
    });
  });

  describe('roles under test', () => {
    it('cover every role the modules of this system type declare, plus the generated and custom roles', () => {
      expect(orgA.principals.map((p) => p.role).sort()).toEqual(roleNamesUnderTest().sort());
      expect(scope.roleKeys.length).toBeGreaterThan(0);
    });
  });

  return { runtime: () => runtime, scope: () => scope, orgA: () => orgA };
}
