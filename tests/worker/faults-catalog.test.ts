// A missing catalog pack, in a file of its own: an isolate keeps the catalog it read for a version
// (and its rows by pack key), so in an isolate where another test read /categories/ of the same
// version, the page would still answer 200 (which is right: it has what it needs).
import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeManifest } from "../../src/kv/manifest.js";
import { get, loadBundle } from "./kv.js";

describe("a broken pack", () => {
  beforeEach(async () => {
    await loadBundle("samples");
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it("a missing directory pack fails only the categories page: OPML still answers, the old category links still redirect, an unknown /<name>/ is still 404", async () => {
    await env.POSTS.delete(decodeManifest(new Uint8Array((await env.POSTS.get("manifest", "arrayBuffer"))!)).head.catalog);
    expect((await exports.default.fetch(new Request("http://catalog-missing.test/categories/"))).status).toBe(500);
    expect((await get("/opml.xml")).status).toBe(200);
    expect((await get("/nothing-here/")).status).toBe(404);
    const old = await get("/emnews/", { redirect: "manual" });
    expect([old.status, old.headers.get("location")]).toEqual([301, "/category/emnews/"]);
    for (const path of ["/", "/rss.xml", "/category/emnews/"]) expect((await get(path)).status, path).toBe(200);
  });
});
