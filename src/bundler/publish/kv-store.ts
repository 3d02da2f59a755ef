import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** One key/value pair to write; with a TTL (seconds, at least 60) and metadata where KV should keep them. */
export interface KvEntry {
  key: string;
  value: Uint8Array;
  expirationTtl?: number;
  metadata?: unknown;
}

/** A key as KV lists it: with its expiration (epoch seconds, by KV's clock) and metadata when it has them. */
export interface KvKey {
  name: string;
  expiration?: number;
  metadata?: unknown;
}

/** The few KV operations a publish needs; every write and delete goes through `putMany`/`deleteMany`. */
export interface KvStore {
  list(prefix: string): Promise<KvKey[]>;
  getBytes(key: string): Promise<Uint8Array | null>;
  putMany(entries: readonly KvEntry[]): Promise<void>;
  deleteMany(keys: readonly string[]): Promise<void>;
}

/** KV operations a publish made, as the Free plan counts them (a bulk write of N keys is N writes). */
export interface KvCounts {
  reads: number;
  writes: number;
  deletes: number;
  lists: number;
  /** Bytes of the values written. */
  bytesSent: number;
}

/** KV list answers 1,000 keys a call. */
const LIST_PAGE = 1_000;

/** A store that counts what goes through it. */
export class CountingKvStore implements KvStore {
  readonly counts: KvCounts = { reads: 0, writes: 0, deletes: 0, lists: 0, bytesSent: 0 };

  constructor(private readonly inner: KvStore) {}

  async list(prefix: string): Promise<KvKey[]> {
    const keys = await this.inner.list(prefix);
    this.counts.lists += Math.max(1, Math.ceil(keys.length / LIST_PAGE));
    return keys;
  }

  getBytes(key: string): Promise<Uint8Array | null> {
    this.counts.reads++;
    return this.inner.getBytes(key);
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    await this.inner.putMany(entries);
    this.counts.writes += entries.length;
    for (const entry of entries) this.counts.bytesSent += entry.value.byteLength;
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    await this.inner.deleteMany(keys);
    this.counts.deletes += keys.length;
  }
}

/** wrangler's bulk format; values are binary, so base64. */
export function bulkEntry(entry: KvEntry): { key: string; value: string; base64: true; expiration_ttl?: number; metadata?: unknown } {
  return {
    key: entry.key,
    value: Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength).toString("base64"),
    base64: true,
    ...(entry.expirationTtl === undefined ? {} : { expiration_ttl: entry.expirationTtl }),
    ...(entry.metadata === undefined ? {} : { metadata: entry.metadata }),
  };
}

const run = promisify(execFile);
const BINDING = "POSTS";

/** Remote KV, or the local KV that `wrangler dev` reads, kept in the given folder. */
export type WranglerTarget = { kind: "remote" } | { kind: "local"; state: string };

/** KV through the wrangler CLI: the same code path for `npm start` (local) and `npm run publish` (remote). */
export class WranglerKvStore implements KvStore {
  constructor(private readonly target: WranglerTarget) {}

  private flags(): string[] {
    return ["--binding", BINDING, ...(this.target.kind === "remote" ? ["--remote"] : ["--local", "--persist-to", this.target.state])];
  }

  private async wrangler(args: string[]): Promise<Buffer> {
    try {
      const { stdout } = await run("wrangler", [...args, ...this.flags()], {
        maxBuffer: 1 << 30,
        encoding: "buffer",
        env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
      });
      return stdout;
    } catch (cause) {
      const said = String((cause as { stderr?: Buffer }).stderr ?? "").trim().split("\n").filter(Boolean).pop() ?? "";
      throw new Error(`wrangler ${args.slice(0, 3).join(" ")} failed${said ? `: ${said}` : ""}`, { cause });
    }
  }

  async list(prefix: string): Promise<KvKey[]> {
    const out = await this.wrangler(["kv", "key", "list", ...(prefix ? ["--prefix", prefix] : [])]);
    return JSON.parse(out.toString("utf8")) as KvKey[];
  }

  async getBytes(key: string): Promise<Uint8Array | null> {
    const out = await this.wrangler(["kv", "key", "get", key]);
    // wrangler says so on stdout, exit code 0; no value this publisher writes reads like that
    return out.toString("latin1") === "Value not found\n" ? null : new Uint8Array(out);
  }

  private async withFile(data: unknown, use: (file: string) => Promise<void>): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), "feed-publisher-kv-"));
    try {
      const file = join(dir, "bulk.json");
      await writeFile(file, JSON.stringify(data));
      await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    if (entries.length) await this.withFile(entries.map(bulkEntry), async (file) => void (await this.wrangler(["kv", "bulk", "put", file])));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.withFile(keys, async (file) => void (await this.wrangler(["kv", "bulk", "delete", file, "--force"])));
  }
}
