// WebSub all the way: after a publish, the hub is told of every feed URL that changed, and only those.
import { createServer, type Server } from "node:http";
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { publish } from "../../src/bundler/publish/publish.js";
import { MAX_PINGS, changedFeeds, notifyHub } from "../../src/bundler/publish/websub.js";
import type { FeedInfo } from "../../src/post.js";
import { archiveSite as site } from "../support/archive-site.js";
import { MemoryKv } from "../support/memory-kv.js";
import { root } from "../support/shared.js";

/** A hub on 127.0.0.1 that records every publish ping, and answers with `status(url)`. */
async function stubHub(status: (url: string) => number = () => 204): Promise<{ url: string; pings: string[]; server: Server }> {
  const pings: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const form = new URLSearchParams(body);
      expect(req.method).toBe("POST");
      expect(req.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(form.get("hub.mode")).toBe("publish");
      const url = form.get("hub.url")!;
      pings.push(url);
      res.writeHead(status(url)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, pings, server };
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function hub(status?: (url: string) => number) {
  const stub = await stubHub(status);
  servers.push(stub.server);
  return stub;
}

const feedUrls = (page: string, jekyll: string) => [...["rss.xml", "atom.xml", "feed.json"].map((f) => `${site.url}${page}${f}`), `${site.url}${jekyll}`];
const quiet = { progress: false, threads: 1 };

async function postsCopy(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "websub-posts-"));
  await cp(join(root, "posts"), dir, { recursive: true });
  return dir;
}

describe("WebSub publish pings", () => {
  it("tells the hub of exactly the feed URLs a new post changed, once KV serves them", async () => {
    const posts = await postsCopy();
    const kv = new MemoryKv();
    await publish({ postsDir: posts, store: kv, ...quiet });
    const stub = await hub();
    await writeFile(join(posts, "_posts/2024-03-16-202403160000000010.md"), '---\ntitle: "新的一篇"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n新的正文。\n');
    const report = await publish({ postsDir: posts, store: kv, websub: { hub: stub.url, afterMs: 0 }, ...quiet });
    const tag = encodeURIComponent("东财滚动新闻");
    const expected = [...feedUrls("/", "/feed.xml"), ...feedUrls("/category/emnews/", "/feed/emnews.xml"), ...feedUrls(`/tag/${tag}/`, `/feed/by_tag/${tag}.xml`)];
    expect([...stub.pings].sort()).toEqual([...expected].sort());
    expect(report.websub).toEqual({ hub: stub.url, sent: 12, failed: [], skipped: 0 });
  });

  it("tells it nothing when nothing changed, or on a dry run", async () => {
    const posts = await postsCopy();
    const kv = new MemoryKv();
    await publish({ postsDir: posts, store: kv, ...quiet });
    const stub = await hub();
    expect((await publish({ postsDir: posts, store: kv, websub: { hub: stub.url, afterMs: 0 }, ...quiet })).websub).toMatchObject({ sent: 0, failed: [] });
    await writeFile(join(posts, "_posts/2024-03-16-x.md"), '---\ntitle: "x"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\n---\nx\n');
    await publish({ postsDir: posts, store: kv, websub: { hub: stub.url, afterMs: 0 }, dryRun: true, ...quiet });
    expect(stub.pings).toEqual([]);
  });

  it("waits until KV serves the version everywhere before telling the hub", async () => {
    const posts = await postsCopy();
    const kv = new MemoryKv();
    await publish({ postsDir: posts, store: kv, ...quiet });
    const stub = await hub();
    await writeFile(join(posts, "_posts/2024-03-16-z.md"), '---\ntitle: "z"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\n---\nz\n');
    const started = performance.now();
    await publish({ postsDir: posts, store: kv, websub: { hub: stub.url, afterMs: 300 }, ...quiet });
    expect(stub.pings.length).toBe(8);
    // a lower bound only (a timer never fires much early): no machine is too fast or too slow for it
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });

  it("tells no hub of a site without a url, and says why", async () => {
    const posts = await postsCopy();
    await writeFile(join(posts, "_config.yml"), "title: No url\n");
    const stub = await hub();
    const report = await publish({ postsDir: posts, store: new MemoryKv(), websub: { hub: stub.url, afterMs: 0 }, ...quiet });
    expect(stub.pings).toEqual([]);
    expect(report.websub).toBeUndefined();
    expect(report.problems).toContainEqual(expect.objectContaining({ file: "_config.yml", severity: "warning", message: expect.stringMatching(/no url/) }));
  });

  it("reports a hub that fails or cannot be reached, and the publish stands", async () => {
    const posts = await postsCopy();
    const failing = await hub((url) => (url.endsWith("/rss.xml") ? 503 : 204));
    const kv = new MemoryKv();
    const report = await publish({ postsDir: posts, store: kv, websub: { hub: failing.url, afterMs: 0 }, ...quiet });
    expect(report.websub!.failed.length).toBeGreaterThan(0);
    expect(report.websub!.failed.every((f) => f.url.endsWith("/rss.xml") && f.error.startsWith("503"))).toBe(true);
    expect(report.websub!.sent + report.websub!.failed.length).toBe(failing.pings.length);
    expect(kv.values.has("manifest")).toBe(true);

    const closed = await hub();
    await new Promise((resolve) => closed.server.close(resolve));
    const other = await postsCopy();
    await writeFile(join(other, "_posts/2024-03-16-y.md"), '---\ntitle: "y"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\n---\ny\n');
    const unreachable = await publish({ postsDir: other, store: kv, websub: { hub: closed.url, afterMs: 0 }, ...quiet });
    expect(unreachable.websub!.sent).toBe(0);
    expect(unreachable.websub!.failed.length).toBeGreaterThan(0);
    expect(unreachable.posts).toBe(report.posts + 1);
  });

  it(`sends at most ${MAX_PINGS} pings a deploy, a few at a time, and counts the rest`, async () => {
    let open = 0;
    let most = 0;
    const stub = await hub();
    const urls = Array.from({ length: MAX_PINGS + 50 }, (_, i) => `${site.url}/tag/t${i}/atom.xml`);
    const counting: typeof fetch = async (input, init) => {
      most = Math.max(most, ++open);
      try {
        return await fetch(input, init);
      } finally {
        open--;
      }
    };
    const report = await notifyHub(stub.url, urls, counting);
    expect(stub.pings).toHaveLength(MAX_PINGS);
    expect(report).toEqual({ hub: stub.url, sent: MAX_PINGS, failed: [], skipped: 50 });
    expect(most).toBeLessThanOrEqual(4);
  });
});

describe("which feeds changed", () => {
  const info = (id: string, updated: string, total = 1): FeedInfo => ({ id, kind: id === "main" ? "main" : id.startsWith("tag/") ? "tag" : "category", name: id.split("/")[1] ?? "", total, pages: 1, updated });
  it("is every feed whose count, date or name moved, or that is new: the site's first, then the newest, so a bound keeps what readers wait for", () => {
    const before = new Map([info("main", "2024-01-02"), info("category/a", "2024-01-01"), info("tag/b", "2024-01-01"), info("tag/c", "2024-01-01")].map((i) => [i.id, i]));
    const after = new Map([info("main", "2024-01-03", 2), info("category/a", "2024-01-01"), info("tag/b", "2024-01-03", 2), info("tag/c", "2024-01-01", 0), info("tag/d", "2024-01-02")].map((i) => [i.id, i]));
    expect(changedFeeds(before, after).map((i) => i.id)).toEqual(["main", "tag/b", "tag/d", "tag/c"]);
    expect(changedFeeds(after, after)).toEqual([]);
  });
});
