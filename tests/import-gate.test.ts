/**
 * The import gate: a few imports at once per user and per organization
 * (refused beyond, holding nothing), and at most `importsRunning` import
 * transactions at once in the server, the others waiting their turn in order.
 */
import { describe, expect, it } from '@jest/globals';
import { ImportGate } from '../core/admin/upload-spool.js';
import { UmsError } from '../core/errors.js';

describe('ImportGate', () => {
  it('runs at most importsRunning imports at once, the others in the order they came, and frees a place on failure too', async () => {
    const gate = new ImportGate({ importsPerUser: 10, importsPerOrganization: 10, importsRunning: 2 });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const releases: (() => void)[] = [];
    const work = (n: number, fail = false) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(n);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (fail) throw new Error(`import ${n} failed`);
        return n;
      });
    const all = [work(1, true), work(2), work(3), work(4), work(5)].map((p) => p.catch((e: Error) => e.message));
    // Each turn lets the gate move, then ends the longest-running import.
    for (let i = 0; i < 50; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    expect(await Promise.all(all)).toEqual(['import 1 failed', 2, 3, 4, 5]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(most).toBe(2);
  });

  it('refuses past the per-user and per-organization places with 429, and gives a place back once', () => {
    const gate = new ImportGate({ importsPerUser: 1, importsPerOrganization: 2, importsRunning: 1 });
    const leaveA = gate.enter('a', 'org');
    expect(() => gate.enter('a', 'org')).toThrow(/You already have 1 import/);
    const leaveB = gate.enter('b', 'org');
    let refused: unknown;
    try {
      gate.enter('c', 'org');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(UmsError);
    expect((refused as UmsError).status).toBe(429);
    expect(() => gate.enter('d', 'other-org')).not.toThrow();
    leaveA();
    leaveA(); // a second call gives back nothing more
    expect(() => gate.enter('c', 'org')).not.toThrow();
    expect(() => gate.enter('e', 'org')).toThrow(/organization already has 2/);
    leaveB();
  });
});
