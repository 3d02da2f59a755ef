// What deploys cost at a given size: run small by `npm test` (tests/bundler) and at the archive's
// scale by `npm run test:slow` (tests/slow), the same code either way.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import { readKvState } from "../../src/bundler/publish/kv-state.js";
import { OfflineKvStore } from "../../src/bundler/publish/offline-store.js";
import type { WritePlan } from "../../src/bundler/publish/writes.js";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest } from "../../src/kv/manifest.js";
import { readArticle } from "../../src/worker/store.js";
import { generateCorpus } from "../../tools/corpus.js";
import { archiveSite as site } from "./archive-site.js";
import { publishRecords } from "./bundles.js";
import { MemoryKv } from "./memory-kv.js";
import { syntheticRecords } from "./records.js";
import { postFilesOf, root } from "./shared.js";

const MINUTE = 60_000;

/** Applies a plan to a KV of keys: the manifest and the clock whole, packs by name only unless `made` (then their bytes count too). */
async function applyKeys(store: OfflineKvStore, plan: WritePlan, made = false): Promise<{ bytes: number }> {
  let bytes = 0;
  for (const put of [...plan.puts, ...(plan.clock ? [plan.clock] : [])]) {
    const value = made || put.key === MANIFEST_KEY || put === plan.clock ? put.encode() : new Uint8Array(0);
    bytes += value.byteLength;
    await store.putMany([{ key: put.key, value, ...put.extras }]);
  }
  await store.deleteMany(plan.deletes);
  return { bytes };
}

/** A first deploy of `count` synthetic posts, then one more post: what each writes. */
export async function plusOnePost(count: number): Promise<{ firstWrites: number; writes: number; bytes: number }> {
  const all = syntheticRecords(count + 1);
  const kv = OfflineKvStore.inMemory();
  const first = await planPublish(kv, all.slice(1), site);
  await applyKeys(kv, first);
  kv.now += MINUTE;
  const next = await planPublish(kv, all, site);
  const { bytes } = await applyKeys(kv, next, true);
  return { firstWrites: first.puts.length, writes: next.puts.length + (next.clock ? 1 : 0), bytes };
}

/**
 * A day of publishes onto `onto` synthetic posts: `posts` more falling due over 24 hours, published
 * `publishes` times at even intervals (288 is every 5 minutes): the day's writes, deletes and compactions.
 */
export async function dayOfPublishes({ onto, posts, publishes }: { onto: number; posts: number; publishes: number }): Promise<{ writes: number; deletes: number; compactions: number }> {
  const all = syntheticRecords(onto + posts);
  const start = Date.parse(all[posts]!.date) + MINUTE;
  const kv = OfflineKvStore.inMemory(undefined, start);
  await applyKeys(kv, await planPublish(kv, all.slice(posts), site));
  let writes = 0;
  let deletes = 0;
  let compactions = 0;
  let cut = (await readKvState(kv)).head!.cut;
  for (let publish = 1; publish <= publishes; publish++) {
    const now = start + Math.round((publish * 24 * 60) / publishes) * MINUTE;
    kv.now = now;
    const plan = await planPublish(kv, all.filter((r) => Date.parse(r.date) <= now), site);
    await applyKeys(kv, plan);
    writes += plan.puts.length + (plan.clock ? 1 : 0);
    deletes += plan.deletes.length;
    if (plan.manifest.cut !== cut) compactions++;
    cut = plan.manifest.cut;
  }
  return { writes, deletes, compactions };
}

/** `count` synthetic posts deployed, then post `edited` retitled: the packs that deploy writes, and the article as served after it. */
export async function editOldPost(count: number, edited: number): Promise<{ packs: number; title: string | undefined }> {
  const all = syntheticRecords(count);
  const kv = new MemoryKv();
  await applyPlan(kv, await planPublish(kv, all, site));
  kv.now += MINUTE;
  const plan = await planPublish(kv, all.map((r, i) => (i === edited ? { ...r, title: "改过的标题" } : r)), site);
  await applyPlan(kv, plan);
  const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
  return { packs: plan.puts.filter((p) => p.key !== MANIFEST_KEY).length, title: (await readArticle(kv.namespace(), manifest, all[edited]!.path))?.title };
}

/** What KV holds after a first deploy of `count` generated posts, each its own text, in `categories` categories, over the size of their Markdown. */
export async function storageOverMarkdown(count: number, categories: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "unique-"));
  await generateCorpus({ count, out: dir, samples: join(root, "posts"), categories, unique: true });
  const kv = new MemoryKv();
  await publishRecords(kv, (await buildPosts(dir, { threads: 2 })).records);
  let markdown = 0;
  for (const file of await postFilesOf(dir)) markdown += (await readFile(join(dir, file))).byteLength;
  return kv.bytes / markdown;
}
