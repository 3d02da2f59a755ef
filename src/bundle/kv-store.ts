import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** One key/value pair, in wrangler's bulk format (`wrangler kv bulk put`). */
export interface KvEntry {
  key: string;
  value: string;
  /** UTF-8 size of the value, where known without reading it. */
  bytes?: number;
}

/** The few KV operations a deploy needs; every write and delete goes through `putMany`/`deleteMany`. */
export interface KvStore {
  listKeys(prefix: string): Promise<string[]>;
  getText(key: string): Promise<string | null>;
  putMany(entries: readonly KvEntry[]): Promise<void>;
  deleteMany(keys: readonly string[]): Promise<void>;
}

const run = promisify(execFile);
const BINDING = "POSTS";

/** Remote KV, or the local KV that `wrangler dev` reads, kept in the given folder. */
export type WranglerTarget = { kind: "remote" } | { kind: "local"; state: string };

/** KV through the wrangler CLI: the same code path for `npm start` (local) and `npm run deploy` (remote). */
export class WranglerKvStore implements KvStore {
  constructor(private readonly target: WranglerTarget) {}

  private flags(): string[] {
    return ["--binding", BINDING, ...(this.target.kind === "remote" ? ["--remote"] : ["--local", "--persist-to", this.target.state])];
  }

  private async wrangler(args: string[]): Promise<string> {
    const { stdout } = await run("wrangler", [...args, ...this.flags()], {
      maxBuffer: 1 << 30,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    return stdout;
  }

  async listKeys(prefix: string): Promise<string[]> {
    const out = await this.wrangler(["kv", "key", "list", "--prefix", prefix]);
    return (JSON.parse(out) as { name: string }[]).map((k) => k.name);
  }

  async getText(key: string): Promise<string | null> {
    try {
      return await this.wrangler(["kv", "key", "get", key, "--text"]);
    } catch (error) {
      if (/not found|404/i.test(String((error as { stderr?: string }).stderr ?? error))) return null;
      throw error;
    }
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
    const bulk = entries.map(({ key, value }) => ({ key, value }));
    if (bulk.length) await this.withFile(bulk, async (file) => void (await this.wrangler(["kv", "bulk", "put", file])));
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.withFile(keys, async (file) => void (await this.wrangler(["kv", "bulk", "delete", file, "--force"])));
  }
}
