import { stat } from "node:fs/promises";
import { site } from "../site.js";
import { bundlePosts } from "./bundle-posts.js";
import { packKvEntries, type KvEntry } from "./pack.js";
import { makeReport, printReport, type BundleReport } from "./report.js";

/** Bundles a posts folder into KV entries and prints what happened: the first step of every command. */
export async function bundleFolder(postsDir: string): Promise<{ entries: KvEntry[]; report: BundleReport }> {
  const info = await stat(postsDir).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`no posts folder at ${postsDir}`);
  const result = await bundlePosts(postsDir, site);
  const entries = packKvEntries(result.records, site);
  const report = makeReport(postsDir, result, entries.length);
  printReport(report);
  return { entries, report };
}
