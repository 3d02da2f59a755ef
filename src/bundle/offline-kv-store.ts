import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { kvKeys } from "../kv-keys.js";
import type { KvEntry, KvStore } from "./kv-store.js";

/** What `npm run bundle` leaves for the next run's `--previous`: the keys KV holds after applying. */
export interface OfflineState {
  keys: string[];
  manifest: string | null;
}

/**
 * A KV that exists only as files: it starts from a previous bundle's `state.json` and records the
 * puts and deletes, which `npm run bundle` writes out in wrangler's bulk format.
 */
export class OfflineKvStore implements KvStore {
  readonly puts: KvEntry[] = [];
  readonly deletes: string[] = [];
  private readonly keys: Set<string>;
  private manifest: string | null;

  constructor(state: OfflineState = { keys: [], manifest: null }) {
    this.keys = new Set(state.keys);
    this.manifest = state.manifest;
  }

  static async fromPrevious(dir: string | undefined): Promise<OfflineKvStore> {
    if (!dir) return new OfflineKvStore();
    const text = await readFile(join(dir, "state.json"), "utf8").catch(() => {
      throw new Error(`no state.json in ${dir}: --previous takes the --out folder of an earlier bundle`);
    });
    return new OfflineKvStore(JSON.parse(text) as OfflineState);
  }

  async listKeys(prefix: string): Promise<string[]> {
    return [...this.keys].filter((key) => key.startsWith(prefix));
  }

  async getText(key: string): Promise<string | null> {
    return key === kvKeys.manifest ? this.manifest : null;
  }

  async putMany(entries: readonly KvEntry[]): Promise<void> {
    for (const entry of entries) {
      this.puts.push(entry);
      this.keys.add(entry.key);
      if (entry.key === kvKeys.manifest) this.manifest = entry.value;
    }
  }

  async deleteMany(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      this.deletes.push(key);
      this.keys.delete(key);
    }
  }

  state(): OfflineState {
    return { keys: [...this.keys].sort(), manifest: this.manifest };
  }
}
