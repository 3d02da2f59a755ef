import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, readdirSync, readFileSync, type Stats } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import type { BuildResult } from "./build-post.js";

/**
 * A hash of the code that turns a post into a record: change a cleaning rule and every post is
 * built again. bin/publisher.mjs hashes exactly the modules of the build thread and says so in
 * FEED_PUBLISHER_BUILD_VERSION; run from the TypeScript sources (tests), every source file counts.
 */
function buildCodeVersion(): string {
  if (process.env.FEED_PUBLISHER_BUILD_VERSION) return process.env.FEED_PUBLISHER_BUILD_VERSION;
  const src = join(dirname(fileURLToPath(import.meta.url)), "../..");
  const hash = createHash("sha256");
  for (const file of readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).sort()) {
    hash.update(file).update("\0").update(readFileSync(join(src, file)));
  }
  return hash.digest("hex");
}

/** What is known of a post file from the last run: enough to tell it is untouched, and its build. */
export interface CachedBuild {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  /** Hash of the file's text. */
  key: string;
  /** The warning its decoding gave (a GBK file), said again when it is not read. */
  decodeWarning?: string;
  result: BuildResult;
  /** The hash of what its Liquid read of the other posts when it was built with them (see `usesKey`). */
  usesKey?: string;
}

/** Entries per serialized segment: reading and writing never hold the whole cache as one buffer. */
const SEGMENT = 2_000;

/**
 * The builds of the last run over one posts folder, in one file per folder
 * (`builds-<hash of the folder's path>.v8`), read once and written once. A post whose
 * size, times and inode are unchanged (as git's index does it) is taken without reading the file;
 * one touched but with the same text is taken without building it. Bundler code and the site's
 * settings (its `_config.yml` and `_data`) are part of the version: when they change, the whole
 * cache is ignored.
 */
export class BuildCache {
  private next = new Map<string, CachedBuild>();

  private constructor(
    private readonly path: string,
    private readonly version: string,
    private readonly previous: Map<string, CachedBuild>,
    /** Where each segment of the file read sits, and its files: one whose entries all stand is copied as it was. */
    private readonly segments: Segment[],
  ) {}

  static async open(dir: string, postsDir: string, settingsVersion: string): Promise<BuildCache> {
    const version = createHash("sha256").update(buildCodeVersion()).update(settingsVersion).digest("hex");
    const folder = createHash("sha256").update(resolve(postsDir)).digest("hex").slice(0, 16);
    const path = join(dir, `builds-${folder}.v8`);
    const { entries, segments } = readEntries(path, version);
    return new BuildCache(path, version, entries, segments);
  }

  /** The build of `file` when its stat says it was not touched since the last run. */
  untouched(file: string, stats: Stats): CachedBuild | undefined {
    const entry = this.previous.get(file);
    const same = entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.ctimeMs === stats.ctimeMs && entry.ino === stats.ino;
    return same ? entry : undefined;
  }

  /** The last build of `file`: its `key` is the hash of the text it was made from. */
  lastBuild(file: string): CachedBuild | undefined {
    return this.previous.get(file);
  }

  /** Keeps a build for the next run. */
  keep(file: string, stats: Stats, key: string, result: BuildResult, decodeWarning?: string, usesKey?: string): void {
    const { size, mtimeMs, ctimeMs, ino } = stats;
    const last = this.previous.get(file);
    const same = last && last.result === result && last.key === key && last.usesKey === usesKey && last.size === size && last.mtimeMs === mtimeMs && last.ctimeMs === ctimeMs && last.ino === ino;
    this.next.set(file, same ? last : { size, mtimeMs, ctimeMs, ino, key, result, ...(decodeWarning ? { decodeWarning } : {}), ...(usesKey ? { usesKey } : {}) });
  }

  /** Writes the builds kept this run (files gone since are forgotten), replacing the file whole. */
  async save(): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const scratch = `${this.path}.${process.pid}`;
    const handle = await open(scratch, "w");
    try {
      const write = async (bytes: Uint8Array) => {
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.byteLength);
        await handle.write(length);
        await handle.write(bytes);
      };
      await write(Buffer.from(this.version));
      // segments whose every entry stands are written back as read: a run that adds one post serializes one segment
      const written = new Set<string>();
      const old = this.segments.length ? await open(this.path, "r") : undefined;
      try {
        for (const { offset, length, files } of this.segments) {
          if (!files.every((file) => this.next.get(file) === this.previous.get(file))) continue;
          const bytes = Buffer.alloc(length);
          if ((await old!.read(bytes, 0, length, offset)).bytesRead !== length) continue;
          await write(bytes);
          for (const file of files) written.add(file);
        }
      } finally {
        await old?.close();
      }
      const entries = [...this.next].filter(([file]) => !written.has(file));
      for (let start = 0; start < entries.length; start += SEGMENT) await write(serialize(entries.slice(start, start + SEGMENT)));
    } finally {
      await handle.close();
    }
    await rename(scratch, this.path);
    this.next.clear();
    this.previous.clear();
    this.segments.length = 0;
  }
}

/** The entries of a cache file of this version, and its segments; none when it is missing, of another version, or cut short. */
interface Segment {
  offset: number;
  length: number;
  files: string[];
}

function readEntries(path: string, version: string): { entries: Map<string, CachedBuild>; segments: Segment[] } {
  const entries = new Map<string, CachedBuild>();
  const segments: Segment[] = [];
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return { entries, segments };
  }
  try {
    const lengthBytes = Buffer.alloc(4);
    let position = 0;
    const next = (): Buffer | undefined => {
      if (readSync(fd, lengthBytes, 0, 4, position) !== 4) return undefined;
      const bytes = Buffer.alloc(lengthBytes.readUInt32LE(0));
      if (readSync(fd, bytes, 0, bytes.byteLength, position + 4) !== bytes.byteLength) return undefined;
      position += 4 + bytes.byteLength;
      return bytes;
    };
    if (next()?.toString() !== version) return { entries, segments };
    for (let segment = next(); segment; segment = next()) {
      const files: string[] = [];
      for (const [file, entry] of deserialize(segment) as [string, CachedBuild][]) {
        entries.set(file, entry);
        files.push(file);
      }
      segments.push({ offset: position - segment.byteLength, length: segment.byteLength, files });
    }
  } catch {
    // a damaged cache is no cache
    entries.clear();
    segments.length = 0;
  } finally {
    closeSync(fd);
  }
  return { entries, segments };
}
