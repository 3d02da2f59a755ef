import { createHash } from "node:crypto";
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import app from "../../src/worker/index.js";
import { MemoryKv } from "./memory-kv.js";
import { root } from "./shared.js";

/** What `npm run bundle` leaves for a posts folder, loaded into a KV in memory. */
export async function bundledKv(posts: string): Promise<MemoryKv> {
  const out = await mkdtemp(join(tmpdir(), "responses-"));
  const code = await new Promise<number | null>((resolve) =>
    spawn(process.execPath, [join(root, "bin/publisher.mjs"), "bundle", "--posts", posts, "--out", out, "--no-cache"], { cwd: root, stdio: "ignore" }).on("exit", resolve),
  );
  if (code !== 0) throw new Error(`npm run bundle failed on ${posts}`);
  return new MemoryKv().putFile(join(out, "kv-put.json"));
}

/**
 * Every response a reader can get from the site KV holds, as a digest per route: the home page,
 * OPML, the favicon, the categories page, every feed in every format and every page of it, every listing page, every article, a 404
 * and a 400. Status, the headers a reader acts on, and the body's SHA-256 (first 16 hex).
 */
export async function responseDigests(kv: MemoryKv): Promise<Map<string, string>> {
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  const digests = new Map<string, string>();
  const get = async (route: string) => {
    const res = await app.fetch(new Request(`http://127.0.0.1:8787${route}`), env);
    const body = await res.text();
    const headers = ["content-type", "etag", "last-modified", "cache-control", "location"].map((h) => res.headers.get(h) ?? "-").join(" ");
    digests.set(route, `${res.status} ${headers} ${createHash("sha256").update(body).digest("hex").slice(0, 16)}`);
    return body;
  };
  await get("/opml.xml");
  await get("/favicon.ico");
  // every category and tag page, tags that repeat a category included
  const directory = await get("/categories/");
  const bases = ["/", ...[...directory.matchAll(/<a href="(\/(?:category|tag)\/[^"]+\/)">/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))];
  const articles = new Set<string>();
  for (const base of new Set(bases)) {
    for (const file of ["rss.xml", "atom.xml"]) await get(base + file);
    for (let url: string | undefined = `${base}feed.json`; url; ) {
      const feed = JSON.parse(await get(url)) as { items: { url: string }[]; next_url?: string };
      for (const item of feed.items) articles.add(new URL(item.url).pathname);
      url = feed.next_url && new URL(feed.next_url).pathname + new URL(feed.next_url).search;
    }
    for (let page = 1; ; page++) {
      await get(page === 1 ? base : `${base}?page=${page}`);
      if (digests.get(page === 1 ? base : `${base}?page=${page}`)!.startsWith("404")) break;
    }
  }
  for (const path of [...articles].sort()) await get(path);
  // jekyll-feed's paths
  for (const base of new Set(bases)) {
    const [, kind, name] = /^\/(category|tag)\/([^/]+)\/$/.exec(base) ?? [];
    if (kind) await get(kind === "category" ? `/feed/${name}.xml` : `/feed/by_tag/${name}.xml`);
  }
  await get("/feed.xml");
  await get("/no/such/page.html");
  await get("/rss.xml?page=0");
  return digests;
}

/** As text, one route a line, sorted. */
export function digestLines(name: string, digests: Map<string, string>): string[] {
  return [...digests].map(([route, digest]) => `${name}\t${route}\t${digest}`).sort();
}
