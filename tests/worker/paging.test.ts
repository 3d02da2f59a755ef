// Every post reachable by following `next`: 600 generated posts, 12 pages in two buckets.
import { beforeAll, describe, expect, it } from "vitest";
import { get, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

beforeAll(() => loadBundle("generated"));

type Page = { ids: string[]; next?: string };

const readers: Record<string, (body: string) => Page> = {
  "atom.xml": (body) => {
    const { feed } = parseXml(body);
    return {
      ids: (feed.entry ?? []).map((e: { id: string }) => e.id),
      next: feed.link.find((l: Record<string, string>) => l["@rel"] === "next")?.["@href"],
    };
  },
  "rss.xml": (body) => {
    const { channel } = parseXml(body).rss;
    return {
      ids: (channel.item ?? []).map((i: { guid: unknown }) => text(i.guid)),
      next: channel["atom:link"].find((l: Record<string, string>) => l["@rel"] === "next")?.["@href"],
    };
  },
  "feed.json": (body) => {
    const feed = JSON.parse(body);
    return { ids: feed.items.map((i: { id: string }) => i.id), next: feed.next_url };
  },
};

async function walk(start: string, read: (body: string) => Page): Promise<string[]> {
  const ids: string[] = [];
  let url: string | undefined = start;
  for (let hops = 0; url && hops < 1_000; hops++) {
    const res = await get(new URL(url, "http://127.0.0.1:8787").pathname + new URL(url, "http://127.0.0.1:8787").search);
    expect(res.status, url).toBe(200);
    const page = read(await res.text());
    ids.push(...page.ids);
    url = page.next;
  }
  return ids;
}

describe("paging walks", () => {
  it.each(Object.keys(readers))("visit every post of the main feed exactly once through %s", async (file) => {
    const total = JSON.parse(await (await get("/feed.json")).text());
    expect(total.items).toHaveLength(50);
    for (const limit of [undefined, 7, 50]) {
      const ids = await walk(`/${file}${limit ? `?limit=${limit}` : ""}`, readers[file]!);
      expect(new Set(ids).size, `limit ${limit}`).toBe(ids.length);
      expect(ids.length, `limit ${limit}`).toBeGreaterThan(500);
      expect(ids.length).toBe((await walk("/feed.json?limit=50", readers["feed.json"]!)).length);
    }
  });

  it("reaches every post of a category through its pages", async () => {
    const directory = parseXml(await (await get("/opml.xml")).text()).opml.body.outline[1].outline;
    const emnews = directory.find((o: Record<string, string>) => o["@xmlUrl"]?.endsWith("/category/emnews/atom.xml"));
    const ids = await walk(new URL(emnews["@xmlUrl"]).pathname + "?limit=9", readers["atom.xml"]!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThan(200);
    expect(ids.every((id) => id.includes("/emnews/"))).toBe(true);
  });

  it("walks the home page's older pages too", async () => {
    const first = await (await get("/")).text();
    expect(first).toContain('<a href="/?page=2" rel="next">');
    const second = await (await get("/?page=2")).text();
    expect(second).toContain('<a href="/" rel="prev">');
  });
});
