// Faults at the edge: a missing or corrupt pack breaks only the URLs that need it.
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { articleDay, articlePackIndex, articlePeriod } from "../../src/kv/locate.js";
import { decodeManifest, readSection, type Manifest } from "../../src/kv/manifest.js";
import { get, loadBundle } from "./kv.js";

const article = "/emnews/2024/03/13/202403131000000004.html";

async function manifest(): Promise<Manifest> {
  return decodeManifest(new Uint8Array((await env.POSTS.get("manifest", "arrayBuffer"))!));
}

describe("a broken pack", () => {
  let logged: string[] = [];
  beforeEach(async () => {
    await loadBundle("samples");
    logged = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => void logged.push(String(line)));
  });
  afterEach(() => vi.restoreAllMocks());

  it("missing: its articles answer 500 with a short page and a JSON log line; feeds keep serving", async () => {
    const packs = (await readSection(await manifest(), "articles"))[articlePeriod(articleDay(article))]!;
    await env.POSTS.delete(packs[articlePackIndex(article, packs.length)]!);
    // on a host this isolate has not rendered the article for (rendered bodies are kept per origin)
    const res = await exports.default.fetch(new Request(`http://article-missing.test${article}`, { headers: { "cf-ray": "test-ray-1" } }));
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toContain("出错了 Server error");
    expect(body).toContain("test-ray-1");
    expect(body).not.toMatch(/at \w+ \(|Error:|pack\//);
    expect(logged.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: "error", requestId: "test-ray-1", path: article }));
    for (const path of ["/", "/rss.xml", "/feed.json", "/category/emnews/atom.xml"]) expect((await get(path)).status, path).toBe(200);
  });

  it("corrupt: the feeds that read it answer 500, articles keep serving", async () => {
    for (const pack of (await manifest()).head.hot) await env.POSTS.put(pack, "not a pack");
    // a feed this isolate has not read yet (rendered bodies and inflated chunks are kept, by content hash)
    expect((await exports.default.fetch(new Request("http://hot-corrupt.test/category/sitenews/rss.xml"))).status).toBe(500);
    expect((await get(article)).status).toBe(200);
  });

  it("a corrupt manifest answers 500, never a stack trace", async () => {
    await env.POSTS.put("manifest", "{not json");
    const res = await get("/atom.xml");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/SyntaxError|at \w+ \(/);
  });

  it.each([
    ["null", "null"],
    ["not an object", "[1,2]\n"],
    ["a pack that names no packs", '{"hash":"x","chunks":{},"meta":{"format":2,"hot":[]}}\n'],
    ["the layout before this one", '{"version":"x","total":1,"pageSize":50,"feedPacks":["pack/a"],"articlePacks":{},"directoryPack":"pack/b","retired":[]}'],
  ])("a manifest that is %s answers 500 and is logged, never 'nothing published yet'", async (_, value) => {
    await env.POSTS.put("manifest", value);
    const res = await get("/rss.xml", { headers: { "cf-ray": "bad-manifest" } });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("尚未发布");
    expect(logged.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ level: "error", requestId: "bad-manifest" }));
  });

  it("swapped: a pack holding another pack's bytes answers 500 and is logged, never a 404", async () => {
    // an article this isolate has not read (packs it read are known by their hash, and kept)
    const feed = (await get("/category/专题/feed.json").then((r) => r.json())) as { items: { url: string }[] };
    const target = new URL(feed.items[0]!.url).pathname;
    const m = await manifest();
    const period = articlePeriod(articleDay(target));
    const packs = (await readSection(m, "articles"))[period]!;
    await env.POSTS.put(packs[articlePackIndex(target, packs.length)]!, (await env.POSTS.get(m.head.catalog, "arrayBuffer"))!);
    const res = await exports.default.fetch(new Request(`http://pack-swapped.test${target}`, { headers: { "cf-ray": "swapped" } }));
    expect(res.status).toBe(500);
    expect(logged.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ requestId: "swapped", message: expect.stringMatching(/pack holds/) }));
  });

  it("a missing OPML pack fails only /opml.xml", async () => {
    await env.POSTS.delete((await manifest()).head.opml!);
    // on a host this isolate has not rendered OPML for (rendered bodies are kept per origin)
    expect((await exports.default.fetch(new Request("http://opml-missing.test/opml.xml"))).status).toBe(500);
    for (const path of ["/", "/categories/", "/rss.xml", "/category/emnews/"]) expect((await get(path)).status, path).toBe(200);
  });
});
