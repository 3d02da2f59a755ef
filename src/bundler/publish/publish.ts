import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { buildPosts, type FolderBuild } from "../records/build-posts.js";
import { StalePlanError, applyPlan, planPublish } from "./apply.js";
import { CountingKvStore, type KvStore } from "./kv-store.js";
import { startProgress } from "../cli/progress.js";
import { makeReport, printReport, type BundleReport } from "./report.js";
import { changedFeeds, feedUrls, notifyHub } from "./websub.js";

export interface PublishOptions {
  postsDir: string;
  store: KvStore;
  /** Build cache folder: unchanged posts are not built again. */
  cacheDir?: string;
  /** Print what would be written and deleted; change nothing. */
  dryRun?: boolean;
  /** Progress bars (terminal) or lines (elsewhere) on stderr. */
  progress?: boolean;
  /** Any problem (a post not published, or published with a repair) stops the publish before it writes. */
  strict?: boolean;
  /** Build threads, this one included (default: one per core). */
  threads?: number;
  /** The clock: which posts are due (Jekyll's future posts). Retired packs go by KV's clock, never by this. */
  now?: number;
  /**
   * Tell a WebSub hub of every feed the publish changed (remote publishes only): `hub`, or the
   * site's (`feed_publisher.websub_hub`); "" for none. `afterMs`: how long to wait first
   * (default KV_SERVES_AFTER_MS), so that the hub fetching at once finds what was published.
   */
  websub?: { hub?: string; afterMs?: number };
  /** Publish `_drafts/` too. */
  drafts?: boolean;
}

/** Every command's one path: posts folder → records → layout → plan against the target KV → apply. */
export async function publish({ postsDir, store, cacheDir, dryRun = false, progress = false, strict = false, threads, now = Date.now(), websub, drafts }: PublishOptions): Promise<BundleReport> {
  const info = await stat(postsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no site at ${postsDir}`);
  const started = performance.now();
  const result = await buildPosts(postsDir, { threads: threads ?? availableParallelism(), cacheDir, progress, now, ...(drafts ? { drafts } : {}) });
  const buildSeconds = (performance.now() - started) / 1000;
  let hub = websub ? (websub.hub ?? result.site.websubHub) : "";
  if (hub && !result.site.url) {
    result.problems.push({ file: "_config.yml", severity: "warning", message: `the WebSub hub ${hub} is not told of changed feeds: the site has no url to name them by` });
    hub = "";
  }
  const afterMs = websub?.afterMs ?? KV_SERVES_AFTER_MS;
  return publishRecords(result, postsDir, new CountingKvStore(store), { dryRun, progress, strict, buildSeconds, ...(hub ? { hub, afterMs } : {}) });
}

interface PublishSettings {
  dryRun: boolean;
  progress: boolean;
  strict: boolean;
  buildSeconds: number;
  hub?: string;
  afterMs?: number;
}

/**
 * When every location serves a new manifest: KV's own propagation (up to 60 s for a key read
 * before) and the Worker's MANIFEST_TTL_SECONDS (5). A hub fetches a feed as soon as it is told.
 */
const KV_SERVES_AFTER_MS = 65_000;

/** A plan made again this many times at most when it grows too old before its manifest (a very slow upload). */
const PLAN_ATTEMPTS = 3;

async function publishRecords(result: FolderBuild, postsDir: string, store: CountingKvStore, { dryRun, progress, strict, buildSeconds, hub, afterMs = 0 }: PublishSettings): Promise<BundleReport> {
  const seconds = { build: buildSeconds, layout: 0, upload: 0 };
  for (let attempt = 1; ; attempt++) {
    let started = performance.now();
    const plan = await planPublish(store, result.records, result.site);
    seconds.layout += (performance.now() - started) / 1000;
    const report = makeReport(postsDir, result, plan, seconds, store.counts);
    if (strict && report.problems.length) {
      printReport(report);
      throw new Error(`--strict: ${report.problems.length} problems, nothing written`);
    }
    if (dryRun) {
      for (const put of [...plan.puts, ...(plan.clock ? [plan.clock] : [])]) console.log(`would write ${put.key} (${put.encode().byteLength} bytes)`);
      for (const key of plan.deletes) console.log(`would delete ${key}`);
      printReport(report);
      return report;
    }
    // what readers were told before, to tell the hub which feeds changed
    const before = hub ? await plan.feedsBefore() : undefined;
    const bar = progress ? startProgress("upload", plan.puts.length) : undefined;
    started = performance.now();
    try {
      await applyPlan(store, plan, { progress: (done) => bar?.update(done) });
    } catch (error) {
      if (!(error instanceof StalePlanError) || attempt >= PLAN_ATTEMPTS) throw error;
      console.error(`warning: ${error.message}`);
      continue;
    } finally {
      seconds.upload += (performance.now() - started) / 1000;
      bar?.stop();
    }
    if (hub && before) {
      const urls = changedFeeds(before, plan.feeds).flatMap((info) => feedUrls(info, result.site));
      if (urls.length && afterMs > 0) {
        console.error(`WebSub: telling ${hub} in ${Math.round(afterMs / 1000)} s, once KV serves this version everywhere`);
        await new Promise((resolve) => setTimeout(resolve, afterMs));
      }
      report.websub = await notifyHub(hub, urls);
    }
    printReport(report);
    return report;
  }
}
