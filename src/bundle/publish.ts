import { mkdtemp, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { site } from "../site.js";
import { bundlePosts, type BundleResult } from "./bundle-posts.js";
import { applyPlan, planAgainst } from "./deploy.js";
import type { KvStore } from "./kv-store.js";
import { layOutKv } from "./layout-kv.js";
import { startProgress } from "./progress.js";
import { makeReport, printReport, type BundleReport } from "./report.js";

export interface PublishOptions {
  postsDir: string;
  store: KvStore;
  /** Render cache folder: unchanged posts are not rendered again. */
  cacheDir?: string;
  /** Print what would be written and deleted; change nothing. */
  dryRun?: boolean;
  /** Progress bars (terminal) or lines (elsewhere) on stderr. */
  progress?: boolean;
  /** Any problem (a post not published, or published with a repair) stops the deploy before it writes. */
  strict?: boolean;
  /** Render threads, this one included (default: one per core). */
  threads?: number;
}

export class StrictModeError extends Error {}

/** Every command's one path: posts folder → records → packs → plan against the target KV → apply. */
export async function publish({ postsDir, store, cacheDir, dryRun = false, progress = false, strict = false, threads }: PublishOptions): Promise<BundleReport> {
  const info = await stat(postsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no posts folder at ${postsDir}`);
  const started = performance.now();
  const result = await bundlePosts(postsDir, site, { threads: threads ?? availableParallelism(), cacheDir, progress });
  const renderSeconds = (performance.now() - started) / 1000;
  const spillDir = await mkdtemp(join(tmpdir(), "feed-publisher-packs-"));
  try {
    return await deployRecords(result, postsDir, store, spillDir, { dryRun, progress, strict, renderSeconds });
  } finally {
    await rm(spillDir, { recursive: true, force: true });
  }
}

async function deployRecords(
  result: BundleResult,
  postsDir: string,
  store: KvStore,
  spillDir: string,
  { dryRun, progress, strict, renderSeconds }: { dryRun: boolean; progress: boolean; strict: boolean; renderSeconds: number },
): Promise<BundleReport> {
  const seconds = { render: renderSeconds, layout: 0, upload: 0 };
  let started = performance.now();
  const layout = layOutKv(result.records, site, { spillDir });
  seconds.layout = (performance.now() - started) / 1000;
  // the packs are sealed now (in memory or on disk); the records are not needed any more
  const posts = result.records.length;
  result.records = [];
  const plan = await planAgainst(store, layout);
  const report = makeReport(postsDir, posts, result, plan, seconds);
  if (strict && report.problems.length) {
    printReport(report);
    throw new StrictModeError(`--strict: ${report.problems.length} problems, nothing written`);
  }
  if (dryRun) {
    for (const entry of plan.puts) console.log(`would write ${entry.key} (${Buffer.byteLength(entry.value)} bytes)`);
    for (const key of plan.deletes) console.log(`would delete ${key}`);
  } else {
    const bar = progress ? startProgress("upload", plan.puts.length) : undefined;
    started = performance.now();
    await applyPlan(store, plan, (done) => bar?.update(done));
    seconds.upload = (performance.now() - started) / 1000;
    bar?.stop();
  }
  printReport(report);
  return report;
}
