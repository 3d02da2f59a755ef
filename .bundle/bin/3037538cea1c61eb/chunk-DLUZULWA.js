import {
  buildPostFile,
  escapeXml,
  listPostFiles,
  sitePath,
  statPostFile
} from "./chunk-GNPU7PPQ.js";

// src/bundle/kv-store.ts
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
var LIST_PAGE = 1e3;
var CountingKvStore = class {
  constructor(inner) {
    this.inner = inner;
  }
  inner;
  counts = { reads: 0, writes: 0, deletes: 0, lists: 0, bytesSent: 0 };
  async listKeys(prefix) {
    const keys = await this.inner.listKeys(prefix);
    this.counts.lists += Math.max(1, Math.ceil(keys.length / LIST_PAGE));
    return keys;
  }
  getBytes(key) {
    this.counts.reads++;
    return this.inner.getBytes(key);
  }
  async putMany(entries) {
    await this.inner.putMany(entries);
    this.counts.writes += entries.length;
    for (const entry of entries) this.counts.bytesSent += entry.value.byteLength;
  }
  async deleteMany(keys) {
    await this.inner.deleteMany(keys);
    this.counts.deletes += keys.length;
  }
};
function bulkEntry(entry) {
  return { key: entry.key, value: Buffer.from(entry.value.buffer, entry.value.byteOffset, entry.value.byteLength).toString("base64"), base64: true };
}
var run = promisify(execFile);
var BINDING = "POSTS";
var WranglerKvStore = class {
  constructor(target) {
    this.target = target;
  }
  target;
  flags() {
    return ["--binding", BINDING, ...this.target.kind === "remote" ? ["--remote"] : ["--local", "--persist-to", this.target.state]];
  }
  async wrangler(args) {
    const { stdout } = await run("wrangler", [...args, ...this.flags()], {
      maxBuffer: 1 << 30,
      encoding: "buffer",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" }
    });
    return stdout;
  }
  async listKeys(prefix) {
    const out = await this.wrangler(["kv", "key", "list", "--prefix", prefix]);
    return JSON.parse(out.toString("utf8")).map((k) => k.name);
  }
  async getBytes(key) {
    try {
      const out = await this.wrangler(["kv", "key", "get", key]);
      return out.toString("latin1") === "Value not found\n" ? null : new Uint8Array(out);
    } catch (error) {
      if (/not found|404/i.test(String(error.stderr ?? error))) return null;
      throw error;
    }
  }
  async withFile(data, use) {
    const dir = await mkdtemp(join(tmpdir(), "feed-publisher-kv-"));
    try {
      const file = join(dir, "bulk.json");
      await writeFile(file, JSON.stringify(data));
      await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  async putMany(entries) {
    if (entries.length) await this.withFile(entries.map(bulkEntry), async (file) => void await this.wrangler(["kv", "bulk", "put", file]));
  }
  async deleteMany(keys) {
    if (keys.length) await this.withFile(keys, async (file) => void await this.wrangler(["kv", "bulk", "delete", file, "--force"]));
  }
};

// src/bundle/cli/options.ts
import { parseArgs } from "node:util";

// src/bundle/publish.ts
import { stat } from "node:fs/promises";
import { availableParallelism } from "node:os";

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
import { dirname, join as join2, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
function renderCodeVersion() {
  if (process.env.FEED_PUBLISHER_RENDER_VERSION) return process.env.FEED_PUBLISHER_RENDER_VERSION;
  const here = dirname(fileURLToPath(import.meta.url));
  const files = [
    ...readdirSync(here).filter((f) => f.endsWith(".ts")).map((f) => join2(here, f)),
    ...["post.ts", "site.ts", "paths.ts", "escape.ts"].map((f) => join2(here, "..", f))
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
    const path = join2(dir, `renders-${folder}.v8`);
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
        built.push({ ...result.post, file });
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
  const files = /* @__PURE__ */ new Map();
  const records = [];
  for (const { record, file } of built) {
    const holder = files.get(record.path);
    if (holder) {
      const reason = `same permalink ${record.path} as ${holder}, which is published instead`;
      skipped.push({ file, reason });
      problems.push({ file, severity: "warning", message: reason });
      continue;
    }
    files.set(record.path, file);
    records.push(record);
  }
  return { records, files, rendered, unchanged, skipped: skipped.sort((a, b) => a.file < b.file ? -1 : 1), problems };
}

// src/kv/keys.ts
var MANIFEST_KEY = "manifest";
var PACK_PREFIX = "pack/";
var GENERATION_DIGITS = 8;
function generationPrefix(generation) {
  return `${PACK_PREFIX}${String(generation).padStart(GENERATION_DIGITS, "0")}-`;
}
function packKey(generation, hash) {
  return `${generationPrefix(generation)}${hash}`;
}
function packHash(key) {
  return /^pack\/\d{8}-([0-9a-f]+)$/.exec(key)?.[1];
}

// src/kv/pack.ts
import { inflateSync } from "fflate";
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var NEWLINE = 10;
var CorruptPackError = class extends Error {
};
function utf8Length(text) {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) bytes += code >= 2048 && (code < 55296 || code > 57343) ? 2 : 1;
  }
  return bytes;
}
function encodePack(hash, chunks, meta) {
  const header = { hash, chunks: {}, ...meta === void 0 ? {} : { meta } };
  let offset = 0;
  for (const [name, bytes] of chunks) {
    header.chunks[name] = [offset, bytes.byteLength];
    offset += bytes.byteLength;
  }
  const head = encoder.encode(`${JSON.stringify(header)}
`);
  const out = new Uint8Array(head.byteLength + offset);
  out.set(head);
  let at = head.byteLength;
  for (const [, bytes] of chunks) {
    out.set(bytes, at);
    at += bytes.byteLength;
  }
  return out;
}
function readPack(bytes, expectedHash) {
  const end = bytes.indexOf(NEWLINE);
  if (end < 0) throw new CorruptPackError("pack has no header");
  let header;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(0, end)));
  } catch {
    throw new CorruptPackError("pack header is not JSON");
  }
  if (typeof header !== "object" || header === null || typeof header.chunks !== "object" || header.chunks === null) {
    throw new CorruptPackError("pack header names no chunks");
  }
  if (expectedHash !== void 0 && header.hash !== expectedHash) {
    throw new CorruptPackError(`pack holds ${String(header.hash)}, not ${expectedHash}`);
  }
  return { header, bodyStart: end + 1 };
}
function chunkBytes(bytes, pack, name) {
  const place = Object.hasOwn(pack.header.chunks, name) ? pack.header.chunks[name] : void 0;
  if (!place) return void 0;
  const [offset, length] = place;
  const start = pack.bodyStart + offset;
  if (!(offset >= 0 && length >= 0 && start + length <= bytes.byteLength)) throw new CorruptPackError(`chunk ${name} runs past the end of the pack`);
  return bytes.subarray(start, start + length);
}
function inflate(bytes) {
  try {
    return inflateSync(bytes);
  } catch {
    throw new CorruptPackError("chunk does not decompress");
  }
}
function encodeItems(meta, items) {
  const index = items.map((item) => [utf8Length(item.json), item.key]);
  return `${JSON.stringify(meta ?? null)}
${JSON.stringify(index)}
${items.map((item) => item.json).join("")}`;
}
var ItemList = class _ItemList {
  constructor(meta, index, starts, body) {
    this.meta = meta;
    this.index = index;
    this.starts = starts;
    this.body = body;
  }
  meta;
  index;
  starts;
  body;
  static decode(bytes) {
    const first = bytes.indexOf(NEWLINE);
    const second = first < 0 ? -1 : bytes.indexOf(NEWLINE, first + 1);
    if (second < 0) throw new CorruptPackError("item list has no index");
    try {
      const meta = JSON.parse(decoder.decode(bytes.subarray(0, first)));
      const index = JSON.parse(decoder.decode(bytes.subarray(first + 1, second)));
      const body = bytes.subarray(second + 1);
      const starts = [];
      let at = 0;
      for (const [length] of index) {
        starts.push(at);
        at += length;
      }
      if (at !== body.byteLength) throw new Error("lengths do not add up");
      return new _ItemList(meta, index, starts, body);
    } catch {
      throw new CorruptPackError("item list index is not valid");
    }
  }
  get size() {
    return this.index.length;
  }
  key(i) {
    return this.index[i][1];
  }
  indexOf(key) {
    return this.index.findIndex((entry) => entry[1] === key);
  }
  /** Bytes this list holds, decompressed. */
  get byteLength() {
    return this.body.byteLength;
  }
  /** Item `i`, parsed once: callers treat items as read-only. */
  item(i) {
    if (this.parsed[i] !== void 0) return this.parsed[i];
    const start = this.starts[i];
    try {
      return this.parsed[i] = JSON.parse(decoder.decode(this.body.subarray(start, start + this.index[i][0])));
    } catch {
      throw new CorruptPackError(`item ${i} is not JSON`);
    }
  }
  parsed = [];
};

// src/kv/manifest.ts
var LAYOUT_FORMAT = 2;
var SECTIONS = ["feeds", "aliases", "articles", "delta"];
function encodeManifest(head, sections) {
  return encodePack(head.version, SECTIONS.map((name) => [name, sections[name]]), head);
}
function decodeManifest(bytes) {
  const pack = readPack(bytes);
  const head = pack.header.meta;
  if (typeof head !== "object" || head === null || head.format !== LAYOUT_FORMAT) {
    throw new CorruptPackError(`the manifest is not of layout format ${LAYOUT_FORMAT}`);
  }
  if (!Array.isArray(head.hot) || head.hot.length === 0 || typeof head.directory !== "string" || typeof head.sections !== "object" || head.sections === null) {
    throw new CorruptPackError("the manifest names no packs");
  }
  for (const name of SECTIONS) if (!pack.header.chunks[name]) throw new CorruptPackError(`the manifest has no ${name} section`);
  return { head, bytes, pack };
}
async function readSection(manifest, name) {
  const bytes = inflate(chunkBytes(manifest.bytes, manifest.pack, name));
  if (name === "delta") return ItemList.decode(bytes);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new CorruptPackError(`the manifest's ${name} section is not JSON`);
  }
}
async function liveKeys(manifest) {
  const feeds = await readSection(manifest, "feeds");
  const articles = await readSection(manifest, "articles");
  return [
    ...manifest.head.hot,
    manifest.head.directory,
    ...Object.values(feeds).flatMap((feed) => feed.runs),
    ...Object.values(articles).flat()
  ];
}

// src/bundle/deploy-plan.ts
import { deflateRawSync } from "node:zlib";

// src/bundle/layout/digests.ts
import { createHash as createHash2 } from "node:crypto";
var DIGEST = /* @__PURE__ */ Symbol("digest");
function digestOf(record) {
  const holder = record;
  let known = holder[DIGEST];
  if (!known) {
    const json = JSON.stringify(record);
    known = { digest: createHash2("sha256").update(json).digest("base64url").slice(0, 22), bytes: Buffer.byteLength(json) };
    Object.defineProperty(holder, DIGEST, { value: known, enumerable: false });
  }
  return known;
}
function contentHash(parts) {
  return createHash2("sha256").update(parts.join("\0")).digest("hex").slice(0, 24);
}

// src/bundle/deploy-plan.ts
var GRACE_MS = 5 * 60 * 1e3;
function compress(text) {
  return deflateRawSync(text, { level: 9 });
}
function planDeploy(layout, state, now, graceMs = GRACE_MS) {
  const previous = state.head;
  const generation = (previous?.generation ?? 0) + 1;
  const existing = /* @__PURE__ */ new Map();
  for (const key of [...state.orphans, ...previous?.retired.map((r) => r.key) ?? [], ...state.live]) {
    const hash = packHash(key);
    if (hash) existing.set(hash, key);
  }
  const keyOf = (hash) => existing.get(hash) ?? packKey(generation, hash);
  const used = new Set([...layout.packs.keys()].map(keyOf));
  const puts = [];
  for (const [hash, pack] of layout.packs) if (!existing.has(hash)) puts.push({ key: keyOf(hash), make: () => pack.build() });
  const feeds = Object.fromEntries(Object.entries(layout.feeds).map(([id, feed]) => [id, { info: feed.info, runs: feed.runs.map(keyOf) }]));
  const articles = Object.fromEntries(Object.entries(layout.articles).map(([period, hashes]) => [period, hashes.map(keyOf)]));
  const texts = {
    feeds: JSON.stringify(feeds),
    aliases: JSON.stringify(layout.aliases),
    articles: JSON.stringify(articles),
    delta: encodeItems(layout.delta.meta, layout.delta.items)
  };
  const sections = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, contentHash([text])]));
  const hot = layout.hot.map(keyOf);
  const directory = keyOf(layout.directory);
  const version = contentHash([String(LAYOUT_FORMAT), String(layout.pageSize), String(layout.cut), ...hot, directory, ...Object.values(sections)]).slice(0, 16);
  const retired = [];
  const deletes = [];
  const since = new Date(now).toISOString();
  const retire = (key, when) => {
    if (used.has(key)) return;
    if (Date.parse(when) + graceMs <= now) deletes.push(key);
    else retired.push({ key, since: when });
  };
  for (const { key, since: when } of previous?.retired ?? []) retire(key, when);
  const seen = new Set(retired.map((r) => r.key).concat(deletes));
  for (const key of [.../* @__PURE__ */ new Set([...state.live, ...state.stray])].sort()) if (!seen.has(key)) retire(key, since);
  for (const key of state.orphans) if (!used.has(key)) deletes.push(key);
  const unchanged = previous !== null && previous.version === version && JSON.stringify(previous.retired) === JSON.stringify(retired) && puts.length === 0;
  const head = unchanged ? previous : { format: LAYOUT_FORMAT, version, generation, pageSize: layout.pageSize, cut: layout.cut, hot, directory, retired, sections };
  if (!unchanged) {
    puts.push({
      key: MANIFEST_KEY,
      make: () => encodeManifest(head, Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, compress(text)])))
    });
  }
  return { puts, deletes, manifest: head, kept: used.size - puts.filter((p) => p.key !== MANIFEST_KEY).length };
}

// src/bundle/layout/cut.ts
var DELTA_LIMIT = { posts: 128, bytes: 512 * 1024 };
var DELTA_KEEP = { ms: 60 * 60 * 1e3, posts: 32 };
function chooseCut(records, epochOf, bytesOf, previousCut, { limit, keep: kept } = { limit: DELTA_LIMIT, keep: DELTA_KEEP }) {
  if (previousCut !== void 0) {
    let posts = 0;
    let bytes2 = 0;
    while (posts < records.length && epochOf(records[posts]) > previousCut) bytes2 += bytesOf(records[posts++]);
    if (posts <= limit.posts && bytes2 <= limit.bytes) return previousCut;
  }
  if (!records.length) return 0;
  const newest = epochOf(records[0]);
  let keep = 0;
  let bytes = 0;
  while (keep < records.length && keep < kept.posts) {
    const record = records[keep];
    if (epochOf(record) <= newest - kept.ms || bytes + bytesOf(record) > limit.bytes / 4) break;
    bytes += bytesOf(record);
    keep++;
  }
  return keep === records.length ? epochOf(records[keep - 1]) - 1 : epochOf(records[keep]);
}

// src/post.ts
function feedId(kind, name = "") {
  return kind === "main" ? "main" : `${kind}/${name.toLowerCase()}`;
}
var NO_DATE = "1970-01-01T00:00:00Z";

// src/bundle/same-article.ts
function isMediaCopy(record) {
  return /\/NW[^/]*\.html$/.test(record.path);
}
function mergeSameArticles(records, epochOf = (r) => Date.parse(r.date)) {
  const merged = [];
  for (let start = 0; start < records.length; ) {
    const epoch = epochOf(records[start]);
    let end = start + 1;
    while (end < records.length && epochOf(records[end]) === epoch) end++;
    if (end - start === 1) merged.push(records[start]);
    else {
      const byTitle = /* @__PURE__ */ new Map();
      for (let i = start; i < end; i++) {
        const copies = byTitle.get(records[i].title);
        if (copies) copies.push(records[i]);
        else byTitle.set(records[i].title, [records[i]]);
      }
      for (const copies of byTitle.values()) merged.push(mergeCopies(copies));
    }
    start = end;
  }
  return merged;
}
function mergeCopies(copies) {
  const primary = copies.find((r) => !isMediaCopy(r)) ?? copies[0];
  if (copies.length === 1) return primary;
  const union = (pick) => [...new Set([primary, ...copies].flatMap(pick))];
  return { ...primary, categories: union((r) => r.categories), tags: union((r) => r.tags) };
}

// src/bundle/layout/feed-lists.ts
var MAX_FEED_CONTENT = 2e5;
function forFeeds(record, site2) {
  if (record.contentHtml.length <= MAX_FEED_CONTENT) return record;
  const link = `${site2.url}${record.path}`;
  return { ...record, contentHtml: `<p>${escapeXml(record.summary)}</p><p><a href="${escapeXml(link)}">\u9605\u8BFB\u5168\u6587 Read the whole article</a></p>` };
}
function collectFeeds(records, site2, epochOf) {
  const forms = /* @__PURE__ */ new Map();
  const feedForm = (record) => {
    const form = forFeeds(record, site2);
    if (form !== record) forms.set(record, form);
    return form;
  };
  const main = { id: "main", kind: "main", items: mergeSameArticles(records, epochOf).map(feedForm) };
  const feeds = /* @__PURE__ */ new Map();
  const add = (kind, name, record) => {
    const id = feedId(kind, name);
    let feed = feeds.get(id);
    if (!feed) feeds.set(id, feed = { id, kind, items: [] });
    feed.items.push(record);
  };
  const names = (list) => list.length === 1 ? [list[0].toLowerCase()] : new Set(list.map((name) => name.toLowerCase()));
  for (const record of records) {
    const form = forms.get(record) ?? feedForm(record);
    for (const name of names(record.categories)) add("category", name, form);
    for (const name of names(record.tags)) add("tag", name, form);
  }
  return [main, ...feeds.values()];
}
function tagCounts(items, older) {
  const counts = /* @__PURE__ */ new Map();
  for (const item of items) for (const tag of item.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  for (const [tag, count] of older ?? []) counts.set(tag, (counts.get(tag) ?? 0) + count);
  return counts;
}
function mostCommon(counts) {
  let label;
  for (const [tag, count] of counts) if (label === void 0 || count > counts.get(label)) label = tag;
  return label ? { label } : {};
}
function nameOf(kind, id, newest) {
  if (kind === "main") return "";
  const lower = id.slice(kind.length + 1);
  return (kind === "category" ? newest.categories : newest.tags).find((name) => name.toLowerCase() === lower) ?? lower;
}
function summarizeFeed(feed, items, pageSize, older) {
  const tags = feed.kind === "category" ? tagCounts(items, older?.tags) : void 0;
  const total = items.length + (older?.info.total ?? 0);
  const info = {
    id: feed.id,
    kind: feed.kind,
    name: items[0] ? nameOf(feed.kind, feed.id, items[0]) : older?.info.name ?? "",
    ...tags ? mostCommon(tags) : {},
    total,
    pages: Math.max(1, Math.ceil(total / pageSize)),
    updated: items[0]?.date ?? older?.info.updated ?? NO_DATE
  };
  return tags ? { info, tags } : { info };
}

// src/bundle/layout/sealed-layout.ts
import { deflateRawSync as deflateRawSync2 } from "node:zlib";

// src/kv/locate.ts
var RUN_BLOCKS = 32;
function fnv1a(text) {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 128) {
      hash = Math.imul(hash ^ code, 16777619);
      continue;
    }
    if (code >= 55296 && code <= 56319 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 56320 && low <= 57343) {
        code = 65536 + (code - 55296 << 10) + (low - 56320);
        i++;
      }
    }
    if (code >= 55296 && code <= 57343) code = 65533;
    if (code < 2048) {
      hash = Math.imul(hash ^ (192 | code >> 6), 16777619);
    } else if (code < 65536) {
      hash = Math.imul(hash ^ (224 | code >> 12), 16777619);
      hash = Math.imul(hash ^ (128 | code >> 6 & 63), 16777619);
    } else {
      hash = Math.imul(hash ^ (240 | code >> 18), 16777619);
      hash = Math.imul(hash ^ (128 | code >> 12 & 63), 16777619);
      hash = Math.imul(hash ^ (128 | code >> 6 & 63), 16777619);
    }
    hash = Math.imul(hash ^ (128 | code & 63), 16777619);
  }
  return hash >>> 0;
}
function hotPackIndex(feedId2, count) {
  return fnv1a(feedId2) % count;
}
function blockCount(total, size) {
  return Math.floor(total / size);
}
function hotStart(total, size) {
  return Math.max(0, blockCount(total, size) - 1) * size;
}
function runCount(total, size) {
  return Math.ceil(blockCount(total, size) / RUN_BLOCKS);
}
function runBlocks(run2, total, size) {
  return { first: Math.max(0, run2 * RUN_BLOCKS - 1), end: Math.min((run2 + 1) * RUN_BLOCKS, blockCount(total, size)) };
}
function blockChunk(block) {
  return `b${block}`;
}
function articleDay(path) {
  const match = /\/(\d{4})\/(\d{2})\/(\d{2})\/[^/]+\.html$/.exec(path);
  return match ? `${match[1]}/${match[2]}/${match[3]}` : "undated";
}
function articlePeriod(day) {
  if (day === "undated") return day;
  return `${day.slice(0, 7)}/${Math.min(4, Math.ceil(Number(day.slice(8, 10)) / 8))}`;
}
function articlePackIndex(path, count) {
  return fnv1a(path) % count;
}
function articleGroup(path, groups) {
  return fnv1a(`#${path}`) % groups;
}
function articleChunk(day, group) {
  return `${day}#${group}`;
}

// src/bundle/layout/sealed-layout.ts
var HOT_PACK_BYTES = 3 * 1024 * 1024;
var ARTICLE_PACK_BYTES = 16 * 1024 * 1024;
var ARTICLE_GROUP_BYTES = 48 * 1024;
var byId = (a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
var byPath = (a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
function compress2(text) {
  return deflateRawSync2(text, { level: 6 });
}
function itemsChunk(meta, items) {
  return compress2(encodeItems(meta, items.map((record) => ({ key: record.path, json: JSON.stringify(record) }))));
}
function powerOfTwoFor(bytes, target) {
  let count = 1;
  while (bytes / count > target) count *= 2;
  return count;
}
function sumBytes(records) {
  let bytes = 0;
  for (const record of records) bytes += digestOf(record).bytes;
  return bytes;
}
function groupBy(items, keyOf) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
var last;
function layOutSealed(records, site2, epochOf) {
  const key = contentHash([`${LAYOUT_FORMAT} ${site2.itemsPerFeed} ${site2.url}`, ...records.map((r) => digestOf(r).digest)]);
  if (last?.key !== key) last = { key, layout: layOut(records, site2, epochOf) };
  return last.layout;
}
function layOut(records, site2, epochOf) {
  const pageSize = site2.itemsPerFeed;
  const packs = /* @__PURE__ */ new Map();
  const addPack = (hash, build) => {
    if (!packs.has(hash)) packs.set(hash, { hash, build });
    return hash;
  };
  const feeds = collectFeeds(records, site2, epochOf).filter((list) => list.items.length || list.kind === "main").map((list) => ({ list, ...summarizeFeed(list, list.items, pageSize) }));
  const aliases = {};
  const stored = [];
  const bySignature = /* @__PURE__ */ new Map();
  const order = (f) => f.list.kind === "main" ? 0 : f.list.kind === "category" ? 1 : 2;
  for (const feed of [...feeds].sort((a, b) => order(a) - order(b) || byId(a.list, b.list))) {
    const signature = feed.list.kind === "main" ? "" : feed.list.items.map((item) => digestOf(item).digest).join();
    const first = signature ? bySignature.get(signature) : void 0;
    if (first) aliases[feed.list.id] = [first.list.id, feed.info.name];
    else {
      if (signature) bySignature.set(signature, feed);
      stored.push(feed);
    }
  }
  const runFeeds = {};
  const hotChunks = [];
  for (const { list, info } of stored) {
    const total = list.items.length;
    const oldestFirst = [...list.items].reverse();
    const blockItems = (b) => oldestFirst.slice(b * pageSize, (b + 1) * pageSize);
    const runs = [];
    for (let run2 = 0; run2 < runCount(total, pageSize); run2++) {
      const { first, end } = runBlocks(run2, total, pageSize);
      const blocks = Array.from({ length: end - first }, (_, i) => first + i);
      const hash = contentHash([`${LAYOUT_FORMAT} run ${pageSize}`, ...blocks.flatMap((b) => [blockChunk(b), ...blockItems(b).map((r) => digestOf(r).digest)])]);
      runs.push(addPack(hash, () => encodePack(hash, blocks.map((b) => [blockChunk(b), itemsChunk(null, blockItems(b))]))));
    }
    if (runs.length) runFeeds[list.id] = { info, runs };
    const hot2 = oldestFirst.slice(hotStart(total, pageSize));
    hotChunks.push({ id: list.id, info, items: hot2, bytes: sumBytes(hot2) });
  }
  const hotCount = powerOfTwoFor(hotChunks.reduce((sum, c) => sum + c.bytes, 0), HOT_PACK_BYTES);
  const hotGroups = Array.from({ length: hotCount }, () => []);
  for (const chunk of hotChunks) hotGroups[hotCount === 1 ? 0 : hotPackIndex(chunk.id, hotCount)].push(chunk);
  const hot = hotGroups.map((group, index) => {
    group.sort(byId);
    const hash = contentHash([`${LAYOUT_FORMAT} hot ${pageSize} ${index}/${hotCount}`, ...group.flatMap((c) => [JSON.stringify(c.info), ...c.items.map((r) => digestOf(r).digest)])]);
    return addPack(hash, () => encodePack(hash, group.map((c) => [c.id, itemsChunk(c.info, c.items)])));
  });
  const articles = {};
  const days = new Map(records.map((record) => [record, articleDay(record.path)]));
  const byPeriod = groupBy(records, (record) => articlePeriod(days.get(record)));
  for (const [period, list] of [...byPeriod].sort(([a], [b]) => a < b ? -1 : 1)) {
    const count = powerOfTwoFor(sumBytes(list), ARTICLE_PACK_BYTES);
    const parts = Array.from({ length: count }, () => []);
    for (const record of list) parts[count === 1 ? 0 : articlePackIndex(record.path, count)].push(record);
    articles[period] = parts.map((part, index) => {
      const groups = {};
      const chunks = [];
      for (const [day, dayRecords] of [...groupBy(part, (r) => days.get(r))].sort(([a], [b]) => a < b ? -1 : 1)) {
        const count2 = Math.max(1, Math.ceil(sumBytes(dayRecords) / ARTICLE_GROUP_BYTES));
        groups[day] = count2;
        const split = count2 === 1 ? /* @__PURE__ */ new Map([["0", dayRecords]]) : groupBy(dayRecords, (r) => String(articleGroup(r.path, count2)));
        for (const [group, list2] of [...split].sort(([a], [b]) => Number(a) - Number(b))) chunks.push({ name: articleChunk(day, Number(group)), records: list2.sort(byPath) });
      }
      const hash = contentHash([`${LAYOUT_FORMAT} articles ${period} ${index}/${count}`, JSON.stringify(groups), ...chunks.flatMap((c) => [c.name, ...c.records.map((r) => digestOf(r).digest)])]);
      return addPack(hash, () => encodePack(hash, chunks.map((c) => [c.name, itemsChunk(null, c.records)]), { groups }));
    });
  }
  const directoryJson = JSON.stringify(feeds.filter((f) => f.list.kind !== "main").map((f) => f.info).sort(byId));
  const directory = contentHash([`${LAYOUT_FORMAT} directory`, directoryJson]);
  addPack(directory, () => encodePack(directory, [["directory", compress2(directoryJson)]]));
  const summaries = new Map(feeds.map(({ list, info, tags }) => [list.id, tags ? { info, tags } : { info }]));
  return { hot, directory, feeds: runFeeds, aliases, articles, packs, summaries };
}

// src/bundle/layout/plan.ts
function planLayout(records, site2, options = {}) {
  const pageSize = site2.itemsPerFeed;
  const epochs = new Map(records.map((r) => [r, Date.parse(r.date)]));
  const epochOf = (r) => epochs.get(r) ?? Date.parse(r.date);
  const cut = chooseCut(records, epochOf, (r) => digestOf(r).bytes, options.previousCut, options.limits);
  let split = 0;
  while (split < records.length && epochOf(records[split]) > cut) split++;
  const sealed = layOutSealed(records.slice(split), site2, epochOf);
  const items = [];
  const index = /* @__PURE__ */ new Map();
  const itemIndex = (record) => {
    let at = index.get(record);
    if (at === void 0) index.set(record, at = items.push({ key: "", json: JSON.stringify(record) }) - 1);
    return at;
  };
  const meta = { feeds: {}, infos: {}, articles: {} };
  for (const list of collectFeeds(records.slice(0, split), site2, epochOf)) {
    if (!list.items.length && list.kind !== "main") continue;
    meta.infos[list.id] = summarizeFeed(list, list.items, pageSize, sealed.summaries.get(list.id)).info;
    if (list.items.length) meta.feeds[list.id] = list.items.map(itemIndex);
  }
  for (const record of records.slice(0, split)) meta.articles[record.path] = itemIndex(record);
  const { hot, directory, feeds, aliases, articles, packs } = sealed;
  return { pageSize, cut, hot, directory, feeds, aliases, articles, delta: { meta, items }, packs };
}

// src/bundle/deploy.ts
var BATCH_PAIRS = 5e3;
var BATCH_BYTES = 64 * 1024 * 1024;
function olderLayoutKeys(bytes) {
  try {
    const old = JSON.parse(new TextDecoder().decode(bytes));
    if (!Array.isArray(old.feedPacks)) return void 0;
    return [...old.feedPacks, ...Object.values(old.articlePacks ?? {}).flat(), ...old.directoryPack ? [old.directoryPack] : [], ...(old.retired ?? []).map((r) => r.key)];
  } catch {
    return void 0;
  }
}
async function readKvState(store) {
  const bytes = await store.getBytes(MANIFEST_KEY);
  if (bytes === null) return { head: null, live: [], stray: [], orphans: await store.listKeys(generationPrefix(1)) };
  try {
    const manifest = decodeManifest(bytes);
    const live = await liveKeys(manifest);
    return { head: manifest.head, live, stray: [], orphans: await store.listKeys(generationPrefix(manifest.head.generation + 1)) };
  } catch {
    const older = olderLayoutKeys(bytes);
    const stray = older ?? await store.listKeys(PACK_PREFIX);
    return { head: null, live: [], stray, orphans: older ? await store.listKeys(generationPrefix(1)) : [] };
  }
}
async function planAgainst(store, records, site2, now, limits) {
  const state = await readKvState(store);
  return planDeploy(planLayout(records, site2, { previousCut: state.head?.cut, limits }), state, now);
}
async function applyPlan(store, plan, progress = () => {
}) {
  const packs = plan.puts.filter((p) => p.key !== MANIFEST_KEY);
  const manifest = plan.puts.find((p) => p.key === MANIFEST_KEY);
  let done = 0;
  let batch = [];
  let bytes = 0;
  const flush = async () => {
    if (!batch.length) return;
    await store.putMany(batch);
    done += batch.length;
    progress(done, plan.puts.length, "upload");
    batch = [];
    bytes = 0;
  };
  for (const put of packs) {
    const value = put.make();
    if (batch.length >= BATCH_PAIRS || bytes + value.byteLength > BATCH_BYTES) await flush();
    batch.push({ key: put.key, value });
    bytes += value.byteLength;
  }
  await flush();
  if (manifest) {
    await store.putMany([{ key: manifest.key, value: manifest.make() }]);
    progress(plan.puts.length, plan.puts.length, "upload");
  }
  if (plan.deletes.length) {
    await store.deleteMany(plan.deletes);
    progress(plan.deletes.length, plan.deletes.length, "delete");
  }
}

// src/bundle/report.ts
function makeReport(postsDir, result, plan, seconds, kv) {
  return {
    postsDir,
    posts: result.records.length,
    rendered: result.rendered,
    unchanged: result.unchanged,
    writes: plan.puts.length,
    deletes: plan.deletes.length,
    kept: plan.kept,
    version: plan.manifest.version,
    kv,
    seconds,
    skipped: result.skipped,
    problems: result.problems
  };
}
var megabytes = (bytes) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1)} MB`;
function printReport(report) {
  for (const problem of report.problems) console.error(`${problem.severity}: ${problem.file}${problem.line ? `:${problem.line}` : ""}: ${problem.message}`);
  const failed = new Set(report.problems.filter((p) => p.severity === "error").map((p) => p.file));
  for (const skip of report.skipped.filter((s) => !failed.has(s.file))) console.error(`skipped: ${skip.file}: ${skip.reason}`);
  const { kv } = report;
  console.log(
    `${report.posts} posts published (${report.rendered} rendered, ${report.unchanged} unchanged), ${report.skipped.length} skipped, ${report.problems.length} problems; KV: ${report.writes} writes (${megabytes(kv.bytesSent)}), ${report.deletes} deletes, ${kv.reads} reads, ${kv.lists} lists, ${report.kept} packs kept; version ${report.version}`
  );
}

// src/bundle/publish.ts
var StrictModeError = class extends Error {
};
async function publish({ postsDir, store, cacheDir, dryRun = false, progress = false, strict = false, threads, now = Date.now() }) {
  const info = await stat(postsDir).catch(() => void 0);
  if (!info?.isDirectory()) throw new Error(`no posts folder at ${postsDir}`);
  const started = performance.now();
  const result = await bundlePosts(postsDir, site, { threads: threads ?? availableParallelism(), cacheDir, progress, now });
  const renderSeconds = (performance.now() - started) / 1e3;
  return deployRecords(result, postsDir, new CountingKvStore(store), { dryRun, progress, strict, renderSeconds, now });
}
async function deployRecords(result, postsDir, store, { dryRun, progress, strict, renderSeconds, now }) {
  const seconds = { render: renderSeconds, layout: 0, upload: 0 };
  let started = performance.now();
  const plan = await planAgainst(store, result.records, site, now);
  seconds.layout = (performance.now() - started) / 1e3;
  const report = makeReport(postsDir, result, plan, seconds, store.counts);
  if (strict && report.problems.length) {
    printReport(report);
    throw new StrictModeError(`--strict: ${report.problems.length} problems, nothing written`);
  }
  if (dryRun) {
    for (const put of plan.puts) console.log(`would write ${put.key} (${put.make().byteLength} bytes)`);
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

// src/bundle/cli/options.ts
function readCliOptions(argv = process.argv.slice(2)) {
  const { values } = parseArgs({
    args: argv,
    options: {
      posts: { type: "string", default: "posts" },
      out: { type: "string", default: "dist/bundle" },
      previous: { type: "string" },
      port: { type: "string", default: "8787" },
      state: { type: "string", default: ".wrangler/state" },
      "dry-run": { type: "boolean", default: false },
      cache: { type: "string", default: ".bundle/cache" },
      "no-cache": { type: "boolean", default: false },
      strict: { type: "boolean", default: false },
      threads: { type: "string" }
    },
    strict: true
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`--port must be a port number, not ${values.port}`);
  const threads = values.threads === void 0 ? void 0 : Number(values.threads);
  if (threads !== void 0 && !(Number.isInteger(threads) && threads >= 1)) throw new Error(`--threads must be a whole number from 1, not ${values.threads}`);
  return { threads, posts: values.posts, out: values.out, previous: values.previous, port, state: values.state, dryRun: values["dry-run"], cache: values["no-cache"] ? void 0 : values.cache, strict: values.strict };
}
function runCli(main) {
  main().catch((error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
function publishWith(options, store) {
  return publish({ postsDir: options.posts, cacheDir: options.cache, progress: true, dryRun: options.dryRun, strict: options.strict, threads: options.threads, store });
}

export {
  MANIFEST_KEY,
  bulkEntry,
  WranglerKvStore,
  readCliOptions,
  runCli,
  publishWith
};
//# sourceMappingURL=chunk-DLUZULWA.js.map
