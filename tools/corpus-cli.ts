// npm run corpus -- --count N --out DIR [--samples posts --per-day 300 --seed 1 --last-day YYYY-MM-DD --categories N --unique]:
// a realistic corpus for tests and benchmarks.
import { parseArgs } from "node:util";
import { generateCorpus } from "./corpus.js";
import { runCli } from "../src/bundler/cli/options.js";

runCli(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: "string" },
      out: { type: "string" },
      samples: { type: "string", default: "posts" },
      "per-day": { type: "string", default: "300" },
      seed: { type: "string", default: "1" },
      "last-day": { type: "string" },
      categories: { type: "string" },
      unique: { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count takes a whole number of posts");
  if (!values.out) throw new Error("--out takes the folder to write the posts to");
  const categories = values.categories === undefined ? undefined : Number(values.categories);
  if (categories !== undefined && !(Number.isInteger(categories) && categories >= 1)) throw new Error("--categories takes a whole number of media categories");
  const result = await generateCorpus({
    count,
    out: values.out,
    samples: values.samples!,
    perDay: Number(values["per-day"]),
    seed: Number(values.seed),
    lastDay: values["last-day"],
    categories,
    unique: values.unique,
  });
  console.log(`wrote ${result.files} posts in ${result.categories} categories to ${values.out}/_posts`);
});
