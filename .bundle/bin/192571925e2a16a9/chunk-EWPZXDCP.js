import {
  buildPostFile,
  escapeXml
} from "./chunk-YNOLPYOS.js";
import {
  listPostFiles,
  sitePath,
  statPostFile
} from "./chunk-M3MBS6RO.js";

// src/bundle/publish.ts
import { mkdtemp, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join as join3 } from "node:path";

// src/site.ts
var site = {
  title: "\u8D22\u7ECF\u65B0\u95FB\u5B58\u6863 Finews",
  description: "\u4E1C\u65B9\u8D22\u5BCC\u6EDA\u52A8\u65B0\u95FB\u4E0E\u5404\u5A92\u4F53\u6765\u6E90\u7684\u8D22\u7ECF\u65B0\u95FB\u5B58\u6863",
  /** Canonical origin: ids and absolute URLs in content are built on it, so it must not change. */
  url: "https://finews.withounder.com",
  language: "zh-CN",
  /** IANA zone for dates written without an offset, and for the date parts of permalinks. */
  timeZone: "Asia/Shanghai",
  author: "Finews",
  /** Items in each feed page and on the home page; also the largest `?limit=`. */
  itemsPerFeed: 50,
  /** Hosts whose `http://` links are rewritten to `https://` (they serve https). */
  httpsHosts: ["eastmoney.com"],
  /** WebSub hub to advertise as `rel="hub"` in every feed; empty for none. */
  websubHub: ""
};

// src/bundle/progress.ts
import cliProgress from "cli-progress";
function startProgress(label, total, stream = process.stderr) {
  if (total === 0) return { update() {
  }, stop() {
  } };
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label.padEnd(10)} [{bar}] {value}/{total} {percentage}% {eta_formatted} left`, stream, hideCursor: true },
      cliProgress.Presets.shades_classic
    );
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let shown = -1;
  return {
    update(done) {
      const tenth = Math.floor(done / total * 10);
      if (tenth > shown) {
        shown = tenth;
        stream.write(`${label}: ${done}/${total}
`);
      }
    },
    stop() {
    }
  };
}

// src/bundle/render-cache.ts
import { createHash } from "node:crypto";
import { closeSync, openSync, readSync, readdirSync, readFileSync } from "node:fs";
import { mkdir, open, rename } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
function renderCodeVersion() {
  if (process.env.FEED_PUBLISHER_RENDER_VERSION) return process.env.FEED_PUBLISHER_RENDER_VERSION;
  const here = dirname(fileURLToPath(import.meta.url));
  const files = [
    ...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => join(here, f)),
    ...["post.ts", "site.ts", "paths.ts", "escape.ts"].map((f) => join(here, "..", f))
  ].sort();
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.slice(here.length)).update(readFileSync(file));
  return hash.digest("hex");
}
var SEGMENT = 2e3;
var RenderCache = class _RenderCache {
  constructor(path, version, previous) {
    this.path = path;
    this.version = version;
    this.previous = previous;
  }
  path;
  version;
  previous;
  next = /* @__PURE__ */ new Map();
  static async open(dir, postsDir, site2) {
    const version = createHash("sha256").update(renderCodeVersion()).update(JSON.stringify(site2)).digest("hex");
    const folder = createHash("sha256").update(resolve(postsDir)).digest("hex").slice(0, 16);
    const path = join(dir, `renders-${folder}.v8`);
    return new _RenderCache(path, version, readEntries(path, version));
  }
  /** The build of `file` when its stat says it was not touched since the last run. */
  untouched(file, stats) {
    const entry = this.previous.get(file);
    const same = entry && entry.size === stats.size && entry.mtimeMs === stats.mtimeMs && entry.ctimeMs === stats.ctimeMs && entry.ino === stats.ino;
    return same ? entry : void 0;
  }
  /** The last build of `file`: its `key` is the hash of the text it was made from. */
  lastBuild(file) {
    return this.previous.get(file);
  }
  /** Keeps a build for the next run. */
  keep(file, stats, key, result, decodeWarning) {
    const { size, mtimeMs, ctimeMs, ino } = stats;
    this.next.set(file, { size, mtimeMs, ctimeMs, ino, key, result, ...decodeWarning ? { decodeWarning } : {} });
  }
  /** Writes the builds kept this run (files gone since are forgotten), replacing the file whole. */
  async save() {
    await mkdir(dirname(this.path), { recursive: true });
    const scratch = `${this.path}.${process.pid}`;
    const handle = await open(scratch, "w");
    try {
      const write = async (bytes) => {
        const length = Buffer.alloc(4);
        length.writeUInt32LE(bytes.byteLength);
        await handle.write(length);
        await handle.write(bytes);
      };
      await write(Buffer.from(this.version));
      const entries = [...this.next];
      for (let start = 0; start < entries.length; start += SEGMENT) await write(serialize(entries.slice(start, start + SEGMENT)));
    } finally {
      await handle.close();
    }
    await rename(scratch, this.path);
    this.next.clear();
    this.previous.clear();
  }
};
function readEntries(path, version) {
  const entries = /* @__PURE__ */ new Map();
  let fd;
  try {
    fd = openSync(path, "r");
  } catch {
    return entries;
  }
  try {
    const lengthBytes = Buffer.alloc(4);
    const next = () => {
      if (readSync(fd, lengthBytes, 0, 4, null) !== 4) return void 0;
      const bytes = Buffer.alloc(lengthBytes.readUInt32LE(0));
      return readSync(fd, bytes, 0, bytes.byteLength, null) === bytes.byteLength ? bytes : void 0;
    };
    if (next()?.toString() !== version) return entries;
    for (let segment = next(); segment; segment = next()) {
      for (const [file, entry] of deserialize(segment)) entries.set(file, entry);
    }
  } catch {
    entries.clear();
  } finally {
    closeSync(fd);
  }
  return entries;
}

// src/bundle/render-threads.ts
import { Worker } from "node:worker_threads";
var THREADED = 1e3;
var CHUNK = 100;
var RenderPool = class {
  constructor(root, site2, threads) {
    this.root = root;
    this.site = site2;
    this.threads = threads;
  }
  root;
  site;
  threads;
  workers = [];
  waiting = /* @__PURE__ */ new Map();
  /** Threads start only for a run worth their start-up (about 0.3 s each, loading the bundler). */
  start() {
    const script = import.meta.url.endsWith(".ts") ? new URL("./render-worker-boot.mjs", import.meta.url) : new URL("./render-worker.js", import.meta.url);
    for (let i = 1; i < this.threads; i++) {
      const worker = new Worker(script, { workerData: { root: this.root, site: this.site } });
      worker.on("message", (results) => {
        const waiter = this.waiting.get(worker);
        this.waiting.delete(worker);
        waiter?.resolve(results);
      });
      worker.on("error", (error) => {
        this.waiting.get(worker)?.reject(error);
        this.waiting.delete(worker);
      });
      this.workers.push(worker);
    }
  }
  send(worker, chunk) {
    return new Promise((resolve2, reject) => {
      this.waiting.set(worker, { resolve: resolve2, reject });
      worker.postMessage(chunk);
    });
  }
  /** Builds `files`, outcomes in the same order; `onDone` hears how many are done so far. */
  async build(files, onDone) {
    const results = new Array(files.length);
    let done = 0;
    const finish = (start, outcomes) => {
      outcomes.forEach((outcome, i) => results[start + i] = outcome);
      onDone?.(done += outcomes.length);
    };
    const buildHere = (chunk) => chunk.map(({ file, lastKey }) => buildPostFile(this.root, file, this.site, lastKey));
    if (this.threads > 1 && !this.workers.length && files.length >= THREADED) this.start();
    if (!this.workers.length || files.length <= CHUNK) {
      finish(0, buildHere(files));
      return results;
    }
    let next = 0;
    const take = () => {
      const start = next;
      next = Math.min(next + CHUNK, files.length);
      return { start, chunk: files.slice(start, next) };
    };
    const thread = async (worker) => {
      while (next < files.length) {
        const { start, chunk } = take();
        finish(start, await this.send(worker, chunk));
      }
    };
    const own = async () => {
      while (next < files.length) {
        const { start, chunk } = take();
        finish(start, buildHere(chunk));
        await new Promise((resolve2) => setImmediate(resolve2));
      }
    };
    await Promise.all([...this.workers.map(thread), own()]);
    return results;
  }
  async close() {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
};

// src/bundle/bundle-posts.ts
function pickCopies(files) {
  const byName = /* @__PURE__ */ new Map();
  for (const file of files) {
    const name = sitePath(file).split("/").pop();
    byName.set(name, [...byName.get(name) ?? [], file]);
  }
  const chosen = [];
  const duplicates = [];
  for (const copies of byName.values()) {
    const winner = copies.find((f) => sitePath(f).split("/").includes("_posts")) ?? copies[0];
    chosen.push(winner);
    for (const other of copies.filter((f) => f !== winner)) {
      duplicates.push({ file: other, reason: `same file name as ${winner}, which is published instead` });
    }
  }
  return { chosen: chosen.sort(), duplicates };
}
function newestFirst(a, b) {
  return b.epochMs - a.epochMs || (a.record.path < b.record.path ? -1 : a.record.path > b.record.path ? 1 : 0);
}
async function bundlePosts(root, site2, options = {}) {
  const now = options.now ?? Date.now();
  const pool = new RenderPool(root, site2, options.threads ?? 1);
  const cache = options.cacheDir ? await RenderCache.open(options.cacheDir, root, site2) : void 0;
  const { chosen, duplicates } = pickCopies(await listPostFiles(root));
  const skipped = [...duplicates];
  const problems = [];
  const built = [];
  const progress = options.progress ? startProgress("render", chosen.length) : void 0;
  let rendered = 0;
  let unchanged = 0;
  const take = (file, decodeWarning, result) => {
    if (decodeWarning) problems.push({ file, severity: "warning", message: decodeWarning });
    if (result.status === "published") {
      if (result.post.epochMs > now) skipped.push({ file, reason: `dated in the future (${result.post.record.date})` });
      else {
        built.push(result.post);
        problems.push(...result.warnings);
      }
    } else if (result.status === "unpublished") {
      skipped.push({ file, reason: result.reason });
    } else {
      skipped.push({ file, reason: result.problem.message });
      problems.push(result.problem);
    }
  };
  try {
    const stats = chosen.map((file) => statPostFile(root, file));
    const kept = chosen.map((file, i) => cache?.untouched(file, stats[i]));
    const jobs = chosen.flatMap((file, i) => kept[i] ? [] : [{ file, lastKey: cache?.lastBuild(file)?.key }]);
    const untouchedCount = chosen.length - jobs.length;
    progress?.update(untouchedCount);
    const outcomes = await pool.build(jobs, (done) => progress?.update(untouchedCount + done));
    for (let i = 0, j = 0; i < chosen.length; i++) {
      const file = chosen[i];
      const entry = kept[i];
      if (entry) {
        cache.keep(file, stats[i], entry.key, entry.result, entry.decodeWarning);
        take(file, entry.decodeWarning, entry.result);
        unchanged++;
        continue;
      }
      const outcome = outcomes[j++];
      if ("error" in outcome) {
        take(file, void 0, { status: "failed", problem: { file, severity: "error", message: outcome.error } });
        continue;
      }
      const result = "same" in outcome ? cache.lastBuild(file).result : outcome.result;
      if ("same" in outcome) unchanged++;
      else rendered++;
      cache?.keep(file, stats[i], outcome.key, result, outcome.decodeWarning);
      take(file, outcome.decodeWarning, result);
    }
    await cache?.save();
  } finally {
    await pool.close();
  }
  progress?.stop();
  built.sort(newestFirst);
  const seen = /* @__PURE__ */ new Map();
  const records = [];
  for (const { record } of built) {
    const holder = seen.get(record.path);
    if (holder) {
      const reason = `same permalink ${record.path} as ${holder}, which is published instead`;
      skipped.push({ file: record.sourceFile, reason });
      problems.push({ file: record.sourceFile, severity: "warning", message: reason });
      continue;
    }
    seen.set(record.path, record.sourceFile);
    records.push(record);
  }
  return { records, rendered, unchanged, skipped: skipped.sort((a, b) => a.file < b.file ? -1 : 1), problems };
}

// src/kv-keys.ts
var kvKeys = {
  /** The manifest of the version being served (src/post.ts `Manifest`): the only key ever overwritten. */
  manifest: "manifest",
  /** Immutable, content-addressed packs of chunks (src/pack-format.ts). */
  packPrefix: "pack/",
  pack: (hash) => `pack/${hash}`
};

// src/bundle/deploy-plan.ts
var GRACE_MS = 5 * 60 * 1e3;
function planDeploy(layout, existingPacks, previous, now, graceMs = GRACE_MS) {
  const missing = [...layout.packs.keys()].filter((key) => !existingPacks.has(key));
  const retiredBefore = new Map((previous?.retired ?? []).map((r) => [r.key, r.since]));
  const retired = [];
  const deletes = [];
  for (const key of [...existingPacks].sort()) {
    if (layout.packs.has(key)) continue;
    const since = retiredBefore.get(key) ?? new Date(now).toISOString();
    if (Date.parse(since) + graceMs <= now) deletes.push(key);
    else retired.push({ key, since });
  }
  const manifest = { ...layout.manifest, retired };
  const unchanged = previous !== null && JSON.stringify(previous) === JSON.stringify(manifest);
  const puts = missing.map((key) => layout.packs.entry(key));
  if (!unchanged) puts.push({ key: kvKeys.manifest, value: JSON.stringify(manifest) });
  return { puts, deletes, manifest, kept: layout.packs.size - missing.length };
}

// src/bundle/deploy.ts
var BATCH_PAIRS = 5e3;
var BATCH_BYTES = 64 * 1024 * 1024;
function batches(entries) {
  const out = [];
  let batch = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entry.key.length + (entry.bytes ?? entry.value.length * 3);
    if (batch.length && (batch.length >= BATCH_PAIRS || bytes + size > BATCH_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length) out.push(batch);
  return out;
}
async function planAgainst(store, layout, now = Date.now()) {
  const existing = await store.listKeys(kvKeys.packPrefix);
  const previousText = await store.getText(kvKeys.manifest);
  let previous = null;
  try {
    previous = previousText ? JSON.parse(previousText) : null;
  } catch {
    previous = null;
  }
  return planDeploy(layout, new Set(existing), previous, now);
}
async function applyPlan(store, plan, progress = () => {
}) {
  const packs = plan.puts.filter((e) => e.key !== kvKeys.manifest);
  const manifest = plan.puts.filter((e) => e.key === kvKeys.manifest);
  let done = 0;
  for (const batch of batches(packs)) {
    await store.putMany(batch);
    done += batch.length;
    progress(done, plan.puts.length, "upload");
  }
  if (manifest.length) {
    await store.putMany(manifest);
    progress(plan.puts.length, plan.puts.length, "upload");
  }
  if (plan.deletes.length) {
    await store.deleteMany(plan.deletes);
    progress(plan.deletes.length, plan.deletes.length, "delete");
  }
}

// src/bundle/layout-kv.ts
import { createHash as createHash2 } from "node:crypto";

// src/layout.ts
var PAGES_PER_BUCKET = 8;
function fnv1a(text) {
  let hash = 2166136261;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 16777619) >>> 0;
  }
  return hash;
}
function feedId(kind, name = "") {
  return kind === "main" ? "main" : `${kind}/${name.toLowerCase()}`;
}
function feedChunkName(id, page) {
  return `feed:${id}#${page}`;
}
function feedBucket(page) {
  return Math.floor((page - 1) / PAGES_PER_BUCKET);
}
function feedPackIndex(id, bucket, packCount) {
  return fnv1a(`${id}#${bucket}`) % packCount;
}
function articleDay(path) {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.html$/.exec(path);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : "undated";
}
function articlePackIndex(path, packCount) {
  return fnv1a(path) % packCount;
}
function articleChunkName(path) {
  return `post:${path}`;
}
var DIRECTORY_CHUNK = "directory";
var TARGET_PACK_BYTES = 4 * 1024 * 1024;
var TARGET_ARTICLE_PACK_BYTES = 1024 * 1024;

// src/pack-format.ts
var decoder = new TextDecoder();
function byteLength(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) bytes += code >= 2048 && (code < 55296 || code > 57343) ? 2 : 1;
  }
  return bytes;
}
function encodePack(chunks) {
  const header = {};
  const parts = [];
  let offset = 0;
  for (const [name, json] of chunks) {
    const length = byteLength(json);
    header[name] = [offset, length];
    parts.push(json);
    offset += length;
  }
  return `${JSON.stringify(header)}
${parts.join("")}`;
}

// src/bundle/pack-shelf.ts
import { readFileSync as readFileSync2, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";
var MEMORY_BUDGET = 64 * 1024 * 1024;
var PackShelf = class {
  constructor(spillDir) {
    this.spillDir = spillDir;
  }
  spillDir;
  memory = /* @__PURE__ */ new Map();
  sizes = /* @__PURE__ */ new Map();
  held = 0;
  file(key) {
    return join2(this.spillDir, key.replace(/[^0-9a-z]/gi, "_"));
  }
  /** `bytes`, when given, are `value` already encoded as UTF-8. */
  set(key, value, bytes) {
    const size = bytes?.byteLength ?? Buffer.byteLength(value);
    this.sizes.set(key, size);
    if (this.spillDir && this.held + size > MEMORY_BUDGET) writeFileSync(this.file(key), bytes ?? value);
    else {
      this.memory.set(key, value);
      this.held += size;
    }
    return this;
  }
  has(key) {
    return this.sizes.has(key);
  }
  get(key) {
    if (!this.sizes.has(key)) return void 0;
    return this.memory.get(key) ?? readFileSync2(this.file(key), "utf8");
  }
  get size() {
    return this.sizes.size;
  }
  keys() {
    return this.sizes.keys();
  }
  *values() {
    for (const key of this.sizes.keys()) yield this.get(key);
  }
  *entries() {
    for (const key of this.sizes.keys()) yield [key, this.get(key)];
  }
  [Symbol.iterator]() {
    return this.entries();
  }
  /** A KV entry for the pack: its value is read from the shelf each time it is asked for. */
  entry(key) {
    const shelf = this;
    return {
      key,
      bytes: this.sizes.get(key),
      get value() {
        return shelf.get(key);
      }
    };
  }
};

// src/bundle/same-article.ts
function isMediaCopy(record) {
  return /\/NW[^/]*\.html$/.test(record.path);
}
function mergeSameArticles(records) {
  const groups = /* @__PURE__ */ new Map();
  for (const record of records) {
    const key = `${record.title}\0${Date.parse(record.date)}`;
    groups.set(key, [...groups.get(key) ?? [], record]);
  }
  return [...groups.values()].map((copies) => {
    const primary = copies.find((r) => !isMediaCopy(r)) ?? copies[0];
    const union = (pick) => [...new Set([primary, ...copies].flatMap(pick))];
    return copies.length === 1 ? primary : { ...primary, categories: union((r) => r.categories), tags: union((r) => r.tags) };
  });
}

// src/bundle/layout-kv.ts
function sha256(text, length) {
  return createHash2("sha256").update(text).digest("hex").slice(0, length);
}
var MAX_FEED_CONTENT = 2e5;
function forFeeds(record, site2) {
  if (record.contentHtml.length <= MAX_FEED_CONTENT) return record;
  const link = `${site2.url}${record.path}`;
  return { ...record, contentHtml: `<p>${escapeXml(record.summary)}</p><p><a href="${escapeXml(link)}">\u9605\u8BFB\u5168\u6587 Read the whole article</a></p>` };
}
function labelOf(items) {
  const counts = /* @__PURE__ */ new Map();
  for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  let label;
  for (const [tag, count] of counts) if (label === void 0 || count > counts.get(label)) label = tag;
  return label ? { label } : {};
}
function collectFeeds(all, pageSize, site2) {
  const records = all.map((record) => forFeeds(record, site2));
  const feeds = /* @__PURE__ */ new Map();
  const add = (kind, name, record) => {
    const id = feedId(kind, name);
    const feed = feeds.get(id) ?? feeds.set(id, { kind, name, items: [] }).get(id);
    feed.items.push(record);
  };
  for (const record of mergeSameArticles(records)) add("main", "", record);
  for (const record of records) {
    for (const name of new Set(record.categories.map((c) => c.toLowerCase()))) add("category", record.categories.find((c) => c.toLowerCase() === name), record);
    for (const name of new Set(record.tags.map((t) => t.toLowerCase()))) add("tag", record.tags.find((t) => t.toLowerCase() === name), record);
  }
  if (!feeds.has("main")) feeds.set("main", { kind: "main", name: "", items: [] });
  return [...feeds.entries()].map(([id, { kind, name, items }]) => ({
    info: {
      id,
      kind,
      name,
      ...kind === "category" ? labelOf(items) : {},
      total: items.length,
      pages: Math.max(1, Math.ceil(items.length / pageSize)),
      updated: items[0]?.date ?? "1970-01-01T00:00:00Z"
    },
    items
  }));
}
function feedPage(feed, page, pageSize, json) {
  const info = json(feed.info);
  const items = feed.items.slice((page - 1) * pageSize, page * pageSize).map(json).join(",");
  const hash = sha256(`[${info},${page},[${items}]]`, 16);
  return `{"feed":${info},"page":${page},"hash":"${hash}","items":[${items}]}`;
}
function jsonMemo() {
  const made = /* @__PURE__ */ new WeakMap();
  return (value) => {
    let text = made.get(value);
    if (text === void 0) made.set(value, text = JSON.stringify(value));
    return text;
  };
}
function packCountFor(bytes, target = TARGET_PACK_BYTES) {
  let count = 1;
  while (bytes / count > target) count *= 2;
  return count;
}
function sealPacks(groups, packs) {
  return groups.map((chunks) => {
    const value = encodePack([...chunks.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
    const bytes = Buffer.from(value);
    const key = kvKeys.pack(sha256(bytes, 24));
    packs.set(key, value, bytes);
    return key;
  });
}
function packArticles(records, packs, json) {
  const byDay = /* @__PURE__ */ new Map();
  for (const record of records) {
    const day = articleDay(record.path);
    const posts = byDay.get(day) ?? byDay.set(day, []).get(day);
    posts.push([articleChunkName(record.path), json(record)]);
  }
  const articlePacks = {};
  let run = { days: [], chunks: /* @__PURE__ */ new Map(), bytes: 0 };
  const seal = () => {
    if (!run.days.length) return;
    const [key] = sealPacks([run.chunks], packs);
    for (const day of run.days) articlePacks[day] = [key];
    run = { days: [], chunks: /* @__PURE__ */ new Map(), bytes: 0 };
  };
  for (const day of [...byDay.keys()].sort()) {
    const posts = byDay.get(day);
    const bytes = posts.reduce((sum, [, json2]) => sum + Buffer.byteLength(json2), 0);
    if (bytes > TARGET_ARTICLE_PACK_BYTES) {
      seal();
      const groups = Array.from({ length: packCountFor(bytes, TARGET_ARTICLE_PACK_BYTES) }, () => /* @__PURE__ */ new Map());
      for (const [name, json2] of posts) groups[articlePackIndex(name.slice("post:".length), groups.length)].set(name, json2);
      articlePacks[day] = sealPacks(groups, packs);
      continue;
    }
    if (run.bytes + bytes > TARGET_ARTICLE_PACK_BYTES) seal();
    run.days.push(day);
    for (const [name, json2] of posts) run.chunks.set(name, json2);
    run.bytes += bytes;
  }
  seal();
  return articlePacks;
}
function layOutKv(records, site2, options = {}) {
  const pageSize = site2.itemsPerFeed;
  const packs = new PackShelf(options.spillDir);
  const feeds = collectFeeds(records, pageSize, site2);
  const json = jsonMemo();
  const recordBytes = new Map(records.map((r) => [r.path, Buffer.byteLength(json(r))]));
  const feedBytes = feeds.reduce((sum, feed) => sum + feed.items.reduce((s, r) => s + (recordBytes.get(r.path) ?? 0), 0), 0);
  recordBytes.clear();
  const packCount = packCountFor(feedBytes);
  const placements = Array.from({ length: packCount }, () => []);
  for (const feed of feeds) {
    for (let page = 1; page <= feed.info.pages; page++) {
      const bucket = feedBucket(page);
      placements[feedPackIndex(feed.info.id, bucket, packCount)].push([feed, page]);
      if (page > 1 && feedBucket(page - 1) === bucket - 1) placements[feedPackIndex(feed.info.id, bucket - 1, packCount)].push([feed, page]);
    }
  }
  const feedPacks = placements.map((group) => {
    const chunks = new Map(group.map(([feed, page]) => [feedChunkName(feed.info.id, page), feedPage(feed, page, pageSize, json)]));
    return sealPacks([chunks], packs)[0];
  });
  const articlePacks = packArticles(records, packs, json);
  const directory = feeds.map((feed) => feed.info).filter((info) => info.kind !== "main").sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const [directoryPack] = sealPacks([/* @__PURE__ */ new Map([[DIRECTORY_CHUNK, JSON.stringify(directory)]])], packs);
  const version = sha256(JSON.stringify([pageSize, feedPacks, articlePacks, directoryPack]), 16);
  return { manifest: { version, total: records.length, pageSize, feedPacks, articlePacks, directoryPack }, packs };
}

// src/bundle/report.ts
function makeReport(postsDir, posts, result, plan, seconds) {
  return {
    postsDir,
    posts,
    rendered: result.rendered,
    unchanged: result.unchanged,
    writes: plan.puts.length,
    deletes: plan.deletes.length,
    kept: plan.kept,
    version: plan.manifest.version,
    seconds,
    skipped: result.skipped,
    problems: result.problems
  };
}
function printReport(report) {
  for (const problem of report.problems) console.error(`${problem.severity}: ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
  const failed = new Set(report.problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const skip of report.skipped.filter((s) => !failed.has(s.file))) console.error(`skipped: ${skip.file}: ${skip.reason}`);
  console.log(
    `${report.posts} posts published (${report.rendered} rendered, ${report.unchanged} unchanged), ${report.skipped.length} skipped, ${report.problems.length} problems; KV: ${report.writes} writes, ${report.deletes} deletes, ${report.kept} packs kept; version ${report.version}`
  );
}

// src/bundle/publish.ts
var StrictModeError = class extends Error {
};
async function publish({ postsDir, store, cacheDir, dryRun = false, progress = false, strict = false, threads }) {
  const info = await stat(postsDir).catch(() => void 0);
  if (!info?.isDirectory()) throw new Error(`no posts folder at ${postsDir}`);
  const started = performance.now();
  const result = await bundlePosts(postsDir, site, { threads: threads ?? availableParallelism(), cacheDir, progress });
  const renderSeconds = (performance.now() - started) / 1e3;
  const spillDir = await mkdtemp(join3(tmpdir(), "feed-publisher-packs-"));
  try {
    return await deployRecords(result, postsDir, store, spillDir, { dryRun, progress, strict, renderSeconds });
  } finally {
    await rm(spillDir, { recursive: true, force: true });
  }
}
async function deployRecords(result, postsDir, store, spillDir, { dryRun, progress, strict, renderSeconds }) {
  const seconds = { render: renderSeconds, layout: 0, upload: 0 };
  let started = performance.now();
  const layout = layOutKv(result.records, site, { spillDir });
  seconds.layout = (performance.now() - started) / 1e3;
  const posts = result.records.length;
  result.records = [];
  const plan = await planAgainst(store, layout);
  const report = makeReport(postsDir, posts, result, plan, seconds);
  if (strict && report.problems.length) {
    printReport(report);
    throw new StrictModeError(`--strict: ${report.problems.length} problems, nothing written`);
  }
  if (dryRun) {
    for (const entry of plan.puts) console.log(`would write ${entry.key} (${Buffer.byteLength(entry.value)} bytes)`);
    for (const key of plan.deletes) console.log(`would delete ${key}`);
  } else {
    const bar = progress ? startProgress("upload", plan.puts.length) : void 0;
    started = performance.now();
    await applyPlan(store, plan, (done) => bar?.update(done));
    seconds.upload = (performance.now() - started) / 1e3;
    bar?.stop();
  }
  printReport(report);
  return report;
}

export {
  kvKeys,
  publish
};
//# sourceMappingURL=chunk-EWPZXDCP.js.map
