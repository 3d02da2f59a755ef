import { MANIFEST_KEY, PACK_PREFIX, generationPrefix, packHash } from "../../kv/keys.js";
import { decodeManifest, liveKeys, readSection, type Manifest } from "../../kv/manifest.js";
import { chunkBytes, inflate, readPack } from "../../kv/pack.js";
import type { FeedInfo, PostRecord } from "../../post.js";
import type { Site } from "../../site.js";
import { planPublish, type PublishPlan, type KvState } from "./plan.js";
import type { KvEntry, KvStore } from "./kv-store.js";
import type { DeltaLimits } from "../layout/cut.js";
import { planCut, planLayout } from "../layout/plan.js";
import { feedSummary, type DirectoryEntry, type SealedLayout } from "../layout/sealed-layout.js";

/** wrangler sends at most 10,000 pairs and 100 MB per bulk request; stay well inside both. */
const BATCH_PAIRS = 5_000;
const BATCH_BYTES = 64 * 1024 * 1024;

/** The keys a manifest of the layout before this one names (JSON with `feedPacks`, `articlePacks`, `directoryPack`). */
function olderLayoutKeys(bytes: Uint8Array): string[] | undefined {
  try {
    const old = JSON.parse(new TextDecoder().decode(bytes)) as { feedPacks?: string[]; articlePacks?: Record<string, string[]>; directoryPack?: string; retired?: { key: string }[] };
    if (!Array.isArray(old.feedPacks)) return undefined;
    return [...old.feedPacks, ...Object.values(old.articlePacks ?? {}).flat(), ...(old.directoryPack ? [old.directoryPack] : []), ...(old.retired ?? []).map((r) => r.key)];
  } catch {
    return undefined;
  }
}

/**
 * What the target KV holds: its manifest (one read) names every live and retired pack, and one
 * list finds the packs that a killed deploy of the coming generation left behind. A manifest of
 * the older layout has its packs retired; one that cannot be read at all costs a list of every
 * pack, all of them retired.
 */
export async function readKvState(store: KvStore): Promise<KvState> {
  const bytes = await store.getBytes(MANIFEST_KEY);
  if (bytes === null) return { manifest: null, head: null, live: [], stray: [], orphans: await store.listKeys(generationPrefix(1)) };
  let manifest: Manifest;
  try {
    manifest = decodeManifest(bytes);
  } catch {
    const older = olderLayoutKeys(bytes);
    const stray = older ?? (await store.listKeys(PACK_PREFIX));
    return { manifest: null, head: null, live: [], stray, orphans: older ? await store.listKeys(generationPrefix(1)) : [] };
  }
  const live = await liveKeys(manifest);
  return { manifest, head: manifest.head, live, stray: [], orphans: await store.listKeys(generationPrefix(manifest.head.generation + 1)) };
}

/**
 * The layout of the posts up to the cut as KV holds it: the manifest's sections and the directory
 * pack (one more read), named by hash. A deploy whose posts up to the cut are unchanged uses it
 * instead of laying those posts out again.
 */
async function layoutInKv(store: KvStore, manifest: Manifest): Promise<SealedLayout | undefined> {
  const hash = (key: string) => packHash(key) ?? key;
  const bytes = await store.getBytes(manifest.head.directory);
  if (!bytes) return undefined;
  const pack = readPack(bytes, hash(manifest.head.directory));
  const chunk = chunkBytes(bytes, pack, "directory");
  // a directory pack from before the edge's listing chunk: laid out again, so that the edge gets one
  if (!chunk || !chunkBytes(bytes, pack, "listing")) return undefined;
  const entries = JSON.parse(new TextDecoder().decode(inflate(chunk))) as DirectoryEntry[];
  const [feeds, aliases, articles] = await Promise.all([readSection(manifest, "feeds"), readSection(manifest, "aliases"), readSection(manifest, "articles")]);
  return {
    key: manifest.head.sealed,
    hot: manifest.head.hot.map(hash),
    directory: hash(manifest.head.directory),
    feeds: Object.fromEntries(Object.entries(feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(hash) }])),
    aliases,
    articles: Object.fromEntries(Object.entries(articles).map(([period, keys]) => [period, keys.map(hash)])),
    packs: new Map(),
    summaries: new Map(entries.map((entry) => [entry.info.id, feedSummary(entry)])),
  };
}

/** Every feed a version serves, by id: its layout up to the cut (read if not given: one read) with the delta's newer FeedInfos over it. */
async function feedInfosOf(store: KvStore, manifest: Manifest, layout?: SealedLayout): Promise<Map<string, FeedInfo>> {
  const sealed = layout ?? (await layoutInKv(store, manifest));
  const infos = new Map([...(sealed?.summaries ?? [])].map(([id, { info }]) => [id, info]));
  for (const [id, info] of Object.entries((await readSection(manifest, "delta")).meta.infos)) infos.set(id, info);
  return infos;
}

/** A plan against KV, and what KV serves before it. */
export interface KvPublishPlan extends PublishPlan {
  /** Every feed of the version KV serves now, as readers are told of it (for WebSub): read when asked, from what planning already read where it can. */
  feedsBefore(): Promise<Map<string, FeedInfo>>;
}

/** Reads what the target KV holds and plans the deploy of `records` (published, newest first) onto it. */
export async function planAgainstKv(store: KvStore, records: readonly PostRecord[], site: Site, now: number, limits?: DeltaLimits): Promise<KvPublishPlan> {
  const state = await readKvState(store);
  const options = { previousCut: state.head?.cut, limits };
  // chosen once: the cut and the key of the posts up to it cost ~0.1 s at 100,000 posts
  const planned = planCut(records, site, options);
  const unchanged = state.manifest !== null && planned.sealedKey === state.head!.sealed;
  const inKv = unchanged ? await layoutInKv(store, state.manifest!) : undefined;
  const plan = planPublish(planLayout(records, site, { ...options, inKv, planned }), state, now);
  return { ...plan, feedsBefore: async () => (state.manifest ? feedInfosOf(store, state.manifest, inKv) : new Map()) };
}

export interface ApplyProgress {
  (done: number, total: number, phase: "upload" | "delete"): void;
}

/**
 * Carries a plan out: packs first, made one at a time and sent in batches, the manifest alone
 * and last, deletions after. Killed at any point, KV still serves the old version whole; run
 * again, it sends only what is missing.
 */
export async function applyPlan(store: KvStore, plan: PublishPlan, progress: ApplyProgress = () => {}): Promise<void> {
  const packs = plan.puts.filter((p) => p.key !== MANIFEST_KEY);
  const manifest = plan.puts.find((p) => p.key === MANIFEST_KEY);
  let done = 0;
  let batch: KvEntry[] = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await store.putMany(batch);
    done += batch.length;
    progress(done, plan.puts.length, "upload");
    batch = [];
    bytes = 0;
  };
  for (const put of packs) {
    const value = put.make();
    if (batch.length >= BATCH_PAIRS || bytes + value.byteLength > BATCH_BYTES) await flush();
    batch.push({ key: put.key, value });
    bytes += value.byteLength;
  }
  await flush();
  if (manifest) {
    await store.putMany([{ key: manifest.key, value: manifest.make() }]);
    progress(plan.puts.length, plan.puts.length, "upload");
  }
  if (plan.deletes.length) {
    await store.deleteMany(plan.deletes);
    progress(plan.deletes.length, plan.deletes.length, "delete");
  }
}
