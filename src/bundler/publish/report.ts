import type { FolderBuild } from "../records/build-posts.js";
import type { PublishPlan } from "./apply.js";
import type { KvCounts } from "./kv-store.js";
import { MAX_PINGS, type WebSubReport } from "./websub.js";

export interface BundleReport {
  postsDir: string;
  /** Posts published. */
  posts: number;
  /** Posts built (read, Liquid and Markdown made HTML, cleaned) this time. */
  built: number;
  /** Posts taken from the build cache: source, settings and code unchanged. */
  unchanged: number;
  /** KV writes this publish makes: packs missing from KV, the manifest when it changed, the clock while packs are retired. */
  writes: number;
  /** Retired packs deleted now that their grace period is over. */
  deletes: number;
  /** Packs of this version already in KV. */
  kept: number;
  /** Packs the version KV served named but KV no longer held: written again (under new keys). */
  repaired: string[];
  version: string;
  /** Every KV operation the publish made, as the Free plan counts them, and the bytes it sent. */
  kv: KvCounts;
  /** Seconds spent reading and building posts, laying out and planning, and writing to KV. */
  seconds: { build: number; layout: number; upload: number };
  skipped: FolderBuild["skipped"];
  problems: FolderBuild["problems"];
  /** What the WebSub hub was told, when one is set and the publish wrote to remote KV. */
  websub?: WebSubReport;
}

/** `kv` is the live counter of the store the publish goes through: final once the plan is applied. */
export function makeReport(postsDir: string, result: FolderBuild, plan: PublishPlan, seconds: BundleReport["seconds"], kv: KvCounts): BundleReport {
  return {
    postsDir,
    posts: result.records.length,
    built: result.built,
    unchanged: result.unchanged,
    writes: plan.puts.length + (plan.clock ? 1 : 0),
    deletes: plan.deletes.length,
    kept: plan.kept,
    repaired: plan.repaired,
    version: plan.manifest.version,
    kv,
    seconds,
    skipped: result.skipped,
    problems: plan.unreadable
      ? [...result.problems, { file: "KV", severity: "warning", message: `the manifest KV holds could not be read (${plan.unreadable}): every pack is retired and the site written anew` }]
      : result.problems,
  };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;

/** Problems one per line on stderr, then the summary on stdout. */
export function printReport(report: BundleReport): void {
  for (const key of report.repaired) console.error(`warning: KV: ${key}, named by the version served, was missing: written again`);
  for (const problem of report.problems) console.error(`${problem.severity}: ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
  const failed = new Set(report.problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const skip of report.skipped.filter((s) => !failed.has(s.file))) console.error(`skipped: ${skip.file}: ${skip.reason}`);
  const { kv } = report;
  console.log(
    `${report.posts} posts published (${report.built} built, ${report.unchanged} unchanged), ` +
      `${report.skipped.length} skipped, ${report.problems.length} problems; ` +
      `KV: ${report.writes} writes (${megabytes(kv.bytesSent)}), ${report.deletes} deletes, ${kv.reads} reads, ${kv.lists} lists, ${report.kept} packs kept; version ${report.version}`,
  );
  const { websub } = report;
  if (websub) {
    for (const { url, error } of websub.failed) console.error(`warning: WebSub: ${websub.hub} was not told of ${url}: ${error}`);
    console.log(`WebSub: ${websub.hub} told of ${websub.sent} changed feed URLs, ${websub.failed.length} failed${websub.skipped ? `, ${websub.skipped} not sent (at most ${MAX_PINGS} a publish)` : ""}`);
  }
}
