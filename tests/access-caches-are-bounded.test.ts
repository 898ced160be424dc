/**
 * The per-user caches a server keeps (compiled accesses, "is this user still active") hold at most
 * a fixed number of entries, least recently used dropped first, so a process serving the users of
 * 10,000 organizations does not keep one entry for every user it ever saw (issue 17).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BoundedCache } from '../core/access/bounded-cache.js';
import { ACCESS_CACHE_MAX } from '../core/access/principals.js';
import { isActive, userStatusCacheSize, USER_STATUS_CACHE_MAX } from '../core/auth/sessions.js';
import { createFixtureOrg, createTestRuntime, type Fixture, type TestRuntime } from './support/runtime.js';

let runtime: TestRuntime;
let lib: Fixture;

beforeAll(async () => {
  runtime = await createTestRuntime();
  lib = await createFixtureOrg(runtime, 'library', ['librarian']);
});
afterAll(() => runtime.dispose());

describe('bounded caches', () => {
  it('drops the least recently used key first, and a hit makes a key recent again', () => {
    const cache = new BoundedCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // a is now the most recent; b the oldest
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
    cache.set('c', 30); // replacing keeps the size
    expect(cache.size).toBe(3);
    expect(cache.peek('c')).toBe(30);
  });

  it('keeps at most ACCESS_CACHE_MAX compiled accesses, and still serves the user a request just compiled', async () => {
    runtime.access.invalidate();
    const librarian = lib.users.get('librarian')!;
    const first = { userId: librarian.id, organizationId: lib.org.id, email: librarian.email };
    await runtime.access.forUser(first);
    expect(runtime.access.peek(first.userId)).toBeDefined();
    // Users the cache has never seen (no roles: an empty access each), more than it may hold.
    for (let i = 0; i < ACCESS_CACHE_MAX + 25; i++) {
      await runtime.access.forUser({ userId: randomUUID(), organizationId: lib.org.id, email: `nobody${i}@example.org` });
    }
    expect(runtime.access.cacheSizes().accesses).toBe(ACCESS_CACHE_MAX);
    // The librarian was the oldest entry: dropped, so compiled again on the next request.
    expect(runtime.access.peek(first.userId)).toBeUndefined();
    const again = await runtime.access.forUser(first);
    expect(again.canOnType('read', runtime.registry.entity('library.book')!)).toBe(true);
    expect(runtime.access.peek(first.userId)).toBe(again);
    expect(runtime.access.cacheSizes().accesses).toBe(ACCESS_CACHE_MAX);
  }, 180_000);

  it('keeps at most USER_STATUS_CACHE_MAX users\' active status', async () => {
    const librarian = lib.users.get('librarian')!;
    expect(await isActive(runtime, { id: librarian.id, organizationId: lib.org.id })).toBe(true);
    const before = userStatusCacheSize();
    expect(before).toBeGreaterThan(0);
    const more = USER_STATUS_CACHE_MAX - before + 10;
    for (let i = 0; i < more; i++) expect(await isActive(runtime, { id: randomUUID(), organizationId: lib.org.id })).toBe(false);
    expect(userStatusCacheSize()).toBe(USER_STATUS_CACHE_MAX);
  }, 180_000);
});
