// The archive's permalinks and ids against Jekyll's own build of it (every other permalink style
// and placeholder: permalink-styles.test.ts).
import { describe, expect, it } from "vitest";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { hasCorpus, layOutCorpusSite, readJekyllReference } from "../support/shared.js";

describe.skipIf(!hasCorpus)("against Jekyll's own build of the corpus", () => {
  it("gives every post Jekyll's permalink and jekyll-feed's Atom id", async () => {
    const dir = (await layOutCorpusSite())!;
    const { records } = await buildPosts(dir);
    const reference = await readJekyllReference();
    const ours = new Map(records.map((r) => [r.path, r.id]));
    for (const row of reference) {
      expect(ours.get(row.url), row.sitePath).toBe(row.atomId);
    }
    expect(ours.size).toBe(new Set(reference.map((r) => r.url)).size);
  });
});
