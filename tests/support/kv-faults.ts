// KV stores that misbehave as real deploys do: killed part-way, stalled before their manifest, or
// watched, so that tests can ask what every reader of every recent manifest would get.
import type { KvEntry, KvKey, KvStore } from "../../src/bundler/publish/kv-store.js";
import { CLOCK_KEY, MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, liveKeys } from "../../src/kv/manifest.js";
import { GRACE_SECONDS } from "../../src/bundler/publish/retirement.js";
import type { MemoryKv } from "./memory-kv.js";

/** A store passing everything to `inner`; subclasses step in. */
export class PassingStore implements KvStore {
  constructor(protected readonly inner: KvStore) {}
  list(prefix: string): Promise<KvKey[]> {
    return this.inner.list(prefix);
  }
  getBytes(key: string): Promise<Uint8Array | null> {
    return this.inner.getBytes(key);
  }
  putMany(entries: readonly KvEntry[]): Promise<void> {
    return this.inner.putMany(entries);
  }
  deleteMany(keys: readonly string[]): Promise<void> {
    return this.inner.deleteMany(keys);
  }
}

/** Dies (throws "killed") at its `writes`-th write, or at its deletes: a publish killed there. */
export class DyingStore extends PassingStore {
  private written = 0;
  constructor(inner: KvStore, private readonly at: { writes?: number; deletes?: boolean }) {
    super(inner);
  }
  override async putMany(entries: readonly KvEntry[]): Promise<void> {
    for (const entry of entries) {
      if (this.at.writes !== undefined && this.written >= this.at.writes) throw new Error("killed");
      await this.inner.putMany([entry]);
      this.written++;
    }
  }
  override async deleteMany(keys: readonly string[]): Promise<void> {
    if (this.at.deletes) throw new Error("killed");
    return this.inner.deleteMany(keys);
  }
}

/** Runs `stall` once, just before the manifest is written: another publish, or time passing. */
export class StallingStore extends PassingStore {
  private stalled = false;
  constructor(inner: KvStore, private readonly stall: () => Promise<void>) {
    super(inner);
  }
  override async putMany(entries: readonly KvEntry[]): Promise<void> {
    if (!this.stalled && entries.some((e) => e.key === MANIFEST_KEY)) {
      this.stalled = true;
      await this.stall();
    }
    return this.inner.putMany(entries);
  }
}

/** Every manifest written to a KV in memory, with KV's clock when it was written: what readers may still hold. */
export class ManifestLog extends PassingStore {
  readonly written: { at: number; bytes: Uint8Array }[] = [];
  constructor(private readonly kv: MemoryKv) {
    super(kv);
  }
  override async putMany(entries: readonly KvEntry[]): Promise<void> {
    await this.inner.putMany(entries);
    for (const entry of entries) if (entry.key === MANIFEST_KEY) this.written.push({ at: this.kv.now, bytes: entry.value.slice() });
  }

  /**
   * The packs that a reader holding any manifest of the last grace period (by KV's clock) would
   * miss: each one would answer 500 for the routes that need it.
   */
  missingForReaders(): string[] {
    const missing = new Set<string>();
    // the manifest served now, and every one replaced within the grace period
    const recent = this.written.filter((w, i) => i === this.written.length - 1 || this.written[i + 1]!.at > this.kv.now - GRACE_SECONDS * 1000);
    for (const { bytes } of recent) for (const key of liveKeys(decodeManifest(bytes))) if (!this.kv.values.has(key)) missing.add(key);
    return [...missing].sort();
  }
}

/** Keys KV holds beyond what its manifest names or retires (and the clock): what a chain of publishes leaked. */
export async function leakedKeys(kv: MemoryKv): Promise<string[]> {
  const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
  const expected = new Set([MANIFEST_KEY, CLOCK_KEY, ...liveKeys(manifest), ...manifest.head.retired.map((r) => r.key)]);
  return [...kv.values.keys()].filter((key) => !expected.has(key));
}

/**
 * Publishes again every 5 minutes of KV's clock (with `publish`) until the manifest retires
 * nothing and KV holds nothing the manifest does not name (a publish killed at its deletes leaves
 * packs its manifest no longer lists, which only the next publish finds), at most two hours of it:
 * what the site looks like once every grace period is over.
 */
export async function settle(kv: MemoryKv, publish: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 24 && (decodeManifest((await kv.getBytes(MANIFEST_KEY))!).head.retired.length || (await leakedKeys(kv)).length); i++) {
    kv.now += 5 * 60_000;
    await publish();
  }
}
