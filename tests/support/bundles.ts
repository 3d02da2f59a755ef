import { join } from "node:path";
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
}

/** What a first deploy of `dir` writes to an empty KV. */
async function bundle(dir: string): Promise<KvEntry[]> {
  const { records } = await bundlePosts(dir, site);
  return planDeploy(layOutKv(records, site), new Set(), null, Date.now()).puts;
}

export async function makeTestBundles(): Promise<TestBundles> {
  const siteDir = await layOutCorpusSite();
  return {
    samples: await bundle(join(root, "posts")),
    corpusSite: siteDir ? await bundle(siteDir) : null,
    corpusFlat: hasCorpus ? await bundle(corpusDir) : null,
  };
}
