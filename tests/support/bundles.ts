import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCorpus } from "../../src/bundle/corpus.js";
import { bundlePosts } from "../../src/bundle/bundle-posts.js";
import { planDeploy } from "../../src/bundle/deploy-plan.js";
import type { KvEntry } from "../../src/bundle/kv-store.js";
import { layOutKv } from "../../src/bundle/layout-kv.js";
import { site } from "../../src/site.js";
import { corpusDir, hasCorpus, layOutCorpusSite, root } from "./shared.js";

/** Everything the Worker tests load into KV, made by the real bundler before they start. */
export interface TestBundles {
  /** The project's own `posts/`. */
  samples: KvEntry[];
  /** The corpus as the site lays it out, plus the seed; null without ../shared. */
  corpusSite: KvEntry[] | null;
  /** The corpus folder as it is (flattened `_posts__…` names); null without ../shared. */
  corpusFlat: KvEntry[] | null;
  /** 600 posts from the corpus generator: 12 pages of the main feed, two buckets. */
  generated: KvEntry[];
  /** A deploy of an edited posts/ over `samples`, split where it matters: packs, then the manifest. */
  redeploy: { packs: KvEntry[]; manifest: KvEntry; editedTitle: string };
}

/** What a first deploy of `dir` writes to an empty KV. */
async function bundle(dir: string): Promise<KvEntry[]> {
  const { records } = await bundlePosts(dir, site);
  return planDeploy(layOutKv(records, site), new Set(), null, Date.now()).puts;
}

async function redeploy(): Promise<TestBundles["redeploy"]> {
  const { records } = await bundlePosts(join(root, "posts"), site);
  const first = planDeploy(layOutKv(records, site), new Set(), null, Date.now());
  const editedTitle = "改过的标题：新版本";
  const edited = layOutKv([{ ...records[0]!, title: editedTitle }, ...records.slice(1)], site);
  const existing = new Set(first.puts.map((e) => e.key).filter((k) => k.startsWith("pack/")));
  const { puts } = planDeploy(edited, existing, first.manifest, Date.now());
  return { packs: puts.slice(0, -1), manifest: puts.at(-1)!, editedTitle };
}

export async function makeTestBundles(): Promise<TestBundles> {
  const siteDir = await layOutCorpusSite();
  const generatedDir = await mkdtemp(join(tmpdir(), "generated-"));
  await generateCorpus({ count: 600, out: generatedDir, samples: join(root, "posts"), perDay: 40 });
  return {
    samples: await bundle(join(root, "posts")),
    corpusSite: siteDir ? await bundle(siteDir) : null,
    corpusFlat: hasCorpus ? await bundle(corpusDir) : null,
    generated: await bundle(generatedDir),
    redeploy: await redeploy(),
  };
}
