import type { PostRecord } from "../post.js";
import type { Site } from "../site.js";
import { buildPost, type BuiltPost } from "./build-post.js";
import type { Problem } from "./problem.js";
import { listPostFiles, readPostFile, sitePath } from "./read-posts.js";

export interface Skipped {
  file: string;
  reason: string;
}

export interface BundleResult {
  /** Published posts, newest first. */
  records: PostRecord[];
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

/** Reads every post below `root` and builds the records to publish. */
export async function bundlePosts(root: string, site: Site, now = Date.now()): Promise<BundleResult> {
  const { chosen, duplicates } = pickCopies(await listPostFiles(root));
  const skipped: Skipped[] = [...duplicates];
  const problems: Problem[] = [];
  const built: BuiltPost[] = [];
  for (const file of chosen) {
    const { text } = await readPostFile(root, file);
    const result = buildPost(file, text, site, now);
    if (result.status === "published") {
      built.push(result.post);
      problems.push(...result.warnings);
    } else if (result.status === "unpublished") {
      skipped.push({ file, reason: result.reason });
    } else {
      skipped.push({ file, reason: result.problem.message });
      problems.push(result.problem);
    }
  }
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
  return { records, skipped: skipped.sort((a, b) => (a.file < b.file ? -1 : 1)), problems };
}
