// npm run compare: the tool that holds the publisher to Jekyll. Jekyll is not run here: its feed
// of the fixture site is recorded (tests/fixtures/compare-site.feed.xml).
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { compareEntries, contentMatch, formatFigures } from "../../tools/compare.js";
import { compareSite, formatSiteComparison } from "../../tools/compare-site.js";
import { parseAtom, type FeedEntry } from "../../tools/feed-entries.js";
import { buildWithJekyll, jekyllOverrides } from "../../tools/jekyll-build.js";
import { root } from "../support/shared.js";

const site = join(root, "tests/fixtures/compare-site");
const recorded = await readFile(join(root, "tests/fixtures/compare-site.feed.xml"), "utf8");
const jekyll = parseAtom(recorded).entries;
const options = { siteHasUrl: true };

/** Jekyll's entries with one changed. */
function changed(index: number, change: Partial<FeedEntry>): FeedEntry[] {
  return jekyll.map((entry, i) => (i === index ? { ...entry, ...change } : entry));
}

describe("npm run compare on a site the publisher gets right", () => {
  it("finds every post at Jekyll's URL, with Jekyll's ids, titles, dates, terms, authors and text, in the records and through every page of the Worker's feed", async () => {
    const result = await compareSite({ root: site, jekyllFeed: recorded });
    expect(jekyll).toHaveLength(11);
    for (const comparison of [result.records!, result.served!.againstJekyll!]) {
      expect(comparison.posts.filter((post) => post.differences.length)).toEqual([]);
      expect([comparison.onlyJekyll, comparison.onlyPublisher, comparison.rawLiquid]).toEqual([[], [], []]);
      expect(contentMatch(comparison)).toBe(1);
    }
    // two entries a page (feed_publisher.items_per_feed), below the baseurl
    expect(result.served!.feed).toMatchObject({ pages: 6, problems: [] });
    expect(result.served!.unanswered).toEqual([]);
    const report = formatSiteComparison(result);
    expect(report).toContain("content text matches Jekyll's for 100.0 % of posts");
    expect(report).toContain("the Worker's feed at /blog/feed.xml: 11 entries on 6 pages");
  });
});

describe("block HTML, as kramdown reads it", () => {
  it("keeps an indented figure with blank lines as HTML, and reads a markdown=\"1\" division's content as Markdown", () => {
    const entry = jekyll.find((e) => e.title === "Block HTML with blank lines")!;
    expect(entry.contentHtml).toContain("<strong>Note:</strong>");
    return compareSite({ root: site, jekyllFeed: recorded, served: false }).then(({ records }) => {
      expect(records!.posts.find((p) => p.title === entry.title)!.differences).toEqual([]);
    });
  });
});

describe("summaries, as jekyll-feed writes them", () => {
  const summaries = buildPosts(site).then(({ records }) => new Map(records.map((r) => [r.title, r.summary])));
  const jekyllSummary = (title: string) => jekyll.find((entry) => entry.title === title)!.summary;

  it("takes the front matter's excerpt before the first paragraph, as text", async () => {
    expect((await summaries).get("An excerpt by hand")).toBe("A summary written by hand, with markup & an entity.");
    expect(jekyllSummary("An excerpt by hand")).toBe("A summary written by hand, with markup & an entity.");
  });

  it("brings the link definitions and footnotes the first paragraph names, as Jekyll's excerpt does", async () => {
    const title = "Reference links in the first paragraph";
    expect((await summaries).get(title)).toBe(jekyllSummary(title));
    expect(jekyllSummary(title)).toMatch(/^The first paragraph links a reference and has a note\.1 The note/);
  });

  it("renders the excerpt's Markdown when the post is one paragraph and a blank line", async () => {
    expect((await summaries).get("One paragraph, then a blank line")).toBe("A post of one paragraph, written over two lines.");
  });

  it("is none where the excerpt separator is empty, as Jekyll then makes no excerpt", async () => {
    expect((await summaries).get("No excerpt at all")).toBe("");
    expect(jekyllSummary("No excerpt at all")).toBe("");
  });

  it("leaves out what a style block holds", async () => {
    expect((await summaries).get("A style block first")).toBe("Styled text follows in the same block.");
  });
});

describe("compareEntries", () => {
  it("reads Jekyll's feed as a reader does: HTML titles as text, categories then tags as terms, the post's author or the site's", () => {
    const first = jekyll.find((entry) => entry.title === "First light")!;
    expect(first).toMatchObject({ link: "https://example.org/blog/notes/2024/01/10/first-light/", terms: ["notes", "jekyll", "feeds"], author: { name: "Lena Field", email: "lena@example.org" } });
    expect(jekyll.find((entry) => entry.title === "A second post")!.author).toEqual({ name: "Ada Quill" });
  });

  it("reports each field that differs, and the first words where the text parts", () => {
    const second = jekyll.findIndex((entry) => entry.title === "A second post");
    const publisher = changed(second, { title: "Another title", published: "2024-01-01T00:00:00+01:00", terms: ["other"], author: { name: "Someone" }, contentHtml: "<p>Something else entirely.</p>" });
    const comparison = compareEntries(jekyll, publisher, options);
    const post = comparison.posts.find((p) => p.differences.length)!;
    // the text, and the link to the first post that went with it
    expect(post.differences.map((d) => d.field)).toEqual(["title", "published", "terms", "author", "content", "links"]);
    expect(post.differences.find((d) => d.field === "content")!.publisher).toBe("⟨Something else entirely.⟩");
    expect(comparison.matched.content).toBe(10);
    expect(formatFigures(comparison).at(-1)).toBe("  content text matches for 10 of Jekyll's 11 posts: 90.9 %");
  });

  it("takes text as a reader sees it: tags, white space and typographic quotes aside", () => {
    const entry = jekyll.find((e) => e.title === "Dashes and quotes")!;
    const straight = entry.contentHtml!.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/<\/?em>|\n/g, " ");
    expect(compareEntries(jekyll, jekyll.map((e) => (e === entry ? { ...e, contentHtml: `<div>${straight}</div>` } : e)), options).matched.content).toBe(11);
  });

  it("pairs a post placed elsewhere by its title and date, and says which URL differs", () => {
    const comparison = compareEntries(jekyll, changed(0, { link: "https://example.org/blog/elsewhere/" }), options);
    expect(comparison.matched.url).toBe(10);
    expect(comparison.posts[0]!.differences[0]).toEqual({ field: "url", jekyll: jekyll[0]!.link, publisher: "https://example.org/blog/elsewhere/" });
    expect(comparison.onlyJekyll).toEqual([]);
  });

  it("lists the posts only one side publishes", () => {
    const extra: FeedEntry = { ...jekyll[0]!, link: "https://example.org/blog/new/", title: "New", published: "2030-01-01T00:00:00Z" };
    const comparison = compareEntries(jekyll, [...jekyll.slice(1), extra], options);
    expect(comparison.onlyJekyll.map((e) => e.title)).toEqual([jekyll[0]!.title]);
    expect(comparison.onlyPublisher.map((e) => e.title)).toEqual(["New"]);
    expect(contentMatch(comparison)).toBe(10 / 11);
  });

  it("flags Liquid the publisher left raw, not Liquid that Jekyll's entry shows too", () => {
    const shown = jekyll.find((e) => e.contentHtml!.includes("{{ page.title }}"))!;
    expect(compareEntries(jekyll, jekyll, options).rawLiquid).toEqual([]);
    const raw = compareEntries(jekyll, jekyll.map((e) => (e === shown ? { ...e, contentHtml: `${e.contentHtml}<p>{% include missing.html %}</p>` } : e)), options).rawLiquid;
    expect(raw).toEqual([{ url: shown.link, snippets: ["{% include missing.html %}"] }]);
  });

  it("counts posts out of Jekyll's order, but not ties of date", () => {
    const swapped = [jekyll[1]!, jekyll[0]!, ...jekyll.slice(2)];
    expect(compareEntries(jekyll, swapped, options).outOfOrder).toBe(2);
    const tied = changed(1, { published: jekyll[0]!.published });
    expect(compareEntries(tied, [tied[1]!, tied[0]!, ...tied.slice(2)], options).outOfOrder).toBe(0);
  });
});

describe("the Jekyll build", () => {
  it("drops what this machine lacks, keeps jekyll-feed and the site's own defaults, and says so", () => {
    const site = { theme: "some-theme", plugins: ["jekyll-seo-tag", "jekyll-archives"], defaults: [{ scope: { path: "" }, values: { layout: "post" } }], exclude: ["vendor"], collections: { docs: { output: true } } };
    const { settings, overrides } = jekyllOverrides(site, new Set(["jekyll-seo-tag", "jekyll-feed"]));
    expect(settings).toMatchObject({ theme: null, plugins: ["jekyll-seo-tag", "jekyll-feed"], whitelist: ["jekyll-seo-tag", "jekyll-feed"], exclude: ["vendor", "*.scss", "*.sass"], feed: { posts_limit: 100000 } });
    expect((settings.defaults as unknown[])[0]).toEqual(site.defaults[0]);
    // Liquid off for pages and other collections, never set for posts
    expect(JSON.stringify(settings.defaults)).not.toContain('"posts"');
    expect(overrides.join("\n")).toMatch(/jekyll-archives[\s\S]*some-theme/);
  });

  it("is skipped, with the reason, where there is no jekyll", async () => {
    expect(await buildWithJekyll(site, { command: "no-such-jekyll-here" })).toEqual({ absent: expect.stringContaining("jekyll is not installed") });
  });
});
