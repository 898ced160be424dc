/**
 * Hostile REST API requests (`/api/v1`), generated from the loaded manifests:
 * for every entity its list (limit, cursor, sort, fields, include, filters with
 * operators, q, unknown and repeated parameters), get, create and update (with
 * If-Match), with hostile values, ids, bodies that are not objects or not JSON,
 * as every signed-in role's bearer token, a forged token and nobody.
 */
import fc from 'fast-check';
import type { ResolvedEntity } from '../../../core/manifest/index.js';
import { deepJson, formValue, hostileText, validValue, BOUNDARY_NUMBERS, UNKNOWN_KEYS, wrongType, brief } from './hostile.js';
import { pct, query, type FuzzRequest, type Targets } from './requests.js';
import { ANONYMOUS, type FuzzOrg } from './world.js';

/** Bearer tokens per organization id and role key (signed in through `/api/v1/auth/login`). */
export type ApiTokens = Map<string, Map<string, string>>;

const FORGED = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function described(r: Omit<FuzzRequest, typeof fc.toStringMethod>): FuzzRequest {
  return Object.assign(r, {
    [fc.toStringMethod]: () => `${r.label} [org ${r.org.systemType}]: ${r.method} ${r.path.length > 300 ? brief(r.path) : r.path}${r.body === undefined ? '' : ` body=${brief(String(r.body))}`}`,
  });
}

/** Who sends it: a role's token (mostly), a forged token, or no token at all. */
function callerArb(org: FuzzOrg, tokens: ApiTokens, mostly: string[] = []): fc.Arbitrary<{ as: string; authorization?: string }> {
  const own = tokens.get(org.fixture.org.id)!;
  const roles = [...own.keys()];
  const favoured = mostly.filter((r) => own.has(r));
  const role = (pool: string[]) => fc.constantFrom(...pool).map((as) => ({ as, authorization: `Bearer ${own.get(as)!}` }));
  return fc.oneof(
    { weight: 6, arbitrary: role(roles) },
    { weight: favoured.length ? 8 : 0, arbitrary: role(favoured.length ? favoured : roles) },
    { weight: 1, arbitrary: fc.constantFrom<{ as: string; authorization?: string }>({ as: ANONYMOUS }, { as: ANONYMOUS, authorization: `Bearer ${FORGED}` }, { as: ANONYMOUS, authorization: 'Basic YTpi' }) },
  );
}

/** The entity's path, now and then a module or entity name that is none. */
function entityPath(entity: ResolvedEntity): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constant(`/api/v1/${entity.module}/${entity.name}`) },
    { weight: 1, arbitrary: fc.constantFrom(`/api/v1/${entity.module}/no_such_entity`, `/api/v1/no_such_module/${entity.name}`, `/api/v1/${entity.module}/__proto__`, `/api/v1/core/user`, `/api/v1/${entity.module}/${entity.name}%00`) },
  );
}

function idArb({ world, org, entity }: Targets): fc.Arbitrary<string> {
  // The signed-in fixture users are not changed from under the fuzzer (a deactivated one's token would stop), as in requests.ts.
  const fixtureUsers = new Set(world.orgs.flatMap((o) => [...o.fixture.users.values()].map((u) => u.id)));
  const own = (org.ids.get(entity.key) ?? []).filter((id) => !fixtureUsers.has(id));
  const others = world.orgs.flatMap((o) => [...o.ids.values()].flat()).filter((id) => !fixtureUsers.has(id));
  const hostile = fc.oneof(fc.constantFrom('abc', '0', '-1', '1e300', 'NaN', '%00', '..', 'null', '00000000-0000-0000-0000-000000000000', 'x'.repeat(4000)), fc.uuid(), hostileText.filter((s) => s.length > 0 && s.length < 2000));
  return fc.oneof({ weight: 5, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() }, { weight: 2, arbitrary: others.length ? fc.constantFrom(...others) : fc.uuid() }, { weight: 2, arbitrary: hostile });
}

const OPERATORS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'null', 'contains', 'like', '$ne', '', '__proto__'];

/** List parameters: known ones with valid and hostile values, filters with operators, unknown and repeated names. */
function listQuery(entity: ResolvedEntity, ids: (t: string) => string[]): fc.Arbitrary<[string, unknown][]> {
  const names = ['id', 'created_at', 'updated_at', 'organization_id', ...entity.fields.map((f) => f.name)];
  const name = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: hostileText });
  const filter = fc.oneof(
    fc.constantFrom(...entity.fields).chain((f) =>
      fc.oneof(
        formValue(f, ids).map((v): [string, unknown][] => [[`filter[${f.name}]`, v]]),
        fc.tuple(fc.constantFrom(...OPERATORS), formValue(f, ids)).map(([op, v]): [string, unknown][] => [[`filter[${f.name}][${op}]`, v]]),
        fc.tuple(validValue(f, ids), validValue(f, ids)).map(([a, b]): [string, unknown][] => [[`filter[${f.name}][in]`, `${a},${b}`]]),
      ),
    ),
    fc.tuple(name, hostileText).map(([k, v]): [string, unknown][] => [[`filter[${k}]`, v]]),
    fc.tuple(hostileText, hostileText).map(([k, v]): [string, unknown][] => [[`filter${k}`, v]]),
  );
  const one = fc.oneof(
    { weight: 4, arbitrary: filter },
    { weight: 1, arbitrary: fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), hostileText).map((v): [string, unknown][] => [['limit', v]]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('', '-'), name).map(([d, n]): [string, unknown][] => [['sort', `${d}${n}`]]) },
    { weight: 1, arbitrary: fc.array(name, { minLength: 0, maxLength: 4 }).map((list): [string, unknown][] => [['fields', list.join(',')]]) },
    { weight: 1, arbitrary: fc.array(name, { minLength: 0, maxLength: 3 }).map((list): [string, unknown][] => [['include', list.join(',')]]) },
    { weight: 1, arbitrary: fc.oneof(hostileText, fc.constant('eyJrIjpudWxsfQ.AAAA')).map((v): [string, unknown][] => [['cursor', v]]) },
    { weight: 1, arbitrary: hostileText.map((v): [string, unknown][] => [['q', v]]) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...UNKNOWN_KEYS, 'page', 'perPage', 'limit[]', 'sort[a]'), hostileText).map(([k, v]): [string, unknown][] => [[k, v]]) },
  );
  return fc.array(one, { minLength: 0, maxLength: 4 }).map((groups) => groups.flat());
}

/** A JSON body: some fields (valid or hostile), plausible records with one spoilt value, unknown keys; or no object at all. */
function bodyArb(t: Targets): fc.Arbitrary<{ text: string; values?: Record<string, unknown> }> {
  const ids = (target: string) => t.world.idsOf(target);
  const own = (target: string) => t.org.ids.get(target) ?? [];
  const some = fc.subarray(t.entity.fields).chain((chosen) => fc.tuple(...chosen.map((f) => formValue(f, ids).map((v) => [f.name, v] as const))));
  const writable = t.entity.fields.filter((f) => !f.readOnly && f.type !== 'password');
  const plausible = fc
    .tuple(fc.tuple(...writable.map((f) => validValue(f, own).map((v) => [f.name, v] as const))), fc.option(fc.tuple(fc.constantFrom(...(writable.length ? writable : t.entity.fields)), fc.oneof(hostileText, wrongType)), { nil: undefined, freq: 2 }))
    .map(([pairs, spoilt]) => (spoilt ? [...pairs.filter(([k]) => k !== spoilt[0].name), [spoilt[0].name, spoilt[1]] as const] : pairs));
  const extra = fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.oneof(hostileText, wrongType)), { maxLength: 2 });
  const object = fc.tuple(fc.oneof({ weight: 2, arbitrary: some }, { weight: 3, arbitrary: plausible }), fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra })).map(([f, x]) => {
    const values: Record<string, unknown> = Object.fromEntries([...x, ...f]);
    return { text: JSON.stringify(values), values };
  });
  const notObject = fc.oneof(
    fc.constantFrom('[]', 'null', '"text"', '42', 'true', '{', '{"a":', '{"title":"a"}{"title":"b"}', '\u0000', '{"__proto__":{"polluted":1}}', '{"constructor":{"prototype":{"polluted":1}}}'),
    fc.constant(JSON.stringify(deepJson(3000))),
    hostileText,
  );
  return fc.oneof({ weight: 8, arbitrary: object }, { weight: 1, arbitrary: notObject.map((text) => ({ text })) });
}

const contentTypeArb = fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'application/merge-patch+json') });
const ifMatchArb = fc.option(fc.oneof(fc.constantFrom('"1"', 'W/"1"', '1', '"0"', '"999999999"', '"1e300"', '*', '"-1"', '""'), hostileText.filter((s) => /^[ -~]*$/.test(s))), { nil: undefined, freq: 2 });

/** List, get, create and update requests for one entity of one organization. */
export function apiRequest(tokens: ApiTokens): (t: Targets) => fc.Arbitrary<FuzzRequest> {
  return (t) => {
    const { entity, org } = t;
    const ids = (target: string) => t.world.idsOf(target);
    // Reads are sent mostly as roles that may write the entity (they read it too), so they get past the 404 of an unreadable entity.
    const readers = [...new Set([...(org.allowed.get(`create:${entity.key}`) ?? []), ...(org.allowed.get(`update:${entity.key}`) ?? [])])];
    const req = (label: string, method: string, path: string, caller: { as: string; authorization?: string }, body?: string, headers: Record<string, string> = {}, form?: FuzzRequest['form']): FuzzRequest =>
      described({ label: `API ${label} ${entity.key} as ${caller.as}`, org, as: caller.as, method, path, headers: { ...(caller.authorization ? { authorization: caller.authorization } : {}), ...headers }, body, form });
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(entityPath(entity), listQuery(entity, ids), callerArb(org, tokens, readers)).map(([path, q, caller]) => req('list', 'GET', `${path}${q.length ? `?${query(q)}` : ''}`, caller)) },
      {
        weight: 2,
        arbitrary: fc.tuple(entityPath(entity), idArb(t), fc.option(listQuery(entity, ids), { nil: undefined }), callerArb(org, tokens, readers)).map(([path, id, q, caller]) => req('get', 'GET', `${path}/${pct(id)}${q?.length ? `?${query(q)}` : ''}`, caller)),
      },
      {
        weight: 4,
        arbitrary: fc.tuple(entityPath(entity), bodyArb(t), contentTypeArb, callerArb(org, tokens, org.allowed.get(`create:${entity.key}`))).map(([path, body, type, caller]) => req('create', 'POST', path, caller, body.text, { 'content-type': type })),
      },
      {
        weight: 4,
        arbitrary: fc.tuple(entityPath(entity), idArb(t), bodyArb(t), contentTypeArb, ifMatchArb, callerArb(org, tokens, org.allowed.get(`update:${entity.key}`))).map(([path, id, body, type, ifMatch, caller]) =>
          req('update', 'PATCH', `${path}/${pct(id)}`, caller, body.text, { 'content-type': type, ...(ifMatch !== undefined ? { 'if-match': ifMatch } : {}) }, body.values && path.endsWith(`/${entity.name}`) && type === 'application/json' ? { entity, id, values: body.values } : undefined),
        ),
      },
    );
  };
}
