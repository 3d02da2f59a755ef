// Reads what the Worker serves of a published site, in this process: typed with both runtimes
// (tsconfig.json), as it runs the Worker's code in Node.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import app from "../src/worker/index.js";
import type { Site } from "../src/site.js";
import { MemoryKv } from "../tests/support/memory-kv.js";
import { parseAtom, type FeedEntry } from "./feed-entries.js";

/** Where requests are made: the site's own origin, so that links read as the site's. */
export function siteOrigin(site: Site): string {
  return site.url ? new URL(site.url).origin : "http://localhost:4000";
}

/** The site's Atom feed at jekyll-feed's path, walked through every page by its `next` links. */
export interface ServedFeed {
  entries: FeedEntry[];
  pages: number;
  /** Pages that did not answer 200, or links that go round. */
  problems: string[];
}

async function get(kv: MemoryKv, url: string): Promise<Response> {
  return app.fetch(new Request(url), { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" });
}

/** Walks the feed at `site.feed.path` from its first page through each `rel="next"`. */
export async function walkServedFeed(kv: MemoryKv, site: Site): Promise<ServedFeed> {
  const entries: FeedEntry[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let pages = 0;
  for (let url: string | undefined = `${siteOrigin(site)}${site.baseurl}${site.feed.path}`; url; ) {
    if (seen.has(url)) {
      problems.push(`${url} is named as the next page twice`);
      break;
    }
    seen.add(url);
    const res = await get(kv, url);
    if (res.status !== 200) {
      problems.push(`${url} answered ${res.status}`);
      break;
    }
    const page = parseAtom(await res.text());
    pages++;
    entries.push(...page.entries);
    url = page.next && new URL(page.next, url).href;
  }
  return { entries, pages, problems };
}

/** The status each URL answers with (a redirect is not followed). */
export async function statuses(kv: MemoryKv, urls: readonly string[]): Promise<Map<string, number>> {
  const answers = new Map<string, number>();
  for (const url of urls) answers.set(url, (await get(kv, url)).status);
  return answers;
}

/** What `npm run bundle` writes for the site at `root`, in a KV in memory. */
export async function bundledKv(root: string, options: { drafts?: boolean } = {}): Promise<MemoryKv> {
  const out = await mkdtemp(join(tmpdir(), "compare-bundle-"));
  try {
    const project = join(import.meta.dirname, "..");
    const args = [join(project, "bin/publisher.mjs"), "bundle", "--posts", root, "--out", out, "--no-cache", ...(options.drafts ? ["--drafts"] : [])];
    let stderr = "";
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, args, { cwd: project, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("close", resolve);
    });
    if (code !== 0) throw new Error(`npm run bundle failed on ${root}: ${stderr.trim().split("\n").slice(-3).join(" / ")}`);
    return await new MemoryKv().putFile(join(out, "kv-put.json"));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}
