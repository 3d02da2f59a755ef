// What deploys cost at the archive's scale (npm run test:slow); tests/bundler runs the same small.
import { describe, expect, it } from "vitest";
import { dayOfPublishes, editOldPost, plusOnePost, storageOverMarkdown } from "../support/scale.js";

describe("what a deploy costs (2,000 categories)", () => {
  it.each([20_000, 100_000])("+1 post onto %i posts: at most 3 writes and 1 MB", async (count) => {
    const { firstWrites, writes, bytes } = await plusOnePost(count);
    expect(writes).toBeLessThanOrEqual(3);
    expect(bytes).toBeLessThanOrEqual(1024 * 1024);
    // and the first deploy fits a day of the Free plan's writes many times over
    expect(firstWrites).toBeLessThan(250);
  });

  it("a day at the real cadence: 288 publishes carrying 300 posts onto 20,000, at most 500 writes and 500 deletes in all", async () => {
    const { writes, deletes, compactions } = await dayOfPublishes({ onto: 20_000, posts: 300, publishes: 288 });
    expect(compactions).toBeGreaterThanOrEqual(2);
    expect(writes).toBeLessThanOrEqual(500);
    expect(deletes).toBeLessThanOrEqual(500);
  });

  it("an edited old post rewrites only the packs that hold it", async () => {
    const { packs, title } = await editOldPost(20_000, 5_000);
    // its article pack, a run or hot pack each of the main feed, its category and its tag
    expect(packs).toBeGreaterThan(0);
    expect(packs).toBeLessThanOrEqual(4);
    expect(title).toBe("改过的标题");
  });
});

describe("KV storage", () => {
  it("holds at most 1.5 × the posts' Markdown: 20,000 unique posts in 2,000 categories", async () => {
    expect(await storageOverMarkdown(20_000, 2_000)).toBeLessThanOrEqual(1.5);
  });
});
