/**
 * A Map that holds at most `max` entries and drops the least recently used one
 * when a new key would pass that. The per-user and per-organization caches of
 * access and session checks use it: their entries expire after seconds, but an
 * expired entry is only replaced when its key comes back, so with a plain Map a
 * process serving 10,000 organizations would keep one entry for every user it
 * ever saw. A Map iterates in insertion order, so re-inserting on every hit
 * keeps the oldest-used key first.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new Error(`BoundedCache: max must be a positive integer, not ${max}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /** Without marking it used (for callers that only look). */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
