// Publishing onto KV: what is written, kept, retired and deleted, and what readers get meanwhile,
// also when publishes overlap, packs go missing, clocks disagree and publishes are killed or slow.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { publish } from "../../src/bundler/publish/publish.js";
import { MAX_PUBLISH_MS, StalePlanError, applyPlan, planPublish, type PublishPlan } from "../../src/bundler/publish/apply.js";
import { CountingKvStore, type KvStore } from "../../src/bundler/publish/kv-store.js";
import { GRACE_SECONDS } from "../../src/bundler/publish/retirement.js";
import { CLOCK_KEY, MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, liveKeys } from "../../src/kv/manifest.js";
import type { PostRecord } from "../../src/post.js";
import { archiveSite as site } from "../support/archive-site.js";
import app from "../../src/worker/index.js";
import { DyingStore, ManifestLog, StallingStore, leakedKeys, settle } from "../support/kv-faults.js";
import { MemoryKv } from "../support/memory-kv.js";
import { syntheticRecords } from "../support/records.js";

const MINUTE = 60_000;
const GRACE_MS = GRACE_SECONDS * 1000;

async function deploy(store: KvStore, records: readonly PostRecord[]): Promise<PublishPlan> {
  const plan = await planPublish(store, records, site);
  await applyPlan(store, plan);
  return plan;
}

/** What readers get: a few routes through the Worker, over this KV. */
async function responses(kv: MemoryKv): Promise<string[]> {
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  const routes = ["/", "/rss.xml", "/feed.json?page=3", "/category/emnews/atom.xml", "/category/media0001/feed.json", "/opml.xml", "/categories/"];
  return Promise.all(routes.map(async (path) => `${path} ${await (await app.fetch(new Request(`http://127.0.0.1${path}`), env)).text()}`));
}

let hosts = 0;
async function statuses(kv: MemoryKv, paths: readonly string[]): Promise<number[]> {
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  // a new host each time: rendered bodies are kept per origin and version
  const host = `h${++hosts}.test`;
  return Promise.all(paths.map(async (path) => (await app.fetch(new Request(`http://${host}${path}`), env)).status));
}

const manifestOf = async (store: KvStore) => decodeManifest((await store.getBytes(MANIFEST_KEY))!);

/** Publishes the same posts every 5 minutes of KV's clock until nothing is retired any more. */
const settleOn = (kv: MemoryKv, records: readonly PostRecord[], store: KvStore = kv) => settle(kv, () => deploy(store, records));

// 200 posts onto 1,800: more than the delta holds, so the second publish compacts and writes packs.
const archive = syntheticRecords(2_000);
const v1 = archive.slice(200);
const v2 = archive;
const v3 = syntheticRecords(2_400);
const oldArticle = v1.at(-1)!.path;
const routes = ["/", "/rss.xml", "/feed.xml", "/categories/", "/opml.xml", "/category/emnews/atom.xml", "/feed.json?page=20", oldArticle];

describe("publishing", () => {
  it("writes nothing when KV already serves the same posts", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1);
    const again = await planPublish(kv, v1, site);
    expect(again.puts).toEqual([]);
    expect(again.clock).toBeUndefined();
    expect(again.deletes).toEqual([]);
  });

  it("killed after any number of writes, leaves the old version whole; run again, sends only what is missing", async () => {
    const fresh = new MemoryKv();
    await deploy(fresh, v1);
    const full = await planPublish(fresh, v2, site);
    expect(full.puts.length).toBeGreaterThan(4);
    expect(full.puts.at(-1)!.key).toBe(MANIFEST_KEY);
    const before = await responses(fresh);
    for (let killedAfter = 0; killedAfter < full.puts.length; killedAfter++) {
      // v1 deployed, as in `fresh` (copied: a deploy costs as much as the rest of a round)
      const kv = fresh.copy();
      const v1Manifest = await kv.getBytes(MANIFEST_KEY);
      await expect(deploy(new DyingStore(kv, { writes: killedAfter }), v2)).rejects.toThrow("killed");
      // still v1, all of it, byte for byte
      expect(await kv.getBytes(MANIFEST_KEY)).toEqual(v1Manifest);
      expect(await responses(kv)).toEqual(before);
      const rerun = await deploy(kv, v2);
      expect(rerun.puts.length).toBe(full.puts.length - killedAfter);
      expect((await manifestOf(kv)).head.version).toBe(full.manifest.version);
    }
  });

  it("deletes a retired pack only once KV's clock is the grace period past the manifest that retired it", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1);
    const v1Packs = new Set(liveKeys(await manifestOf(kv)));
    kv.now += MINUTE;
    const second = await deploy(kv, v2);
    const retired = [...v1Packs].filter((key) => !liveKeys(decodeManifest((kv.values.get(MANIFEST_KEY))!)).includes(key)).sort();
    expect(retired.length).toBeGreaterThan(0);
    expect(second.deletes).toEqual([]);
    expect(second.manifest.retired.map((r) => r.key)).toEqual(retired);
    // untimed until a publish reads the clock written after that manifest
    expect(second.manifest.retired.every((r) => r.since === undefined)).toBe(true);
    expect(second.clock).toBeDefined();
    const timedAt = kv.now;
    kv.now += MINUTE;
    const timing = await deploy(kv, v2);
    expect(timing.manifest.retired.map((r) => r.since)).toEqual(retired.map(() => Math.floor(timedAt / 1000)));
    kv.now = timedAt + GRACE_MS - 1_000;
    expect((await deploy(kv, v2)).deletes).toEqual([]);
    kv.now = timedAt + GRACE_MS + MINUTE;
    await deploy(kv, v2);
    const late = await deploy(kv, v2);
    expect(late.deletes).toEqual(retired);
    expect(late.manifest.retired).toEqual([]);
    for (const key of retired) expect(kv.values.has(key)).toBe(false);
    // nothing left to time: the clock is not written again, and the next publish writes nothing
    expect(late.clock).toBeUndefined();
    expect((await planPublish(kv, v2, site)).puts).toEqual([]);
    expect(await leakedKeys(kv)).toEqual([]);
  });

  it("knows what KV holds from KV alone: one list and at most two reads, whatever the publishing machine kept", async () => {
    const kv = new MemoryKv();
    await deploy(kv, v1);
    // +1 post (the packs' layout read back from KV: the manifest and the catalog), then a compaction (the manifest)
    for (const [next, reads] of [[v2.slice(199), 2], [v2, 1]] as const) {
      const counting = new CountingKvStore(kv);
      await deploy(counting, next);
      expect(counting.counts.reads).toBe(reads);
      expect(counting.counts.lists).toBe(1);
    }
  });

  it("writes the OPML again only when the list of streams changes: a reader's ETag holds across publishes that only add posts", async () => {
    // in the synthetic archive every odd post starts a media category; the newest is one, the next emnews
    const [newCategory, emnews] = [archive[0]!, archive[1]!];
    expect(emnews.categories).toEqual(["emnews"]);
    const opml = async (kv: MemoryKv) => {
      const res = await app.fetch(new Request("http://127.0.0.1/opml.xml"), { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" });
      return { etag: res.headers.get("etag"), text: await res.text() };
    };
    const kv = new MemoryKv();
    const first = await deploy(kv, archive.slice(2));
    const before = await opml(kv);

    const morePosts = await deploy(kv, archive.slice(1));
    expect(morePosts.manifest.opml).toBe(first.manifest.opml);
    expect(morePosts.puts.map((put) => put.key)).toEqual([MANIFEST_KEY]);
    expect(await opml(kv)).toEqual(before);

    const moreStreams = await deploy(kv, archive);
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
    const counting = new CountingKvStore(kv);
    const first = await deploy(counting, v1);
    expect(counting.counts.lists).toBe(1);
    expect(first.unreadable).toMatch(/not one of layout format/);
    expect(first.manifest.retired.map((r) => r.key)).toEqual(["pack/aaaa", "pack/bbbb", "pack/cccc"]);
    await settleOn(kv, v1);
    for (const key of ["pack/aaaa", "pack/bbbb", "pack/cccc"]) expect(kv.values.has(key)).toBe(false);
    expect(await leakedKeys(kv)).toEqual([]);
  });
});

describe("a site that heals", () => {
  afterEach(() => vi.restoreAllMocks());

  it("two publishes at once: the manifest written last is served whole, the other's posts come with the next publish, and no reader of a recent manifest misses a pack", async () => {
    // the first publish stalls after its packs, before its manifest; the second runs whole meanwhile
    for (const [first, second] of [[v2, v3], [v3, v2]] as const) {
      const kv = new MemoryKv();
      const log = new ManifestLog(kv);
      await deploy(log, v1);
      kv.now += 5 * MINUTE;
      await deploy(
        new StallingStore(log, async () => {
          kv.now += 30_000;
          await deploy(log, second);
          expect(log.missingForReaders()).toEqual([]);
          kv.now += 30_000;
        }),
        first,
      );
      // the stalled one wrote last: it is what is served, whole
      expect(log.missingForReaders()).toEqual([]);
      expect(await statuses(kv, routes)).toEqual(routes.map(() => 200));
      // then publishes carry on from the posts as they are (the newer set), as the posts repository's job does
      for (let i = 0; i < 24; i++) {
        kv.now += 5 * MINUTE;
        await deploy(log, v3);
        expect(log.missingForReaders(), `publish ${i}`).toEqual([]);
      }
      const fresh = new MemoryKv();
      await deploy(fresh, v3);
      expect(await responses(kv)).toEqual(await responses(fresh));
      expect(await leakedKeys(kv)).toEqual([]);
      expect((await manifestOf(kv)).head.retired).toEqual([]);
    }
  });

  it("a second publish at any point of the first's writes: every reader of a recent manifest finds its packs", async () => {
    const deployed = new MemoryKv();
    const deployedLog = new ManifestLog(deployed);
    await deploy(deployedLog, v1);
    const count = (await planPublish(deployed, v2, site)).puts.length;
    for (let at = 0; at <= count; at++) {
      // v1 deployed, as in `deployed` (copied, with its manifest's record: a deploy costs as much as the rest of a round)
      const kv = deployed.copy();
      const log = new ManifestLog(kv);
      log.written.push(...deployedLog.written);
      kv.now += 5 * MINUTE;
      // the first publish is killed after `at` writes, as if it stalled forever; the second runs whole
      await deploy(new DyingStore(log, { writes: at }), v2).catch(() => undefined);
      kv.now += 30_000;
      await deploy(log, v3);
      expect(log.missingForReaders(), `after ${at} writes`).toEqual([]);
      await settleOn(kv, v3, log);
      expect(log.missingForReaders()).toEqual([]);
      expect(await leakedKeys(kv), `after ${at} writes`).toEqual([]);
    }
  });

  it("a pack lost behind the publisher's back: the next publish writes it again, and every route answers", async () => {
    // the routes that need a lost pack log it: expected here
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const kv = new MemoryKv();
    await deploy(kv, v1);
    const manifest = await manifestOf(kv);
    // a sealed run of the main feed and the week of the oldest article: packs no new post ever rewrites
    const lost = [manifest.head.hot[0]!, ...liveKeys(manifest).filter((key) => !manifest.head.hot.includes(key))].slice(0, 3);
    await kv.deleteMany(lost);
    expect((await statuses(kv, routes)).filter((status) => status === 500).length).toBeGreaterThan(0);
    kv.now += 5 * MINUTE;
    // the same posts: nothing else would make this publish write anything
    const repair = await deploy(kv, v1);
    expect(repair.repaired.sort()).toEqual([...lost].sort());
    expect(await statuses(kv, routes)).toEqual(routes.map(() => 200));
    for (const key of liveKeys(await manifestOf(kv))) expect(kv.values.has(key), key).toBe(true);
    // and again with a new post: the layout read back from KV lacks the lost pack; it is laid out again
    await deploy(kv, v2.slice(199));
    const again = await manifestOf(kv);
    await kv.deleteMany([again.head.catalog]);
    kv.now += 5 * MINUTE;
    const second = await deploy(kv, v2.slice(198));
    expect(second.repaired).toEqual([again.head.catalog]);
    expect(await statuses(kv, routes)).toEqual(routes.map(() => 200));
  });

  it("publishing machines whose clocks disagree: retired packs wait the grace period by KV's clock, whatever the machines say", async () => {
    const dir = await mkdtemp(join(tmpdir(), "skewed-"));
    await mkdir(join(dir, "_posts"));
    const write = async (n: number) => {
      for (let i = 0; i < n; i++) await writeFile(join(dir, "_posts", `2024-01-0${1 + (i % 5)}-p${i}.md`), `---\ntitle: "第 ${i} 篇"\ndate: 2024-01-0${1 + (i % 5)} 0${i % 10}:00:00 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n<p>正文 ${i}</p>\n`);
    };
    const kv = new MemoryKv(Date.UTC(2024, 5, 1));
    const log = new ManifestLog(kv);
    const quiet = { progress: false } as const;
    const day = 86_400_000;
    await write(120);
    await publish({ postsDir: dir, store: log, now: kv.now, ...quiet, threads: 1 });
    // a laptop a day behind compacts (its posts are the same, its clock not): packs retired
    await write(300);
    kv.now += MINUTE;
    const behind = await publish({ postsDir: dir, store: log, now: kv.now - day, ...quiet, threads: 1 });
    expect(behind.writes).toBeGreaterThan(1);
    // CI, its clock a day ahead, runs 30 s later, then the two take turns every few minutes
    for (let i = 0; i < 12; i++) {
      kv.now += i ? 3 * MINUTE : 30_000;
      await publish({ postsDir: dir, store: log, now: kv.now + (i % 2 ? -day : day), ...quiet, threads: 1 });
      expect(log.missingForReaders(), `run ${i}`).toEqual([]);
    }
    expect(await leakedKeys(kv)).toEqual([]);
    expect((await manifestOf(kv)).head.retired).toEqual([]);
  });

  it("a slow publish: the grace period counts from its manifest going live, and one slower than MAX_PUBLISH_MS plans again", async () => {
    const kv = new MemoryKv();
    const log = new ManifestLog(kv);
    await deploy(log, v1);
    kv.now += 5 * MINUTE;
    await deploy(log, v2);
    // a slow compaction: 8 minutes of KV's clock from reading KV to writing its manifest
    kv.now += 5 * MINUTE;
    const slow = await planPublish(log, v3, site);
    kv.now += 8 * MINUTE;
    await applyPlan(log, slow);
    for (let i = 0; i < 24; i++) {
      kv.now += MINUTE;
      await deploy(log, v3);
      expect(log.missingForReaders(), `minute ${i}`).toEqual([]);
    }
    // slower than MAX_PUBLISH_MS on the publishing machine's own clock: the manifest is not written from that plan
    let clock = 0;
    const old = await planPublish(log, syntheticRecords(2_500), site, undefined, () => clock);
    clock = MAX_PUBLISH_MS + 1;
    const manifestBefore = await kv.getBytes(MANIFEST_KEY);
    await expect(applyPlan(log, old, { monotonic: () => clock })).rejects.toThrow(StalePlanError);
    expect(await kv.getBytes(MANIFEST_KEY)).toEqual(manifestBefore);
  });

  it("killed between its manifest and its clock: what it retired waits for a clock written after a manifest listing them", async () => {
    const kv = new MemoryKv();
    const log = new ManifestLog(kv);
    await deploy(log, v1);
    kv.now += 5 * MINUTE;
    await deploy(log, v2);
    await settleOn(kv, v2, log);
    // the clock KV holds is from the last deletes, long ago
    expect(kv.values.has(CLOCK_KEY)).toBe(true);
    kv.now += 30 * MINUTE;
    const killed = await planPublish(log, v3, site);
    expect(killed.manifest.retired.length).toBeGreaterThan(0);
    await expect(applyPlan(new DyingStore(log, { writes: killed.puts.length }), killed)).rejects.toThrow("killed");
    for (let i = 0; i < 30; i++) {
      kv.now += 30_000;
      await deploy(log, v3);
      expect(log.missingForReaders(), `${i * 30 + 30} s after`).toEqual([]);
    }
  });

  it("killed between its manifest and its deletes, again and again: nothing leaks", async () => {
    const kv = new MemoryKv();
    const log = new ManifestLog(kv);
    await deploy(log, v1);
    const chain = [v2, v3, syntheticRecords(2_600), syntheticRecords(2_700)];
    for (const records of chain) {
      for (let i = 0; i < 6; i++) {
        kv.now += 5 * MINUTE;
        // every other publish is killed at its deletes
        const store = i % 2 ? log : new DyingStore(log, { deletes: true });
        await deploy(store, records).catch((error: Error) => expect(error.message).toBe("killed"));
        expect(log.missingForReaders()).toEqual([]);
      }
    }
    await settleOn(kv, chain.at(-1)!, log);
    expect(await leakedKeys(kv)).toEqual([]);
    expect(kv.values.size).toBe(1 + liveKeys(await manifestOf(kv)).length + (kv.values.has(CLOCK_KEY) ? 1 : 0));
  });
});
