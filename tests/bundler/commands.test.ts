// The commands a newcomer runs, run for real: `npm run bundle`, and `npm start` serving with wrangler dev.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { archiveSite as site, asArchive } from "../support/archive-site.js";
import { freePort } from "../bench/dev-server.js";
import { MemoryKv } from "../support/memory-kv.js";
import { served } from "../support/served.js";
import { root } from "../support/shared.js";

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" };

function npm(args: string[]): ChildProcess {
  return spawn("npm", args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}


describe("npm run bundle", () => {
  async function bundle(out: string, ...more: string[]) {
    const { code, output } = await finished(npm(["run", "bundle", "--", "--posts", "posts", "--out", out, "--no-cache", ...more]));
    expect(code, output).toBe(0);
    const read = async (name: string) => JSON.parse(await readFile(join(out, name), "utf8"));
    return { output, puts: (await read("kv-put.json")) as { key: string; value: string; base64: true }[], deletes: (await read("kv-delete.json")) as string[], report: await read("report.json") };
  }

  it("writes the KV entries in wrangler's bulk format, the keys to delete and a report", async () => {
    const out = await mkdtemp(join(tmpdir(), "bundle-out-"));
    const { output, puts, deletes, report } = await bundle(out);
    expect(output).toMatch(/9 posts published \(12 built, 0 unchanged\), 3 skipped, 0 problems; KV: \d+ writes \([\d.]+ MB\), 0 deletes, 1 reads, 1 lists/);
    for (const entry of puts) expect(Object.keys(entry).sort()).toEqual(["base64", "key", "value"]);
    expect(puts.at(-1)!.key).toBe("manifest");
    expect(deletes).toEqual([]);
    expect(report).toMatchObject({ posts: 9, built: 12, unchanged: 0, writes: puts.length, deletes: 0, kv: { reads: 1, lists: 1, writes: puts.length, deletes: 0 } });
    expect(report.skipped).toContainEqual({ file: "_posts/2024-03-09-202403090000000008.md", reason: "published: false" });
  });

  it("against --previous, writes nothing for the same posts", async () => {
    const first = await mkdtemp(join(tmpdir(), "bundle-out-"));
    await bundle(first);
    const second = await mkdtemp(join(tmpdir(), "bundle-out-"));
    const { puts, report } = await bundle(second, "--previous", first);
    expect(puts).toEqual([]);
    expect(report.writes).toBe(0);
  });

  it("with --dry-run, prints every key it would write and writes none", async () => {
    const out = await mkdtemp(join(tmpdir(), "bundle-out-"));
    const { code, output } = await finished(npm(["run", "bundle", "--", "--posts", "posts", "--out", out, "--no-cache", "--dry-run"]));
    expect(code, output).toBe(0);
    expect(output).toMatch(/would write pack\/\d{8}-[0-9a-f]{24} \(\d+ bytes\)/);
    expect(output).toMatch(/would write manifest \(\d+ bytes\)/);
    expect(JSON.parse(await readFile(join(out, "kv-put.json"), "utf8"))).toEqual([]);
  });

  it("with --strict, fails on any problem and writes nothing", async () => {
    const posts = await asArchive(await mkdtemp(join(tmpdir(), "posts-")));
    await mkdir(join(posts, "_posts"));
    await writeFile(join(posts, "_posts/2024-01-01-ok.md"), '---\ntitle: "好"\ndate: 2024-01-01 08:00:00 +0800\n---\n正文。\n');
    await writeFile(join(posts, "_posts/2024-01-02-bad.md"), "");
    const out = await mkdtemp(join(tmpdir(), "bundle-out-"));
    const lenient = await finished(npm(["run", "bundle", "--", "--posts", posts, "--out", out, "--no-cache"]));
    expect(lenient.code).toBe(0);
    expect(lenient.output).toContain("error: _posts/2024-01-02-bad.md: empty file");
    const strictOut = await mkdtemp(join(tmpdir(), "bundle-out-"));
    const strict = await finished(npm(["run", "bundle", "--", "--posts", posts, "--out", strictOut, "--no-cache", "--strict"]));
    expect(strict.code).toBe(1);
    expect(strict.output).toContain("error: --strict: 1 problems, nothing written");
  });

  it("fails with one clear line for a folder that does not exist", async () => {
    const { code, output } = await finished(npm(["run", "bundle", "--", "--posts", "no/such/folder"]));
    expect(code).toBe(1);
    expect(output).toContain("error: no site at no/such/folder");
  });
});

/** A GET with node:http, which leaves the body as it came: the bytes and headers on the wire. */
function rawGet(url: string, acceptEncoding: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on("error", reject)
      .end();
  });
}

describe("npm start", () => {
  let server: ChildProcess | undefined;
  afterEach(() => {
    if (server?.pid) process.kill(-server.pid, "SIGTERM");
  });

  /** Starts `npm start` and resolves once wrangler dev answers on the port. */
  async function start(posts: string, port: number, state: string): Promise<void> {
    server = npm(["start", "--", "--posts", posts, "--port", String(port), "--state", state]);
    let output = "";
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      if (server.exitCode !== null) throw new Error(`npm start exited: ${output}`);
      try {
        await fetch(`http://127.0.0.1:${port}/`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    throw new Error(`wrangler dev did not answer within 90 s: ${output}`);
  }

  it("serves posts/ on 127.0.0.1 with wrangler dev, and replaces the local KV with another folder", async () => {
    const port = await freePort();
    const state = await mkdtemp(join(tmpdir(), "wrangler-state-"));
    await start("posts", port, state);
    const base = `http://127.0.0.1:${port}`;
    const rss = await fetch(`${base}/rss.xml`);
    expect(rss.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    expect(await rss.text()).toContain("<title>示例：“新能源车”板块午后走强，多只个股涨停</title>");
    const article = await fetch(`${base}/emnews/2024/03/15/202403151000000001.html`);
    expect(article.status).toBe(200);
    // the bytes on the wire, as a client that asked for them gets them (fetch would decode them unseen)
    for (const path of ["/atom.xml", "/feed.json", "/opml.xml", "/rss.xml"]) {
      const plain = await rawGet(`${base}${path}`, "identity");
      expect(plain.headers["content-encoding"], path).toBeUndefined();
      for (const [coding, decode] of [["gzip", gunzipSync], ["br", brotliDecompressSync]] as const) {
        const packed = await rawGet(`${base}${path}`, coding);
        expect(packed.headers["content-encoding"], `${path} ${coding}`).toBe(coding);
        expect(packed.headers.vary).toBe("Accept-Encoding");
        expect(packed.body.length).toBeLessThan(plain.body.length / 2);
        expect(decode(packed.body).equals(plain.body), `${path} ${coding}`).toBe(true);
      }
    }
    process.kill(-server!.pid!, "SIGTERM");
    await new Promise((r) => server!.once("exit", r));

    const other = await asArchive(await mkdtemp(join(tmpdir(), "posts-")));
    await mkdir(join(other, "_posts"));
    await writeFile(join(other, "_posts/2024-05-01-only.md"), '---\ntitle: "唯一"\ndate: 2024-05-01 08:00:00 +0800\ncategories: emnews\n---\n正文。\n');
    await start(other, port, state);
    expect((await fetch(`${base}/emnews/2024/05/01/only.html`)).status).toBe(200);
    expect((await fetch(`${base}/emnews/2024/03/15/202403151000000001.html`)).status).toBe(404);
    const home = await (await fetch(`${base}/`)).text();
    expect(home).toContain("共 1 篇");
  }, 240_000);
});

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

/** posts/ copied, then changed a little at each step: a new post, an older one edited, one removed, one renamed. */
async function changingPosts(): Promise<{ dir: string; steps: (() => Promise<void>)[] }> {
  const dir = await mkdtemp(join(tmpdir(), "chain-posts-"));
  await cp(join(root, "posts"), dir, { recursive: true });
  const at = (name: string) => join(dir, "_posts", name);
  return {
    dir,
    steps: [
      async () => {},
      async () => {
        await writeFile(at("2024-03-16-202403160000000010.md"), '---\ntitle: "新的一篇"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n新的正文。\n');
        const older = at("2024-03-10-202403101000000006.md");
        await writeFile(older, (await readFile(older, "utf8")).replace(/^title: .*$/m, 'title: "示例：改过的标题"'));
      },
      async () => {
        await rm(at("2024-03-12-202403121000000005.md"));
        await rename(at("2024-03-13-202403131000000004.md"), at("2024-03-13-renamed.md"));
      },
    ],
  };
}

async function pathsOf(dir: string): Promise<string[]> {
  return (await buildPosts(dir)).records.map((r) => r.path).sort();
}

describe("a chain of deploys through the commands", () => {
  it("npm run bundle -- --previous, step after step, leaves what a fresh bundle of the same posts serves", async () => {
    const { dir, steps } = await changingPosts();
    const cache = await mkdtemp(join(tmpdir(), "chain-cache-"));
    const chain = new MemoryKv();
    const apply = async (kv: MemoryKv, out: string) => {
      await kv.putFile(join(out, "kv-put.json"));
      await kv.deleteMany(JSON.parse(await readFile(join(out, "kv-delete.json"), "utf8")) as string[]);
    };
    let previous: string | undefined;
    for (const step of steps) {
      await step();
      const out = await mkdtemp(join(tmpdir(), "chain-out-"));
      const { code, output } = await finished(npm(["run", "bundle", "--", "--posts", dir, "--out", out, "--cache", cache, ...(previous ? ["--previous", previous] : [])]));
      expect(code, output).toBe(0);
      await apply(chain, out);
      previous = out;
    }
    const freshOut = await mkdtemp(join(tmpdir(), "fresh-out-"));
    expect((await finished(npm(["run", "bundle", "--", "--posts", dir, "--out", freshOut, "--no-cache"]))).code).toBe(0);
    const fresh = new MemoryKv();
    await apply(fresh, freshOut);
    const paths = await pathsOf(dir);
    expect(paths).toContain("/emnews/2024/03/13/renamed.html");
    expect(await served(chain, paths)).toEqual(await served(fresh, paths));
  }, 120_000);

  it("npm start -- --state, again and again on one local KV, serves what a fresh npm start of the same posts serves", async () => {
    const { dir, steps } = await changingPosts();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const answers = async (state: string) => {
      const server = npm(["start", "--", "--posts", dir, "--port", String(port), "--state", state, "--no-cache"]);
      let output = "";
      server.stdout!.on("data", (d) => (output += d));
      server.stderr!.on("data", (d) => (output += d));
      try {
        const deadline = Date.now() + 90_000;
        for (;;) {
          if (server.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not serve: ${output}`);
          if (await fetch(`${base}/`).then(() => true, () => false)) break;
          await new Promise((r) => setTimeout(r, 300));
        }
        const routes = ["/", "/rss.xml", "/atom.xml", "/feed.json?limit=2&page=2", "/opml.xml", "/category/emnews/rss.xml", "/tag/东财滚动新闻/atom.xml", "/category/emnews/", ...(await pathsOf(dir))];
        return await Promise.all(
          routes.map(async (route) => {
            const res = await fetch(base + encodeURI(route));
            return `${route} ${res.status} ${res.headers.get("etag")} ${await res.text()}`;
          }),
        );
      } finally {
        process.kill(-server.pid!, "SIGTERM");
        await new Promise((r) => server.once("exit", r));
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
