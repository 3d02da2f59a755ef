import { describe, expect, inject, it } from "vitest";
import { site } from "./site.js";
import { get, hasBundle, loadBundle } from "./kv.js";
import { parseXml, text } from "./xml.js";

// ../shared/corpus/finews (59 real posts) and the seed; skipped where ../shared is absent.
const reference = inject("jekyllReference");

describe.skipIf(!hasBundle("corpusSite"))("the corpus laid out as the site (_posts/ and old_post/)", () => {
  it("answers 200 at Jekyll's permalink for every post", async () => {
    await loadBundle("corpusSite");
    const failures: string[] = [];
    for (const row of reference) {
      const res = await get(row.url);
      const page = await res.text();
      if (res.status !== 200 || !/<h1>[^<]+<\/h1>/.test(page)) failures.push(`${row.sitePath} ${row.url} ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("leads every feed with the newest posts, each once, with jekyll-feed's Atom ids", async () => {
    await loadBundle("corpusSite");
    const idByUrl = new Map(reference.map((row) => [`http://127.0.0.1:8787${row.url}`, row.atomId]));
    const { feed } = parseXml(await (await get("/atom.xml")).text());
    const entries = feed.entry as { id: string; published: string; link: Record<string, string>[] }[];
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = entries.map((e) => Date.parse(e.published));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(entries[0]!.published).toBe("2022-05-31T18:03:41+08:00");
    for (const entry of entries) {
      const href = entry.link.find((l) => !l["@rel"])!["@href"]!;
      expect(entry.id).toBe(idByUrl.get(href));
    }
    const rss = parseXml(await (await get("/rss.xml")).text()).rss.channel.item as { guid: unknown }[];
    expect(rss.map((i) => text(i.guid))).toEqual(ids);
    const json = JSON.parse(await (await get("/feed.json")).text()).items as { id: string }[];
    expect(json.map((i) => i.id)).toEqual(ids);
  });

  it("publishes the seed with its digest as summary and its source as the original link", async () => {
    await loadBundle("corpusSite");
    const { items } = JSON.parse(await (await get("/feed.json")).text());
    const seed = items.find((i: { id: string }) => i.id === `${site.url}/emnews/2022/05/29/202205292395370945`);
    expect(seed.summary.startsWith("算联全球·数聚韶关")).toBe(true);
    expect(seed.external_url).toBe("https://finance.eastmoney.com/news/1355,202205292395370945.html");
    expect(seed.content_html).not.toMatch(/<span|class=|返回首页/);
  });
});
