// HTTP as feed readers use it: category and tag feeds, OPML, parameters, conditional GET, caching.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { site } from "./site.js";
import { bodyKey } from "../../src/worker/send.js";
import { readManifest } from "../../src/worker/store.js";
import { get, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

beforeAll(() => loadBundle("samples"));

const emnewsTitles = [
  "示例：“新能源车”板块午后走强，多只个股涨停",
  "示例：央行开展1000亿元逆回购操作",
  "示例股份：2023年净利同比预增50%-80%",
  "示例：某精密仪器精度满足<1%要求",
  "示例：<video> & <audio> 标签不是标题里的 HTML",
  "示例：港股早盘高开，恒生科技指数涨1.2%",
];

describe("category and tag feeds", () => {
  it.each(["rss.xml", "atom.xml", "feed.json"])("/category/emnews/%s lists that category's posts only", async (file) => {
    const res = await get(`/category/emnews/${file}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    const titles =
      file === "feed.json"
        ? JSON.parse(body).items.map((i: { title: string }) => i.title)
        : file === "rss.xml"
          ? parseXml(body).rss.channel.item.map((i: { title: string }) => i.title)
          : parseXml(body).feed.entry.map((e: { title: unknown }) => text(e.title));
    expect(titles).toEqual(emnewsTitles);
  });

  it("gives a media category its own copy of an article the main feed shows once", async () => {
    const { feed } = parseXml(await (await get("/category/shilicaijing/atom.xml")).text());
    expect(feed.entry.map((e: { id: string }) => e.id)).toEqual([`${site.url}/shilicaijing/2024/03/15/NW202403151000000001`]);
    expect(feed.id).toBe(`${site.url}/feed/shilicaijing.xml`);
    // a category is named to readers by its posts' most common tag
    expect(text(feed.title)).toBe(`示例财经网新闻 (shilicaijing) · ${site.title}`);
  });

  it("serves Chinese names percent-encoded or raw, for categories and tags", async () => {
    for (const path of ["/category/%E4%B8%93%E9%A2%98/feed.json", "/category/专题/feed.json", "/tag/%E7%A4%BA%E4%BE%8B%E4%B8%93%E9%A2%98/feed.json"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(JSON.parse(await res.text()).items.map((i: { title: string }) => i.title), path).toEqual(["示例：中文分类的固定链接按 Jekyll 的方式百分号编码"]);
    }
    const tag = JSON.parse(await (await get("/tag/东财滚动新闻/feed.json")).text());
    expect(tag.items).toHaveLength(6);
    expect(tag.feed_url).toBe("http://127.0.0.1:8787/tag/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/feed.json");
  });

  it("keeps jekyll-feed's category and tag paths as Atom", async () => {
    const category = await get("/feed/emnews.xml");
    expect(category.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(parseXml(await category.text()).feed.entry).toHaveLength(6);
    const tag = await get("/feed/by_tag/%E6%9B%BF%E8%BA%AB.xml");
    expect(tag.status).toBe(404);
    const realTag = await get(`/feed/by_tag/${encodeURIComponent("站长消息")}.xml`);
    expect(parseXml(await realTag.text()).feed.entry).toHaveLength(1);
  });

  it.each(["/category/nope/rss.xml", "/tag/nope/feed.json", "/feed/nope.xml", "/category/nope/"])("%s is a 404", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Not found");
  });

  it("gives every category and tag a page linking its feeds, with autodiscovery", async () => {
    const res = await get("/category/emnews/");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("<h1>分类：东财滚动新闻 (emnews)</h1>");
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="东财滚动新闻 (emnews) · ${site.title} (Atom 1.0)" href="/category/emnews/atom.xml">`);
    expect(page).toContain('<a href="/category/emnews/feed.json">JSON Feed 1.1</a>');
    for (const title of emnewsTitles) expect(page).toContain(title.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;"));
    expect(await (await get("/tag/站长消息/")).text()).toContain("<h1>标签：站长消息</h1>");
  });

  it("sends the old site's category links to the category page", async () => {
    for (const old of ["/category/shilicaijing.html", "/emnews/"]) {
      const res = await get(old, { redirect: "manual" });
      expect(res.status, old).toBe(301);
    }
    expect((await get("/category/shilicaijing.html", { redirect: "manual" })).headers.get("location")).toBe("/category/shilicaijing/");
    expect((await get("/emnews/", { redirect: "manual" })).headers.get("location")).toBe("/category/emnews/");
  });
});

/** Every entry id of a feed (its Atom path), following `next` to the end. */
async function allIds(path: string): Promise<string[]> {
  const ids: string[] = [];
  for (let next: string | undefined = path; next; ) {
    const { feed } = parseXml(await (await get(next)).text());
    ids.push(...[feed.entry ?? []].flat().map((e: { id: string }) => e.id));
    const link = [feed.link].flat().find((l: Record<string, string>) => l["@rel"] === "next") as Record<string, string> | undefined;
    next = link ? new URL(link["@href"]!).pathname + new URL(link["@href"]!).search : undefined;
  }
  return ids;
}

type Outline = Record<string, string>;
async function opmlFeeds(): Promise<{ groups: { "@text": string; outline: Outline | Outline[] }[]; feeds: Outline[] }> {
  const { opml } = parseXml(await (await get("/opml.xml")).text());
  const groups = [opml.body.outline].flat();
  return { groups, feeds: groups.flatMap((group) => [group.outline].flat()) };
}

describe("/opml.xml", () => {
  it("lists each stream once, grouped as site, categories and tags, titled as the feeds title themselves", async () => {
    const res = await get("/opml.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    expect(parseXml(await res.text()).opml["@version"]).toBe("2.0");
    const { groups, feeds } = await opmlFeeds();
    // every tag of the samples repeats a category: no tag group
    expect(groups.map((g) => g["@text"])).toEqual(["全站 Site", "分类 Categories"]);
    expect(feeds[0]!["@xmlUrl"]).toBe("http://127.0.0.1:8787/atom.xml");
    expect(feeds.slice(1).map((o) => o["@title"])).toEqual(["东财滚动新闻 (emnews)", "示例财经网新闻 (shilicaijing)", "站长消息 (sitenews)", "示例专题 (专题)"].map((name) => `${name} · ${site.title}`));
    expect(feeds[1]!["@xmlUrl"]).toBe("http://127.0.0.1:8787/category/emnews/atom.xml");
    for (const outline of feeds) {
      expect(outline["@text"]).toBe(outline["@title"]);
      const { feed } = parseXml(await (await get(new URL(outline["@xmlUrl"]!).pathname)).text());
      expect(text(feed.title)).toBe(outline["@title"]);
    }
  });

  it("leaves out exactly the tags whose posts are all and only a category's", async () => {
    const { feeds } = await opmlFeeds();
    const listed = new Set(feeds.map((o) => new URL(o["@xmlUrl"]!).pathname));
    const tags = ["东财滚动新闻", "示例财经网新闻", "站长消息", "示例专题", "固定链接"];
    for (const tag of tags) expect(listed.has(`/tag/${encodeURIComponent(tag)}/atom.xml`), tag).toBe(false);
    // what it leaves out is a listed stream, item for item
    const streams = new Map(await Promise.all([...listed].map(async (path) => [JSON.stringify(await allIds(path)), path] as const)));
    for (const tag of tags) expect(streams.has(JSON.stringify(await allIds(`/tag/${encodeURIComponent(tag)}/atom.xml`))), tag).toBe(true);
  });

  it("on 600 posts in many categories and tags, lists no stream twice and leaves none out", async () => {
    await loadBundle("generated");
    try {
      const { groups, feeds } = await opmlFeeds();
      expect(groups.map((g) => g["@text"]).slice(0, 2)).toEqual(["全站 Site", "分类 Categories"]);
      const listed = await Promise.all(feeds.map(async (o) => JSON.stringify(await allIds(new URL(o["@xmlUrl"]!).pathname))));
      expect(new Set(listed).size).toBe(listed.length);
      // every tag page names the stream it is part of
      const tagPages = [...(await (await get("/categories/")).text()).matchAll(/href="(\/tag\/[^"]+\/)"/g)].map((m) => m[1]!);
      expect(tagPages.length).toBeGreaterThan(0);
      for (const page of new Set(tagPages)) expect(listed).toContain(JSON.stringify(await allIds(`${page}atom.xml`)));
    } finally {
      await loadBundle("samples");
    }
  });
});

describe("parameters", () => {
  it.each([
    ["/rss.xml?page=abc", 400],
    ["/rss.xml?page=-1", 400],
    ["/rss.xml?page=0", 400],
    ["/atom.xml?limit=0", 400],
    ["/feed.json?limit=1000000", 400],
    ["/feed.json?limit=51", 400],
    ["/?page=1.5", 400],
    ["/category/emnews/rss.xml?page=99", 404],
    ["/rss.xml?page=2", 404],
    ["/rss.xml?page=", 400],
    ["/rss.xml?limit=", 400],
  ])("%s answers %d with a short body, never a 500", async (path, status) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body.length).toBeLessThan(status === 400 ? 200 : 5_000);
    if (status === 400) expect(body).toMatch(/^(page|limit) must be/);
  });

  it("answers an empty ?page= or ?limit= the same whether or not this isolate rendered the page before", async () => {
    for (const path of ["/atom.xml", "/category/emnews/feed.json", "/"]) {
      await (await get(path)).text();
      for (const query of ["?page=", "?limit=", "?page=&limit="]) expect((await get(path + query)).status, path + query).toBe(400);
    }
    for (const path of ["/tag/东财滚动新闻/rss.xml?page=", "/category/sitenews/?limit="]) {
      expect((await get(path)).status, path).toBe(400);
      expect((await get(path.replace(/\?.*$/, ""))).status).toBe(200);
      expect((await get(path)).status, `${path} again`).toBe(400);
    }
  });

  it("pages with ?limit=, with RFC 5005 links in Atom and RSS and next_url in JSON", async () => {
    const atom = parseXml(await (await get("/atom.xml?limit=3&page=2")).text()).feed;
    const rel = Object.fromEntries(atom.link.map((l: Record<string, string>) => [l["@rel"], l["@href"]]));
    expect(rel).toMatchObject({
      self: "http://127.0.0.1:8787/atom.xml?page=2&limit=3",
      first: "http://127.0.0.1:8787/atom.xml?limit=3",
      previous: "http://127.0.0.1:8787/atom.xml?limit=3",
      next: "http://127.0.0.1:8787/atom.xml?page=3&limit=3",
      last: "http://127.0.0.1:8787/atom.xml?page=3&limit=3",
    });
    expect(atom.entry).toHaveLength(3);
    const rss = parseXml(await (await get("/rss.xml?limit=3&page=3")).text()).rss.channel;
    const rssRel = Object.fromEntries(rss["atom:link"].map((l: Record<string, string>) => [l["@rel"], l["@href"]]));
    expect(rssRel.previous).toBe("http://127.0.0.1:8787/rss.xml?page=2&limit=3");
    expect(rssRel.next).toBeUndefined();
    expect(rss.item).toHaveLength(2);
    const json = JSON.parse(await (await get("/feed.json?limit=3")).text());
    expect(json.next_url).toBe("http://127.0.0.1:8787/feed.json?page=2&limit=3");
    expect(JSON.parse(await (await get("/feed.json?limit=3&page=3")).text()).next_url).toBeUndefined();
  });

  it("gives every RFC 5005 link the type of its feed", async () => {
    const atom = parseXml(await (await get("/atom.xml?limit=3&page=2")).text()).feed;
    const atomPaging = (atom.link as Record<string, string>[]).filter((l) => ["first", "previous", "next", "last"].includes(l["@rel"]!));
    expect(atomPaging).toHaveLength(4);
    for (const link of atomPaging) expect(link["@type"], link["@rel"]).toBe("application/atom+xml");
    const rss = parseXml(await (await get("/rss.xml?limit=3&page=2")).text()).rss.channel;
    const paging = (rss["atom:link"] as Record<string, string>[]).filter((l) => ["first", "previous", "next", "last"].includes(l["@rel"]!));
    expect(paging).toHaveLength(4);
    for (const link of paging) expect(link["@type"], link["@rel"]).toBe("application/rss+xml");
  });

  it("keeps the feed's own feed_url on every JSON Feed page; the page's URL is only next_url", async () => {
    const second = JSON.parse(await (await get("/feed.json?limit=3&page=2")).text());
    expect(second.feed_url).toBe("http://127.0.0.1:8787/feed.json?limit=3");
    expect(JSON.parse(await (await get("/category/emnews/feed.json?page=2&limit=2")).text()).feed_url).toBe("http://127.0.0.1:8787/category/emnews/feed.json?limit=2");
    expect(JSON.parse(await (await get("/feed.json")).text()).feed_url).toBe("http://127.0.0.1:8787/feed.json");
  });

  it.each([
    ["/atom.xml?page=1", "/atom.xml"],
    ["/atom.xml?page=01", "/atom.xml"],
    ["/atom.xml?page=02&limit=3", "/atom.xml?page=2&limit=3"],
    ["/feed.json?limit=50", "/feed.json"],
    ["/feed.json?limit=03&page=2", "/feed.json?page=2&limit=3"],
    ["/?page=1", "/"],
    ["/category/emnews/?page=01&limit=2", "/category/emnews/?limit=2"],
    ["/tag/东财滚动新闻/rss.xml?page=1&utm_source=x", "/tag/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/rss.xml"],
  ])("%s redirects (301) to the page's one URL %s", async (path, canonical) => {
    const res = await get(path, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(canonical);
  });

  it("leaves canonical page URLs and other query parameters alone", async () => {
    for (const path of ["/atom.xml", "/atom.xml?page=2&limit=3", "/atom.xml?utm_source=x", "/?limit=3"]) expect((await get(path, { redirect: "manual" })).status, path).toBe(200);
  });
});

describe("a site a person can walk", () => {
  it("/category/<name> and /tag/<name> without the slash redirect (301) to the page", async () => {
    for (const [path, page] of [
      ["/category/emnews", "/category/emnews/"],
      ["/category/EMNEWS", "/category/emnews/"],
      ["/tag/站长消息", "/tag/%E7%AB%99%E9%95%BF%E6%B6%88%E6%81%AF/"],
      ["/tag/%E7%AB%99%E9%95%BF%E6%B6%88%E6%81%AF?page=1", "/tag/%E7%AB%99%E9%95%BF%E6%B6%88%E6%81%AF/?page=1"],
    ]) {
      const res = await get(path!, { redirect: "manual" });
      expect(res.status, path).toBe(301);
      expect(res.headers.get("location"), path).toBe(page);
    }
    expect((await get("/category/nope", { redirect: "manual" })).status).toBe(404);
    expect((await get("/category/shilicaijing.html", { redirect: "manual" })).headers.get("location")).toBe("/category/shilicaijing/");
  });

  it("/categories/ lists every category with its count and feeds, and names the tags that repeat one beside it", async () => {
    const res = await get("/categories/");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<li><a href="/category/emnews/">东财滚动新闻 (emnews)</a> <span class="count">6 篇</span> · 标签 <a href="/tag/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/">东财滚动新闻</a><br><a href="/category/emnews/rss.xml">RSS 2.0</a>');
    for (const name of ["shilicaijing", "sitenews", "%E4%B8%93%E9%A2%98"]) expect(page).toContain(`<a href="/category/${name}/">`);
    expect(page).toContain('<a href="/opml.xml">OPML</a>');
    // most posts first
    expect(page.indexOf("/category/emnews/")).toBeLessThan(page.indexOf("/category/sitenews/"));
  });

  it("every page links home and to /categories/; the home page's discovery finds the site's three feeds first", async () => {
    for (const path of ["/", "/category/emnews/", "/tag/站长消息/", "/emnews/2024/03/13/202403131000000004.html", "/categories/"]) {
      const page = await (await get(path)).text();
      expect(page, path).toContain(`<header><a href="/">${site.title}</a> · <a href="/categories/">分类与标签</a></header>`);
      expect(page, path).toContain('<link rel="icon" href="/favicon.ico" sizes="16x16 32x32">');
    }
    const home = await (await get("/")).text();
    const alternates = [...home.matchAll(/<link rel="alternate" type="[^"]+" title="[^"]+" href="([^"]+)">/g)].map((m) => m[1]);
    expect(alternates.slice(0, 3)).toEqual(["/rss.xml", "/atom.xml", "/feed.json"]);
    expect(home).toContain('<a href="/categories/">全部分类与标签 →</a>');
  });

  it("a tag page that repeats a category names the category's page as canonical and its feeds to subscribe to; its own feeds still answer", async () => {
    const page = await (await get("/tag/东财滚动新闻/")).text();
    expect(page).toContain('<link rel="canonical" href="/category/emnews/">');
    expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="东财滚动新闻 (emnews) · ${site.title} (Atom 1.0)" href="/category/emnews/atom.xml">`);
    expect(page).not.toContain('rel="alternate" type="application/atom+xml" title="东财滚动新闻 · ');
    expect(page).toContain('此标签的文章与分类<a href="/category/emnews/">东财滚动新闻 (emnews)</a>完全相同，订阅它即可：');
    expect((await get("/tag/东财滚动新闻/atom.xml")).status).toBe(200);
    // a category page names no other as canonical
    expect(await (await get("/category/emnews/")).text()).not.toContain('rel="canonical"');
  });

  it("names a category the same on its article pages, its page, its feed and the OPML", async () => {
    const title = `东财滚动新闻 (emnews) · ${site.title}`;
    const article = await (await get("/emnews/2024/03/13/202403131000000004.html")).text();
    expect(article).toContain(`<link rel="alternate" type="application/atom+xml" title="${title} (Atom 1.0)" href="/category/emnews/atom.xml">`);
    expect(await (await get("/category/emnews/")).text()).toContain(`<title>${title}</title>`);
    expect(text(parseXml(await (await get("/category/emnews/atom.xml")).text()).feed.title)).toBe(title);
    expect(parseXml(await (await get("/category/emnews/rss.xml")).text()).rss.channel.title).toBe(title);
    expect(JSON.parse(await (await get("/category/emnews/feed.json")).text()).title).toBe(title);
    expect((await opmlFeeds()).feeds.find((o) => o["@xmlUrl"]!.endsWith("/category/emnews/atom.xml"))!["@title"]).toBe(title);
  });

  it("serves /favicon.ico", async () => {
    const res = await get("/favicon.ico");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/x-icon");
    expect(res.headers.get("cache-control")).toBe("public, max-age=604800");
  });
});

describe("conditional GET and caching", () => {
  it("answers If-None-Match with 304 and no body, weak or strong, and a mismatch with 200", async () => {
    const first = await get("/rss.xml");
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{24}"$/);
    await first.text();
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, "*"]) {
      const res = await get("/rss.xml", { headers: { "If-None-Match": header } });
      expect(res.status, header).toBe(304);
      expect(await res.text()).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
    }
    const changed = await get("/rss.xml", { headers: { "If-None-Match": '"other"' } });
    expect(changed.status).toBe(200);
  });

  it("sends Last-Modified = the newest item's date and answers If-Modified-Since", async () => {
    const res = await get("/atom.xml");
    expect(res.headers.get("last-modified")).toBe("Fri, 15 Mar 2024 06:20:05 GMT");
    const since = async (date: string, extra: Record<string, string> = {}) => (await get("/atom.xml", { headers: { "If-Modified-Since": date, ...extra } })).status;
    expect(await since("Fri, 15 Mar 2024 06:20:05 GMT")).toBe(304);
    expect(await since("Sat, 16 Mar 2024 00:00:00 GMT")).toBe(304);
    expect(await since("Fri, 15 Mar 2024 06:20:04 GMT")).toBe(200);
    expect(await since("not a date")).toBe(200);
    // only an HTTP-date counts (RFC 9110 §5.6.7): anything else is ignored, however a date parser reads it
    for (const loose of ["1", "2030", "2030-01-01", "Sat, 16 Mar 2024", "16 Mar 2024 00:00:00 GMT", "Sat, 16 Mar 2024 00:00:00 +0000", "Sat, 31 Feb 2024 00:00:00 GMT"]) {
      expect(await since(loose), loose).toBe(200);
    }
    for (const obsolete of ["Saturday, 16-Mar-24 00:00:00 GMT", "Sat Mar 16 00:00:00 2024"]) expect(await since(obsolete), obsolete).toBe(304);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2)
    expect(await since("Sat, 16 Mar 2024 00:00:00 GMT", { "If-None-Match": '"other"' })).toBe(200);
    const article = await get("/emnews/2024/03/13/202403131000000004.html");
    expect(article.headers.get("last-modified")).toBe("Wed, 13 Mar 2024 10:05:40 GMT");
  });

  it("renders once for query strings it does not read (utm_…), and apart for page and limit", async () => {
    const plain = await get("/atom.xml");
    const tagged = await get("/atom.xml?utm_source=reader&x=1");
    expect(tagged.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(await tagged.text()).toBe(await plain.text());
    expect((await get("/atom.xml?limit=3")).headers.get("etag")).not.toBe(plain.headers.get("etag"));
  });

  it("gives the same content the same ETag after a redeploy of the same posts", async () => {
    const before = (await get("/feed.json")).headers.get("etag");
    await loadBundle("samples");
    expect((await get("/feed.json")).headers.get("etag")).toBe(before);
  });

  it("answers HEAD like GET without a body", async () => {
    const head = await get("/category/emnews/rss.xml", { method: "HEAD" });
    const getRes = await get("/category/emnews/rss.xml");
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const name of ["content-type", "etag", "last-modified", "cache-control"]) expect(head.headers.get(name)).toBe(getRes.headers.get(name));
  });

  it("answers other methods with 405 and Allow, and OPTIONS with 204", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const res = await get("/rss.xml", { method });
      expect(res.status, method).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    }
    const options = await get("/feed.json", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("sets Cache-Control for each kind of route, and CORS on feeds", async () => {
    const control = async (path: string) => (await get(path)).headers.get("cache-control");
    expect(await control("/rss.xml")).toBe("public, max-age=300, stale-while-revalidate=3600");
    expect(await control("/category/emnews/feed.json")).toBe("public, max-age=300, stale-while-revalidate=3600");
    expect(await control("/")).toBe("public, max-age=300, stale-while-revalidate=3600");
    expect(await control("/emnews/2024/03/13/202403131000000004.html")).toBe("public, max-age=86400, stale-while-revalidate=604800");
    expect(await control("/opml.xml")).toBe("public, max-age=3600, stale-while-revalidate=86400");
    expect(await control("/nope")).toBe("public, max-age=60");
    for (const path of ["/rss.xml", "/atom.xml", "/feed.json", "/tag/站长消息/feed.json", "/opml.xml"]) {
      expect((await get(path)).headers.get("access-control-allow-origin"), path).toBe("*");
    }
  });
});

describe("compression", () => {
  const types = ["/rss.xml", "/atom.xml", "/feed.json", "/opml.xml", "/", "/emnews/2024/03/15/202403151000000001.html"];

  it.each(types)("%s names gzip or brotli as the client accepts it, and varies on Accept-Encoding", async (path) => {
    const plain = await get(path);
    const body = await plain.text();
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    for (const [accept, coding] of [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
      ["br;q=0, gzip;q=0.1", "gzip"],
      ["*", "br"],
      ["gzip;q=0, *;q=0.3", "br"],
      ["identity", null],
      ["deflate", null],
    ] as const) {
      const res = await get(path, { headers: { "Accept-Encoding": accept } });
      expect(res.headers.get("content-encoding"), `${path} ${accept}`).toBe(coding);
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
      // the runtime encodes on the way out; what reaches a fetch is the same text
      expect(await res.text()).toBe(body);
    }
  });

  it("gives each coding its own ETag, and any of them earns a 304 without a body coding", async () => {
    const plain = (await get("/atom.xml")).headers.get("etag")!;
    const gzip = (await get("/atom.xml", { headers: { "Accept-Encoding": "gzip" } })).headers.get("etag")!;
    const br = (await get("/atom.xml", { headers: { "Accept-Encoding": "br" } })).headers.get("etag")!;
    expect(gzip).toBe(`${plain.slice(0, -1)}-gzip"`);
    expect(br).toBe(`${plain.slice(0, -1)}-br"`);
    for (const held of [plain, gzip, br, `W/${gzip}`]) {
      const res = await get("/atom.xml", { headers: { "Accept-Encoding": "gzip", "If-None-Match": held } });
      expect(res.status, held).toBe(304);
      expect(res.headers.get("content-encoding")).toBeNull();
      expect(res.headers.get("etag")).toBe(gzip);
      expect(res.headers.get("vary")).toBe("Accept-Encoding");
    }
  });

  it("answers the client's own Accept-Encoding, which Cloudflare keeps in cf.clientAcceptEncoding when it replaces the header with br, gzip", async () => {
    const as = async (client: string) =>
      (await get("/atom.xml", { headers: { "Accept-Encoding": "br, gzip" }, cf: { clientAcceptEncoding: client } } as RequestInit)).headers.get("content-encoding");
    expect(await as("gzip")).toBe("gzip");
    expect(await as("")).toBeNull();
    expect(await as("br")).toBe("br");
  });

  it("leaves a short body as it is", async () => {
    const res = await get("/rss.xml?page=x", { headers: { "Accept-Encoding": "gzip" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-encoding")).toBeNull();
  });
});

describe("Cloudflare's cache (the Cache API)", () => {
  const origin = "http://127.0.0.1:8787";
  const version = async () => (await readManifest(env.POSTS))!.head.version;
  const worker = env.CF_VERSION_METADATA!.id;

  it("keeps each render of a version for the location's other isolates", async () => {
    const res = await get("/atom.xml?limit=4");
    expect(res.headers.get("cache-status")).toBe("feed-publisher; fwd=miss");
    const body = await res.text();
    const kept = await caches.default.match(bodyKey(await version(), worker, `${origin}/atom.xml?limit=4`, { page: 1, limit: 4 }));
    expect(kept).toBeDefined();
    expect(await kept!.text()).toBe(body);
    expect(kept!.headers.get("etag")).toBe(res.headers.get("etag"));
  });

  it("answers from it what another isolate rendered, without rendering again", async () => {
    const headers = { ETag: '"0123456789abcdef01234567"', "X-Media-Kind": "rss", "X-Last-Modified": "2024-03-15T14:20:05+08:00", "Cache-Control": "public, max-age=60" };
    await caches.default.put(bodyKey(await version(), worker, `${origin}/rss.xml?limit=9`, { page: 1, limit: 9 }), new Response("<rss>rendered elsewhere</rss>", { headers }));
    const res = await get("/rss.xml?limit=9");
    expect(await res.text()).toBe("<rss>rendered elsewhere</rss>");
    expect(res.headers.get("etag")).toBe('"0123456789abcdef01234567"');
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(res.headers.get("last-modified")).toBe("Fri, 15 Mar 2024 06:20:05 GMT");
    expect(res.headers.get("cache-status")).toBe("feed-publisher; hit; detail=location");
    // the isolate keeps it now, and says so
    expect((await get("/rss.xml?limit=9")).headers.get("cache-status")).toBe("feed-publisher; hit; detail=isolate");
    // another version does not see it
    expect(await caches.default.match(bodyKey("another-version", worker, `${origin}/rss.xml?limit=9`, { page: 1, limit: 9 }))).toBeUndefined();
  });

  it("does not answer with what an earlier deploy of the Worker rendered for the same version: new code shows at once", async () => {
    const headers = { ETag: '"0123456789abcdef01234567"', "X-Media-Kind": "rss", "Cache-Control": "public, max-age=60" };
    await caches.default.put(bodyKey(await version(), "an-earlier-deploy", `${origin}/rss.xml?limit=8`, { page: 1, limit: 8 }), new Response("<rss>the old code's</rss>", { headers }));
    const res = await get("/rss.xml?limit=8");
    expect(res.headers.get("cache-status")).toBe("feed-publisher; fwd=miss");
    expect(await res.text()).not.toContain("the old code's");
  });
});
