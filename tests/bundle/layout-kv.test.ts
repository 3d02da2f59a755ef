import { describe, expect, it } from "vitest";
import { planDeploy } from "../../src/bundle/deploy-plan.js";
import { layOutKv, type KvLayout } from "../../src/bundle/layout-kv.js";
import {
  DIRECTORY_CHUNK,
  articleChunkName,
  articleDay,
  articlePackIndex,
  feedBucket,
  feedChunkName,
  feedPackIndex,
} from "../../src/layout.js";
import { readChunk } from "../../src/pack-format.js";
import type { FeedInfo, FeedPage, PostRecord } from "../../src/post.js";
import { site } from "../../src/site.js";
import { syntheticRecords } from "../support/records.js";

const encoder = new TextEncoder();
const bytes = new Map<string, Uint8Array>();
const pack = (layout: KvLayout, key: string) => bytes.get(key) ?? bytes.set(key, encoder.encode(layout.packs.get(key)!)).get(key)!;

/** The article as the Worker finds it: manifest, then one pack. */
function findArticle(layout: KvLayout, path: string): PostRecord | undefined {
  const packs = layout.manifest.articlePacks[articleDay(path)!]!;
  return readChunk<PostRecord>(pack(layout, packs[articlePackIndex(path, packs.length)]!), articleChunkName(path));
}

function findPage(layout: KvLayout, id: string, page: number): FeedPage | undefined {
  const { feedPacks } = layout.manifest;
  return readChunk<FeedPage>(pack(layout, feedPacks[feedPackIndex(id, feedBucket(page), feedPacks.length)]!), feedChunkName(id, page));
}

/** The packs a deploy of `next` over `previous` writes (the manifest aside). */
function writesOver(previous: KvLayout, next: KvLayout): string[] {
  return planDeploy(next, new Set(previous.packs.keys()), null, 0).puts.map((e) => e.key).filter((k) => k !== "manifest");
}

describe("layOutKv at archive scale", () => {
  const archive = syntheticRecords(20_000);
  const first = layOutKv(archive, site);

  it("fits a first deploy of 20,000 posts in the Free plan's 1,000 writes a day", () => {
    const writes = planDeploy(first, new Set(), null, 0).puts.length;
    expect(writes).toBeLessThanOrEqual(1_000);
    expect(writes).toBeLessThan(200);
    for (const value of first.packs.values()) expect(encoder.encode(value).byteLength).toBeLessThan(25 * 1024 * 1024);
  });

  it("finds every post and every feed page with the manifest and one pack", () => {
    for (const record of archive.filter((_, i) => i % 97 === 0)) expect(findArticle(first, record.path)?.title).toBe(record.title);
    const directory = readChunk<FeedInfo[]>(pack(first, first.manifest.directoryPack), DIRECTORY_CHUNK)!;
    expect(directory.filter((f) => f.kind === "category").length).toBeGreaterThan(1_500);
    const main = findPage(first, "main", 1)!;
    let seen = 0;
    for (let page = 1; page <= main.feed.pages; page++) seen += findPage(first, "main", page)!.items.length;
    expect(seen).toBe(20_000);
    for (const feed of directory.filter((_, i) => i % 50 === 0)) {
      expect(findPage(first, feed.id, feed.pages)?.items.length).toBeGreaterThan(0);
    }
  });

  it("adds a day of 300 posts with a handful of writes", () => {
    const next = layOutKv(syntheticRecords(20_300), site);
    const writes = writesOver(first, next).length + 1;
    expect(writes).toBeLessThanOrEqual(1_000);
    expect(writes).toBeLessThanOrEqual(first.manifest.feedPacks.length + 4);
  });

  it("rewrites, for an edited post, only the pack that holds it and the packs of the feed pages that list it", () => {
    const edited = archive.map((r, i) => (i === 5_000 ? { ...r, title: "改过的标题" } : r));
    const next = layOutKv(edited, site);
    const target = archive[5_000]!;
    const holding = new Set<string>();
    for (const [key, value] of next.packs) if (value.includes("改过的标题")) holding.add(key);
    expect(new Set(writesOver(first, next))).toEqual(holding);
    // its article pack, and one page each of the main feed, its category and its tag
    expect(holding.size).toBeLessThanOrEqual(4);
    expect(findArticle(next, target.path)?.title).toBe("改过的标题");
  });

  it("gives the same posts the same packs and version", () => {
    const again = layOutKv(syntheticRecords(20_000), site);
    expect(again.manifest).toEqual(first.manifest);
  });
});

describe("feed windows", () => {
  it("keeps the first page of every bucket beside the bucket before it", () => {
    const layout = layOutKv(syntheticRecords(1_200), site);
    const { feedPacks } = layout.manifest;
    for (let page = 9; page <= 24; page += 8) {
      const before = pack(layout, feedPacks[feedPackIndex("main", feedBucket(page - 1), feedPacks.length)]!);
      expect(readChunk<FeedPage>(before, feedChunkName("main", page))?.page).toBe(page);
    }
  });
});
