// The KV layout at archive scale: every chunk found where `locate` says, and what each deploy costs.
import { describe, expect, it } from "vitest";
import { planWrites } from "../../src/bundler/publish/writes.js";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import { readKvState } from "../../src/bundler/publish/kv-state.js";
import { collectFeeds } from "../../src/bundler/layout/feed-lists.js";
import { layOutVersion } from "../../src/bundler/layout/version.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, readSection, type Manifest } from "../../src/kv/manifest.js";
import type { PostRecord } from "../../src/post.js";
import { archiveSite as site } from "../support/archive-site.js";
import { readArticle, readCatalog, readFeedWindow } from "../../src/worker/store.js";
import { MemoryKv } from "../support/memory-kv.js";
import { dayOfPublishes, editOldPost, plusOnePost } from "../support/scale.js";
import { syntheticRecords } from "../support/records.js";

const MINUTE = 60_000;

async function deploy(kv: MemoryKv, records: readonly PostRecord[], now = kv.now): Promise<Manifest> {
  kv.now = now;
  await applyPlan(kv, await planPublish(kv, records, site));
  return decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
}

/** Every window of `id` at `limit` items a page and every article, read back as the Worker reads them. */
async function expectWholeFeed(kv: MemoryKv, manifest: Manifest, id: string, items: readonly PostRecord[], limit: number) {
  const pages = Math.max(1, Math.ceil(items.length / limit));
  for (let page = 1; page <= pages; page++) {
    const window = await readFeedWindow(kv.namespace(), manifest, id, page, limit);
    expect(window?.items, `${id} page ${page} at ${limit}`).toEqual(items.slice((page - 1) * limit, page * limit));
  }
  expect(await readFeedWindow(kv.namespace(), manifest, id, pages + 1, limit)).toBeUndefined();
}

describe("every chunk where the layout says", () => {
  const archive = syntheticRecords(6_300);
  const expected = new Map(collectFeeds(archive, site).map((feed) => [feed.id, feed.items]));

  it.each([
    ["a first deploy", [archive]],
    ["a chain of deploys (delta, compactions, an edited old post)", [archive.slice(1_300), archive.slice(1_250), archive.slice(1_000), archive.slice(900), archive.map((r, i) => (i === 4_000 ? { ...r, title: "改过" } : r))]],
  ])("%s: every page of the main feed, of big and small feeds, at any limit, and every article", async (_, chain) => {
    const kv = new MemoryKv();
    let manifest!: Manifest;
    for (const [step, records] of (chain as PostRecord[][]).entries()) manifest = await deploy(kv, records, step * 10 * MINUTE);
    const records = (chain as PostRecord[][]).at(-1)!;
    const feeds = new Map(collectFeeds(records, site).map((feed) => [feed.id, feed.items]));
    for (const limit of [50, 7, 1]) await expectWholeFeed(kv, manifest, "main", feeds.get("main")!, limit);
    for (const id of ["category/emnews", "tag/东财滚动新闻", "category/media0001", "tag/media0001新闻", "category/media1999"]) {
      await expectWholeFeed(kv, manifest, id, feeds.get(id)!, 50);
      await expectWholeFeed(kv, manifest, id, feeds.get(id)!, 13);
    }
    for (const record of records) expect(await readArticle(kv.namespace(), manifest, record.path), record.path).toEqual(record);
    expect(await readArticle(kv.namespace(), manifest, "/emnews/2022/01/01/nothing.html")).toBeUndefined();
    const directory = await readCatalog(kv.namespace(), manifest);
    expect(directory.map((info) => info.id)).toEqual([...feeds.keys()].filter((id) => id !== "main").sort());
    expect(directory.find((info) => info.id === "category/emnews")?.total).toBe(feeds.get("category/emnews")!.length);
    expect(await readFeedWindow(kv.namespace(), manifest, "category/nothing", 1, 50)).toBeUndefined();
    expect(expected.size).toBeGreaterThan(2_000);
  });

  it("stores a tag whose posts are exactly a category's once, and names it as itself", async () => {
    const plan = layOutVersion(archive, site);
    expect(plan.aliases["tag/media0001新闻"]).toEqual(["category/media0001", "media0001新闻"]);
    expect(Object.keys(plan.aliases).length).toBeGreaterThan(1_900);
  });

  it("gives the same posts the same packs and version", async () => {
    const one = planWrites(layOutVersion(archive, site), await readKvState(new MemoryKv()));
    const two = planWrites(layOutVersion(syntheticRecords(6_300), site), await readKvState(new MemoryKv()));
    expect(two.manifest).toEqual(one.manifest);
  });
});

describe("streams: feeds that repeat another whole", () => {
  /** The truth, from the feeds' own items: each feed whose items (all of them) are an earlier feed's → that feed. */
  function repeats(records: readonly PostRecord[]): Record<string, string> {
    const order = (id: string) => (id.startsWith("category/") ? 0 : 1);
    const feeds = collectFeeds(records, site)
      .filter((feed) => feed.id !== "main" && feed.items.length)
      .sort((a, b) => order(a.id) - order(b.id) || (a.id < b.id ? -1 : 1));
    const first = new Map<string, string>();
    const same: Record<string, string> = {};
    for (const feed of feeds) {
      const key = feed.items.map((item) => item.path).join();
      if (first.has(key)) same[feed.id] = first.get(key)!;
      else first.set(key, feed.id);
    }
    return same;
  }

  it("are named exactly through a chain of deploys: before and after the cut, a tag parting from its category, feeds new since the cut", async () => {
    // a tag across two categories is a stream of its own
    const base = syntheticRecords(3_000).map((r, i) => (i % 97 === 0 ? { ...r, tags: [...r.tags, "要闻"] } : r));
    const newest = Date.parse(base[0]!.date);
    const later = (minutes: number, categories: string[], tags: string[], slug: string): PostRecord => {
      const date = new Date(newest + minutes * MINUTE);
      const path = `/${categories[0]}/${date.toISOString().slice(0, 10).replaceAll("-", "/")}/${slug}.html`;
      return { ...base[0]!, id: `${site.url}${path.slice(0, -5)}`, path, date: `${date.toISOString().slice(0, 19)}Z`, categories, tags };
    };
    const chain = [
      base.slice(200),
      // 60 posts after the cut, to categories and tags stored as one
      base.slice(140),
      // media0003's tag now holds a post its category does not; a new source with its own tag
      [later(5, ["emnews"], ["东财滚动新闻", "media0003新闻"], "parted"), later(6, ["newsource"], ["newsource新闻"], "fresh"), ...base.slice(140)],
    ];
    const kv = new MemoryKv();
    for (const [step, records] of chain.entries()) {
      const manifest = await deploy(kv, records, step * 10 * MINUTE);
      if (step > 0) expect(Object.keys((await readSection(manifest, "delta")).meta.articles).length, `step ${step}`).toBeGreaterThan(0);
      const streams = await readSection(manifest, "streams");
      expect(streams.same, `step ${step}`).toEqual(repeats(records));
      // every category named as its feed names itself
      for (const info of await readCatalog(kv.namespace(), manifest)) {
        if (info.kind === "category") expect(streams.categories[info.id]).toEqual({ name: info.name, ...(info.label ? { label: info.label } : {}) });
      }
    }
    const last = repeats(chain[2]!);
    expect(Object.keys(last).length).toBeGreaterThan(1_000);
    expect(repeats(chain[1]!)["tag/media0003新闻"]).toBe("category/media0003");
    expect(repeats(chain[1]!)["tag/东财滚动新闻"]).toBe("category/emnews");
    expect(last["tag/media0003新闻"]).toBeUndefined();
    expect(last["tag/newsource新闻"]).toBe("category/newsource");
    expect(last["tag/要闻"]).toBeUndefined();
  });
});

// At the archive's scale (+1 post onto 20,000 and 100,000, a day of 288 publishes, an edit onto
// 20,000) in tests/slow/scale.test.ts; here the same, small.
describe("what a deploy costs", () => {
  it("+1 post onto 2,000 posts: at most 3 writes and 1 MB", async () => {
    const { firstWrites, writes, bytes } = await plusOnePost(2_000);
    expect(writes).toBeLessThanOrEqual(3);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    // and the first deploy fits a day of the Free plan's writes many times over
    expect(firstWrites).toBeLessThan(250);
  });

  it("a day's 300 posts onto 2,000 in 36 publishes: at most 500 writes and 500 deletes in all, with compactions", async () => {
    const { writes, deletes, compactions } = await dayOfPublishes({ onto: 2_000, posts: 300, publishes: 36 });
    expect(compactions).toBeGreaterThanOrEqual(2);
    expect(writes).toBeLessThanOrEqual(500);
    expect(deletes).toBeLessThanOrEqual(500);
  });

  it("an edited old post rewrites only the packs that hold it", async () => {
    const { packs, title } = await editOldPost(2_000, 1_500);
    // its article pack, a run or hot pack each of the main feed, its category and its tag
    expect(packs).toBeGreaterThan(0);
    expect(packs).toBeLessThanOrEqual(4);
    expect(title).toBe("改过的标题");
  });
});
