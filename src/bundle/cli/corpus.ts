// npm run corpus -- --count N --out DIR [--samples posts]: a realistic corpus for tests and benchmarks.
import { parseArgs } from "node:util";
import { generateCorpus } from "../corpus.js";
import { runCli } from "./options.js";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: "string" },
      out: { type: "string" },
      samples: { type: "string", default: "posts" },
      "per-day": { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count takes a whole number of posts");
  if (!values.out) throw new Error("--out takes the folder to write the posts to");
  const result = await generateCorpus({ count, out: values.out, samples: values.samples!, perDay: Number(values["per-day"]), seed: Number(values.seed) });
  console.log(`wrote ${result.files} posts in ${result.categories} categories to ${values.out}/_posts`);
});
