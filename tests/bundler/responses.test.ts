// Every response a reader can get, byte for byte as before: the digests in tests/fixtures/responses.tsv
// were taken from the code as it stood before the last change meant to change nothing a reader sees
// (tsx tests/support/write-responses.ts <600 generated posts> writes them anew when a change is meant).
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateCorpus } from "../../tools/corpus.js";
import { bundledKv, digestLines, responseDigests } from "../support/responses.js";
import { hasCorpus, layOutCorpusSite, root } from "../support/shared.js";

const fixture = (await readFile(join(root, "tests/fixtures/responses.tsv"), "utf8")).trim().split("\n");
const expected = (name: string) => fixture.filter((line) => line.startsWith(`${name}\t`));

describe("responses, byte for byte as recorded", () => {
  it("posts/", async () => {
    expect(digestLines("samples", await responseDigests(await bundledKv(join(root, "posts"))))).toEqual(expected("samples"));
  });

  it("600 generated posts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "generated-"));
    await generateCorpus({ count: 600, out: dir, samples: join(root, "posts"), perDay: 40, seed: 1 });
    expect(digestLines("generated", await responseDigests(await bundledKv(dir)))).toEqual(expected("generated"));
  });

  it.skipIf(!hasCorpus)("the corpus as the site lays it out, with the seed", async () => {
    expect(digestLines("corpus-site", await responseDigests(await bundledKv((await layOutCorpusSite())!)))).toEqual(expected("corpus-site"));
  });
});
