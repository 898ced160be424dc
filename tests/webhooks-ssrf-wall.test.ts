/**
 * The SSRF wall: outgoing webhook requests reach only global unicast
 * addresses. Private, loopback, link-local (cloud metadata), multicast and
 * other reserved ranges are refused, whether the URL names them or a host
 * name resolves to them (any one of its addresses); the connection goes to
 * the address that was checked (one resolution, no second answer for a
 * rebinding DNS server); an operator's WEBHOOKS_ALLOW_PRIVATE=1 or an injected
 * allow opens it. A real receiver on 127.0.0.1 shows what got through.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { blockedRange, BlockedAddressError, deliverPendingWebhooks, postThroughWall, urlProblem, type Resolver } from '../core/webhooks/index.js';
import { RecordValidationError } from '../core/errors.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';
import { startReceiver, type Receiver } from './support/webhook-receiver.js';
import { deliveries } from './support/webhooks.js';

delete process.env.WEBHOOKS_ALLOW_PRIVATE;
process.env.WEBHOOKS_KEY = 'webhooks-ssrf-test-key-0123456789abcdef0123';

let receiver: Receiver;
const loopback = (address: string): boolean => address === '127.0.0.1';

beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
});
beforeEach(() => {
  receiver.requests.length = 0;
  delete process.env.WEBHOOKS_ALLOW_PRIVATE;
});

describe('which addresses pass', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
  ])('%s is refused (%s)', (address, range) => {
    expect(blockedRange(address)).toBe(range);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('%s passes', (address) => {
    expect(blockedRange(address)).toBeUndefined();
  });

  it('URLs that can never pass are refused before any lookup', () => {
    expect(urlProblem('http://127.0.0.1:8080/hook')).toContain('loopback');
    expect(urlProblem('http://[::1]/hook')).toContain('loopback');
    expect(urlProblem('http://169.254.169.254/latest/meta-data')).toContain('linkLocal');
    expect(urlProblem('ftp://example.org/')).toContain('http or https');
    expect(urlProblem('https://user:pw@example.org/')).toContain('user name or password');
    expect(urlProblem('not a url')).toBe('is not a URL');
    expect(urlProblem('https://hooks.example.org/ums')).toBeUndefined();
    expect(urlProblem('http://127.0.0.1/', { allow: loopback })).toBeUndefined();
  });
});

describe('requests through the wall', () => {
  it('a loopback URL is refused and nothing reaches the receiver', async () => {
    await expect(postThroughWall(`${receiver.url}/x`, '{}', {})).rejects.toBeInstanceOf(BlockedAddressError);
    expect(receiver.requests).toEqual([]);
  });

  it('a host name that resolves to a private address is refused, also when only one of its addresses is private', async () => {
    const toLoopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
    await expect(postThroughWall(`http://innocent.example.test:${receiver.port}/x`, '{}', {}, { resolve: toLoopback })).rejects.toThrow(/resolves to 127\.0\.0\.1 \(loopback\)/);
    const mixed: Resolver = async () => [{ address: '93.184.215.14', family: 4 }, { address: '127.0.0.1', family: 4 }];
    await expect(postThroughWall(`http://mixed.example.test:${receiver.port}/x`, '{}', {}, { resolve: mixed })).rejects.toBeInstanceOf(BlockedAddressError);
    const metadata: Resolver = async () => [{ address: '169.254.169.254', family: 4 }];
    await expect(postThroughWall(`http://metadata.example.test:${receiver.port}/x`, '{}', {}, { resolve: metadata })).rejects.toThrow(/linkLocal/);
    expect(receiver.requests).toEqual([]);
  });

  it('the connection goes to the address that was checked: one resolution, so a rebinding DNS answer cannot change it', async () => {
    // A rebinding server: the first answer is the one checked (loopback allowed here), later answers point elsewhere.
    let calls = 0;
    const rebinding: Resolver = async () => (++calls === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
    const res = await postThroughWall(`http://hooks.example.test:${receiver.port}/pinned`, '{"a":1}', { 'content-type': 'application/json' }, { resolve: rebinding, allow: loopback });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ path: '/pinned', body: '{"a":1}' });
    expect(receiver.requests[0].headers.host).toBe(`hooks.example.test:${receiver.port}`);
  });

  it('WEBHOOKS_ALLOW_PRIVATE=1 lets the operator reach private addresses', async () => {
    process.env.WEBHOOKS_ALLOW_PRIVATE = '1';
    const res = await postThroughWall(`${receiver.url}/allowed`, '{}', {});
    expect(res.status).toBe(200);
    expect(receiver.requests.map((r) => r.path)).toEqual(['/allowed']);
  });

  it('redirects are not followed', async () => {
    // The receiver answers 302 once; the wall reports it as the answer instead of following it.
    receiver.statuses.push(302);
    const res = await postThroughWall(`${receiver.url}/moved`, '{}', {}, { allow: loopback });
    expect(res.status).toBe(302);
    expect(receiver.requests).toHaveLength(1);
  });
});

describe('webhooks behind the wall', () => {
  let runtime: TestRuntime;
  let org: Fixture;
  beforeAll(async () => {
    runtime = await createTestRuntime();
    org = await createFixtureOrg(runtime, 'library');
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it('saving a webhook to a private address literal is a field error', async () => {
    const admin = await org.as('admin');
    const refused = admin.create('core.webhook', { name: 'Metadata', url: 'http://169.254.169.254/latest', entity: 'library.book', events: ['created'] });
    await expect(refused).rejects.toBeInstanceOf(RecordValidationError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { url: { message: expect.stringContaining('linkLocal') } } });
  });

  it('a delivery to a name that resolves to loopback fails at once, not retried, and nothing is sent', async () => {
    const admin = await org.as('admin');
    const hook = await admin.create('core.webhook', { name: 'Local', url: `http://localhost:${receiver.port}/hook`, entity: 'library.book', events: ['created'] });
    await admin.create('library.book', { title: 'Behind the wall', copies_total: 1 });
    expect(await deliverPendingWebhooks(runtime)).toEqual({ delivered: 0, failed: 1, skipped: 0 });
    const [row] = await deliveries(runtime, hook.id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toMatch(/localhost resolves to (127\.0\.0\.1|::1) \(loopback\).*Not retried/);
    expect(receiver.requests).toEqual([]);
    // The same delivery with loopback allowed (what tests and operators may do) goes through.
    await runtime.dataSource.query(`UPDATE core_webhook_delivery SET status = 'queued', next_attempt_at = now() WHERE id = $1`, [row.id]);
    expect(await deliverPendingWebhooks(runtime, { allow: (a) => a === '127.0.0.1' || a === '::1' })).toEqual({ delivered: 1, failed: 0, skipped: 0 });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/hook']);
  });
});
