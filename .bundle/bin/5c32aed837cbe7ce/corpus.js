import {
  runCli
} from "./chunk-RDYSVI7P.js";
import {
  listPostFiles,
  parseFrontMatter
} from "./chunk-DA5FARUQ.js";

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
function characterPool(texts) {
  return texts.flatMap((text) => text.match(new RegExp("\\p{Script=Han}", "gu")) ?? []);
}
function redraw(text, pool, next) {
  return text.split("\n").map((line) => line.startsWith("[\u8FD4\u56DE") ? line : line.replace(new RegExp("\\p{Script=Han}", "gu"), (char) => next() < 0.9 ? pool[Math.floor(next() * pool.length)] : char)).join("\n");
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
  const sources = Math.max(1, options.categories ?? Math.round(options.count / 10));
  const pool = options.unique ? characterPool(samples.map((s) => s.body)) : [];
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
    const chance = random((options.seed ?? 1) * 1000003 + i);
    const title = `${(options.unique ? redraw(sample.title, pool, chance) : sample.title).replaceAll('"', "\u201C")}\uFF08${i}\uFF09`;
    const own = options.unique ? redraw(sample.body, pool, chance) : sample.body;
    const body = own.replace(/\d{6,}/g, id);
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
      seed: { type: "string", default: "1" },
      "last-day": { type: "string" },
      categories: { type: "string" },
      unique: { type: "boolean", default: false }
    }
  });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1) throw new Error("--count takes a whole number of posts");
  if (!values.out) throw new Error("--out takes the folder to write the posts to");
  const categories = values.categories === void 0 ? void 0 : Number(values.categories);
  if (categories !== void 0 && !(Number.isInteger(categories) && categories >= 1)) throw new Error("--categories takes a whole number of media categories");
  const result = await generateCorpus({
    count,
    out: values.out,
    samples: values.samples,
    perDay: Number(values["per-day"]),
    seed: Number(values.seed),
    lastDay: values["last-day"],
    categories,
    unique: values.unique
  });
  console.log(`wrote ${result.files} posts in ${result.categories} categories to ${values.out}/_posts`);
});
//# sourceMappingURL=corpus.js.map
