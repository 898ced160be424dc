/**
 * Hostile requests to the sign-in and account routes: the admin's login form,
 * forgot password, reset, invitation (page and form) and deleting one's own
 * account, with real and unknown addresses, hostile codes, tokens and
 * passwords, in every body encoding. Each comes from its own client address
 * (X-Forwarded-For, believed by the fuzz server) so that the per-IP limits,
 * which do their job, do not stop the fuzzer at the door.
 */
import fc from 'fast-check';
import { ADMIN_ROOT } from '../../../core/paths.js';
import { brief, hostileText, wrongType } from './hostile.js';
import { encodeForm, pct, query, type Encoding, type FuzzRequest } from './requests.js';
import { ANONYMOUS, PASSWORD, type FuzzOrg, type FuzzWorld } from './world.js';

const ip = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map((p) => p.join('.'));
const encoding = fc.constantFrom<Encoding>('urlencoded', 'urlencoded', 'json', 'multipart');

/** Addresses of the organization's users (a successful request may write there, and only there), unknown and hostile ones. */
function emails(org: FuzzOrg): fc.Arbitrary<unknown> {
  const known = [...org.fixture.users.values()].map((u) => u.email);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: fc.emailAddress() }, { weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: wrongType }, { weight: 1, arbitrary: fc.constantFrom(...known).map((e) => ` ${e.toUpperCase()} `) });
}

const secret = fc.oneof(fc.constantFrom('000000', '123456', '999999', '', '1e6', '-1', 'null'), fc.stringMatching(/^[0-9]{6}$/), hostileText, wrongType);
const password = fc.oneof(fc.constantFrom(PASSWORD, 'Fuzz-pa55word!', 'password', '12345678', 'x'), hostileText, wrongType);

const show = (r: Omit<FuzzRequest, typeof fc.toStringMethod>): FuzzRequest =>
  Object.assign(r, { [fc.toStringMethod]: () => `${r.label}: ${r.method} ${brief(r.path)}${r.body === undefined ? '' : ` body=${brief(Buffer.isBuffer(r.body) ? r.body.toString('utf8') : r.body)}`}` });

export function authRequest(world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const orgs = fc.constantFrom(...world.orgs);
  const form = (label: string, path: string, fields: (org: FuzzOrg) => fc.Arbitrary<Record<string, unknown>>, signedIn = false): fc.Arbitrary<FuzzRequest> =>
    fc.tuple(orgs.chain((org) => fc.tuple(fc.constant(org), fields(org))), encoding, ip, signedIn ? fc.constantFrom<string | undefined>(undefined, 'admin', 'last') : fc.constant(undefined), preSession(signedIn)).map(([[org, values], enc, from, who, pass]: [[FuzzOrg, Record<string, unknown>], Encoding, string, string | undefined, { csrf?: unknown; cookie?: string }]) => {
      const as = who === undefined ? ANONYMOUS : who === 'admin' ? 'admin' : org.roles[org.roles.length - 1];
      const { body, contentType } = encodeForm('csrf' in pass ? { ...values, csrf: pass.csrf } : values, enc);
      return show({ label: `${label} as ${as} (${enc})`, org, as, method: 'POST', path, headers: { 'content-type': contentType, 'x-forwarded-for': from, ...(pass.cookie ? { cookie: pass.cookie } : {}) }, body });
    });
  const page = (label: string, path: (org: FuzzOrg) => fc.Arbitrary<string>): fc.Arbitrary<FuzzRequest> =>
    fc.tuple(orgs.chain((org) => fc.tuple(fc.constant(org), path(org))), ip).map(([[org, p], from]) => show({ label, org, as: ANONYMOUS, method: 'GET', path: p, headers: { 'x-forwarded-for': from, accept: 'text/html' } }));
  // Mostly the visitor's real token (so the flows behind it are reached), sometimes none or a hostile one, never with a session.
  const preSession = (signedIn: boolean): fc.Arbitrary<{ csrf?: unknown; cookie?: string }> =>
    signedIn
      ? fc.constant({})
      : fc.oneof(
          { weight: 6, arbitrary: fc.constant({ csrf: world.preSession.token, cookie: world.preSession.cookie }) },
          { weight: 1, arbitrary: fc.constant({}) },
          { weight: 1, arbitrary: fc.oneof(hostileText, wrongType).map((csrf) => ({ csrf, cookie: world.preSession.cookie })) },
        );
  const pick = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
  return fc.oneof(
    { weight: 4, arbitrary: form('login', `${ADMIN_ROOT}/login`, (org) => pick({ email: emails(org), password })) },
    { weight: 3, arbitrary: form('forgot', '/auth/password/forgot', (org) => pick({ email: emails(org) })) },
    { weight: 3, arbitrary: form('reset', '/auth/password/reset', (org) => pick({ email: emails(org), code: secret, password, password_confirm: password })) },
    { weight: 2, arbitrary: form('invitation', '/auth/invitation', () => pick({ token: secret, password, password_confirm: password })) },
    { weight: 2, arbitrary: form('delete code', '/auth/account/delete/code', () => pick({ code: secret }), true) },
    { weight: 2, arbitrary: form('delete account', '/auth/account/delete', () => pick({ code: secret }), true) },
    { weight: 1, arbitrary: page('invitation page', () => hostileText.filter((t) => t.length < 4000).map((t) => `/auth/invitation?${query([['token', t]])}`)) },
    { weight: 1, arbitrary: page('reset page', (org) => emails(org).map((e) => `/auth/password/reset?${query([['email', e]])}`)) },
    { weight: 1, arbitrary: page('pages', () => fc.constantFrom('/auth/password/forgot', '/auth/account/delete', `${ADMIN_ROOT}/login`, `/auth/${pct('\u0000')}`, '/auth/password/forgot?email[]=a&email[]=b')) },
  );
}
