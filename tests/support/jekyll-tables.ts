import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { root } from "./shared.js";
import { sitesFingerprint } from "./jekyll-sites.js";

/** One variant of a reference table: its settings, the feed's own Atom id, and Jekyll's rows. */
export interface ReferenceVariant {
  name: string;
  config: Record<string, unknown>;
  /** Fourth column: the feed's `<id>` (permalinks table) or the build's flags (post-files table). */
  extra: string;
  flags: string;
  /** What Jekyll printed while building (warnings). */
  said: string[];
  rows: string[][];
}

/**
 * A table written by tests/support/jekyll-reference.ts. Throws when the sites of jekyll-sites.ts
 * changed since it was made: rerun the tool where Jekyll is installed.
 */
export async function readReferenceTable(name: "jekyll-permalinks.tsv" | "jekyll-post-files.tsv" | "jekyll-settings.tsv"): Promise<ReferenceVariant[]> {
  const text = await readFile(join(root, "tests/fixtures", name), "utf8");
  const fingerprint = /# sites fingerprint: (\w+)/.exec(text)?.[1];
  if (fingerprint !== sitesFingerprint()) throw new Error(`tests/fixtures/${name} was made from other sites: run npx tsx tests/support/jekyll-reference.ts`);
  const variants: ReferenceVariant[] = [];
  for (const line of text.split("\n").slice(3)) {
    if (!line) continue;
    const cells = line.split("\t");
    if (cells[0] === "#variant") {
      variants.push({ name: cells[1]!, config: JSON.parse(cells[2]!) as Record<string, unknown>, extra: cells[3] ?? "", flags: cells[4] ?? cells[3] ?? "", said: [], rows: [] });
    } else if (line.startsWith("# jekyll said: ")) {
      variants.at(-1)!.said.push(line.slice("# jekyll said: ".length));
    } else {
      variants.at(-1)!.rows.push(cells.slice(1));
    }
  }
  return variants;
}
