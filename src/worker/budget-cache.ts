/**
 * A map held to a budget of bytes in the isolate: the least recently used entries go first. What
 * the isolate keeps between requests (rendered bodies, inflated item lists) is kept in these.
 */
export class BudgetCache<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  /** `sizeOf` an entry in bytes; an entry larger than `largest` is not kept at all. */
  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: V) => number,
    private readonly largest = budget,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // most recently used goes last
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): void {
    if (this.sizeOf(value) > this.largest) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= this.sizeOf(old);
    }
    this.entries.set(key, value);
    this.bytes += this.sizeOf(value);
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= this.sizeOf(entry);
    }
  }
}
