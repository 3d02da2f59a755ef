// The commands a newcomer runs, run for real: `npm run bundle`, and `npm start` serving with wrangler dev.
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { startPublisher } from "../bench/dev-server.js";
import { asArchive } from "../support/archive-site.js";
import { changingPosts, finished, npm, pathsOf } from "../support/commands.js";
import { MemoryKv } from "../support/memory-kv.js";
import { served } from "../support/served.js";
import { root } from "../support/shared.js";

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

// Starting again on a local KV that holds another folder, and a chain of starts on one local KV, are
// in tests/slow/commands.test.ts: each start costs two `wrangler kv bulk put`s and a wrangler dev.
describe("npm start", () => {
  it("serves posts/ on 127.0.0.1 with wrangler dev", async () => {
    const server = await startPublisher(root, "posts");
    try {
      const base = server.url;
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
    } finally {
      await server.stop();
    }
  });
});

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
});
