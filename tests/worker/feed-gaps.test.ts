// Each known gap of feed@6, closed at the boundary (src/worker/feed-fixes.ts), pinned by name.
import { describe, expect, it } from "vitest";
import type { PostRecord } from "../../src/post.js";
import { site } from "./site.js";
import { fillAttributes, fillDates, fillPlaceholders, rewrite, rfc822 } from "../../src/worker/feed-fixes.js";
import { renderAtom, renderJsonFeed, renderRss, type FeedDocument } from "../../src/worker/feeds.js";
import { notWellFormed, parseXml, text } from "./xml.js";

function post(overrides: Partial<PostRecord>): PostRecord {
  return {
    id: `${site.url}/emnews/2024/01/02/1`,
    path: "/emnews/2024/01/02/1.html",
    title: "标题",
    date: "2024-01-02T03:04:05+08:00",
    summary: "摘要",
    contentHtml: "<p>正文</p>",
    categories: ["emnews"],
    tags: ["东财滚动新闻"],
    ...overrides,
  };
}

function index(...items: PostRecord[]): FeedDocument {
  return {
    id: `${site.url}/feed.xml`,
    title: "t",
    description: "d",
    updated: items[0]!.date,
    items,
    base: "https://example.org",
    language: site.language,
    author: site.author,
    excerptOnly: false,
    self: "https://example.org/feed",
    home: "https://example.org/",
  };
}

describe("feed@6 gaps", () => {
  it("CDATA: every ']]>' in content is defused, not only the first", () => {
    const html = "<p>a ]]> b ]]> c</p>";
    const feeds = [renderRss, renderAtom].map((render) => render(index(post({ contentHtml: html }))));
    const [rss, atom] = feeds.map(parseXml);
    expect(rss.rss.channel.item[0]["content:encoded"]).toBe("<p>a ]]&gt; b ]]&gt; c</p>");
    expect(text(atom.feed.entry[0].content)).toBe("<p>a ]]&gt; b ]]&gt; c</p>");
  });

  it("C0 control characters never reach the XML", () => {
    const dirty = post({ title: "a\u0008b\u0000c", summary: "s\u001Ft", contentHtml: "<p>x\u000By</p>", tags: ["t\u0007"] });
    for (const render of [renderRss, renderAtom, renderJsonFeed]) {
      const out = render(index(dirty));
      expect(out).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      expect(out).not.toMatch(/\\u000[0-8bB]|\\u001[0-9a-fA-F]/);
    }
    expect(parseXml(renderRss(index(dirty))).rss.channel.item[0].title).toBe("abc");
  });

  it("JSON Feed is version 1.1 with authors and language, not version 1 with author", () => {
    const feed = JSON.parse(renderJsonFeed(index(post({}))));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.authors).toEqual([{ name: site.author!.name }]);
    expect(feed.language).toBe(site.language);
    expect(feed).not.toHaveProperty("author");
  });

  it("Atom titles are text: 'Using <video> & <audio>' reads back exactly", () => {
    const title = "Using <video> & <audio>";
    const atom = renderAtom(index(post({ title, summary: "1 < 2 & ]]> 3" })));
    const entry = parseXml(atom).feed.entry[0];
    expect(entry.title["@type"]).toBe("text");
    expect(text(entry.title)).toBe(title);
    expect(text(entry.summary)).toBe("1 < 2 & ]]> 3");
    expect(atom).not.toContain('type="html"><![CDATA[Using');
  });

  it("RSS names the author with dc:creator, not an <author> without e-mail", () => {
    const rss = renderRss(index(post({})));
    expect(rss).toContain(`<dc:creator>${site.author!.name}</dc:creator>`);
    expect(rss).not.toContain("<author>");
    expect(rss).toContain('xmlns:dc="http://purl.org/dc/elements/1.1/"');
  });

  it("RSS declares dc: for dc:creator in a feed of summaries (excerpt_only, a filter), where feed@6 declares it only beside content", () => {
    const summaries = renderRss({ ...index(post({})), excerptOnly: true });
    expect(summaries).not.toContain("<content:encoded>");
    expect(summaries).toContain(`<dc:creator>${site.author!.name}</dc:creator>`);
    expect(notWellFormed(summaries, { namespaces: true })).toBeUndefined();
    expect(notWellFormed(renderRss(index(post({}))), { namespaces: true })).toBeUndefined();
  });

  it("Atom gives every entry an author: without the site's, the feed names the site's title (RFC 4287; jekyll-feed leaves it out)", () => {
    const anonymous = { ...index(post({}), post({ id: "https://example.org/2", author: { name: "Guest" } })), author: undefined, siteTitle: "A Blog" };
    const feed = parseXml(renderAtom(anonymous)).feed;
    expect(text(feed.author.name)).toBe("A Blog");
    expect(text(feed.entry[1].author.name)).toBe("Guest");
    // with the site's author, or an author on every entry, nothing stands in
    expect(text(parseXml(renderAtom(index(post({})))).feed.author.name)).toBe(site.author!.name);
    expect(parseXml(renderAtom({ ...anonymous, items: [anonymous.items[1]!] })).feed.author).toBeUndefined();
  });

  it("Atom categories carry the required term", () => {
    const entry = parseXml(renderAtom(index(post({ categories: ["emnews"], tags: ["央视新闻"] })))).feed.entry[0];
    expect(entry.category.map((c: Record<string, string>) => c["@term"])).toEqual(["emnews", "央视新闻"]);
  });

  it("dates keep the post's own offset instead of UTC", () => {
    const p = post({ date: "2024-01-02T03:04:05+08:00" });
    expect(parseXml(renderRss(index(p))).rss.channel.item[0].pubDate).toBe("Tue, 02 Jan 2024 03:04:05 +0800");
    expect(parseXml(renderAtom(index(p))).feed.entry[0].published).toBe("2024-01-02T03:04:05+08:00");
    expect(JSON.parse(renderJsonFeed(index(p))).items[0].date_published).toBe("2024-01-02T03:04:05+08:00");
    expect(rfc822("2024-01-01T23:59:59Z")).toBe("Mon, 01 Jan 2024 23:59:59 +0000");
    expect(rfc822("2024-02-29T12:00:00-05:30")).toBe("Thu, 29 Feb 2024 12:00:00 -0530");
  });
});

describe("WebSub", () => {
  it("advertises a configured hub in every format, and none when there is none", () => {
    const hub = "https://hub.example/";
    const withHub = { ...index(post({})), hub };
    expect(parseXml(renderAtom(withHub)).feed.link.find((l: Record<string, string>) => l["@rel"] === "hub")["@href"]).toBe(hub);
    expect(parseXml(renderRss(withHub)).rss.channel["atom:link"].find((l: Record<string, string>) => l["@rel"] === "hub")["@href"]).toBe(hub);
    expect(JSON.parse(renderJsonFeed(withHub)).hubs).toEqual([{ type: "WebSub", url: hub }]);
    expect(renderAtom(index(post({})))).not.toContain('rel="hub"');
    expect(JSON.parse(renderJsonFeed(index(post({}))))).not.toHaveProperty("hubs");
  });
});

describe("the seam over feed@6", () => {
  it("throws, naming the repair, when feed@6 writes something else than a repair expects: never a half-repaired feed", () => {
    expect(() => fillPlaceholders("<title>plain</title>", ["x"], 1)).toThrow(/titles and summaries expects: 0 places, not 1/);
    expect(() => fillDates("<updated>2024-01-01T00:00:00Z</updated>", ["d"], 1)).toThrow(/dates expects: 0 places, not 1/);
    expect(() => fillAttributes('<category term="x"/>', ["x"], 2)).toThrow(/attributes expects: 0 places, not 2/);
    expect(() => rewrite('<feed xmlns="http://www.w3.org/2005/Atom" version="2">', /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom">/g, () => "", 1, "xml:lang")).toThrow(/xml:lang/);
    // and twice where once is meant is as wrong as none
    expect(() => fillPlaceholders("<title><![CDATA[\u00010\u0001]]></title><title><![CDATA[\u00010\u0001]]></title>", ["x"], 1)).toThrow(/2 places, not 1/);
  });

  it("finds every place it repairs in what feed@6 writes today, in every format, with paging, a hub and original links", () => {
    const doc = { ...index(post({ sourceUrl: "https://finance.eastmoney.com/a.html" }), post({ summary: "" })), hub: "https://hub.example/", paging: { first: "https://example.org/f", last: "https://example.org/f?page=3", next: "https://example.org/f?page=2" } };
    for (const render of [renderRss, renderAtom, renderJsonFeed]) expect(() => render(doc)).not.toThrow();
  });
});
