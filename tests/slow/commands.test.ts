// The commands at length (npm run test:slow): the benchmark's smoke run, and `npm start` again and
// again on one local KV through real wrangler dev. `npm test` runs the short forms (tests/bundler/commands.test.ts).
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freePort, startPublisher } from "../bench/dev-server.js";
import { asArchive } from "../support/archive-site.js";
import { changingPosts, finished, npm, pathsOf } from "../support/commands.js";
import { root } from "../support/shared.js";

describe("npm run bench -- --smoke", () => {
  it("runs every part of the benchmark on a small corpus and writes its figures", async () => {
    const json = join(await mkdtemp(join(tmpdir(), "bench-")), "bench.json");
    const { code, output } = await finished(npm(["run", "bench", "--", "--smoke", "--json", json]));
    expect(code, output).toBe(0);
    for (const line of ["| bundle 200 posts", "| CPU /rss.xml", "| serve /rss.xml", "| Worker bundle", "| KV writes", "| +1 post onto 400", "| a day: 4 pushes", "| KV at rest / Markdown", "| 4 isolates poll /atom.xml"]) expect(output).toContain(line);
    const results = JSON.parse(await readFile(json, "utf8"));
    expect(results.bundle.writes).toBeGreaterThan(0);
    expect(results.edgeCpu).toHaveLength(5);
    expect(results.worker.gzip).toBeGreaterThan(10_000);
    for (const serve of Object.values(results.serve) as { ours: { errors: number } }[]) expect(serve.ours.errors).toBe(0);
    expect(results.cadence.scales.map((s: { plusOne: { writes: number } }) => s.plusOne.writes)).toEqual([1, 1]);
    expect(results.cadence.day.posts).toBe(20);
    // with the location's cache every isolate reads the manifest, and only the first the feed's packs
    const { isolates, without, with: shared } = results.isolates;
    expect(without.kvReads).toBeGreaterThan(isolates);
    expect(shared.kvReads).toBe(isolates + without.kvReads / isolates - 1);
  }, 300_000);
});

describe("npm start", () => {
  it("replaces what a local KV holds with another folder", async () => {
    const state = await mkdtemp(join(tmpdir(), "wrangler-state-"));
    await (await startPublisher(root, "posts", { state })).stop();
    const other = await asArchive(await mkdtemp(join(tmpdir(), "posts-")));
    await mkdir(join(other, "_posts"));
    await writeFile(join(other, "_posts/2024-05-01-only.md"), '---\ntitle: "唯一"\ndate: 2024-05-01 08:00:00 +0800\ncategories: emnews\n---\n正文。\n');
    const server = await startPublisher(root, other, { state });
    try {
      expect((await fetch(`${server.url}/emnews/2024/05/01/only.html`)).status).toBe(200);
      expect((await fetch(`${server.url}/emnews/2024/03/15/202403151000000001.html`)).status).toBe(404);
      expect(await (await fetch(`${server.url}/`)).text()).toContain("共 1 篇");
    } finally {
      await server.stop();
    }
  });
});

describe("a chain of deploys through the commands", () => {
  it("npm start -- --state, again and again on one local KV, serves what a fresh npm start of the same posts serves", async () => {
    const { dir, steps } = await changingPosts();
    // one port for every start: the bodies (and so the ETags) hold the origin
    const port = await freePort();
    const answers = async (state: string) => {
      const server = await startPublisher(root, dir, { state, port, args: ["--no-cache"] });
      try {
        const routes = ["/", "/rss.xml", "/atom.xml", "/feed.json?limit=2&page=2", "/opml.xml", "/category/emnews/rss.xml", "/tag/东财滚动新闻/atom.xml", "/category/emnews/", ...(await pathsOf(dir))];
        return await Promise.all(
          routes.map(async (route) => {
            const res = await fetch(server.url + encodeURI(route));
            return `${route} ${res.status} ${res.headers.get("etag")} ${await res.text()}`;
          }),
        );
      } finally {
        await server.stop();
      }
    };
    const state = await mkdtemp(join(tmpdir(), "wrangler-state-"));
    let last: string[] = [];
    for (const step of steps) {
      await step();
      last = await answers(state);
    }
    expect(last.some((line) => line.includes("示例：改过的标题"))).toBe(true);
    expect(last).toEqual(await answers(await mkdtemp(join(tmpdir(), "wrangler-state-"))));
  }, 300_000);
});
