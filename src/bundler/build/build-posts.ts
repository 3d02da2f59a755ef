import type { PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import type { BuildResult, BuiltPost } from "./build-post.js";
import type { Problem } from "../problem.js";
import { rememberDigest } from "../layout/digests.js";
import { startProgress } from "../cli/progress.js";
import { by, compareText } from "../../compare.js";
import { groupBy } from "../group-by.js";
import { findPostFiles, postFileName, sitePath, statPostFile } from "../read/files.js";
import { BuildCache } from "./build-cache.js";
import { BuildPool } from "./build-threads.js";

export interface Skipped {
  file: string;
  reason: string;
}

export interface FolderBuild {
  /** Published posts, newest first. */
  records: PostRecord[];
  /** The file each published post comes from, by permalink. */
  files: Map<string, string>;
  /** Posts built this run, and posts taken unchanged from the build cache. */
  built: number;
  unchanged: number;
  skipped: Skipped[];
  problems: Problem[];
}

/**
 * The same post may sit in `_posts/` and in an archive folder (`old_post/`) under one file name:
 * that is one post. The copy under `_posts/` wins, as it is the one Jekyll publishes.
 */
function pickCopies(files: string[]): { chosen: string[]; duplicates: Skipped[] } {
  const byName = groupBy(files, postFileName);
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

export interface BuildOptions {
  /** Posts dated after this are not published yet (default: now). */
  now?: number;
  /** Build threads (default 1). */
  threads?: number;
  /** Folder of the build cache; none by default. */
  cacheDir?: string;
  /** Show progress on stderr. */
  progress?: boolean;
}

/** Reads every post below `root` and builds the records to publish. */
export async function buildPosts(root: string, site: Site, options: BuildOptions = {}): Promise<FolderBuild> {
  const now = options.now ?? Date.now();
  const pool = new BuildPool(root, site, options.threads ?? 1);
  const cache = options.cacheDir ? await BuildCache.open(options.cacheDir, root, site) : undefined;
  const listed = await findPostFiles(root);
  const { chosen, duplicates } = pickCopies(listed.files);
  const skipped: Skipped[] = [...duplicates, ...listed.refused];
  const problems: Problem[] = listed.refused.map(({ file, reason }) => ({ file, severity: "error", message: reason }));
  const published: (BuiltPost & { file: string })[] = [];
  const progress = options.progress ? startProgress("build", chosen.length) : undefined;
  let builds = 0;
  let unchanged = 0;
  const take = (file: string, decodeWarning: string | undefined, result: BuildResult) => {
    if (decodeWarning) problems.push({ file, severity: "warning", message: decodeWarning });
    if (result.status === "published") {
      // Jekyll's default: a post dated in the future waits for its time
      if (result.post.epochMs > now) skipped.push({ file, reason: `dated in the future (${result.post.record.date})` });
      else {
        published.push({ ...result.post, file });
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
    // Files untouched since the last run (by their stat) are not even read; the rest go to the threads.
    const stats = chosen.map((file) => statPostFile(root, file));
    const kept = chosen.map((file, i) => {
      const stat = stats[i]!;
      return "error" in stat ? undefined : cache?.untouched(file, stat);
    });
    const jobs = chosen.flatMap((file, i) => (kept[i] || "error" in stats[i]! ? [] : [{ file, lastKey: cache?.lastBuild(file)?.key }]));
    const untouchedCount = chosen.length - jobs.length;
    progress?.update(untouchedCount);
    const outcomes = await pool.build(jobs, (done) => progress?.update(untouchedCount + done));
    for (let i = 0, j = 0; i < chosen.length; i++) {
      const file = chosen[i]!;
      const stat = stats[i]!;
      if ("error" in stat) {
        take(file, undefined, { status: "failed", problem: { file, severity: "error", message: stat.error } });
        continue;
      }
      const entry = kept[i];
      if (entry) {
        cache!.keep(file, stat, entry.key, entry.result, entry.decodeWarning);
        take(file, entry.decodeWarning, entry.result);
        unchanged++;
        continue;
      }
      const outcome = outcomes[j++]!;
      if ("error" in outcome) {
        take(file, undefined, { status: "failed", problem: { file, severity: "error", message: outcome.error } });
        continue;
      }
      const result = "same" in outcome ? cache!.lastBuild(file)!.result : outcome.result;
      if ("same" in outcome) unchanged++;
      else builds++;
      cache?.keep(file, stat, outcome.key, result, outcome.decodeWarning);
      take(file, outcome.decodeWarning, result);
    }
    await cache?.save();
  } finally {
    await pool.close();
  }
  progress?.stop();
  published.sort(newestFirst);
  const files = new Map<string, string>();
  const records: PostRecord[] = [];
  for (const { record, file, digest } of published) {
    rememberDigest(record, digest);
    const holder = files.get(record.path);
    if (holder) {
      const reason = `same permalink ${record.path} as ${holder}, which is published instead`;
      skipped.push({ file, reason });
      problems.push({ file, severity: "warning", message: reason });
      continue;
    }
    files.set(record.path, file);
    records.push(record);
  }
  return { records, files, built: builds, unchanged, skipped: skipped.sort(by((skip) => skip.file)), problems };
}
