import {
  runCli
} from "./chunk-J3OWE3XE.js";
import {
  listPostFiles,
  parseFrontMatter
} from "./chunk-GNPU7PPQ.js";

// src/bundle/cli/corpus.ts
import { parseArgs } from "node:util";

// src/bundle/corpus.ts
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = state + 1831565813 >>> 0;
    let t = state;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
var pad = (n, width = 2) => String(n).padStart(width, "0");
async function generateCorpus(options) {
  const perDay = options.perDay ?? 300;
  const next = random(options.seed ?? 1);
  const samples = [];
  for (const file of await listPostFiles(options.samples)) {
    const { data, body } = parseFrontMatter(await readFile(join(options.samples, file), "utf8"));
    if (typeof data.title === "string" && data.published !== false && !String(data.date).startsWith("2099")) samples.push({ title: data.title, body });
  }
  if (!samples.length) throw new Error(`no sample posts in ${options.samples}`);
  const sources = Math.max(1, Math.round(options.count / 10));
  const categories = /* @__PURE__ */ new Set();
  await mkdir(join(options.out, "_posts"), { recursive: true });
  const end = Date.parse(`${options.lastDay ?? "2024-06-30"}T23:59:59+08:00`);
  let written = 0;
  for (let i = 0; written < options.count; i++) {
    const sample = samples[Math.floor(next() * samples.length)];
    const when = new Date(end - Math.floor(i / perDay) * 864e5 - Math.floor(next() * 86e6) + 8 * 36e5);
    const day = `${when.getUTCFullYear()}-${pad(when.getUTCMonth() + 1)}-${pad(when.getUTCDate())}`;
    const time = `${pad(when.getUTCHours())}:${pad(when.getUTCMinutes())}:${pad(when.getUTCSeconds())}`;
    const id = `${day.replaceAll("-", "")}${pad(i, 10)}`;
    const title = `${sample.title.replaceAll('"', "\u201C")}\uFF08${i}\uFF09`;
    const body = sample.body.replace(/\d{6,}/g, id);
    const source = Math.floor(Math.pow(next(), 3) * sources);
    const media = `media${pad(source, 4)}`;
    const post = (category, tag) => `---
layout: post
title: "${title}"
date: ${day} ${time} +0800
categories: ${category}
tags: ${tag}
---
${body}`;
    const copies = [];
    if (next() < 0.5) copies.push(["emnews", "\u4E1C\u8D22\u6EDA\u52A8\u65B0\u95FB", id]);
    if (copies.length === 0 || next() < 0.3) copies.push([media, `${media}\u65B0\u95FB`, `NW${id}`]);
    for (const [category, tag, slug] of copies.slice(0, options.count - written)) {
      categories.add(category);
      await writeFile(join(options.out, "_posts", `${day}-${slug}.md`), post(category, tag));
      written++;
    }
  }
  return { files: written, categories: categories.size };
}

// src/bundle/cli/corpus.ts
runCli(async () => {
  const { values } = parseArgs({
    options: {
      count: { type: "string" },
      out: { type: "string" },
      samples: { type: "string", default: "posts" },
      "per-day": { type: "string", default: "300" },
      seed: { type: "string", default: "1" }
    }
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count takes a whole number of posts");
  if (!values.out) throw new Error("--out takes the folder to write the posts to");
  const result = await generateCorpus({ count, out: values.out, samples: values.samples, perDay: Number(values["per-day"]), seed: Number(values.seed) });
  console.log(`wrote ${result.files} posts in ${result.categories} categories to ${values.out}/_posts`);
});
//# sourceMappingURL=corpus.js.map
