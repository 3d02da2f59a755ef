import { appendFile, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { generateCorpus } from "../../tools/corpus.js";
import { archiveSite as site } from "../support/archive-site.js";
import { root } from "../support/shared.js";

const now = Date.UTC(2025, 0, 1);

async function corpus(count: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "cache-posts-"));
  await generateCorpus({ count, out: dir, samples: join(root, "posts"), lastDay: "2024-06-30" });
  return dir;
}

describe("the build cache", () => {
  it("renders only new and edited posts on the next run, reads untouched ones from the cache, and forgets removed ones", async () => {
    const posts = await corpus(60);
    const cacheDir = await mkdtemp(join(tmpdir(), "cache-"));
    const first = await buildPosts(posts, { now, cacheDir });
    expect([first.built, first.unchanged]).toEqual([60, 0]);

    const again = await buildPosts(posts, { now, cacheDir });
    expect([again.built, again.unchanged]).toEqual([0, 60]);
    expect(again.records).toEqual(first.records);

    const files = (await readdir(join(posts, "_posts"))).sort();
    // touched without a change: read again, not built again
    await utimes(join(posts, "_posts", files[0]!), new Date(), new Date(Date.now() + 5_000));
    // edited: rendered again, and the record says so
    await appendFile(join(posts, "_posts", files[1]!), "\n追加的一段。\n");
    await rm(join(posts, "_posts", files[2]!));
    await writeFile(join(posts, "_posts", "2024-06-30-new.md"), `---\ntitle: 新的一篇\ndate: 2024-06-30 09:00:00 +0800\ncategories: emnews\n---\n新的正文。\n`);
    const third = await buildPosts(posts, { now, cacheDir });
    expect([third.built, third.unchanged]).toEqual([2, 58]);
    const fileOf = (path: string) => third.files.get(path);
    const edited = third.records.find((r) => fileOf(r.path) === `_posts/${files[1]}`)!;
    expect(edited.contentHtml).toContain("追加的一段。");
    expect(third.records.map((r) => r.title)).toContain("新的一篇");
    expect(third.records.some((r) => fileOf(r.path) === `_posts/${files[2]}`)).toBe(false);

    // the removed post is gone from the cache too: putting it back renders it
    const fourth = await buildPosts(posts, { now, cacheDir });
    expect([fourth.built, fourth.unchanged]).toEqual([0, 60]);
  });

  it("says a cached post's warnings again, and renders everything when the cache file is damaged", async () => {
    const posts = await mkdtemp(join(tmpdir(), "cache-posts-"));
    await generateCorpus({ count: 3, out: posts, samples: join(root, "posts"), lastDay: "2024-06-30" });
    await writeFile(join(posts, "_posts", "2024-06-30-odd.md"), '---\ntitle: "a "b" c"\ndate: 2024-06-30 08:00:00 +0800\n---\n正文。\n');
    const cacheDir = await mkdtemp(join(tmpdir(), "cache-"));
    const first = await buildPosts(posts, { now, cacheDir });
    const again = await buildPosts(posts, { now, cacheDir });
    expect(again.unchanged).toBe(4);
    expect(again.problems).toEqual(first.problems);
    expect(again.problems.map((p) => p.file)).toEqual(["_posts/2024-06-30-odd.md"]);

    const [cacheFile] = await readdir(cacheDir);
    await writeFile(join(cacheDir, cacheFile!), "not a cache");
    const damaged = await buildPosts(posts, { now, cacheDir });
    expect([damaged.built, damaged.unchanged]).toEqual([4, 0]);
    expect(damaged.records).toEqual(first.records);
  });

  it("keeps one cache per posts folder, so that bundling another folder loses nothing", async () => {
    const [a, b] = [await corpus(20), await corpus(30)];
    const cacheDir = await mkdtemp(join(tmpdir(), "cache-"));
    await buildPosts(a, { now, cacheDir });
    await buildPosts(b, { now, cacheDir });
    const again = await buildPosts(a, { now, cacheDir });
    expect([again.built, again.unchanged]).toEqual([0, 20]);
  });
});

describe("build threads", () => {
  it("build the same records as one thread", async () => {
    const posts = await corpus(1_200);
    const one = await buildPosts(posts, { now, threads: 1 });
    const two = await buildPosts(posts, { now, threads: 2 });
    expect(two.records.length).toBe(1_200);
    expect(two.records).toEqual(one.records);
    expect(two.problems).toEqual(one.problems);
  }, 60_000);
});
