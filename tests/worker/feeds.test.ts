import { beforeAll, describe, expect, it } from "vitest";
import { site } from "./site.js";
import { get, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

// The project's own posts/ (see posts/): 9 published, 1 future, 1 unpublished, 1 archive copy;
// two of the nine are one article (eastmoney's and its media source's copy), so feeds have 8 items.
beforeAll(() => loadBundle("samples"));

const newest = {
  title: "示例：“新能源车”板块午后走强，多只个股涨停",
  path: "/emnews/2024/03/15/202403151000000001.html",
  id: `${site.url}/emnews/2024/03/15/202403151000000001`,
};
const htmlTitle = "示例：<video> & <audio> 标签不是标题里的 HTML";

async function fetchFeed(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  return { res, body: await res.text() };
}

describe("RSS 2.0 at /rss.xml", () => {
  it("is RSS with the channel a reader shows", async () => {
    const { res, body } = await fetchFeed("/rss.xml");
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const { channel } = parseXml(body).rss;
    expect(channel.title).toBe(site.title);
    expect(channel.description).toBe(site.description || site.title);
    expect(channel.language).toBe("zh-CN");
    expect(channel.link).toBe("http://127.0.0.1:8787/");
    expect(channel["atom:link"][0]["@href"]).toBe("http://127.0.0.1:8787/rss.xml");
    expect(channel["atom:link"][0]["@rel"]).toBe("self");
    // updated = newest post's date with its offset, never the clock
    expect(channel.lastBuildDate).toBe("Fri, 15 Mar 2024 14:20:05 +0800");
  });

  it("lists published posts newest first, and nothing future or unpublished", async () => {
    const items = parseXml((await fetchFeed("/rss.xml")).body).rss.channel.item;
    const titles = items.map((i: { title: string }) => i.title);
    expect(items).toHaveLength(8);
    expect(titles[0]).toBe(newest.title);
    expect(titles).not.toContain("示例：未来日期的文章要到那时才发布");
    expect(titles).not.toContain("示例：草稿不发布");
    const dates = items.map((i: { pubDate: string }) => Date.parse(i.pubDate));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it("writes each item with link, stable guid, dated with its own offset, dc:creator and categories", async () => {
    const items = parseXml((await fetchFeed("/rss.xml")).body).rss.channel.item;
    const first = items[0];
    expect(first.link).toBe(`http://127.0.0.1:8787${newest.path}`);
    expect(text(first.guid)).toBe(newest.id);
    expect(first.guid["@isPermaLink"]).toBe("false");
    expect(first.pubDate).toBe("Fri, 15 Mar 2024 14:20:05 +0800");
    expect(first["dc:creator"]).toBe(site.author!.name);
    expect(first.author).toBeUndefined();
    expect(first.category.map(text)).toEqual(["emnews", "shilicaijing", "东财滚动新闻", "示例财经网新闻"]);
    expect(first.description).toContain("新能源车板块震荡走强");
    expect(first["content:encoded"]).toContain("<p>3月15日午后，新能源车板块震荡走强");
    // a date written without an offset or quotes is YAML's timestamp, in UTC, as Jekyll reads it; shown in the site's zone
    const naive = items.find((i: { title: string }) => i.title === "示例：央行开展1000亿元逆回购操作");
    expect(naive.pubDate).toBe("Thu, 14 Mar 2024 17:30:00 +0800");
  });

  it("shows a title with markup characters exactly as written", async () => {
    const { body } = await fetchFeed("/rss.xml");
    const titles = parseXml(body).rss.channel.item.map((i: { title: string }) => i.title);
    expect(titles).toContain(htmlTitle);
    // hexadecimal references, as the RSS Advisory Board (and feedvalidator) ask for plain-text titles
    expect(body).toContain("<title>示例：&#x3C;video&#x3E; &#x26; &#x3C;audio&#x3E; 标签不是标题里的 HTML</title>");
  });
});

describe("Atom 1.0 at /atom.xml and /feed.xml", () => {
  it("is Atom with jekyll-feed's feed id and entry ids", async () => {
    const { res, body } = await fetchFeed("/atom.xml");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const { feed } = parseXml(body);
    expect(feed["@xml:lang"]).toBe("zh-CN");
    expect(feed.id).toBe(`${site.url}/feed.xml`);
    expect(feed.updated).toBe("2024-03-15T14:20:05+08:00");
    expect(feed.link.find((l: Record<string, string>) => l["@rel"] === "self")["@href"]).toBe("http://127.0.0.1:8787/atom.xml");
    expect(feed.entry).toHaveLength(8);
    expect(feed.entry[0].id).toBe(newest.id);
  });

  it("writes titles and summaries as text, so '<video> & <audio>' survives every reader", async () => {
    const { feed } = parseXml((await fetchFeed("/atom.xml")).body);
    const entry = feed.entry.find((e: { title: unknown }) => text(e.title) === htmlTitle);
    expect(entry).toBeDefined();
    expect(entry.title["@type"]).toBe("text");
    expect(entry.summary["@type"]).toBe("text");
    expect(text(entry.summary)).toBe("标题里的尖括号与 & 都是文字，阅读器应原样显示。");
  });

  it("gives each entry its dates with offset, categories with term, and the original as rel=related", async () => {
    const { feed } = parseXml((await fetchFeed("/atom.xml")).body);
    const first = feed.entry[0];
    expect(first.published).toBe("2024-03-15T14:20:05+08:00");
    expect(first.updated).toBe("2024-03-15T14:20:05+08:00");
    expect(first.category.map((c: Record<string, string>) => c["@term"])).toEqual(["emnews", "shilicaijing", "东财滚动新闻", "示例财经网新闻"]);
    const links = Object.fromEntries(first.link.map((l: Record<string, string>) => [l["@rel"] ?? "alternate", l["@href"]]));
    expect(links.alternate).toBe(`http://127.0.0.1:8787${newest.path}`);
    expect(links.related).toBe("https://finance.eastmoney.com/news/1355,202403151000000001.html");
    expect(first.content["@type"]).toBe("html");
  });

  it("serves the same feed at jekyll-feed's /feed.xml, so old subscribers keep working", async () => {
    const atom = (await fetchFeed("/atom.xml")).body;
    const { res, body } = await fetchFeed("/feed.xml");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(body).toBe(atom.replaceAll("http://127.0.0.1:8787/atom.xml", "http://127.0.0.1:8787/feed.xml"));
  });
});

describe("JSON Feed 1.1 at /feed.json", () => {
  it("is version 1.1 with authors and language, not feed@6's version 1", async () => {
    const { res, body } = await fetchFeed("/feed.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const feed = JSON.parse(body);
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.language).toBe("zh-CN");
    expect(feed.authors).toEqual([{ name: site.author!.name }]);
    expect(feed.author).toBeUndefined();
    expect(feed.feed_url).toBe("http://127.0.0.1:8787/feed.json");
    expect(feed.home_page_url).toBe("http://127.0.0.1:8787/");
  });

  it("gives each item id, url, external_url, plain title and summary, HTML content, date with offset, tags", async () => {
    const { items } = JSON.parse((await fetchFeed("/feed.json")).body);
    expect(items).toHaveLength(8);
    const first = items[0];
    expect(first.id).toBe(newest.id);
    expect(first.url).toBe(`http://127.0.0.1:8787${newest.path}`);
    expect(first.external_url).toBe("https://finance.eastmoney.com/news/1355,202403151000000001.html");
    expect(first.title).toBe(newest.title);
    expect(first.summary).toContain("新能源车板块震荡走强");
    expect(first.content_html).toContain("<p>3月15日午后");
    expect(first.date_published).toBe("2024-03-15T14:20:05+08:00");
    expect(first.date_modified).toBeUndefined();
    expect(first.tags).toEqual(["emnews", "shilicaijing", "东财滚动新闻", "示例财经网新闻"]);
    expect(items.map((i: { title: string }) => i.title)).toContain(htmlTitle);
  });
});

it("shows an article published twice (eastmoney and media source, same title, same second) once", async () => {
  const { body } = await fetchFeed("/atom.xml");
  const entries = parseXml(body).feed.entry.filter((e: { title: unknown }) => text(e.title) === newest.title);
  expect(entries).toHaveLength(1);
  expect(entries[0].id).toBe(newest.id);
  // the media source's copy keeps its own page
  expect((await get("/shilicaijing/2024/03/15/NW202403151000000001.html")).status).toBe(200);
});

it("answers the same posts with byte-identical feeds", async () => {
  for (const path of ["/rss.xml", "/atom.xml", "/feed.json"]) {
    expect((await fetchFeed(path)).body).toBe((await fetchFeed(path)).body);
  }
});
