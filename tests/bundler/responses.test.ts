// Every response a reader can get, byte for byte as before: tests/fixtures/responses.tsv holds, for
// every route, the status, the headers a reader acts on and the body's digest, taken from the code as
// it stood before the last change meant to change nothing a reader sees; responses-bodies.json.br
// holds those bodies (but the corpus's), so that a failure shows the first route that differs and how.
// `npx tsx tests/support/write-responses.ts` records them anew when a change is meant.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bodiesKeptFor, bodyLines, bundledKv, firstDifference, generatedPosts, recordResponses, recordedBodies, recordedSummaries, type RecordedResponse } from "../support/responses.js";
import { hasCorpus, layOutCorpusSite, root } from "../support/shared.js";

const bodies = await recordedBodies();

/** Passes when every route answers as recorded; else fails on the first route that does not, with a diff. */
async function expectAsRecorded(name: string, responses: ReadonlyMap<string, RecordedResponse>): Promise<void> {
  const difference = firstDifference(await recordedSummaries(name), responses);
  if (!difference) return;
  const { route, expected, actual, count } = difference;
  const where = `${name}: route ${route}${count > 1 ? ` (first of ${count} routes that differ)` : ""}`;
  // a route walked on one side only
  if (!expected || !actual) expect(actual?.summary ?? "(not walked)", where).toBe(expected ?? "(not walked)");
  const [wantDigest, gotDigest] = [expected!.slice(-16), actual!.summary.slice(-16)];
  const head = (summary: string) => summary.slice(0, -17);
  if (wantDigest === gotDigest) expect(head(actual!.summary), `${where}: status and headers`).toBe(head(expected!));
  const before = bodies.get(wantDigest);
  const headers = head(actual!.summary) === head(expected!) ? "" : `\n  status and headers recorded: ${head(expected!)}\n                         now: ${head(actual!.summary)}\n`;
  if (before === undefined) {
    expect.fail(`${where}: body differs (digest ${wantDigest} → ${gotDigest}); ${bodiesKeptFor.has(name) ? "its recorded body is missing" : "the corpus's bodies are not recorded"}${headers}`);
  }
  // one element or JSON member a line; the raw bodies when that hides the difference (whitespace between tags)
  const [got, want] = bodyLines(actual!.body) === bodyLines(before) ? [actual!.body, before] : [bodyLines(actual!.body), bodyLines(before)];
  expect(got, `${where}: body${headers}`).toBe(want);
}

describe("responses, byte for byte as recorded", () => {
  it("posts/", async () => {
    await expectAsRecorded("samples", await recordResponses(await bundledKv(join(root, "posts"))));
  });

  it("600 generated posts", async () => {
    await expectAsRecorded("generated", await recordResponses(await bundledKv(await generatedPosts())));
  });

  it.skipIf(!hasCorpus)("the corpus as the site lays it out, with the seed", async () => {
    await expectAsRecorded("corpus-site", await recordResponses(await bundledKv((await layOutCorpusSite())!)));
  });
});
