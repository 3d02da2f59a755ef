// A Jekyll site as Jekyll publishes it and as this publisher does, compared: typed with both
// runtimes (tsconfig.json), as it reads the Worker's feed in this process (served-feed.ts).
import { buildPosts, type FolderBuild } from "../src/bundler/records/build-posts.js";
import { compareEntries, contentMatch, formatDifferences, formatFigures, urlPath, type Comparison } from "./compare.js";
import { entryOfRecord, parseAtom, type FeedEntry } from "./feed-entries.js";
import { buildWithJekyll, type JekyllOutcome } from "./jekyll-build.js";
import { bundledKv, siteOrigin, statuses, walkServedFeed, type ServedFeed } from "./served-feed.js";
import type { MemoryKv } from "../tests/support/memory-kv.js";

export interface CompareSiteOptions {
  root: string;
  /** Jekyll's feed, recorded (all posts in it): Jekyll is not run. */
  jekyllFeed?: string;
  /** Walk the Worker's feed too (default true): of `kv` when given, else of what `npm run bundle` makes. */
  served?: boolean;
  kv?: MemoryKv;
  drafts?: boolean;
  /** The clock for which posts are due (default: now; Jekyll's is always now). */
  now?: number;
}

export interface ServedComparison {
  feed: ServedFeed;
  /** The served feed against the records it was made from: what the Worker changes. */
  againstRecords: Comparison;
  againstJekyll?: Comparison;
  /** Jekyll's URLs of its posts that the Worker does not answer with 200, with what it answers. */
  unanswered: { url: string; status: number }[];
}

export interface SiteComparison {
  jekyll: JekyllOutcome | { recorded: true };
  build: FolderBuild;
  /** Jekyll's feed against the records `buildPosts` made; absent without Jekyll's feed. */
  records?: Comparison;
  served?: ServedComparison;
}

/** Builds the site both ways and compares them. */
export async function compareSite(options: CompareSiteOptions): Promise<SiteComparison> {
  const jekyll: SiteComparison["jekyll"] = options.jekyllFeed !== undefined ? { recorded: true } : await buildWithJekyll(options.root, { drafts: options.drafts ?? false });
  const xml = options.jekyllFeed ?? ("xml" in jekyll ? jekyll.xml : undefined);
  const jekyllEntries = xml === undefined ? undefined : parseAtom(xml).entries;
  const build = await buildPosts(options.root, { drafts: options.drafts ?? false, ...(options.now === undefined ? {} : { now: options.now }) });
  const compareOptions = { siteHasUrl: build.site.url !== "" };
  const recordEntries = build.records.map((record) => entryOfRecord(record, build.site));
  const result: SiteComparison = { jekyll, build, ...(jekyllEntries ? { records: compareEntries(jekyllEntries, recordEntries, compareOptions) } : {}) };
  if (options.served === false) return result;

  const kv = options.kv ?? (await bundledKv(options.root, { drafts: options.drafts ?? false }));
  const feed = await walkServedFeed(kv, build.site);
  const origin = siteOrigin(build.site);
  const wanted: FeedEntry[] = jekyllEntries ?? recordEntries;
  const urls = wanted.map((entry) => `${origin}${urlPath(entry.link)}`);
  const answers = await statuses(kv, urls);
  result.served = {
    feed,
    againstRecords: compareEntries(recordEntries, feed.entries, compareOptions),
    ...(jekyllEntries ? { againstJekyll: compareEntries(jekyllEntries, feed.entries, compareOptions) } : {}),
    unanswered: urls.filter((url) => answers.get(url) !== 200).map((url) => ({ url, status: answers.get(url)! })),
  };
  return result;
}

/** The comparison as a report: what Jekyll was built with, each post that differs, the figures. */
export function formatSiteComparison(result: SiteComparison, { limit = Infinity }: { limit?: number } = {}): string {
  const lines: string[] = [];
  const { jekyll, build } = result;
  if ("absent" in jekyll) lines.push(`skipped the comparison with Jekyll: ${jekyll.absent}`);
  else if ("failed" in jekyll) lines.push(`jekyll build failed, so there is nothing to compare with:\n${jekyll.failed}`);
  else if ("recorded" in jekyll) lines.push("Jekyll's feed: as recorded (jekyll not run)");
  if ("overrides" in jekyll) lines.push("Jekyll was run with:", ...jekyll.overrides.map((line) => `  - ${line}`));
  if ("warnings" in jekyll && jekyll.warnings.length) lines.push(`Jekyll's warnings (${jekyll.warnings.length}):`, ...jekyll.warnings.slice(0, 20).map((line) => `  ${line}`));
  const errors = build.problems.filter((p) => p.severity === "error");
  lines.push(`publisher: ${build.records.length} posts published, ${build.skipped.length} skipped, ${build.problems.length} problems (${errors.length} errors)`);
  for (const p of build.problems.slice(0, 40)) lines.push(`  ${p.severity}: ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`);
  if (build.problems.length > 40) lines.push(`  … and ${build.problems.length - 40} more`);
  if (result.records) lines.push("", "== Jekyll's feed against the publisher's records (buildPosts) ==", ...formatDifferences(result.records, { limit }), "", ...formatFigures(result.records));
  const { served } = result;
  if (served) {
    lines.push("", `== the Worker's feed at ${build.site.baseurl}${build.site.feed.path}: ${served.feed.entries.length} entries on ${served.feed.pages} pages ==`);
    for (const problem of served.feed.problems) lines.push(`  ${problem}`);
    const changed = served.againstRecords;
    const same = changed.posts.every((p) => !p.differences.length) && !changed.onlyJekyll.length && !changed.onlyPublisher.length && !changed.outOfOrder;
    if (same) lines.push("  the same entries as the records, in the same order");
    else lines.push("  the Worker's feed against the records (\"jekyll\" here is the records):", ...[...formatDifferences(changed, { title: "worker", limit }), ...formatFigures(changed, { title: "worker" })].map((line) => `  ${line}`));
    if (served.againstJekyll) lines.push("  Jekyll's feed against the Worker's:", ...formatFigures(served.againstJekyll, { title: "worker" }).map((line) => `  ${line}`));
    lines.push(`  Jekyll's post URLs the Worker answers with 200: ${served.unanswered.length ? `all but ${served.unanswered.length}` : "all"}`);
    for (const { url, status } of served.unanswered.slice(0, 40)) lines.push(`    ${status} ${url}`);
  }
  const figures = served?.againstJekyll ?? result.records;
  if (figures) lines.push("", `content text matches Jekyll's for ${(100 * contentMatch(figures)).toFixed(1)} % of posts`);
  return lines.join("\n");
}
