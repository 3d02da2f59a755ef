import { contentLinks, contentText, type FeedEntry } from "./feed-entries.js";

/** What is compared of each post, in the order differences are shown. */
export const FIELDS = ["url", "id", "title", "published", "updated", "terms", "author", "content", "links", "summary", "image"] as const;
export type Field = (typeof FIELDS)[number];

/** The fields the goal names (links in the content, the summary and the image are shown, not counted). */
export const GOAL_FIELDS: readonly Field[] = ["url", "id", "title", "published", "updated", "terms", "author", "content"];

export interface Difference {
  field: Field;
  jekyll: string;
  publisher: string;
}

/** One post both publish, and what differs between them. */
export interface PostComparison {
  /** Jekyll's URL of the post. */
  url: string;
  title: string;
  differences: Difference[];
}

/** Raw Liquid (`{%`, `{{`) a reader sees in the publisher's entry and not in Jekyll's. */
export interface RawLiquid {
  url: string;
  snippets: string[];
}

export interface Comparison {
  /** Entries in Jekyll's feed and in the publisher's. */
  jekyllCount: number;
  publisherCount: number;
  /** Posts both publish, in Jekyll's order. */
  posts: PostComparison[];
  /** Posts Jekyll publishes that the publisher does not, and the reverse. */
  onlyJekyll: FeedEntry[];
  onlyPublisher: FeedEntry[];
  rawLiquid: RawLiquid[];
  /** Posts whose field matches, of `posts`, by field. */
  matched: Record<Field, number>;
  /** Posts of both whose place in the feed differs, among posts of different dates (ties go either way). */
  outOfOrder: number;
}

export interface CompareOptions {
  /** The site sets `url`: links and ids are compared whole; else as paths (both are written from the root). */
  siteHasUrl: boolean;
}

const SCRATCH = "http://compare.invalid";

/** A URL's path, percent-encoding made uniform: how posts are paired. */
export function urlPath(url: string): string {
  try {
    return new URL(url, SCRATCH).pathname;
  } catch {
    return url;
  }
}

/** Without a site URL, Jekyll writes links and ids from the root and the publisher on the request's origin. */
function comparable(url: string, options: CompareOptions): string {
  if (options.siteHasUrl || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  const parsed = new URL(url);
  return parsed.pathname + parsed.search + parsed.hash;
}

const authorText = (a: FeedEntry["author"]) => [a.name, a.email && `<${a.email}>`, a.uri && `(${a.uri})`].filter(Boolean).join(" ");
const termsText = (terms: readonly string[]) => [...new Set(terms)].sort().join(", ");

/** Where two texts part, with some of what comes before: `…before|jekyll's…` and `…before|publisher's…`. */
export function firstDifference(a: string, b: string, width = 60): { jekyll: string; publisher: string } {
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at++;
  const from = Math.max(0, at - 30);
  const cut = (text: string) => `${from > 0 ? "…" : ""}${text.slice(from, at)}⟨${text.slice(at, at + width)}⟩${text.length > at + width ? "…" : ""}`;
  return { jekyll: cut(a), publisher: cut(b) };
}

/** `{%` and `{{` constructs in a text, each cut at its end or 40 characters. */
function liquidSnippets(text: string): string[] {
  return [...text.matchAll(/\{[{%][\s\S]{0,40}?(?:[%}]\}|$)|\{[{%][\s\S]{0,40}/g)].map((m) => m[0]);
}

function rawLiquidOf(entry: FeedEntry, jekyll: FeedEntry | undefined): string[] {
  const seen = (e: FeedEntry) => [e.title, e.summary, e.contentHtml === undefined ? "" : contentText(e.contentHtml)].join("\n");
  const theirs = jekyll ? liquidSnippets(seen(jekyll)) : [];
  const extra: string[] = [];
  for (const snippet of liquidSnippets(seen(entry))) {
    const at = theirs.indexOf(snippet);
    // the same text in Jekyll's entry is shown on purpose ({% raw %}, code)
    if (at >= 0) theirs.splice(at, 1);
    else extra.push(snippet);
  }
  return extra;
}

/** The differences of one post. */
function comparePost(jekyll: FeedEntry, publisher: FeedEntry, options: CompareOptions): Difference[] {
  const differences: Difference[] = [];
  const check = (field: Field, a: string, b: string) => {
    if (a !== b) differences.push({ field, jekyll: a, publisher: b });
  };
  check("url", comparable(jekyll.link, options), comparable(publisher.link, options));
  check("id", comparable(jekyll.id, options), comparable(publisher.id, options));
  // jekyll-feed's titles are HTML with white space made single (`normalize_whitespace`)
  const spaced = (text: string) => text.replace(/\s+/g, " ").trim();
  check("title", spaced(jekyll.title), spaced(publisher.title));
  check("published", jekyll.published, publisher.published);
  check("updated", jekyll.updated, publisher.updated);
  check("terms", termsText(jekyll.terms), termsText(publisher.terms));
  check("author", authorText(jekyll.author), authorText(publisher.author));
  if (jekyll.contentHtml !== undefined || publisher.contentHtml !== undefined) {
    const a = contentText(jekyll.contentHtml ?? "");
    const b = contentText(publisher.contentHtml ?? "");
    if (a !== b) differences.push({ field: "content", ...firstDifference(a, b) });
    const hrefs = (entry: FeedEntry) => contentLinks(entry.contentHtml ?? "", new URL(entry.link, SCRATCH).href).map((url) => comparable(url, options));
    const theirs = hrefs(jekyll);
    const ours = hrefs(publisher);
    const at = theirs.findIndex((url, i) => url !== ours[i]);
    if (at >= 0 || ours.length > theirs.length) {
      const i = at >= 0 ? at : theirs.length;
      differences.push({ field: "links", jekyll: `${theirs.length} links; #${i + 1}: ${theirs[i] ?? "(none)"}`, publisher: `${ours.length} links; #${i + 1}: ${ours[i] ?? "(none)"}` });
    }
  }
  check("summary", contentText(jekyll.summary), contentText(publisher.summary));
  check("image", jekyll.image ?? "", publisher.image ?? "");
  return differences;
}

/**
 * Pairs each of Jekyll's entries with the publisher's of the same URL; those left, by title and
 * date (a post placed elsewhere), then by title alone.
 */
function pair(jekyll: readonly FeedEntry[], publisher: readonly FeedEntry[]): { pairs: [FeedEntry, FeedEntry][]; onlyJekyll: FeedEntry[]; onlyPublisher: FeedEntry[] } {
  const left = new Set(publisher);
  const pairs: [FeedEntry, FeedEntry][] = [];
  let unpaired = [...jekyll];
  const keys: ((e: FeedEntry) => string)[] = [(e) => urlPath(e.link), (e) => `${e.title}\n${Date.parse(e.published)}`, (e) => e.title];
  for (const key of keys) {
    const byKey = new Map<string, FeedEntry[]>();
    for (const entry of left) (byKey.get(key(entry)) ?? byKey.set(key(entry), []).get(key(entry))!).push(entry);
    const still: FeedEntry[] = [];
    for (const entry of unpaired) {
      const match = byKey.get(key(entry))?.shift();
      if (match) {
        left.delete(match);
        pairs.push([entry, match]);
      } else still.push(entry);
    }
    unpaired = still;
  }
  const order = new Map(jekyll.map((entry, i) => [entry, i]));
  pairs.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
  return { pairs, onlyJekyll: unpaired, onlyPublisher: [...left] };
}

/** Posts whose place among the paired posts differs, counted where their dates differ from their neighbours'. */
function outOfOrder(pairs: readonly [FeedEntry, FeedEntry][], publisher: readonly FeedEntry[]): number {
  const position = new Map(publisher.map((entry, i) => [entry, i]));
  const theirs = [...pairs].sort((a, b) => position.get(a[1])! - position.get(b[1])!);
  let count = 0;
  for (let i = 0; i < pairs.length; i++) {
    if (pairs[i] === theirs[i]) continue;
    // a tie of dates may go either way (Ruby's sort is not stable)
    if (Date.parse(pairs[i]![0].published) !== Date.parse(theirs[i]![0].published)) count++;
  }
  return count;
}

/** Compares Jekyll's feed entries with the publisher's, post by post. */
export function compareEntries(jekyll: readonly FeedEntry[], publisher: readonly FeedEntry[], options: CompareOptions): Comparison {
  const { pairs, onlyJekyll, onlyPublisher } = pair(jekyll, publisher);
  const matched = Object.fromEntries(FIELDS.map((field) => [field, 0])) as Record<Field, number>;
  const posts: PostComparison[] = [];
  const rawLiquid: RawLiquid[] = [];
  for (const [theirs, ours] of pairs) {
    const differences = comparePost(theirs, ours, options);
    for (const field of FIELDS) if (!differences.some((d) => d.field === field)) matched[field]++;
    posts.push({ url: theirs.link, title: theirs.title, differences });
    const snippets = rawLiquidOf(ours, theirs);
    if (snippets.length) rawLiquid.push({ url: ours.link, snippets });
  }
  for (const ours of onlyPublisher) {
    const snippets = rawLiquidOf(ours, undefined);
    if (snippets.length) rawLiquid.push({ url: ours.link, snippets });
  }
  return { jekyllCount: jekyll.length, publisherCount: publisher.length, posts, onlyJekyll, onlyPublisher, rawLiquid, matched, outOfOrder: outOfOrder(pairs, publisher) };
}

const percent = (part: number, whole: number) => (whole ? `${((100 * part) / whole).toFixed(1)} %` : "-");

/** The share of Jekyll's posts whose content text the publisher matches (a post it lacks does not). */
export function contentMatch(comparison: Comparison): number {
  return comparison.jekyllCount ? comparison.matched.content / comparison.jekyllCount : 1;
}

/** Each post that differs, field by field; the posts only one side publishes; raw Liquid. */
export function formatDifferences(comparison: Comparison, { title = "publisher", limit = Infinity }: { title?: string; limit?: number } = {}): string[] {
  const lines: string[] = [];
  const width = Math.max("jekyll".length, title.length) + 2;
  const differing = comparison.posts.filter((post) => post.differences.length);
  for (const post of differing.slice(0, limit)) {
    lines.push(`${post.url}  ${JSON.stringify(post.title)}`);
    for (const d of post.differences) lines.push(`  ${d.field}:`, `    ${"jekyll:".padEnd(width)}${d.jekyll}`, `    ${`${title}:`.padEnd(width)}${d.publisher}`);
  }
  if (differing.length > limit) lines.push(`… and ${differing.length - limit} more posts that differ`);
  for (const entry of comparison.onlyJekyll) lines.push(`only in Jekyll's feed: ${entry.link}  ${JSON.stringify(entry.title)}`);
  for (const entry of comparison.onlyPublisher) lines.push(`only in the ${title}'s feed: ${entry.link}  ${JSON.stringify(entry.title)}`);
  for (const raw of comparison.rawLiquid) lines.push(`raw Liquid in the ${title}'s entry ${raw.url}: ${raw.snippets.map((s) => JSON.stringify(s)).join(", ")}`);
  return lines;
}

/** The figures: posts on each side, and how many match field by field. */
export function formatFigures(comparison: Comparison, { title = "publisher" }: { title?: string } = {}): string[] {
  const both = comparison.posts.length;
  const lines = [`posts: Jekyll ${comparison.jekyllCount}, ${title} ${comparison.publisherCount}, both ${both}; only Jekyll ${comparison.onlyJekyll.length}, only ${title} ${comparison.onlyPublisher.length}`];
  lines.push(`  at Jekyll's URL: ${comparison.matched.url}/${comparison.jekyllCount} (${percent(comparison.matched.url, comparison.jekyllCount)})`);
  for (const field of FIELDS.filter((f) => f !== "url")) {
    const note = GOAL_FIELDS.includes(field) ? "" : " (not counted)";
    lines.push(`  ${field} matches: ${comparison.matched[field]}/${both}${note}`);
  }
  lines.push(`  out of order: ${comparison.outOfOrder}`, `  entries with raw Liquid: ${comparison.rawLiquid.length}`);
  lines.push(`  content text matches for ${comparison.matched.content} of Jekyll's ${comparison.jekyllCount} posts: ${percent(comparison.matched.content, comparison.jekyllCount)}`);
  return lines;
}
