// Another Jekyll site than the archive: what its settings change at the edge (tests/support/blog-site.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { get, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

beforeAll(() => loadBundle("blog"));

const origin = "http://127.0.0.1:8787";
const atom = async (path: string) => parseXml(await (await get(path)).text()).feed;

describe("a site under a baseurl", () => {
  it("lives below it: the root redirects there, other paths outside it are not found", async () => {
    for (const path of ["/", "/blog"]) {
      const res = await get(path, { redirect: "manual" });
      expect(res.status, path).toBe(301);
      expect(res.headers.get("location"), path).toBe(`${origin}/blog/`);
    }
    expect((await get("/rss.xml")).status).toBe(404);
    expect((await get("/blog/rss.xml")).status).toBe(200);
  });

  it("serves jekyll-feed's feed where feed.path puts it, below /feed/ too, with jekyll-feed's id and the site's links", async () => {
    const res = await get("/blog/feed/all.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = await atom("/blog/feed/all.xml");
    expect(feed.id).toBe("https://blog.example.org/blog/feed/all.xml");
    expect(text(feed.title)).toBe("A Small Blog");
    expect(feed["@xml:lang"]).toBe("en");
    const entries = [feed.entry].flat();
    expect(entries.map((e: { title: unknown }) => text(e.title))).toEqual(["Third", "Second", "First Post"]);
    // pretty permalinks (categories first), ids as jekyll-feed writes them (post.id on url and baseurl), links on the request's origin
    expect(entries[2].id).toBe("https://blog.example.org/blog/notes/2024/01/10/first-post");
    expect([entries[2].link].flat()[0]["@href"]).toBe(`${origin}/blog/notes/2024/01/10/first-post/`);
    expect(entries[2].author?.name ?? feed.author?.name).toBe("Ann Author");
  });

  it("carries the excerpt only of a post that says feed: { excerpt_only: true }, as jekyll-feed does", async () => {
    const entries = [(await atom("/blog/atom.xml")).entry].flat();
    const third = entries.find((e: { title: unknown }) => text(e.title) === "Third");
    expect(third.content).toBeUndefined();
    expect(text(third.summary)).toBe("The third post’s excerpt.");
    expect(entries.find((e: { title: unknown }) => text(e.title) === "Second").content).toBeDefined();
    const json = JSON.parse(await (await get("/blog/feed.json")).text());
    expect(json.items.find((i: { title: string }) => i.title === "Third").content_html).toBeUndefined();
  });

  it("names the site's icon and logo, on the site's url, in Atom and JSON Feed", async () => {
    const feed = await atom("/blog/atom.xml");
    expect(feed.icon).toBe("https://blog.example.org/blog/assets/icon.png");
    expect(feed.logo).toBe("https://cdn.example.org/logo.png");
    const json = JSON.parse(await (await get("/blog/feed.json")).text());
    expect([json.favicon, json.icon]).toEqual(["https://blog.example.org/blog/assets/icon.png", "https://cdn.example.org/logo.png"]);
  });

  it("serves tag feeds where feed.tags.path puts them", async () => {
    const feed = await atom("/blog/feed/topics/ruby.xml");
    expect([feed.entry].flat().map((e: { title: unknown }) => text(e.title))).toEqual(["Second", "First Post"]);
  });

  it("serves articles at pretty permalinks, and redirects the forms people type", async () => {
    const page = await get("/blog/notes/2024/01/10/first-post/");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="en"');
    // Liquid ran: the site's title and the other post's URL, below the baseurl, absolute
    expect(html).toContain("Welcome to A Small Blog.");
    expect(html).toContain('href="https://blog.example.org/blog/2024/02/01/second/"');
    expect(html).toContain('href="https://blog.example.org/about/"');
    for (const asked of ["/blog/notes/2024/01/10/first-post", "/blog/notes/2024/01/10/first-post/index.html"]) {
      const res = await get(asked, { redirect: "manual" });
      expect(res.status, asked).toBe(301);
      expect(res.headers.get("location"), asked).toBe("/blog/notes/2024/01/10/first-post/");
    }
    const categories = await get("/blog/categories", { redirect: "manual" });
    expect(categories.status).toBe(301);
    expect(categories.headers.get("location")).toBe("/blog/categories/");
  });
});

describe("an English blog's categories", () => {
  it("are named by their own name when no tag is on most of their posts (one of notes' two posts is tagged Ruby)", async () => {
    expect(text((await atom("/blog/category/notes/atom.xml")).title)).toBe("notes · A Small Blog");
    const listing = await (await get("/blog/categories/")).text();
    expect(listing).toContain('<a href="/blog/category/notes/">notes</a>');
    expect(await (await get("/blog/opml.xml")).text()).toContain('text="notes · A Small Blog"');
    expect(await (await get("/blog/notes/2024/01/10/first-post/")).text()).toContain('<a href="/blog/category/notes/">notes</a>');
  });

  it("are headed in English on /categories/", async () => {
    const listing = await (await get("/blog/categories/")).text();
    expect(listing).toContain("<h2>Categories (1)</h2>");
    expect(listing).toContain("<h2>Tags (2)</h2>");
  });
});

describe("Last-Modified is the latest date a body shows", () => {
  it("is an article's last_modified_at when it has one", async () => {
    const res = await get("/blog/2024/02/01/second/");
    expect(res.headers.get("last-modified")).toBe("Sat, 01 Jun 2024 14:00:00 GMT");
    // a reader sending only If-Modified-Since between the post's date and its edit gets the edit
    expect((await get("/blog/2024/02/01/second/", { headers: { "If-Modified-Since": "Sat, 02 Mar 2024 00:00:00 GMT" } })).status).toBe(200);
  });

  it("is a feed's newest item's date, or a later edit of an item it shows", async () => {
    expect((await get("/blog/atom.xml")).headers.get("last-modified")).toBe("Sat, 01 Jun 2024 14:00:00 GMT");
    expect((await get("/blog/category/notes/atom.xml")).headers.get("last-modified")).toBe("Tue, 05 Mar 2024 13:30:00 GMT");
  });

  it("is a filtered feed's newest match's, as is its updated", async () => {
    const res = await get("/blog/atom.xml?q=first");
    // the post's date has no offset: UTC, as Jekyll reads it, shown in the site's zone
    expect(res.headers.get("last-modified")).toBe("Wed, 10 Jan 2024 09:00:00 GMT");
    expect((await atom("/blog/atom.xml?q=first")).updated).toBe("2024-01-10T04:00:00-05:00");
  });
});

describe("cross-origin scripts", () => {
  it("may revalidate a feed: the preflight allows the conditional headers, the response shows its ETag", async () => {
    const preflight = await get("/blog/feed.json", { method: "OPTIONS", headers: { Origin: "https://reader.example", "Access-Control-Request-Headers": "if-none-match" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("if-none-match");
    const res = await get("/blog/feed.json");
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag");
  });
});
