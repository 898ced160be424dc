/**
 * Abuse of the transport rather than of the values: any admin request sent
 * with the wrong method, or with a body that is malformed for its declared
 * type (cut-off or invalid JSON, JSON nested 3,000 deep, multipart without or
 * with the wrong boundary, cut short, invalid percent escapes and UTF-8,
 * a body under another content type, odd charsets).
 */
import fc from 'fast-check';
import { deepJson, LONG_TEXT } from './hostile.js';
import type { FuzzRequest } from './requests.js';

const MALFORMED: { type: string; body: string | Buffer }[] = [
  { type: 'application/json', body: '{"title": ' },
  { type: 'application/json', body: '{"title": "a"' },
  { type: 'application/json', body: '{title: a}' },
  { type: 'application/json', body: '[1,2' },
  { type: 'application/json', body: 'null' },
  { type: 'application/json', body: '"just a string"' },
  { type: 'application/json', body: '12345' },
  { type: 'application/json', body: JSON.stringify(deepJson(3000)) },
  { type: 'application/json', body: JSON.stringify({ title: deepJson(3000), rules: deepJson(3000) }) },
  { type: 'application/json', body: '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}' },
  { type: 'application/json', body: `{"a":"${'\\ud800'}","b":"\\u0000"}` },
  { type: 'application/json', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
  { type: 'application/json; charset=utf-16', body: '{"title": "x"}' },
  { type: 'multipart/form-data', body: 'no boundary at all' },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nbroken' },
  { type: 'multipart/form-data; boundary=xyz', body: '--abc\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--abc--\r\n' },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--xyz--\r\n' },
  { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data; name="f"; filename="../../etc/passwd"\r\nContent-Type: text/plain\r\n\r\nroot\r\n--xyz--\r\n' },
  { type: 'multipart/form-data; boundary=xyz', body: `--xyz\r\nContent-Disposition: form-data; name="${'n'.repeat(5000)}"\r\n\r\nv\r\n--xyz--\r\n` },
  { type: 'multipart/form-data; boundary=' + 'b'.repeat(300), body: '--' + 'b'.repeat(300) + '\r\n\r\n' },
  { type: 'application/x-www-form-urlencoded', body: 'title=%ZZ&name=%E0%A4' },
  { type: 'application/x-www-form-urlencoded', body: 'title=%ED%A0%80&name=%C0%AF' },
  { type: 'application/x-www-form-urlencoded', body: '&&&===&=&a' },
  { type: 'application/x-www-form-urlencoded', body: Array.from({ length: 3000 }, (_, i) => `f${i}=x`).join('&') },
  { type: 'application/x-www-form-urlencoded', body: `a${'[a]'.repeat(3000)}=x` },
  { type: 'application/x-www-form-urlencoded', body: `title=${LONG_TEXT}` },
  { type: 'application/x-www-form-urlencoded', body: '{"title": "json under a form type"}' },
  { type: 'application/x-www-form-urlencoded; charset=utf-16le', body: Buffer.from('title=x', 'utf16le') },
  { type: 'text/plain', body: 'title=x' },
  { type: 'application/xml', body: '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>' },
  { type: '', body: 'title=x' },
  { type: 'multipart/mixed; boundary=xyz', body: '--xyz--' },
  { type: 'application/json', body: '' },
];

/** The same request, sent with another method or a malformed body. */
export function abused(base: fc.Arbitrary<FuzzRequest>): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(base, fc.oneof(fc.constantFrom(...MALFORMED).map((m) => ({ kind: 'body' as const, ...m })), fc.constantFrom('PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'POST', 'GET').map((method) => ({ kind: 'method' as const, method })))).map(([r, abuse]) => {
    const headers = { ...r.headers };
    if (abuse.kind === 'method') {
      const withBody = abuse.method !== 'GET' && abuse.method !== 'HEAD';
      return Object.assign(r, { label: `${abuse.method} instead of ${r.method}: ${r.label}`, method: abuse.method, body: withBody ? r.body : undefined, headers, form: undefined });
    }
    if (abuse.type) headers['content-type'] = abuse.type;
    else delete headers['content-type'];
    return Object.assign(r, { label: `malformed ${abuse.type || 'untyped'} body: ${r.label}`, method: 'POST', body: abuse.body, headers, form: undefined });
  });
}
