// `?q=` as a reader uses it: one URL a query, a 400 for a query that is none, a filtered feed that
// names itself, conditional GET and compression as on every feed, and the home page's search box.
import { beforeAll, describe, expect, it } from "vitest";
import { site } from "./site.js";
import { get, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

beforeAll(() => loadBundle("samples"));

const q = (query: string) => encodeURIComponent(query);

describe("one URL a query", () => {
  it.each([
    ["ETF", "etf"],
    ["ＥＴＦ", "etf"],
    ["  新能源   板块 ", "新能源 板块"],
    ["新能源 | 央行", "新能源|央行"],
    ['"央行"', "央行"],
  ])("redirects ?q=%s to its one spelling, %s", async (written, canonical) => {
    const res = await get(`/atom.xml?q=${q(written)}&page=1`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(`/atom.xml?q=${q(canonical)}`);
  });

  it("redirects an empty ?q= to the feed without it", async () => {
    for (const empty of ["", "%20%20"]) {
      const res = await get(`/rss.xml?q=${empty}`, { redirect: "manual" });
      expect(res.status).toBe(301);
      expect(res.headers.get("location")).toBe("/rss.xml");
    }
  });

  it.each([
    ["nothing but exclusions", "-广告", /not only terms to leave out/],
    ["more than 10 terms", "a b c d e f g h i j k", /10/],
    ["more than 200 characters", "新".repeat(201), /200/],
    ["an unclosed quote", '"央行', /quote/],
  ])("answers 400 with one line for %s", async (_, query, reason) => {
    const res = await get(`/feed.json?q=${q(query)}`);
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(body.trim().split("\n")).toHaveLength(1);
    expect(body).toMatch(reason);
  });
});

describe("a filtered feed", () => {
  it("names itself by its filter, so a reader never merges it with the whole feed", async () => {
    const { feed } = parseXml(await (await get(`/atom.xml?q=${q("新能源")}`)).text());
    expect(feed.id).toBe(`${site.url}/feed.xml?q=${q("新能源")}`);
    expect(text(feed.title)).toBe(`${site.title} · 筛选: 新能源`);
    expect(feed.link.find((l: { "@rel": string }) => l["@rel"] === "self")["@href"]).toBe(`http://127.0.0.1:8787/atom.xml?q=${q("新能源")}`);
    const json = await (await get(`/category/emnews/feed.json?q=${q("新能源")}`)).json<{ feed_url: string; title: string }>();
    expect(json.feed_url).toBe(`http://127.0.0.1:8787/category/emnews/feed.json?q=${q("新能源")}`);
  });

  it("lists the matching posts with their summaries, newest first, and no others", async () => {
    const { items } = await (await get(`/feed.json?q=${q("央行|新能源")}`)).json<{ items: { title: string; content_text: string; content_html?: string }[] }>();
    expect(items.map((i) => i.title)).toEqual(["示例：“新能源车”板块午后走强，多只个股涨停", "示例：央行开展1000亿元逆回购操作"]);
    for (const item of items) {
      expect(item.content_html).toBeUndefined();
      expect(item.content_text.length).toBeGreaterThan(0);
    }
    const none = await (await get(`/feed.json?q=${q("不存在的词")}`)).json<{ items: unknown[] }>();
    expect(none.items).toEqual([]);
  });

  it("answers a conditional GET with 304, compresses, and keeps each query's render apart", async () => {
    const first = await get(`/atom.xml?q=${q("央行")}`, { headers: { "Accept-Encoding": "gzip" } });
    const etag = first.headers.get("etag")!;
    expect(first.headers.get("content-encoding")).toBe("gzip");
    expect((await get(`/atom.xml?q=${q("央行")}`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    const other = await get(`/atom.xml?q=${q("新能源")}`);
    expect(other.headers.get("etag")).not.toBe(etag);
    expect(await other.text()).toContain("新能源");
  });
});

describe("searching from the home page", () => {
  it("offers a plain GET form, which the page's policy lets submit to the site itself", async () => {
    const res = await get("/");
    const page = await res.text();
    expect(page).toMatch(/<form class="search" method="get" action="\/" role="search"><input type="search" name="q"/);
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect(page).not.toMatch(/<script/);
  });

  it("shows what matched, and links and advertises the three filtered feeds", async () => {
    const page = await (await get(`/?q=${q("新能源")}`)).text();
    expect(page).toContain(`<title>${site.title} · 筛选: 新能源</title>`);
    expect(page).toContain('<a href="/emnews/2024/03/15/202403151000000001.html">示例：“新能源车”板块午后走强，多只个股涨停</a>');
    expect(page).not.toContain("央行开展");
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
      expect(page).toContain(`<link rel="alternate" type=`);
      expect(page).toContain(`href="/${file}?q=${q("新能源")}"`);
    }
    expect(page).toMatch(/value="新能源"/);
  });
});
