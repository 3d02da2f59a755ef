import type { BundleResult } from "./bundle-posts.js";

export interface BundleReport {
  postsDir: string;
  published: number;
  skipped: BundleResult["skipped"];
  problems: BundleResult["problems"];
  keys: number;
}

export function makeReport(postsDir: string, result: BundleResult, keys: number): BundleReport {
  return { postsDir, published: result.records.length, skipped: result.skipped, problems: result.problems, keys };
}

/** Problems one per line on stderr, then one summary line on stdout. */
export function printReport(report: BundleReport): void {
  for (const problem of report.problems) console.error(`${problem.severity}: ${problem.file}: ${problem.message}`);
  for (const skip of report.skipped.filter((s) => !report.problems.some((p) => p.file === s.file && p.severity === "error"))) {
    console.error(`skipped: ${skip.file}: ${skip.reason}`);
  }
  console.log(`${report.published} posts published, ${report.skipped.length} skipped, ${report.problems.length} problems, ${report.keys} KV keys`);
}
