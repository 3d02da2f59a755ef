import type { BundleResult } from "./bundle-posts.js";
import type { DeployPlan } from "./deploy-plan.js";

export interface BundleReport {
  postsDir: string;
  /** Posts published. */
  posts: number;
  /** Posts whose Markdown was rendered and cleaned this time. */
  rendered: number;
  /** Posts taken from the render cache: source, settings and code unchanged. */
  unchanged: number;
  /** KV writes this deploy makes (packs missing from KV, plus the manifest when it changed). */
  writes: number;
  /** Retired packs deleted now that their grace period is over. */
  deletes: number;
  /** Packs of this version already in KV. */
  kept: number;
  version: string;
  /** Seconds spent reading and rendering posts, laying out packs, and writing to KV. */
  seconds: { render: number; layout: number; upload: number };
  skipped: BundleResult["skipped"];
  problems: BundleResult["problems"];
}

export function makeReport(postsDir: string, posts: number, result: BundleResult, plan: DeployPlan, seconds: BundleReport["seconds"]): BundleReport {
  return {
    postsDir,
    posts,
    rendered: result.rendered,
    unchanged: result.unchanged,
    writes: plan.puts.length,
    deletes: plan.deletes.length,
    kept: plan.kept,
    version: plan.manifest.version,
    seconds,
    skipped: result.skipped,
    problems: result.problems,
  };
}

/** Problems one per line on stderr, then the summary on stdout. */
export function printReport(report: BundleReport): void {
  for (const problem of report.problems) console.error(`${problem.severity}: ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
  const failed = new Set(report.problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const skip of report.skipped.filter((s) => !failed.has(s.file))) console.error(`skipped: ${skip.file}: ${skip.reason}`);
  console.log(
    `${report.posts} posts published (${report.rendered} rendered, ${report.unchanged} unchanged), ` +
      `${report.skipped.length} skipped, ${report.problems.length} problems; ` +
      `KV: ${report.writes} writes, ${report.deletes} deletes, ${report.kept} packs kept; version ${report.version}`,
  );
}
