// npm run load [-- --posts <dir> --duration 20 --connections 64]: a bounded load run against
// `npm start` (wrangler dev) on 127.0.0.1, with a mix of feeds, articles, paging and 304s.
import autocannon from "autocannon";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { generateCorpus } from "../../tools/corpus.js";
import { startPublisher } from "./dev-server.js";

const root = resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    posts: { type: "string" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "64" },
  },
});

async function main(): Promise<number> {
  let posts = values.posts;
  if (!posts) {
    posts = await mkdtemp(join(tmpdir(), "load-posts-"));
    await generateCorpus({ count: 1_000, out: posts, samples: join(root, "posts") });
  }
  const server = await startPublisher(root, posts);
  try {
    // what readers ask for: the feeds, pages of them, a category, articles, and revalidations
    const feed = JSON.parse(await (await fetch(`${server.url}/feed.json`)).text()) as { items: { url: string }[] };
    const articles = feed.items.slice(0, 20).map((item) => new URL(item.url).pathname);
    const category = new URL(feed.items[0]!.url).pathname.split("/")[1]!;
    const paths = ["/rss.xml", "/atom.xml", "/feed.json", "/feed.xml", "/rss.xml?page=2", "/atom.xml?page=3&limit=20", "/", `/category/${category}/rss.xml`, `/category/${category}/`, "/opml.xml", ...articles];
    const etags = new Map<string, string>();
    for (const path of paths) etags.set(path, (await fetch(server.url + path)).headers.get("etag") ?? "");
    const requests = paths.flatMap((path) => [
      { method: "GET" as const, path },
      { method: "GET" as const, path, headers: { "if-none-match": etags.get(path)! } },
    ]);
    const result = await autocannon({
      url: server.url,
      connections: Number(values.connections),
      duration: Number(values.duration),
      requests,
    });
    const codes = (result as unknown as { statusCodeStats: Record<string, { count: number }> }).statusCodeStats;
    const bad = Object.entries(codes).filter(([code]) => !code.startsWith("2") && code !== "304").reduce((sum, [, s]) => sum + s.count, 0);
    const errors = result.errors + result.timeouts;
    console.log(`load: ${values.connections} connections, ${values.duration} s, ${paths.length} routes (each GET and 304 revalidation) on ${server.url}`);
    console.log(`requests/s  mean ${result.requests.average.toFixed(0)}, p50 ${result.requests.p50}, min ${result.requests.min}`);
    console.log(`latency ms  p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`);
    console.log(`responses   ${Object.entries(codes).map(([code, s]) => `${code}: ${s.count}`).join(", ")}`);
    console.log(`errors ${errors}, non-2xx/304 ${bad}`);
    return errors === 0 && bad === 0 ? 0 : 1;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
