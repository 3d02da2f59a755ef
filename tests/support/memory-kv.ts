import { readFile } from "node:fs/promises";
import type { KvEntry, KvKey, KvStore } from "../../src/bundler/publish/kv-store.js";

/**
 * A whole KV in memory: the bundler writes to it as it would to Workers KV, and the Worker reads
 * it through `namespace()`, in this process. Values are copied out on every read, as KV hands
 * the Worker a fresh buffer. It keeps its own clock (`now`, epoch ms, which tests move), as KV
 * keeps Cloudflare's: a TTL expires by it, and a list reports expirations by it.
 */
export class MemoryKv implements KvStore {
  readonly values = new Map<string, Uint8Array>();
  private readonly extras = new Map<string, { expiration?: number; metadata?: unknown }>();

  constructor(public now = Date.UTC(2024, 0, 1)) {}

  private expire(): void {
    for (const [key, { expiration }] of this.extras) {
      if (expiration !== undefined && expiration * 1000 <= this.now) {
        this.values.delete(key);
        this.extras.delete(key);
      }
    }
  }

  async list(prefix: string): Promise<KvKey[]> {
    this.expire();
    return [...this.values.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .map((name) => ({ name, ...this.extras.get(name) }));
  }

  async getBytes(key: string): Promise<Uint8Array | null> {
    this.expire();
    return this.values.get(key)?.slice() ?? null;
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    for (const { key, value, expirationTtl, metadata } of entries) {
      this.values.set(key, value.slice());
      const extra = { ...(expirationTtl === undefined ? {} : { expiration: Math.floor(this.now / 1000) + expirationTtl }), ...(metadata === undefined ? {} : { metadata }) };
      if (Object.keys(extra).length) this.extras.set(key, extra);
      else this.extras.delete(key);
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.values.delete(key);
      this.extras.delete(key);
    }
  }

  /** Writes what a `kv-put.json` of `npm run bundle` holds (wrangler's bulk format, values in base64). */
  async putFile(file: string): Promise<this> {
    const entries = JSON.parse(await readFile(file, "utf8")) as { key: string; value: string; expiration_ttl?: number; metadata?: unknown }[];
    await this.putMany(entries.map(({ key, value, expiration_ttl, metadata }) => ({ key, value: new Uint8Array(Buffer.from(value, "base64")), expirationTtl: expiration_ttl, metadata })));
    return this;
  }

  /** Another KV holding what this one holds (values, TTLs, metadata), on the same clock. */
  copy(): MemoryKv {
    const copy = new MemoryKv(this.now);
    for (const [key, value] of this.values) copy.values.set(key, value.slice());
    for (const [key, extra] of this.extras) copy.extras.set(key, { ...extra });
    return copy;
  }

  /** Bytes held, keys and values. */
  get bytes(): number {
    let sum = 0;
    for (const [key, value] of this.values) sum += key.length + value.byteLength;
    return sum;
  }

  /** The `KVNamespace` the Worker sees: `get` as text, JSON or bytes. */
  namespace(): KVNamespace {
    const values = this.values;
    return {
      async get(key: string, options?: unknown) {
        const value = values.get(key);
        if (value === undefined) return null;
        const type = typeof options === "string" ? options : (options as { type?: string } | undefined)?.type;
        if (type === "arrayBuffer") return value.slice().buffer;
        const text = new TextDecoder().decode(value);
        return type === "json" ? JSON.parse(text) : text;
      },
    } as unknown as KVNamespace;
  }
}
