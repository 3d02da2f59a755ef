import { beforeAll, describe, expect, it } from "vitest";
import { site } from "./site.js";
import { stringsFor } from "../../src/strings.js";
import { get, loadBundle } from "./kv.js";

beforeAll(() => loadBundle("samples"));

const autodiscovery = [
  `<link rel="alternate" type="application/rss+xml" title="${site.title} (RSS 2.0)" href="/rss.xml">`,
  `<link rel="alternate" type="application/atom+xml" title="${site.title} (Atom 1.0)" href="/atom.xml">`,
  `<link rel="alternate" type="application/feed+json" title="${site.title} (JSON Feed 1.1)" href="/feed.json">`,
];

describe("home page /", () => {
  it("lists the newest posts with their dates and links, and advertises every feed", async () => {
    const res = await get("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    for (const link of autodiscovery) expect(page).toContain(link);
    expect(page).toContain('<a href="/rss.xml">RSS 2.0</a>');
    expect(page).toContain('<a href="/feed.json">JSON Feed 1.1</a>');
    const newest = page.indexOf('href="/emnews/2024/03/15/202403151000000001.html"');
    const oldest = page.indexOf('href="/emnews/2021/12/20/202112201000000003.html"');
    expect(newest).toBeGreaterThan(0);
    expect(oldest).toBeGreaterThan(newest);
    expect(page).toContain('<time datetime="2024-03-15T14:20:05+08:00">2024-03-15 14:20</time>');
    // titles are text on the page too
    expect(page).toContain("示例：&lt;video&gt; &amp; &lt;audio&gt; 标签不是标题里的 HTML");
  });
});

describe("article page at the Jekyll permalink", () => {
  const path = "/emnews/2024/03/13/202403131000000004.html";

  it("is a standalone HTML5 page with title, date with zone, tags, source and feeds", async () => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const page = await res.text();
    expect(page).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toContain(`<title>示例股份：2023年净利同比预增50%-80% - ${site.title}</title>`);
    expect(page).toContain("<h1>示例股份：2023年净利同比预增50%-80%</h1>");
    expect(page).toContain(
      '<time datetime="2024-03-13T18:05:40+08:00">2024-03-13 18:05 (UTC+08:00)</time> · <a href="/category/emnews/">东财滚动新闻 (emnews)</a> · <a href="/tag/%E4%B8%9C%E8%B4%A2%E6%BB%9A%E5%8A%A8%E6%96%B0%E9%97%BB/">东财滚动新闻</a>',
    );
    expect(page).toContain(
      '原文：<a href="https://finance.eastmoney.com/news/1354,202403131000000004.html" rel="noopener noreferrer">',
    );
    expect(page).toContain(`<link rel="canonical" href="${site.url}${path}">`);
    for (const link of autodiscovery) expect(page).toContain(link);
  });

  it("shows the cleaned article: quote markup, hidden parts, footer and source line gone", async () => {
    const page = await (await get(path)).text();
    // the post's own HTML: between the date line and the source line
    const body = page.slice(page.indexOf("</p>", page.indexOf('<p class="meta">')), page.indexOf('<p class="source">'));
    expect(body).toContain("<p>示例股份(000001)3月13日晚间公告，预计2023年净利同比增50%-80%。</p>");
    expect(body).toContain('src="https://webquoteklinepic.eastmoney.com/GetPic.aspx?nid=0.000001&amp;imageType=k&amp;token=0000&amp;at=1"');
    expect(body).toContain('<p><img alt="image" src="https://dfscdn.dfcfw.com/download/example_w692h398.jpg" /></p>');
    expect(body).toContain("<p>（文章来源：证券示例报）</p>");
    for (const gone of ["<span", "class=", "style=", "data-", "<center", "<!--", "返回", "&lt;http", "display:none"]) {
      expect(body).not.toContain(gone);
    }
  });

  it("sends headers that keep any script from running", async () => {
    const res = await get(path);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).not.toContain("script-src");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("finds a Chinese-category permalink both percent-encoded and raw", async () => {
    const encoded = "/%E4%B8%93%E9%A2%98/2024/03/08/202403080000000009.html";
    const a = await get(encoded);
    const b = await get("/专题/2024/03/08/202403080000000009.html");
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(await a.text()).toContain("<h1>示例：中文分类的固定链接按 Jekyll 的方式百分号编码</h1>");
  });

  it("serves the _posts copy of a post that also sits in old_post/", async () => {
    const page = await (await get("/emnews/2024/03/14/202403141000000002.html")).text();
    expect(page).toContain("（本文为示例文本）");
    expect(page).not.toContain("归档副本");
  });
});

describe("unknown paths", () => {
  it.each(["/nope", "/emnews/2024/03/15/missing.html", "/rss.xml/extra", "/%E0%A4%A.html"])("%s is a 404 page", async (path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("<h1>找不到页面 Not found</h1>");
  });

  it("shows the path it could not find without its control characters or direction overrides", async () => {
    const res = await get("/%01%1B[31mred%7F%C2%85%E2%80%AEevil%E2%81%A6/x");
    expect(res.status).toBe(404);
    const body = await res.text();
    expect(body).toContain("[31mred");
    expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/);
  });
});

describe("/categories/", () => {
  it("pages 2,000 categories and their tags 200 rows at a time, categories first, most posts first, each once", async () => {
    const { categoriesPage } = await import("../../src/worker/pages.js");
    const directory = Array.from({ length: 2_000 }, (_, i) => [
      { id: `category/m${i}`, kind: "category" as const, name: `m${i}`, label: `来源${i}`, total: 1 + (i % 500), pages: 1, updated: "2024-01-01T00:00:00Z" },
      { id: `tag/来源${i}`, kind: "tag" as const, name: `来源${i}`, total: 1 + (i % 500), pages: 1, updated: "2024-01-01T00:00:00Z" },
    ]).flat();
    // every tag repeats its category but the last 50
    const same = Object.fromEntries(directory.filter((info, i) => info.kind === "tag" && i < 3_900).map((info) => [info.id, `category/m${info.name.slice(2)}`]));
    const rows: string[] = [];
    for (let page = 1; ; page++) {
      const html = categoriesPage({ site, text: stringsFor(site.language) }, directory, { categories: {}, same }, page);
      if (!html) break;
      const text = (await html).toString();
      const found = [...text.matchAll(/<li><a href="([^"]+)">/g)].map((m) => decodeURIComponent(m[1]!));
      expect(found.length, `page ${page}`).toBe(page <= 10 ? 200 : 50);
      if (page === 1) expect(text).toContain('<a href="/categories/?page=2" rel="next">');
      rows.push(...found);
    }
    expect(rows).toHaveLength(2_050);
    expect(new Set(rows).size).toBe(2_050);
    expect(rows.slice(0, 2_000).every((row) => row.startsWith("/category/"))).toBe(true);
    expect(rows.slice(2_000).every((row) => row.startsWith("/tag/"))).toBe(true);
    const total = new Map(directory.map((info) => [`/${info.kind}/${info.name}/`, info.total]));
    const categoryTotals = rows.slice(0, 2_000).map((row) => total.get(row)!);
    expect(categoryTotals).toEqual([...categoryTotals].sort((a, b) => b - a));
    expect(categoryTotals[0]).toBe(500);
  });

  it("answers ?page= past the end with 404, ?page=1 with a redirect, ?limit= with 400", async () => {
    expect((await get("/categories/?page=2")).status).toBe(404);
    const first = await get("/categories/?page=1", { redirect: "manual" });
    expect(first.status).toBe(301);
    expect(first.headers.get("location")).toBe("/categories/");
    expect((await get("/categories/?limit=5")).status).toBe(400);
  });
});
