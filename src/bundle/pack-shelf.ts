import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KvEntry } from "./kv-store.js";

/** Pack bytes kept in memory before the rest go to the spill folder: a 10,000-post archive never touches the disk. */
const MEMORY_BUDGET = 64 * 1024 * 1024;

/**
 * The packs of a version, held until they are uploaded: in memory, or, given a folder, in memory
 * up to MEMORY_BUDGET and then on disk with only their keys in memory (100,000 posts make about a
 * gigabyte of packs). Reads like a Map; `entry` gives a KV entry whose value is read only when
 * something asks for it.
 */
export class PackShelf {
  private readonly memory = new Map<string, string>();
  private readonly sizes = new Map<string, number>();
  private held = 0;

  constructor(private readonly spillDir?: string) {}

  private file(key: string): string {
    return join(this.spillDir!, key.replace(/[^0-9a-z]/gi, "_"));
  }

  /** `bytes`, when given, are `value` already encoded as UTF-8. */
  set(key: string, value: string, bytes?: Uint8Array): this {
    const size = bytes?.byteLength ?? Buffer.byteLength(value);
    this.sizes.set(key, size);
    if (this.spillDir && this.held + size > MEMORY_BUDGET) writeFileSync(this.file(key), bytes ?? value);
    else {
      this.memory.set(key, value);
      this.held += size;
    }
    return this;
  }

  has(key: string): boolean {
    return this.sizes.has(key);
  }

  get(key: string): string | undefined {
    if (!this.sizes.has(key)) return undefined;
    return this.memory.get(key) ?? readFileSync(this.file(key), "utf8");
  }

  get size(): number {
    return this.sizes.size;
  }

  keys(): IterableIterator<string> {
    return this.sizes.keys();
  }

  *values(): IterableIterator<string> {
    for (const key of this.sizes.keys()) yield this.get(key)!;
  }

  *entries(): IterableIterator<[string, string]> {
    for (const key of this.sizes.keys()) yield [key, this.get(key)!];
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  /** A KV entry for the pack: its value is read from the shelf each time it is asked for. */
  entry(key: string): KvEntry {
    const shelf = this;
    return {
      key,
      bytes: this.sizes.get(key),
      get value() {
        return shelf.get(key)!;
      },
    };
  }
}
