/**
 * HTTP requests a hostile user could send, generated from the loaded manifests:
 * for every entity its AdminJS API (list with filters, sort and paging, search,
 * show, new, edit, delete, bulk delete, plugin and workflow record actions, bulk
 * approvals), its export, import and PDF routes, as every signed-in role and as
 * nobody, with hostile values for its fields, ids, parameters and encodings.
 */
import fc from 'fast-check';
import { isDocumentAction } from '../../../core/documents/index.js';
import { ADMIN_ROOT, DOCUMENTS_PATH, EXPORT_PATH, IMPORT_PATH, RELATED_PATH, TIMELINE_PATH } from '../../../core/paths.js';
import type { ResolvedEntity } from '../../../core/manifest/index.js';
import { brief, deepJson, formValue, hostileText, validValue, BOUNDARY_NUMBERS, UNKNOWN_KEYS, wrongType } from './hostile.js';
import { ANONYMOUS, resourceId, type FuzzOrg, type FuzzWorld } from './world.js';

export type Encoding = 'urlencoded' | 'json' | 'multipart';

export interface FuzzRequest {
  /** What the request tries, for the counter-example: `new LibraryBook as library.member`. */
  label: string;
  org: FuzzOrg;
  as: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** A form write whose success is checked against the stored row. */
  form?: { entity: ResolvedEntity; id?: string; values: Record<string, unknown> };
}

/** Percent-encoding that also carries lone surrogates (as the invalid UTF-8 bytes a hostile client sends). */
export function pct(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
    else out += encodeURIComponent(ch);
  }
  return out;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v)));

export function query(params: [string, unknown][]): string {
  return params.map(([k, v]) => `${pct(k)}=${pct(asText(v))}`).join('&');
}

/** A form body in one of the encodings AdminJS accepts; JSON keeps the wrong types and the nesting. */
export function encodeForm(values: Record<string, unknown>, encoding: Encoding): { body: string | Buffer; contentType: string } {
  if (encoding === 'json') return { body: JSON.stringify(values), contentType: 'application/json' };
  if (encoding === 'urlencoded') return { body: query(Object.entries(values)), contentType: 'application/x-www-form-urlencoded' };
  const boundary = `----fuzz${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(values).map(([k, v]) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/["\r\n]/g, '_')}"\r\n\r\n`), Buffer.from(asText(v), 'utf8'), Buffer.from('\r\n')]));
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const api = (entity: ResolvedEntity, rest: string) => `${ADMIN_ROOT}/api/resources/${resourceId(entity)}/${rest}`;

/** A printable request for fast-check's counter-examples. */
function describe(r: Omit<FuzzRequest, typeof fc.toStringMethod>): FuzzRequest {
  return Object.assign(r, {
    [fc.toStringMethod]: () => {
      const body = r.body === undefined ? '' : ` body=${brief(Buffer.isBuffer(r.body) ? r.body.toString('utf8') : r.body)}`;
      return `${r.label} [org ${r.org.systemType}]: ${r.method} ${r.path.length > 300 ? brief(r.path) : r.path}${body}`;
    },
  });
}

export interface Targets {
  world: FuzzWorld;
  org: FuzzOrg;
  entity: ResolvedEntity;
}

/** Ids to put in a path: this organization's records, another entity's or tenant's, and ids that are none. */
function idArb({ world, org, entity }: Targets): fc.Arbitrary<string> {
  const fixtureUsers = new Set([...org.fixture.users.values()].map((u) => u.id));
  // The signed-in fixture users are not edited or deleted from under the fuzzer (it would sign itself out); generated users are.
  const own = (org.ids.get(entity.key) ?? []).filter((id) => !fixtureUsers.has(id));
  const others = world.orgs.flatMap((o) => [...o.ids.values()].flat()).filter((id) => !fixtureUsers.has(id));
  const hostileIds = fc.oneof(fc.constantFrom('abc', '0', '-1', '1e300', 'NaN', '%00', '..', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', ' ', 'x'.repeat(4000)), fc.uuid(), hostileText.filter((s) => s.length > 0 && s.length < 2000));
  return fc.oneof({ weight: 5, arbitrary: own.length ? fc.constantFrom(...own) : fc.uuid() }, { weight: 2, arbitrary: others.length ? fc.constantFrom(...others) : fc.uuid() }, { weight: 2, arbitrary: hostileIds });
}

const pathId = (id: string): string => pct(id);

/** Who sends it: any role of the organization, or nobody (weighted towards the signed-in). */
const asArb = (org: FuzzOrg, mostly: string[] = []): fc.Arbitrary<string> =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...org.roles) }, { weight: mostly.length ? 8 : 0, arbitrary: fc.constantFrom(...(mostly.length ? mostly : org.roles)) }, { weight: 1, arbitrary: fc.constant(ANONYMOUS) });

/** A list/export query: filters on fields (and ranges), sorts, pages, unknown and repeated parameters. */
function listParams(entity: ResolvedEntity, ids: (t: string) => string[]): fc.Arbitrary<[string, unknown][]> {
  const fieldNames = ['id', ...entity.fields.map((f) => f.name)];
  const filter = fc.oneof(
    fc.constantFrom(...entity.fields).chain((f) =>
      fc.oneof(
        formValue(f, ids).map((v): [string, unknown][] => [[`filters.${f.name}`, v]]),
        fc.tuple(formValue(f, ids), formValue(f, ids)).map(([a, b]): [string, unknown][] => [[`filters.${f.name}~~from`, a], [`filters.${f.name}~~to`, b]]),
        fc.tuple(formValue(f, ids), formValue(f, ids)).map(([a, b]): [string, unknown][] => [[`filters.${f.name}`, a], [`filters.${f.name}`, b]]),
      ),
    ),
    hostileText.map((v): [string, unknown][] => [['filters.id', v]]),
    fc.tuple(fc.constantFrom(...UNKNOWN_KEYS, 'organization_id', 'created_at', 'updated_by'), hostileText).map(([k, v]): [string, unknown][] => [[`filters.${k}`, v]]),
  );
  const sort = fc.tuple(fc.oneof(fc.constantFrom(...fieldNames, 'created_at', 'organization_id'), hostileText), fc.oneof(fc.constantFrom('asc', 'desc'), hostileText)).map(([s, d]): [string, unknown][] => [['sortBy', s], ['direction', d]]);
  const paging = fc.tuple(fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), hostileText), fc.oneof(fc.constantFrom(...BOUNDARY_NUMBERS), hostileText)).map(([p, n]): [string, unknown][] => [['page', p], ['perPage', n]]);
  return fc.array(fc.oneof({ weight: 4, arbitrary: filter }, { weight: 1, arbitrary: sort }, { weight: 1, arbitrary: paging }), { minLength: 1, maxLength: 4 }).map((groups) => groups.flat());
}

/** A form for `entity`: some of its fields (valid or hostile values), sometimes unknown keys, a version. */
function formArb(t: Targets, withVersion: boolean): fc.Arbitrary<Record<string, unknown>> {
  const ids = (target: string) => t.world.idsOf(target);
  const fields = fc.subarray(t.entity.fields, { minLength: 0 }).chain((chosen) => fc.tuple(...chosen.map((f) => formValue(f, ids).map((v) => [f.name, v] as const))));
  const extra = fc.array(fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.oneof(hostileText, wrongType)), { maxLength: 2 });
  const version = withVersion ? fc.option(fc.oneof(fc.constantFrom('1', '2', '0', '-1', '1e300', 'abc', '2147483648'), hostileText), { nil: undefined }) : fc.constant(undefined);
  // Also forms a person would send: every field valid (this organization's references), at most one of them hostile,
  // so that writes succeed too and the stored row can be checked against what was accepted.
  const own = (target: string) => t.org.ids.get(target) ?? [];
  const writable = t.entity.fields.filter((f) => !f.readOnly);
  const plausible = fc
    .tuple(fc.tuple(...writable.map((f) => validValue(f, own).map((v) => [f.name, v] as const))), fc.option(fc.tuple(fc.constantFrom(...(writable.length ? writable : t.entity.fields)), fc.oneof(hostileText, wrongType)), { nil: undefined, freq: 2 }))
    .map(([pairs, spoilt]) => (spoilt ? [...pairs.filter(([k]) => k !== spoilt[0].name), [spoilt[0].name, spoilt[1]] as const] : pairs));
  const anyFields = fc.oneof({ weight: 2, arbitrary: fields }, { weight: 3, arbitrary: plausible });
  return fc.tuple(anyFields, fc.oneof({ weight: 4, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: extra }), version).map(([f, x, v]) => {
    const values: Record<string, unknown> = Object.fromEntries([...x, ...f]);
    if (v !== undefined) values.version = v;
    return values;
  });
}

const encodingArb = fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'json', 'multipart');

/** Reads: list, search, show, GETs of record actions, export, the dashboard and the inbox. */
export function readRequest(t: Targets): fc.Arbitrary<FuzzRequest> {
  const { entity, org } = t;
  const ids = (target: string) => t.world.idsOf(target);
  const recordActions = ['show', 'edit', 'delete', 'history', ...t.world.runtime.plugins.actionsFor(entity).map((a) => a.name), ...(t.world.registry.workflow(entity.key)?.transitions.map((x) => x.name) ?? [])];
  const req = (label: string, path: string) => (as: string) => describe({ label: `${label} ${resourceId(entity)} as ${as}`, org, as, method: 'GET', path, headers: {} });
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(listParams(entity, ids), asArb(org)).map(([p, as]) => req('list', api(entity, `actions/list?${query(p)}`))(as)) },
    { weight: 1, arbitrary: fc.tuple(hostileText.filter((s) => s.length < 3000), asArb(org), fc.boolean()).map(([q, as, old]) => req('search', old ? api(entity, `search/${pct(q) || '%20'}`) : api(entity, `actions/search/${pct(q) || '%20'}`))(as)) },
    { weight: 2, arbitrary: fc.tuple(idArb(t), fc.constantFrom(...recordActions), asArb(org)).map(([id, action, as]) => req(`GET ${action}`, api(entity, `records/${pathId(id)}/${action}`))(as)) },
    { weight: 2, arbitrary: fc.tuple(listParams(entity, ids), fc.constantFrom('csv', 'xlsx', 'pdf', 'csv%00', ''), asArb(org)).map(([p, fmt, as]) => req(`export ${fmt}`, `${ADMIN_ROOT}${EXPORT_PATH}/${entity.key}.${fmt}?${query(p)}`)(as)) },
    // A show page's panels: related lists and timeline, of this resource, another name, or a hostile one.
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(RELATED_PATH, TIMELINE_PATH), fc.oneof({ weight: 6, arbitrary: fc.constant(resourceId(entity)) }, { weight: 1, arbitrary: fc.constantFrom('NoSuchResource', 'constructor', '__proto__', '%00') }), idArb(t), asArb(org)).map(([route, resource, id, as]) => req(`GET ${route}`, `${ADMIN_ROOT}${route}/${resource}/${pathId(id)}`)(as)) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('/api/dashboard', '/api/pages/approvals', `/api/resources/${resourceId(entity)}/actions/list`, '/api/resources/NoSuchResource/actions/list', `/api/resources/${resourceId(entity)}/actions/nosuchaction`), asArb(org)).map(([p, as]) => req('GET', `${ADMIN_ROOT}${p}`)(as)) },
  );
}

/** Form writes: new, edit (with versions), delete, bulk delete, in every encoding, as anyone. */
export function writeRequest(t: Targets): fc.Arbitrary<FuzzRequest> {
  const { entity, org } = t;
  const post = (label: string, path: string, as: string, values?: Record<string, unknown>, encoding: Encoding = 'urlencoded', form?: FuzzRequest['form']): FuzzRequest => {
    const encoded = values ? encodeForm(values, encoding) : undefined;
    return describe({ label: `${label} ${resourceId(entity)} as ${as} (${encoding})`, org, as, method: 'POST', path, headers: encoded ? { 'content-type': encoded.contentType } : {}, body: encoded?.body, form });
  };
  const idList = fc.array(idArb(t), { minLength: 0, maxLength: 4 }).map((list) => list.map(pct).join(','));
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(formArb(t, false), encodingArb, asArb(org, org.allowed.get(`create:${entity.key}`))).map(([values, enc, as]) => post('new', api(entity, 'actions/new'), as, values, enc, { entity, values })) },
    { weight: 4, arbitrary: fc.tuple(idArb(t), formArb(t, true), encodingArb, asArb(org, org.allowed.get(`update:${entity.key}`))).map(([id, values, enc, as]) => post('edit', api(entity, `records/${pathId(id)}/edit`), as, values, enc, { entity, id, values })) },
    { weight: 1, arbitrary: fc.tuple(idArb(t), asArb(org)).map(([id, as]) => post('delete', api(entity, `records/${pathId(id)}/delete`), as)) },
    { weight: 1, arbitrary: fc.tuple(idList, asArb(org)).map(([ids, as]) => post('bulkDelete', api(entity, `bulk/bulkDelete?recordIds=${ids}`), as)) },
  );
}

/** Record actions (plugin, workflow, bulk approvals), imports and PDF documents. */
export function actionRequest(t: Targets): fc.Arbitrary<FuzzRequest> {
  const { entity, org, world } = t;
  const plugin = world.runtime.plugins.actionsFor(entity);
  const wf = world.registry.workflow(entity.key);
  const real = [...plugin.filter((a) => !isDocumentAction(a)).map((a) => a.name), ...(wf?.transitions.flatMap((x) => [x.name, ...(x.approval?.reject ? [x.approval.reject.name] : [])]) ?? [])];
  // Mostly the entity's own actions; now and then one it does not have.
  const names = real.length ? fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: fc.constantFrom('history', 'nosuchaction', 'new', 'list') }) : fc.constantFrom('history', 'nosuchaction');
  const bulkNames = [...(wf?.transitions.flatMap((x) => (x.approval ? [`bulk_${x.name}`, ...(x.approval.reject ? [`bulk_${x.approval.reject.name}`] : [])] : [])) ?? []), 'bulkDelete', 'nosuchbulk'];
  const documents = plugin.filter((a) => isDocumentAction(a)).map((a) => a.name);
  const payload = fc.record({ comment: fc.option(fc.oneof(hostileText, wrongType), { nil: undefined }), version: fc.option(fc.oneof(fc.constantFrom('1', '0', '-1', '1e300'), hostileText), { nil: undefined }) }, { requiredKeys: [] });
  const post = (label: string, path: string, as: string, values?: Record<string, unknown>, encoding: Encoding = 'urlencoded', headers: Record<string, string> = {}, rawBody?: string): FuzzRequest => {
    const encoded = values ? encodeForm(values, encoding) : undefined;
    return describe({ label: `${label} ${resourceId(entity)} as ${as}`, org, as, method: 'POST', path, headers: { ...(encoded ? { 'content-type': encoded.contentType } : {}), ...headers }, body: rawBody ?? encoded?.body });
  };
  const csv = fc.array(fc.tuple(...entity.fields.slice(0, 6).map((f) => formValue(f, (x) => world.idsOf(x)).map(asTextCell))), { minLength: 0, maxLength: 3 }).chain((rows) =>
    fc.oneof(
      fc.constant([entity.fields.slice(0, 6).map((f) => f.name).join(','), ...rows.map((r) => r.join(','))].join('\n')),
      hostileText.map((h) => `${h}\n${h},${h}`),
      fc.constant(`"unterminated,${entity.fields[0]?.name ?? 'x'}\n"a`),
    ),
  );
  const arbs: { weight: number; arbitrary: fc.Arbitrary<FuzzRequest> }[] = [
    { weight: 4, arbitrary: fc.tuple(idArb(t), names, payload, encodingArb, asArb(org)).map(([id, name, body, enc, as]) => post(`action ${name}`, api(entity, `records/${pathId(id)}/${name}`), as, body, enc)) },
    { weight: 1, arbitrary: fc.tuple(fc.array(idArb(t), { maxLength: 3 }), fc.constantFrom(...bulkNames), payload, asArb(org)).map(([ids, name, body, as]) => post(`bulk ${name}`, api(entity, `bulk/${name}?recordIds=${ids.map(pct).join(',')}`), as, body)) },
    { weight: 2, arbitrary: fc.tuple(csv, fc.constantFrom('text/csv', 'application/csv', 'text/plain', 'application/json'), asArb(org)).map(([body, type, as]) => post('import', `${ADMIN_ROOT}${IMPORT_PATH}/${entity.key}`, as, undefined, 'urlencoded', { 'content-type': type }, body)) },
  ];
  if (documents.length) {
    arbs.push({
      weight: 2,
      arbitrary: fc.tuple(idArb(t), fc.constantFrom(...documents, 'nosuchdocument'), fc.constantFrom('.pdf', '/queue'), asArb(org)).map(([id, name, tail, as]) => post(`document ${name}${tail}`, `${ADMIN_ROOT}${DOCUMENTS_PATH}/${entity.key}/${pathId(id)}/${name}${tail}`, as)),
    });
  }
  return fc.oneof(...arbs);
}

/** Entities with record actions (plugin, workflow, documents) weigh more in the action fuzzer. */
export const actionWeight = ({ world, entity }: Targets): number => 1 + 3 * Math.min(3, world.runtime.plugins.actionsFor(entity).length + (world.registry.workflow(entity.key)?.transitions.length ?? 0));

function asTextCell(v: unknown): string {
  const text = asText(v).slice(0, 2000);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One arbitrary over every entity of every organization (an entity of a module the organization lacks included). */
export function overAllEntities(world: FuzzWorld, make: (t: Targets) => fc.Arbitrary<FuzzRequest>, weightOf: (t: Targets) => number = () => 1): fc.Arbitrary<FuzzRequest> {
  const arbs = world.orgs.flatMap((org) =>
    world.registry.entities.map((entity) => ({ weight: (org.entities.includes(entity) ? 4 : 1) * weightOf({ world, org, entity }), arbitrary: make({ world, org, entity }) })),
  );
  return fc.oneof(...arbs);
}

export { deepJson };
