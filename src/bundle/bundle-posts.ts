import type { PostRecord } from "../post.js";
import type { Site } from "../site.js";
import type { BuildResult, BuiltPost } from "./build-post.js";
import type { Problem } from "./problem.js";
import { startProgress } from "./progress.js";
import { decodePost, type Decoded } from "./decode-post.js";
import { listPostFiles, readPostFile, sitePath } from "./read-posts.js";
import { RenderCache } from "./render-cache.js";
import { RenderPool } from "./render-threads.js";

export interface Skipped {
  file: string;
  reason: string;
}

export interface BundleResult {
  /** Published posts, newest first. */
  records: PostRecord[];
  /** Posts rendered this run, and posts taken unchanged from the render cache. */
  rendered: number;
  unchanged: number;
  skipped: Skipped[];
  problems: Problem[];
}

/**
 * The same post may sit in `_posts/` and in an archive folder (`old_post/`) under one file name:
 * that is one post. The copy under `_posts/` wins, as it is the one Jekyll publishes.
 */
function pickCopies(files: string[]): { chosen: string[]; duplicates: Skipped[] } {
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = sitePath(file).split("/").pop()!;
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  const chosen: string[] = [];
  const duplicates: Skipped[] = [];
  for (const copies of byName.values()) {
    const winner = copies.find((f) => sitePath(f).split("/").includes("_posts")) ?? copies[0]!;
    chosen.push(winner);
    for (const other of copies.filter((f) => f !== winner)) {
      duplicates.push({ file: other, reason: `same file name as ${winner}, which is published instead` });
    }
  }
  return { chosen: chosen.sort(), duplicates };
}

function newestFirst(a: BuiltPost, b: BuiltPost): number {
  return b.epochMs - a.epochMs || (a.record.path < b.record.path ? -1 : a.record.path > b.record.path ? 1 : 0);
}

export interface BundleOptions {
  /** Posts dated after this are not published yet (default: now). */
  now?: number;
  /** Render threads (default 1). */
  threads?: number;
  /** Folder of the render cache; none by default. */
  cacheDir?: string;
  /** Show progress on stderr. */
  progress?: boolean;
}

/** Files read and rendered at a time: bounds the memory the post texts take. */
const BATCH = 2_000;

/** Reads every post below `root` and builds the records to publish. */
export async function bundlePosts(root: string, site: Site, options: BundleOptions = {}): Promise<BundleResult> {
  const now = options.now ?? Date.now();
  const cache = options.cacheDir ? new RenderCache(options.cacheDir, site) : undefined;
  const { chosen, duplicates } = pickCopies(await listPostFiles(root));
  const skipped: Skipped[] = [...duplicates];
  const problems: Problem[] = [];
  const built: BuiltPost[] = [];
  const progress = options.progress ? startProgress("render", chosen.length) : undefined;
  let rendered = 0;
  let unchanged = 0;
  const pool = new RenderPool(site, options.threads ?? 1);
  const take = (file: string, decoded: Decoded, result: BuildResult) => {
    if ("warning" in decoded && decoded.warning) problems.push({ file, severity: "warning", message: decoded.warning });
    if (result.status === "published") {
      // Jekyll's default: a post dated in the future waits for its time
      if (result.post.epochMs > now) skipped.push({ file, reason: `dated in the future (${result.post.record.date})` });
      else {
        built.push(result.post);
        problems.push(...result.warnings);
      }
    } else if (result.status === "unpublished") {
      skipped.push({ file, reason: result.reason });
    } else {
      skipped.push({ file, reason: result.problem.message });
      problems.push(result.problem);
    }
  };
  try {
    for (let start = 0; start < chosen.length; start += BATCH) {
      const files = await Promise.all(chosen.slice(start, start + BATCH).map((file) => readPostFile(root, file)));
      const batch = files.map(({ file, bytes }) => ({ file, decoded: decodePost(bytes) }));
      const keys = batch.map(({ file, decoded }) => ("text" in decoded ? cache?.key(file, decoded.text) : undefined));
      const cached = await Promise.all(keys.map((key) => (key ? cache!.get(key) : undefined)));
      const misses = batch.flatMap(({ file, decoded }, i) => ("text" in decoded && !cached[i] ? [{ file, text: decoded.text }] : []));
      const fresh = await pool.build(misses);
      for (let i = 0, m = 0; i < batch.length; i++) {
        const { file, decoded } = batch[i]!;
        let result = cached[i];
        if ("error" in decoded) result = { status: "failed", problem: { file, severity: "error", message: decoded.error } };
        else if (result) unchanged++;
        else {
          result = fresh[m++]!;
          rendered++;
          if (keys[i]) await cache!.set(keys[i]!, result);
        }
        take(file, decoded, result);
      }
      progress?.update(Math.min(start + BATCH, chosen.length));
    }
  } finally {
    await pool.close();
  }
  progress?.stop();
  built.sort(newestFirst);
  const seen = new Map<string, string>();
  const records: PostRecord[] = [];
  for (const { record } of built) {
    const holder = seen.get(record.path);
    if (holder) {
      const reason = `same permalink ${record.path} as ${holder}, which is published instead`;
      skipped.push({ file: record.sourceFile, reason });
      problems.push({ file: record.sourceFile, severity: "warning", message: reason });
      continue;
    }
    seen.set(record.path, record.sourceFile);
    records.push(record);
  }
  return { records, rendered, unchanged, skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : 1)), problems };
}
