// Property-based: whatever text a post holds, every feed stays well-formed and shows it back.
import fc from "fast-check";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import type { PostRecord } from "../../src/post.js";
import { site } from "../../src/site.js";
import { stripControlChars } from "../../src/worker/feed-fixes.js";
import { renderAtom, renderJsonFeed, renderRss, type FeedDocument } from "../../src/worker/feeds.js";
import { parseXml, text } from "./xml.js";

// Text with everything that has broken feeds: controls, CDATA ends, markup, entities, astral chars.
const nasty = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(fc.constantFrom("]]>", "<", ">", "&", "&amp;", '"', "'", "<script>", "\u0000", "\u0008", "\u001F", "\uFFFE", "\r\n", "😀", "中文", " "), { maxLength: 12 }).map((parts) => parts.join("")),
);
const nonBlank = nasty.filter((s) => stripControlChars(s).trim() !== "");

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
  return { id: `${site.url}/feed.xml`, title: "t", description: "d", updated: post.date, items: [post], origin: "https://example.org", self: "https://example.org/f", home: "https://example.org/" };
}

/** What a reader should show: the text without the characters XML cannot carry, line ends normalized, trimmed (as parsers do). */
const shown = (s: string) => stripControlChars(s).replace(/\r\n?/g, "\n").trim();

describe("feeds for any text", () => {
  it("RSS and Atom stay well-formed and read back the title and summary", () => {
    fc.assert(
      fc.property(nonBlank, nasty, nasty, nasty, (title, summary, content, tag) => {
        const input = doc({ title, summary, contentHtml: content, tags: [tag] });
        for (const xml of [renderRss(input), renderAtom(input)]) expect(XMLValidator.validate(xml)).toBe(true);
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
      fc.property(nonBlank, nasty, nasty, (title, summary, content) => {
        const feed = JSON.parse(renderJsonFeed(doc({ title, summary, contentHtml: content })));
        expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
        expect(feed.items[0].title).toBe(stripControlChars(title));
      }),
      { numRuns: 300 },
    );
  });
});
