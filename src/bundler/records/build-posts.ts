import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import type { PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import type { BuildResult, BuiltPost } from "./build-post.js";
import type { Problem } from "../problem.js";
import { rememberRecordHash } from "../layout/record-hashes.js";
import { rememberSearchText } from "../layout/search-text.js";
import { startProgress } from "../cli/progress.js";
import { by, compareText } from "../../compare.js";
import { groupBy } from "../group-by.js";
import { statPostFile } from "../read/files.js";
import { readSiteConfig, type SiteConfig } from "../site/config.js";
import { findPostFiles, type PostFile } from "../site/post-files.js";
import { siteSettings } from "../site/settings.js";
import { BuildCache, type CachedBuild } from "./build-cache.js";
import { BuildPool, type BuildSettings } from "./build-threads.js";
import { postContext } from "./context.js";
import { buildPostFile } from "./post-file.js";
import { SiteFiles } from "../site/site-files.js";
import { SiteIndex, needsIndex, usesKey } from "./site-index.js";

export interface Skipped {
  file: string;
  reason: string;
}

export interface FolderBuild {
  /** The site's settings, from its `_config.yml`. */
  site: Site;
  config: SiteConfig;
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
  postFile: PostFile;
  result: BuildResult;
  decodeWarning?: string;
  /** Hash of the text it was built from. */
  key?: string;
  stat?: Stats;
  /** The hash of what its Liquid read, when it was built with the other posts (see `usesKey`). */
  usesKey?: string;
  /** Built this run, not taken from the build cache. */
  built?: boolean;
}

/**
 * The same post may sit in `_posts/` and in an archive folder (`old_post/`) under one file name:
 * that is one post, and one copy speaks for it: the `_posts/` copy, as the one Jekyll publishes,
 * unless it cannot be built at all; then the next copy that can. The others are reported as
 * skipped, saying truly what became of the one that speaks.
 */
function pickCopies(outcomes: Outcome[], now: number, future: boolean): { chosen: Outcome[]; skipped: Skipped[]; problems: Problem[] } {
  const chosen: Outcome[] = [];
  const skipped: Skipped[] = [];
  const problems: Problem[] = [];
  const inPosts = (o: Outcome) => (o.postFile.archive ? 1 : 0);
  for (const copies of groupBy(outcomes, (o) => o.postFile.relativePath).values()) {
    const ordered = [...copies].sort((a, b) => inPosts(a) - inPosts(b) || compareText(a.postFile.file, b.postFile.file));
    const speaker = ordered.find((o) => o.result.status !== "failed") ?? ordered[0]!;
    chosen.push(speaker);
    const first = ordered[0]!;
    if (speaker !== first && speaker.result.status !== "failed") {
      problems.push({ file: speaker.postFile.file, severity: "warning", message: `${first.postFile.file}, the copy that would be published, could not be built: this copy stands in for it` });
    }
    const fate =
      speaker.result.status === "failed"
        ? "which could not be built either"
        : speaker.result.status === "unpublished"
          ? `which is not published (${speaker.result.reason})`
          : speaker.result.post.epochMs > now && !future
            ? `which is published when it is due (${speaker.result.post.record.date})`
            : "which is published instead";
    for (const other of ordered.filter((o) => o !== speaker)) {
      if (other.result.status === "failed") chosen.push(other);
      else skipped.push({ file: other.postFile.file, reason: `same file name as ${speaker.postFile.file}, ${fate}` });
    }
  }
  return { chosen: chosen.sort(by((o) => o.postFile.file)), skipped, problems };
}

function newestFirst(a: BuiltPost, b: BuiltPost): number {
  return b.epochMs - a.epochMs || compareText(a.record.path, b.record.path);
}

export interface BuildOptions {
  /** Posts dated after this are not published yet, unless the site says `future: true` (default: now). */
  now?: number;
  /** Build threads (default 1). */
  threads?: number;
  /** Folder of the build cache; none by default. */
  cacheDir?: string;
  /** Show progress on stderr. */
  progress?: boolean;
  /** Publish `_drafts/` too (`--drafts`, as `jekyll build --drafts`). */
  drafts?: boolean;
}

const failed = (postFile: PostFile, message: string): Outcome => ({ postFile, result: { status: "failed", problem: { file: postFile.file, severity: "error", message } } });

/** Round one: every post file built without the other posts, from the cache where its file or text is unchanged; on every core. */
async function buildFiles(root: string, posts: readonly PostFile[], pool: BuildPool, cache: BuildCache | undefined, progress: ReturnType<typeof startProgress> | undefined): Promise<Outcome[]> {
  // Files untouched since the last run (by their stat) are not even read; the rest go to the threads.
  const stats = posts.map((post) => statPostFile(root, post.file));
  const kept = posts.map((post, i) => {
    const stat = stats[i]!;
    return "error" in stat ? undefined : cache?.untouched(post.file, stat);
  });
  const jobs = posts.flatMap((postFile, i) => (kept[i] || "error" in stats[i]! ? [] : [{ postFile, lastKey: cache?.lastBuild(postFile.file)?.key }]));
  const untouched = posts.length - jobs.length;
  progress?.update(untouched);
  const results = await pool.build(jobs, (done) => progress?.update(untouched + done));
  const outcomes: Outcome[] = [];
  for (let i = 0, j = 0; i < posts.length; i++) {
    const postFile = posts[i]!;
    const stat = stats[i]!;
    if ("error" in stat) {
      outcomes.push(failed(postFile, stat.error));
      continue;
    }
    const entry: CachedBuild | undefined = kept[i];
    if (entry) {
      outcomes.push({ postFile, result: entry.result, key: entry.key, stat, built: false, ...(entry.decodeWarning ? { decodeWarning: entry.decodeWarning } : {}), ...(entry.usesKey ? { usesKey: entry.usesKey } : {}) });
      continue;
    }
    const outcome = results[j++]!;
    if ("error" in outcome) {
      outcomes.push(failed(postFile, outcome.error));
      continue;
    }
    const last = cache?.lastBuild(postFile.file);
    const same = "same" in outcome;
    const result = same ? last!.result : outcome.result;
    outcomes.push({ postFile, result, key: outcome.key, stat, built: !same, ...(outcome.decodeWarning ? { decodeWarning: outcome.decodeWarning } : {}), ...(same && last?.usesKey ? { usesKey: last.usesKey } : {}) });
  }
  return outcomes;
}

/**
 * Round two: the posts whose Liquid names other posts (`post_url`, `link`) or reads the list of
 * them (`site.posts`) are built again with the other posts placed, unless what they read is as
 * it was when they were last built.
 */
function buildWithIndex(outcomes: Outcome[], index: SiteIndex, settings: BuildSettings): number {
  let rebuilt = 0;
  let context: ReturnType<typeof postContext> | undefined;
  for (const outcome of outcomes) {
    const { result } = outcome;
    if (result.status !== "published" || !needsIndex(result.post.uses)) continue;
    const key = usesKey(result.post.uses!, index, settings.root, settings.now);
    if (outcome.usesKey === key) continue;
    context ??= postContext(settings.root, settings.config, settings.site, settings.now, index);
    const again = buildPostFile(settings.root, outcome.postFile, context);
    if (!("result" in again)) continue;
    outcome.result = again.result;
    outcome.usesKey = key;
    outcome.built = true;
    rebuilt++;
  }
  return rebuilt;
}

/** What becomes of each chosen outcome: published (if due), skipped, or failed. */
function sortOut(chosen: readonly Outcome[], now: number, future: boolean): { published: (BuiltPost & { file: string })[]; skipped: Skipped[]; problems: Problem[] } {
  const published: (BuiltPost & { file: string })[] = [];
  const skipped: Skipped[] = [];
  const problems: Problem[] = [];
  for (const { postFile, decodeWarning, result } of chosen) {
    const file = postFile.file;
    if (decodeWarning) problems.push({ file, severity: "warning", message: decodeWarning });
    if (result.status === "published") {
      // Jekyll's default: a post dated in the future waits for its time
      if (result.post.epochMs > now && !future) skipped.push({ file, reason: `dated in the future (${result.post.record.date})` });
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
  }
  return { published, skipped, problems };
}

/** Published posts newest first, one per permalink (the newer, then the first by path). */
function onePerPermalink(published: (BuiltPost & { file: string })[]): { records: PostRecord[]; files: Map<string, string>; skipped: Skipped[]; problems: Problem[] } {
  published.sort(newestFirst);
  const files = new Map<string, string>();
  const records: PostRecord[] = [];
  const skipped: Skipped[] = [];
  const problems: Problem[] = [];
  for (const { record, file, hash, text } of published) {
    rememberRecordHash(record, hash);
    rememberSearchText(record, text);
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
  return { records, files, skipped, problems };
}

/** A hash of the settings posts are built with: a change of any of them builds every post again. */
function settingsVersion(config: SiteConfig): string {
  return createHash("sha256").update(JSON.stringify(config)).digest("hex");
}

/** Reads a Jekyll site's root (its `_config.yml`, its posts) and builds the records to publish. */
export async function buildPosts(root: string, options: BuildOptions = {}): Promise<FolderBuild> {
  const now = options.now ?? Date.now();
  const { config, problems: configProblems } = readSiteConfig(root);
  const site = siteSettings(config, root);
  const settings = { root, config, site, now };
  const listed = await findPostFiles(root, { ...config, showDrafts: options.drafts ?? config.showDrafts });
  const pool = new BuildPool(settings, options.threads ?? 1);
  const cache = options.cacheDir ? await BuildCache.open(options.cacheDir, root, settingsVersion(config)) : undefined;
  const progress = options.progress ? startProgress("build", listed.posts.length) : undefined;
  const skipped: Skipped[] = [...listed.refused];
  const problems: Problem[] = [...configProblems, ...listed.refused.map(({ file, reason }): Problem => ({ file, severity: "error", message: reason }))];
  let outcomes: Outcome[];
  try {
    outcomes = await buildFiles(root, listed.posts, pool, cache, progress);
  } finally {
    await pool.close();
    progress?.stop();
  }
  const copies = pickCopies(outcomes, now, config.future);
  let sorted = sortOut(copies.chosen, now, config.future);
  let placed = onePerPermalink(sorted.published);
  const index = SiteIndex.of(placed.records, placed.files, site.baseurl, new SiteFiles(root, config));
  const rebuilt = buildWithIndex(copies.chosen, index, settings);
  if (rebuilt) {
    sorted = sortOut(copies.chosen, now, config.future);
    placed = onePerPermalink(sorted.published);
  }
  for (const outcome of outcomes) if (outcome.stat && outcome.key) cache?.keep(outcome.postFile.file, outcome.stat, outcome.key, outcome.result, outcome.decodeWarning, outcome.usesKey);
  await cache?.save();
  return {
    site,
    config,
    records: placed.records,
    files: placed.files,
    built: outcomes.filter((o) => o.built).length,
    unchanged: outcomes.filter((o) => o.built === false).length,
    skipped: [...skipped, ...copies.skipped, ...sorted.skipped, ...placed.skipped].sort(by((skip) => skip.file)),
    problems: [...problems, ...copies.problems, ...sorted.problems, ...placed.problems],
  };
}
