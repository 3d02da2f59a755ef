import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { KvEntry } from "./kv-store.js";

/**
 * The packs of a version, held until they are uploaded: in memory, or, given a folder, on disk
 * with only their keys in memory (100,000 posts make about a gigabyte of packs). Reads like a
 * Map; `entry` gives a KV entry whose value is read only when something asks for it.
 */
export class PackShelf {
  private readonly memory = new Map<string, string>();
  private readonly sizes = new Map<string, number>();

  constructor(private readonly spillDir?: string) {}

  private file(key: string): string {
    return join(this.spillDir!, key.replace(/[^0-9a-z]/gi, "_"));
  }

  /** `bytes`, when given, are `value` already encoded as UTF-8. */
  set(key: string, value: string, bytes?: Uint8Array): this {
    this.sizes.set(key, bytes?.byteLength ?? Buffer.byteLength(value));
    if (this.spillDir) writeFileSync(this.file(key), bytes ?? value);
    else this.memory.set(key, value);
    return this;
  }

  has(key: string): boolean {
    return this.sizes.has(key);
  }

  get(key: string): string | undefined {
    if (!this.sizes.has(key)) return undefined;
    return this.spillDir ? readFileSync(this.file(key), "utf8") : this.memory.get(key);
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
