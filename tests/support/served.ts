import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest } from "../../src/kv/manifest.js";
import app from "../../src/worker/index.js";
import { readArticle, readCatalog, readFeedWindow } from "../../src/worker/store.js";
import type { MemoryKv } from "./memory-kv.js";

/** Routes whose whole responses (status, validators, body) are compared, beside every window and article. */
const routes = ["/", "/rss.xml", "/atom.xml?page=2", "/feed.json?limit=2&page=3", "/opml.xml", "/category/emnews/atom.xml", "/tag/东财滚动新闻/rss.xml", "/category/media01/"];

/**
 * Everything a reader can ask of a KV, as text to compare: every window of every feed at three
 * page sizes, every article at `paths`, the directory, and whole responses of the Worker (run in
 * this process) for the main routes and the first article.
 */
export async function served(kv: MemoryKv, paths: readonly string[]): Promise<string[]> {
  const ns = kv.namespace();
  const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
  const size = manifest.head.pageSize;
  const directory = await readCatalog(ns, manifest);
  const out = [JSON.stringify(directory)];
  for (const id of ["main", ...directory.map((info) => info.id)]) {
    for (const limit of new Set([size, Math.max(1, size - 1), 1])) {
      for (let page = 1; ; page++) {
        const window = await readFeedWindow(ns, manifest, id, page, limit);
        out.push(`${id} ${page}/${limit} ${JSON.stringify(window)}`);
        if (!window) break;
      }
    }
  }
  for (const path of paths) out.push(`${path} ${JSON.stringify(await readArticle(ns, manifest, path))}`);
  const env = { POSTS: ns, MANIFEST_TTL_SECONDS: "0" };
  for (const route of [...routes, paths[0] ?? "/x.html"]) {
    const res = await app.fetch(new Request(`http://127.0.0.1:8787${route}`), env);
    out.push(`${route} ${res.status} ${res.headers.get("etag")} ${res.headers.get("last-modified")} ${await res.text()}`);
  }
  return out;
}
