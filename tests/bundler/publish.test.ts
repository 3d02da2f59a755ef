import { describe, expect, it } from "vitest";
import { GRACE_MS } from "../../src/bundler/publish/writes.js";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import { CountingKvStore, type KvEntry, type KvStore } from "../../src/bundler/publish/kv-store.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, liveKeys } from "../../src/kv/manifest.js";
import type { PostRecord } from "../../src/post.js";
import { site } from "../../src/site.js";
import app from "../../src/worker/index.js";
import { MemoryKv } from "../support/memory-kv.js";
import { syntheticRecords } from "../support/records.js";

/** A KV that dies after `limit` writes, as a deploy killed half-way would. */
class DyingStore implements KvStore {
  writes = 0;
  constructor(private readonly inner: KvStore, private readonly limit: number) {}
  listKeys(prefix: string) {
    return this.inner.listKeys(prefix);
  }
  getBytes(key: string) {
    return this.inner.getBytes(key);
  }
  async putMany(entries: readonly KvEntry[]) {
    for (const entry of entries) {
      if (this.writes >= this.limit) throw new Error("killed");
      await this.inner.putMany([entry]);
      this.writes++;
    }
  }
  deleteMany(keys: readonly string[]) {
    return this.inner.deleteMany(keys);
  }
}

async function deploy(store: KvStore, records: readonly PostRecord[], now: number) {
  const plan = await planPublish(store, records, site, now);
  await applyPlan(store, plan);
  return plan;
}

/** What readers get: a few routes through the Worker, over this KV. */
async function responses(kv: MemoryKv): Promise<string[]> {
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  const routes = ["/", "/rss.xml", "/feed.json?page=3", "/category/emnews/atom.xml", "/category/media0001/feed.json", "/opml.xml"];
  return Promise.all(routes.map(async (path) => `${path} ${await (await app.fetch(new Request(`http://127.0.0.1${path}`), env)).text()}`));
}

const manifestOf = async (store: KvStore) => decodeManifest((await store.getBytes(MANIFEST_KEY))!);

// 200 posts onto 1,800: more than the delta holds, so the second deploy compacts and writes packs.
const archive = syntheticRecords(2_000);
const v1 = archive.slice(200);
const v2 = archive;

describe("deploying", () => {
  it("writes nothing when KV already serves the same posts", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1, 0);
    const again = await planPublish(kv, v1, site, 1);
    expect(again.puts).toEqual([]);
    expect(again.deletes).toEqual([]);
  });

  it("killed after any number of writes, leaves the old version whole; run again, sends only what is missing", async () => {
    const fresh = new MemoryKv();
    await deploy(fresh, v1, 0);
    const full = await planPublish(fresh, v2, site, 1);
    expect(full.puts.length).toBeGreaterThan(4);
    expect(full.puts.at(-1)!.key).toBe(MANIFEST_KEY);
    const before = await responses(fresh);
    for (let killedAfter = 0; killedAfter < full.puts.length; killedAfter++) {
      const kv = new MemoryKv();
      await deploy(kv, v1, 0);
      const v1Manifest = await kv.getBytes(MANIFEST_KEY);
      await expect(deploy(new DyingStore(kv, killedAfter), v2, 1)).rejects.toThrow("killed");
      // still v1, all of it, byte for byte
      expect(await kv.getBytes(MANIFEST_KEY)).toEqual(v1Manifest);
      expect(await responses(kv)).toEqual(before);
      const rerun = await deploy(kv, v2, 2);
      expect(rerun.puts.length).toBe(full.puts.length - killedAfter);
      expect((await manifestOf(kv)).head.version).toBe(full.manifest.version);
    }
  });

  it("deletes packs no longer used only after the grace period", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1, 0);
    const v1Packs = new Set(await liveKeys(await manifestOf(kv)));
    const second = await deploy(kv, v2, 1_000);
    const v2Packs = new Set(await liveKeys(await manifestOf(kv)));
    const retired = [...v1Packs].filter((key) => !v2Packs.has(key)).sort();
    expect(retired.length).toBeGreaterThan(0);
    expect(second.deletes).toEqual([]);
    expect(second.manifest.retired.map((r) => r.key).sort()).toEqual(retired);
    for (const key of retired) expect(kv.values.has(key)).toBe(true);
    const early = await deploy(kv, v2, 1_000 + GRACE_MS - 1);
    expect(early.deletes).toEqual([]);
    const late = await deploy(kv, v2, 1_000 + GRACE_MS);
    expect(late.deletes.sort()).toEqual(retired);
    expect(late.manifest.retired).toEqual([]);
    for (const key of retired) expect(kv.values.has(key)).toBe(false);
  });

  it("knows what KV holds from KV alone: one list and at most two reads, whatever the deploying machine kept", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1, 0);
    // +1 post (the packs' layout read back from KV: the manifest and the directory), then a compaction (the manifest)
    for (const [next, reads] of [[v2.slice(199), 2], [v2, 1]] as const) {
      const counting = new CountingKvStore(kv);
      await deploy(counting, next, 1);
      expect(counting.counts.reads).toBe(reads);
      expect(counting.counts.lists).toBe(1);
    }
  });

  it("writes the OPML again only when the list of streams changes: a reader's ETag holds across deploys that only add posts", async () => {
    // in the synthetic archive every odd post starts a media category; the newest is one, the next emnews
    const [newCategory, emnews] = [archive[0]!, archive[1]!];
    expect(emnews.categories).toEqual(["emnews"]);
    const opml = async (kv: MemoryKv) => {
      const res = await app.fetch(new Request("http://127.0.0.1/opml.xml"), { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" });
      return { etag: res.headers.get("etag"), text: await res.text() };
    };
    const kv = new MemoryKv();
    const first = await deploy(kv, archive.slice(2), 0);
    const before = await opml(kv);

    const morePosts = await deploy(kv, archive.slice(1), 1);
    expect(morePosts.manifest.opml).toBe(first.manifest.opml);
    expect(morePosts.puts.map((put) => put.key)).toEqual([MANIFEST_KEY]);
    expect(await opml(kv)).toEqual(before);

    const moreStreams = await deploy(kv, archive, 2);
    expect(moreStreams.manifest.opml).not.toBe(first.manifest.opml);
    expect(moreStreams.puts.map((put) => put.key)).toContain(moreStreams.manifest.opml);
    expect(moreStreams.manifest.retired.map((r) => r.key)).toContain(first.manifest.opml);
    const after = await opml(kv);
    expect(after.etag).not.toBe(before.etag);
    expect(before.text).not.toContain(`/category/${newCategory.categories[0]}/`);
    expect(after.text).toContain(`xmlUrl="http://127.0.0.1/category/${newCategory.categories[0]}/atom.xml"`);
  });

  it("over a manifest of another layout format, retires every pack it lists and deletes them after the grace period", async () => {
    const kv = new MemoryKv();
    const older = { version: "x", total: 1, pageSize: 50, feedPacks: ["pack/aaaa"], articlePacks: { "2024/01/01": ["pack/bbbb"] }, directoryPack: "pack/cccc", retired: [] };
    await kv.putMany([MANIFEST_KEY, ...["pack/aaaa", "pack/bbbb", "pack/cccc"]].map((key) => ({ key, value: new TextEncoder().encode(key === MANIFEST_KEY ? JSON.stringify(older) : "old") })));
    const first = await deploy(kv, v1, 0);
    expect(first.unreadable).toMatch(/not one of layout format/);
    expect(first.manifest.retired.map((r) => r.key).sort()).toEqual(["pack/aaaa", "pack/bbbb", "pack/cccc"]);
    await deploy(kv, v1, GRACE_MS);
    for (const key of ["pack/aaaa", "pack/bbbb", "pack/cccc"]) expect(kv.values.has(key)).toBe(false);
  });

  it("over a manifest it cannot read, lists the packs once and retires them all", async () => {
    const kv = new MemoryKv();
    await kv.putMany([
      { key: MANIFEST_KEY, value: new TextEncoder().encode("garbage") },
      { key: "pack/00000001-dead", value: new Uint8Array([1]) },
    ]);
    const counting = new CountingKvStore(kv);
    const plan = await deploy(counting, v1, 0);
    expect(counting.counts.lists).toBe(1);
    expect(plan.manifest.retired.map((r) => r.key)).toEqual(["pack/00000001-dead"]);
  });
});
