// Property-based: whatever text a post holds, every feed stays well-formed and shows it back.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FeedInfo, PostRecord } from "../../src/post.js";
import { site } from "./site.js";
import { stripNonXml } from "../../src/escape.js";
import { renderAtom, renderJsonFeed, renderRss, type FeedDocument } from "../../src/worker/feeds.js";
import { opmlFor, renderOpml } from "../../src/opml.js";
import { notWellFormed, parseXml, text } from "./xml.js";

// Text from the whole of Unicode (lone surrogates included) and everything that has broken feeds:
// controls C0 and C1, CDATA ends, markup, quotes, entities, line and paragraph separators, astral chars.
const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .array(fc.constantFrom("]]>", "<", ">", "&", "&amp;", '"', "'", "<script>", "\u0000", "\u0008", "\u001F", "\u0085", "\u009F", "\uFFFE", "\uD800", "\uDFFF", "\u2028", "\u2029", "\r\n", "😀", "中文", " "), { maxLength: 12 })
    .map((parts) => parts.join("")),
);
const nonBlank = nasty.filter((s) => stripNonXml(s).trim() !== "");

function doc(record: Partial<PostRecord>): FeedDocument {
  const post: PostRecord = {
    id: `${site.url}/emnews/2024/01/02/1`,
    path: "/emnews/2024/01/02/1.html",
    title: "t",
    date: "2024-01-02T03:04:05+08:00",
    summary: "",
    contentHtml: "<p>x</p>",
    categories: ["emnews"],
    tags: [],
    ...record,
  };
  return { id: `${site.url}/feed.xml`, title: "t", description: "d", updated: post.date, items: [post], base: "https://example.org", language: site.language, excerptOnly: false, self: "https://example.org/f", home: "https://example.org/" };
}

/** What a reader should show: the text without the characters XML cannot carry, line ends normalized, trimmed (as parsers do). */
const shown = (s: string) => stripNonXml(s).replace(/\r\n?/g, "\n").trim();

describe("feeds for any text", () => {
  it("RSS and Atom stay well-formed, whatever the title, summary, content, categories, tags and original link hold", () => {
    fc.assert(
      fc.property(nonBlank, nasty, nasty, fc.array(nasty, { maxLength: 3 }), fc.array(nasty, { maxLength: 3 }), nasty, (title, summary, content, categories, tags, sourceUrl) => {
        const input = doc({ title, summary, contentHtml: content, categories, tags, sourceUrl });
        for (const xml of [renderRss(input), renderAtom(input)]) expect(notWellFormed(xml)).toBeUndefined();
        const rss = parseXml(renderRss(input)).rss.channel.item[0];
        expect(String(rss.title).trim()).toBe(shown(title));
        const atom = parseXml(renderAtom(input)).feed.entry[0];
        expect(text(atom.title).trim()).toBe(shown(title));
        if (shown(summary)) expect(text(atom.summary).trim()).toBe(shown(summary));
      }),
      { numRuns: 300 },
    );
  });

  it("JSON Feed stays valid JSON with the title as written", () => {
    fc.assert(
      fc.property(nonBlank, nasty, nasty, fc.array(nasty, { maxLength: 3 }), (title, summary, content, tags) => {
        const feed = JSON.parse(renderJsonFeed(doc({ title, summary, contentHtml: content, tags })));
        expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
        expect(feed.items[0].title).toBe(stripNonXml(title));
      }),
      { numRuns: 300 },
    );
  });

  it("OPML stays well-formed whatever the categories and tags are called", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("category" as const, "tag" as const), nonBlank, nasty), { maxLength: 5 }), (feeds) => {
        const directory: FeedInfo[] = feeds.map(([kind, name, label]) => ({ id: `${kind}/${name.toLowerCase()}`, kind, name, ...(kind === "category" ? { label } : {}), total: 1, pages: 1, updated: "2024-01-02T03:04:05+08:00" }));
        expect(notWellFormed(new TextDecoder().decode(opmlFor(new TextEncoder().encode(renderOpml(site, directory, {})), "https://example.org")))).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});
