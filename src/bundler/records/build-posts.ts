import type { PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import type { BuildResult, BuiltPost } from "./build-post.js";
import type { Problem } from "../problem.js";
import { rememberRecordHash } from "../layout/record-hashes.js";
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

/** A post file, built (or found unbuildable), with the warning its decoding gave. */
interface Outcome {
  file: string;
  result: BuildResult;
  decodeWarning?: string;
}

/**
 * The same post may sit in `_posts/` and in an archive folder (`old_post/`) under one file name:
 * that is one post, and one copy speaks for it: the `_posts/` copy, as the one Jekyll publishes,
 * unless it cannot be built at all; then the next copy that can. The others are reported as
 * skipped, saying truly what became of the one that speaks.
 */
function pickCopies(outcomes: Outcome[], now: number): { chosen: Outcome[]; skipped: Skipped[]; problems: Problem[] } {
  const chosen: Outcome[] = [];
  const skipped: Skipped[] = [];
  const problems: Problem[] = [];
  const inPosts = (o: Outcome) => (sitePath(o.file).split("/").includes("_posts") ? 0 : 1);
  for (const copies of groupBy(outcomes, (o) => postFileName(o.file)).values()) {
    const ordered = [...copies].sort((a, b) => inPosts(a) - inPosts(b) || compareText(a.file, b.file));
    const speaker = ordered.find((o) => o.result.status !== "failed") ?? ordered[0]!;
    chosen.push(speaker);
    const first = ordered[0]!;
    if (speaker !== first && speaker.result.status !== "failed") {
      problems.push({ file: speaker.file, severity: "warning", message: `${first.file}, the copy that would be published, could not be built: this copy stands in for it` });
    }
    const fate =
      speaker.result.status === "failed"
        ? "which could not be built either"
        : speaker.result.status === "unpublished"
          ? `which is not published (${speaker.result.reason})`
          : speaker.result.post.epochMs > now
            ? `which is published when it is due (${speaker.result.post.record.date})`
            : "which is published instead";
    for (const other of ordered.filter((o) => o !== speaker)) {
      if (other.result.status === "failed") chosen.push(other);
      else skipped.push({ file: other.file, reason: `same file name as ${speaker.file}, ${fate}` });
    }
  }
  return { chosen: chosen.sort(by((o) => o.file)), skipped, problems };
}

function newestFirst(a: BuiltPost, b: BuiltPost): number {
  return b.epochMs - a.epochMs || compareText(a.record.path, b.record.path);
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
  const chosen = listed.files;
  const skipped: Skipped[] = [...listed.refused];
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
    const all: Outcome[] = [];
    const failed = (file: string, message: string): Outcome => ({ file, result: { status: "failed", problem: { file, severity: "error", message } } });
    for (let i = 0, j = 0; i < chosen.length; i++) {
      const file = chosen[i]!;
      const stat = stats[i]!;
      if ("error" in stat) {
        all.push(failed(file, stat.error));
        continue;
      }
      const entry = kept[i];
      if (entry) {
        cache!.keep(file, stat, entry.key, entry.result, entry.decodeWarning);
        all.push({ file, result: entry.result, decodeWarning: entry.decodeWarning });
        unchanged++;
        continue;
      }
      const outcome = outcomes[j++]!;
      if ("error" in outcome) {
        all.push(failed(file, outcome.error));
        continue;
      }
      const result = "same" in outcome ? cache!.lastBuild(file)!.result : outcome.result;
      if ("same" in outcome) unchanged++;
      else builds++;
      cache?.keep(file, stat, outcome.key, result, outcome.decodeWarning);
      all.push({ file, result, decodeWarning: outcome.decodeWarning });
    }
    await cache?.save();
    const copies = pickCopies(all, now);
    skipped.push(...copies.skipped);
    problems.push(...copies.problems);
    for (const { file, result, decodeWarning } of copies.chosen) take(file, decodeWarning, result);
  } finally {
    await pool.close();
  }
  progress?.stop();
  published.sort(newestFirst);
  const files = new Map<string, string>();
  const records: PostRecord[] = [];
  for (const { record, file, hash } of published) {
    rememberRecordHash(record, hash);
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
