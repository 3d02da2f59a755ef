// Faults at the edge: a missing or corrupt pack breaks only the URLs that need it.
import { env } from "cloudflare:test";
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
    const res = await get(article, { headers: { "cf-ray": "test-ray-1" } });
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
    expect((await get("/category/sitenews/rss.xml")).status).toBe(500);
    expect((await get(article)).status).toBe(200);
  });

  it("a corrupt manifest answers 500, never a stack trace", async () => {
    await env.POSTS.put("manifest", "{not json");
    const res = await get("/atom.xml");
    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/SyntaxError|at \w+ \(/);
  });
});
