// What KV holds, against the size of the posts: measured on posts that compress no better than real news.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { generateCorpus } from "../../tools/corpus.js";
import type { PostRecord } from "../../src/post.js";
import { hasCorpus, layOutCorpusSite, root } from "../support/shared.js";
import { storageOverMarkdown } from "../support/scale.js";

/** Compressed size over raw size of the records' JSON: together (as a pack holds them) and one by one. */
function compressibility(records: readonly PostRecord[]): { together: number; each: number } {
  const jsons = records.map((r) => JSON.stringify(r));
  const raw = jsons.reduce((sum, json) => sum + Buffer.byteLength(json), 0);
  const together = deflateRawSync(jsons.join(""), { level: 6 }).byteLength / raw;
  const each = jsons.reduce((sum, json) => sum + deflateRawSync(json, { level: 6 }).byteLength, 0) / raw;
  return { together, each };
}

async function uniqueCorpus(count: number, categories: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "unique-"));
  await generateCorpus({ count, out: dir, samples: join(root, "posts"), categories, unique: true });
  return dir;
}

describe("the generator's unique bodies", () => {
  it.skipIf(!hasCorpus)("compress no better than the real posts of the archive, where plain generated ones compress far better", async () => {
    const real = (await buildPosts((await layOutCorpusSite())!)).records;
    const unique = (await buildPosts(await uniqueCorpus(200, 20))).records.slice(0, real.length);
    const plainDir = await mkdtemp(join(tmpdir(), "plain-"));
    await generateCorpus({ count: 200, out: plainDir, samples: join(root, "posts"), categories: 20 });
    const plain = (await buildPosts(plainDir)).records.slice(0, real.length);
    const [r, u, p] = [compressibility(real), compressibility(unique), compressibility(plain)];
    expect(u.together).toBeGreaterThanOrEqual(r.together);
    expect(u.each).toBeGreaterThanOrEqual(r.each);
    expect(p.together).toBeLessThan(r.together / 2);
  });
});

describe("KV storage", () => {
  // 20,000 posts in 2,000 categories in tests/slow/scale.test.ts (1.28 ×); fewer posts carry more of the
  // packs' fixed share (2,000 posts: 1.50 ×)
  it("holds at most 1.5 × the posts' Markdown: 4,000 unique posts in 400 categories", async () => {
    expect(await storageOverMarkdown(4_000, 400)).toBeLessThanOrEqual(1.5);
  });
});
