import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { site } from "../site.js";
import { bundlePosts, type BundleResult } from "./bundle-posts.js";
import { applyPlan, planAgainst } from "./deploy.js";
import { CountingKvStore, type KvStore } from "./kv-store.js";
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
  /** The clock, for tests: what is due, and when retired packs may go. */
  now?: number;
}

export class StrictModeError extends Error {}

/** Every command's one path: posts folder → records → layout → plan against the target KV → apply. */
export async function publish({ postsDir, store, cacheDir, dryRun = false, progress = false, strict = false, threads, now = Date.now() }: PublishOptions): Promise<BundleReport> {
  const info = await stat(postsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no posts folder at ${postsDir}`);
  const started = performance.now();
  const result = await bundlePosts(postsDir, site, { threads: threads ?? availableParallelism(), cacheDir, progress, now });
  const renderSeconds = (performance.now() - started) / 1000;
  return deployRecords(result, postsDir, new CountingKvStore(store), { dryRun, progress, strict, renderSeconds, now });
}

async function deployRecords(
  result: BundleResult,
  postsDir: string,
  store: CountingKvStore,
  { dryRun, progress, strict, renderSeconds, now }: { dryRun: boolean; progress: boolean; strict: boolean; renderSeconds: number; now: number },
): Promise<BundleReport> {
  const seconds = { render: renderSeconds, layout: 0, upload: 0 };
  let started = performance.now();
  const plan = await planAgainst(store, result.records, site, now);
  seconds.layout = (performance.now() - started) / 1000;
  const report = makeReport(postsDir, result, plan, seconds, store.counts);
  if (strict && report.problems.length) {
    printReport(report);
    throw new StrictModeError(`--strict: ${report.problems.length} problems, nothing written`);
  }
  if (dryRun) {
    for (const put of plan.puts) console.log(`would write ${put.key} (${put.make().byteLength} bytes)`);
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
