import { createWriteStream, type WriteStream } from "node:fs";
import { mkdir, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { MANIFEST_KEY } from "../../kv/keys.js";
import { CATALOG_PACK } from "../../kv/catalog-pack.js";
import { decodeManifest } from "../../kv/manifest.js";
import { PackError, readPackHeader } from "../../kv/pack.js";
import { writeFileAtomic } from "./atomic-file.js";
import { bulkEntry, type KvEntry, type KvKey, type KvStore } from "./kv-store.js";

/**
 * What `npm run bundle` leaves for the next run's `--previous`: the keys KV holds after applying,
 * and the values a publish reads (base64): the manifest and the catalog pack it names.
 */
export interface OfflineState {
  keys: string[];
  /** Expirations (epoch seconds) and metadata, of the keys that have them (the clock). */
  extras?: Record<string, { expiration?: number; metadata?: unknown }>;
  manifest: string | null;
  values?: Record<string, string>;
}

/** Whether a value is a catalog pack: the one pack a publish reads back. */
function isCatalogPack(value: Uint8Array): boolean {
  try {
    return readPackHeader(value).header.kind === CATALOG_PACK;
  } catch {
    return false; // not a pack at all
  }
}

/**
 * A KV that exists only as files: it starts from a previous bundle's `state.json`, and writes what
 * is put, entry by entry as it comes, to `kv-put.json` (wrangler's bulk format, values in base64),
 * so that no more than one pack is in memory at a time; `close` writes `kv-delete.json` and
 * `state.json`. Every file is written aside and renamed into place, so a run cut short leaves the
 * last whole set. Without a folder it keeps only keys: a KV to plan and check publishes against.
 * Its clock, by which a TTL expires and a list reports expirations, is the publish's (`--now`).
 */
export class OfflineKvStore implements KvStore {
  readonly deletes: string[] = [];
  private readonly keys: Set<string>;
  private readonly extras: Map<string, { expiration?: number; metadata?: unknown }>;
  private manifest: Uint8Array | null;
  private readonly values = new Map<string, Uint8Array>();
  private written = 0;

  private constructor(
    state: OfflineState,
    /** The store's clock, epoch ms: tests move it. */
    public now: number,
    private readonly out?: { dir: string; scratch: string; puts: WriteStream },
  ) {
    this.keys = new Set(state.keys);
    this.extras = new Map(Object.entries(state.extras ?? {}));
    this.expire();
    this.manifest = state.manifest === null ? null : new Uint8Array(Buffer.from(state.manifest, "base64"));
    for (const [key, value] of Object.entries(state.values ?? {})) this.values.set(key, new Uint8Array(Buffer.from(value, "base64")));
  }

  static inMemory(state: OfflineState = { keys: [], manifest: null }, now = Date.now()): OfflineKvStore {
    return new OfflineKvStore(state, now);
  }

  /** A store writing to `outDir`, starting from the `state.json` in `previousDir`, if any. */
  static async open(outDir: string, previousDir?: string, now = Date.now()): Promise<OfflineKvStore> {
    let state: OfflineState = { keys: [], manifest: null };
    if (previousDir) {
      const text = await readFile(join(previousDir, "state.json"), "utf8").catch(() => {
        throw new Error(`no state.json in ${previousDir}: --previous takes the --out folder of an earlier bundle`);
      });
      state = JSON.parse(text) as OfflineState;
    }
    await mkdir(outDir, { recursive: true });
    const scratch = join(outDir, `kv-put.json.${process.pid}.tmp`);
    return new OfflineKvStore(state, now, { dir: outDir, scratch, puts: createWriteStream(scratch) });
  }

  /** Keys whose TTL has run out by the store's clock go, as KV's do. */
  private expire(): void {
    for (const [key, { expiration }] of this.extras) {
      if (expiration !== undefined && expiration * 1000 <= this.now) {
        this.keys.delete(key);
        this.extras.delete(key);
      }
    }
  }

  async list(prefix: string): Promise<KvKey[]> {
    this.expire();
    return [...this.keys]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((name) => ({ name, ...this.extras.get(name) }));
  }

  async getBytes(key: string): Promise<Uint8Array | null> {
    return key === MANIFEST_KEY ? this.manifest : (this.values.get(key) ?? null);
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    for (const entry of entries) {
      if (this.out) {
        const line = `${this.written ? "," : "["}${JSON.stringify(bulkEntry(entry))}`;
        if (!this.out.puts.write(line)) await new Promise<void>((resolve) => this.out!.puts.once("drain", () => resolve()));
      }
      this.written++;
      this.keys.add(entry.key);
      const extra = {
        ...(entry.expirationTtl === undefined ? {} : { expiration: Math.floor(this.now / 1000) + entry.expirationTtl }),
        ...(entry.metadata === undefined ? {} : { metadata: entry.metadata }),
      };
      if (Object.keys(extra).length) this.extras.set(entry.key, extra);
      else this.extras.delete(entry.key);
      if (entry.key === MANIFEST_KEY) this.manifest = entry.value;
      else if (isCatalogPack(entry.value)) this.values.set(entry.key, entry.value);
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.deletes.push(key);
      this.keys.delete(key);
      this.extras.delete(key);
    }
  }

  state(): OfflineState {
    const base64 = (value: Uint8Array) => Buffer.from(value).toString("base64");
    let catalog: string | undefined;
    try {
      catalog = this.manifest ? decodeManifest(this.manifest).head.catalog : undefined;
    } catch (error) {
      if (!(error instanceof PackError)) throw error;
      catalog = undefined; // a manifest of another layout: nothing to keep
    }
    const kept = [...this.values].filter(([key]) => key === catalog && this.keys.has(key));
    const extras = Object.fromEntries([...this.extras].filter(([key]) => this.keys.has(key)));
    return { keys: [...this.keys].sort(), extras, manifest: this.manifest === null ? null : base64(this.manifest), values: Object.fromEntries(kept.map(([key, value]) => [key, base64(value)])) };
  }

  /** Finishes `kv-put.json` and writes `kv-delete.json` and `state.json`; returns the files' paths. */
  async close(): Promise<string[]> {
    if (!this.out) return [];
    this.out.puts.end(this.written ? "]\n" : "[]\n");
    await finished(this.out.puts);
    await rename(this.out.scratch, join(this.out.dir, "kv-put.json"));
    await writeFileAtomic(join(this.out.dir, "kv-delete.json"), `${JSON.stringify(this.deletes)}\n`);
    await writeFileAtomic(join(this.out.dir, "state.json"), `${JSON.stringify(this.state())}\n`);
    return ["kv-put.json", "kv-delete.json", "state.json"].map((name) => join(this.out!.dir, name));
  }

  /** Drops the half-written `kv-put.json` of a run that failed. */
  async abandon(): Promise<void> {
    if (!this.out) return;
    this.out.puts.destroy();
    await rm(this.out.scratch, { force: true });
  }
}
