import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { generateCorpus } from "../../tools/corpus.js";
import { applyPlan, planPublish } from "../../src/bundler/publish/apply.js";
import type { PostRecord } from "../../src/post.js";
import { archiveSite as site } from "./archive-site.js";
import { writeBlogSite } from "./blog-site.js";
import { MemoryKv } from "./memory-kv.js";
import { layOutCorpusSite, root } from "./shared.js";

/** A KV value as the Worker tests get it from Node (values are binary). */
export interface KvEntryText {
  key: string;
  base64: string;
}

/** Everything the Worker tests load into KV, made by the real bundler before they start. */
export interface TestBundles {
  /** The project's own `posts/`. */
  samples: KvEntryText[];
  /** The corpus as the site lays it out, plus the seed; null without ../shared. */
  corpusSite: KvEntryText[] | null;
  /** 600 posts from the corpus generator: 12 pages of the main feed. */
  generated: KvEntryText[];
  /** A small English blog with a baseurl and moved feeds (tests/support/blog-site.ts). */
  blog: KvEntryText[];
  /** A deploy of an edited posts/ over `samples`, split where it matters: packs, then the manifest. */
  redeploy: { packs: KvEntryText[]; manifest: KvEntryText; editedTitle: string };
}

const asText = (key: string, value: Uint8Array): KvEntryText => ({ key, base64: Buffer.from(value).toString("base64") });

/** Publishes records into `kv` as `npm start` would. */
export async function publishRecords(kv: MemoryKv, records: readonly PostRecord[]) {
  const plan = await planPublish(kv, records, site);
  await applyPlan(kv, plan);
  return plan;
}

/** What a first publish of the site at `dir` leaves in an empty KV. */
async function bundle(dir: string): Promise<KvEntryText[]> {
  const kv = new MemoryKv();
  const { records, site: settings } = await buildPosts(dir);
  await applyPlan(kv, await planPublish(kv, records, settings));
  return [...kv.values].map(([key, value]) => asText(key, value));
}

/** posts/, then the same with the title of an older emnews post changed: its packs and the manifest change. */
async function redeploy(): Promise<TestBundles["redeploy"]> {
  const { records } = await buildPosts(join(root, "posts"));
  const kv = new MemoryKv();
  await publishRecords(kv, records);
  const editedTitle = "改过的标题：新版本";
  const target = "/emnews/2024/03/13/202403131000000004.html";
  const edited = records.map((r) => (r.path === target ? { ...r, title: editedTitle } : r));
  const plan = await planPublish(kv, edited, site);
  const made = plan.puts.map((put) => asText(put.key, put.encode()));
  return { packs: made.slice(0, -1), manifest: made.at(-1)!, editedTitle };
}

export async function makeTestBundles(): Promise<TestBundles> {
  const siteDir = await layOutCorpusSite();
  const generatedDir = await mkdtemp(join(tmpdir(), "generated-"));
  await generateCorpus({ count: 600, out: generatedDir, samples: join(root, "posts"), perDay: 40 });
  return {
    samples: await bundle(join(root, "posts")),
    corpusSite: siteDir ? await bundle(siteDir) : null,
    generated: await bundle(generatedDir),
    blog: await bundle(await writeBlogSite()),
    redeploy: await redeploy(),
  };
}
