import { layOutCorpusSite, postFilesOf } from "../support/shared.js";
// npm run bench [-- --count 10000 --duration 10 --smoke --json <file>]: every performance figure
// in one run, as ratios against references measured in the same run (see docs/performance.md).
import autocannon from "autocannon";
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { generateCorpus } from "../../tools/corpus.js";
import { measureDay, measureScale, type ScaleFigures } from "./cadence.js";
import { startCeiling } from "./ceiling.js";
import { startPublisher } from "./dev-server.js";
import { edgeApp, measureAfterDeploy, measureEdgeCpu, measureFiltered } from "./edge-cpu.js";
import { makeHugoSite } from "./hugo-site.js";
import type { IsolateFigures } from "./isolates.js";

const root = resolve(import.meta.dirname, "../..");
const { values } = parseArgs({
  options: {
    count: { type: "string", default: "10000" },
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    runs: { type: "string", default: "200" },
    smoke: { type: "boolean", default: false },
    "no-cadence": { type: "boolean", default: false },
    json: { type: "string" },
  },
});
const smoke = values.smoke!;
const count = smoke ? 200 : Number(values.count);
const duration = smoke ? 1 : Number(values.duration);
const runs = smoke ? 5 : Number(values.runs);

interface Timed {
  seconds: number;
  peakMb?: number;
  output: string;
}

/** Runs a command to its end: wall time, and peak resident memory where GNU time is there to tell. */
function timed(command: string, args: string[], cwd = root): Promise<Timed> {
  const gnuTime = existsSync("/usr/bin/time");
  const argv = gnuTime ? ["/usr/bin/time", "-f", "__peak_kb %M", command, ...args] : [command, ...args];
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: { ...process.env, WRANGLER_SEND_METRICS: "false" } });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`${command} ${args.join(" ")} failed:\n${output}`));
      const peak = /__peak_kb (\d+)/.exec(output);
      resolvePromise({ seconds: (performance.now() - started) / 1000, peakMb: peak ? Number(peak[1]) / 1024 : undefined, output });
    });
  });
}

async function serve(url: string, path: string, headers: Record<string, string> = {}) {
  const result = await autocannon({ url: url + path, connections: Number(values.connections), duration, headers });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.timeouts };
}

const fmt = (n: number | undefined, digits = 2) => (n === undefined ? "–" : n.toFixed(digits));

async function main() {
  const work = await mkdtemp(join(tmpdir(), "bench-"));
  const posts = join(work, "posts");
  // the same command as `npm run bundle`, without npm's own start-up in the timing
  const bundleCli = [join(root, "bin/publisher.mjs"), "bundle"];
  const rows: [string, string, string, string][] = [];
  const results: Record<string, unknown> = { date: new Date().toISOString(), count, smoke };
  const row = (what: string, figure: string, reference: string, target: string) => rows.push([what, figure, reference, target]);

  // 1. Bundle: ours against Hugo on the same posts, then 300 more posts onto the deployed corpus.
  await generateCorpus({ count, out: posts, samples: join(root, "posts") });
  const cache = join(work, "cache");
  await timed(process.execPath, [...bundleCli, "--posts", join(root, "posts"), "--out", join(work, "warm"), "--no-cache"]); // compiles the bundler, untimed
  const full = await timed(process.execPath, ["--max-old-space-size=768", ...bundleCli, "--posts", posts, "--out", join(work, "full"), "--cache", cache]);
  const fullReport = JSON.parse(await readFile(join(work, "full/report.json"), "utf8"));
  let hugoSeconds: number | undefined;
  if (spawnSync("hugo", ["version"]).status === 0) {
    await makeHugoSite(posts, join(work, "hugo"));
    hugoSeconds = (await timed("hugo", ["--quiet", "-d", join(work, "hugo-out")], join(work, "hugo"))).seconds;
  }
  await generateCorpus({ count: 300, out: posts, samples: join(root, "posts"), lastDay: "2024-07-01", seed: 2 });
  const incremental = await timed(process.execPath, ["--max-old-space-size=768", ...bundleCli, "--posts", posts, "--out", join(work, "incremental"), "--cache", cache, "--previous", join(work, "full")]);
  const incReport = JSON.parse(await readFile(join(work, "incremental/report.json"), "utf8"));
  results.bundle = { stages: { full: fullReport.seconds, incremental: incReport.seconds }, seconds: full.seconds, postsPerSecond: count / full.seconds, peakMb: full.peakMb, hugoSeconds, incrementalSeconds: incremental.seconds, writes: fullReport.writes, incrementalWrites: incReport.writes };
  const stages = (r: { seconds: { build: number; layout: number; upload: number } }) => `build ${fmt(r.seconds.build)}, layout ${fmt(r.seconds.layout)}, write ${fmt(r.seconds.upload)}`;
  row(`bundle ${count} posts`, `${fmt(full.seconds)} s (${stages(fullReport)}; ${fmt(count / full.seconds, 0)} posts/s, ${fmt(full.peakMb, 0)} MB peak)`, hugoSeconds ? `Hugo ${fmt(hugoSeconds)} s, ratio ${fmt(full.seconds / hugoSeconds)}` : "Hugo not installed: apt-get install hugo", "≤ 0.5 × Hugo");
  row("+300 posts (incremental)", `${fmt(incremental.seconds)} s (${stages(incReport)}), ${incReport.built} built`, `ratio to full ${fmt(incremental.seconds / full.seconds)}`, "≤ 0.1 × full");

  // 2. Render at the edge: CPU per request, first render of a version (cold) and repeats (warm).
  const edge = await edgeApp([join(work, "full/kv-put.json"), join(work, "incremental/kv-put.json")]);
  const newest = JSON.parse(await (await edge("/feed.json")).text()) as { items: { url: string }[] };
  const article = new URL(newest.items[0]!.url).pathname;
  const routes = ["/rss.xml", "/atom.xml", "/feed.json", "/category/emnews/rss.xml", article];
  const cpu = await measureEdgeCpu(edge, routes, runs);
  results.edgeCpu = cpu;
  for (const f of cpu) {
    const isArticle = f.route === article;
    row(`CPU ${isArticle ? "article page" : f.route}`, `cold p50 ${fmt(f.coldP50)} / p99 ${fmt(f.coldP99)} ms; warm p50 ${fmt(f.warmP50)} / p99 ${fmt(f.warmP99)} ms`, "feed@6 alone ≈ 6.7 ms for 50 RSS items", isArticle ? "≤ 1 ms" : "cold ≤ 3 ms, warm ≤ 0.5 ms");
  }

  // 3. Serve under wrangler dev, next to a ceiling Worker returning the same bytes from memory.
  const server = await startPublisher(root, posts);
  let ceiling;
  try {
    const rss = await fetch(`${server.url}/rss.xml`);
    const rssBody = await rss.text();
    const etag = rss.headers.get("etag")!;
    const articleBody = await (await fetch(server.url + article)).text();
    ceiling = await startCeiling(root, join(work, "ceiling"), {
      "/rss.xml": { body: rssBody, contentType: rss.headers.get("content-type")! },
      [article]: { body: articleBody, contentType: "text/html; charset=utf-8" },
    });
    const serveResults: Record<string, unknown> = {};
    for (const [label, path, headers] of [
      ["/rss.xml", "/rss.xml", {}],
      ["article page", article, {}],
      ["304 revalidation of /rss.xml", "/rss.xml", { "if-none-match": etag }],
    ] as const) {
      const ours = await serve(server.url, path, headers);
      const top = await serve(ceiling.url, path, headers);
      serveResults[label] = { ours, ceiling: top, ratio: ours.rps / top.rps };
      row(`serve ${label}`, `${fmt(ours.rps, 0)} req/s, p99 ${ours.p99} ms, ${ours.errors} errors`, `ceiling ${fmt(top.rps, 0)} req/s, p99 ${top.p99} ms; ratio ${fmt(ours.rps / top.rps)}`, "ratio ≥ 0.9");
    }
    results.serve = serveResults;
  } finally {
    await server.stop();
    await ceiling?.stop();
  }

  // 4. Size of the Worker as deployed.
  const out = join(work, "worker");
  await timed(join(root, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out]);
  const script = await readFile(join(out, "index.js"));
  const gzip = gzipSync(script, { level: 9 }).byteLength;
  results.worker = { bytes: script.byteLength, gzip };
  row("Worker bundle", `${fmt(script.byteLength / 1024, 1)} KB, ${fmt(gzip / 1024, 1)} KB gzip`, "", "≤ 64 KB gzip");

  // 4b. One location's isolates polling one feed after a deploy, with and without Cloudflare's cache.
  const isolates = smoke ? 4 : 16;
  const kvFiles = [join(work, "full/kv-put.json"), join(work, "incremental/kv-put.json")];
  const shared = await timed(join(root, "node_modules/.bin/tsx"), [join(root, "tests/bench/isolates.ts"), join(out, "index.js"), "/atom.xml", String(isolates), smoke ? "2" : "7", ...kvFiles]);
  const sharing = JSON.parse(shared.output.split("\n").find((l) => l.startsWith("{"))!) as IsolateFigures;
  results.isolates = sharing;
  row(
    `${isolates} isolates poll /atom.xml after a deploy`,
    `with the Cache API: ${sharing.with.kvReads} KV reads, ${fmt(sharing.with.cpuMs, 1)} ms CPU`,
    `without: ${sharing.without.kvReads} KV reads, ${fmt(sharing.without.cpuMs, 1)} ms CPU; ratio ${fmt(sharing.with.cpuMs / sharing.without.cpuMs)}`,
    "one render and one item-list read per location",
  );

  // 5. KV
  row("KV writes", `first deploy ${fullReport.writes}, +300 posts ${incReport.writes}`, "Free plan: 1,000 a day", "≤ 1,000 each");
  row("KV reads per request", "2 at most (manifest + one pack; tests/worker/deploy.test.ts counts them)", "", "≤ 2");

  // 6. The archive's cadence: +1 post onto large archives, a day of pushes, what KV holds.
  if (!values["no-cadence"]) {
    const bundle = (args: string[]) => timed(process.execPath, ["--max-old-space-size=768", ...bundleCli, ...args]);
    const sizes = smoke ? [200, 400] : [20_000, 100_000];
    const categories = smoke ? 20 : 2_000;
    const scales: (ScaleFigures & Awaited<ReturnType<typeof measureScale>>)[] = [];
    for (const posts of sizes) scales.push(await measureScale(work, join(root, "posts"), posts, categories, bundle));
    // the routes that read every stream, at the archive's scale, right after a deploy
    const afterDeploy = await measureAfterDeploy(
      [join(work, `cadence-${sizes[0]}-first/kv-put.json`), join(work, `cadence-${sizes[0]}-plus-one/kv-put.json`)],
      ["/opml.xml", "/categories/", "/feed.json", "/category/emnews/rss.xml"],
      smoke ? 5 : 50,
    );
    results.afterDeploy = afterDeploy;
    for (const f of afterDeploy) row(`CPU ${f.route} after a deploy, ${sizes[0]} posts in ${categories} categories`, `p50 ${fmt(f.p50)} / p99 ${fmt(f.p99)} ms`, "", "≤ 10 ms (the Free plan's limit)");
    // ?q= filters at that scale: the first filtered request of each feed (its window not yet read), and again
    const scaleFiles = [join(work, `cadence-${sizes[0]}-first/kv-put.json`), join(work, `cadence-${sizes[0]}-plus-one/kv-put.json`)];
    const scaleEdge = await edgeApp(scaleFiles);
    const newestTitle = (JSON.parse(await (await scaleEdge("/feed.json")).text()) as { items: { title: string }[] }).items[0]!.title;
    const term = encodeURIComponent(Array.from(newestTitle).slice(0, 2).join(""));
    const catalog = await (await scaleEdge("/categories/")).text();
    const categoryPaths = [...catalog.matchAll(/<a href="(\/category\/[^"]+\/)">/g)].slice(0, smoke ? 5 : 50).map((m) => `${m[1]}feed.json?q=${term}`);
    results.filtered = {};
    for (const [label, paths] of [["site feed", [`/feed.json?q=${term}`, `/atom.xml?q=${term}`, `/rss.xml?q=${term}`]], ["category feeds", categoryPaths]] as const) {
      const plain = await measureFiltered(scaleFiles, paths.map((path) => path.replace(/\?q=.*$/, "")));
      const filtered = await measureFiltered(scaleFiles, [...paths]);
      (results.filtered as Record<string, unknown>)[label] = { plain, filtered };
      row(
        `?q= on the ${label}, ${sizes[0]} posts in ${categories} categories`,
        `cold p50 ${fmt(filtered.coldP50)} (max ${fmt(filtered.coldMax)}) ms, warm p50 ${fmt(filtered.warmP50)} ms, ${filtered.reads} KV reads at most`,
        `unfiltered: cold p50 ${fmt(plain.coldP50)} (max ${fmt(plain.coldMax)}) ms, warm ${fmt(plain.warmP50)} ms, ${plain.reads} KV reads`,
        "≤ 10 ms, ≤ 3 KV reads",
      );
    }
    const day = await measureDay(work, join(root, "posts"), scales[0]!, smoke ? 4 : 288, smoke ? 20 : 300, bundle);
    const kb = (bytes: number) => `${fmt(bytes / 1024, 0)} KB`;
    const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 1)} MB`;
    for (const scale of scales) {
      const ratio = scale.plusOne.seconds / scale.first.seconds;
      row(
        `+1 post onto ${scale.posts} (${categories} categories)`,
        `${scale.plusOne.writes} writes, ${kb(scale.plusOne.bytesSent)} sent, ${scale.plusOne.reads} reads, ${scale.plusOne.lists} list; ${fmt(scale.plusOne.seconds)} s (median of ${scale.plusOne.runs.map((r) => fmt(r)).join(", ")})`,
        `first deploy ${fmt(scale.first.seconds)} s, ${scale.first.writes} writes, ${mb(scale.first.bytesSent)}; ratio ${fmt(ratio)}`,
        "≤ 3 writes, ≤ 1 MB, ≤ 0.1 × first",
      );
    }
    row(
      `a day: ${day.pushes} pushes, ${day.posts} posts onto ${sizes[0]}`,
      `${day.writes} writes, ${day.deletes} deletes, ${day.reads} reads, ${day.lists} lists, ${mb(day.bytesSent)} sent, ${day.compactions} compactions; ${fmt(day.secondsMedian)} s a deploy (max ${fmt(day.secondsMax)})`,
      "Free plan: 1,000 writes, 1,000 deletes, 1,000 lists a day",
      "≤ 500 writes, ≤ 500 deletes",
    );
    // the archive's own posts (../shared), where present: real news, against the generator's unique bodies
    const corpus = await layOutCorpusSite();
    let real = "";
    if (corpus) {
      const out = join(work, "corpus-out");
      await bundle(["--posts", corpus, "--out", out, "--no-cache"]);
      const entries = JSON.parse(await readFile(join(out, "kv-put.json"), "utf8")) as { key: string; value: string }[];
      const kv = entries.reduce((total, { key, value }) => total + key.length + Buffer.byteLength(value, "base64"), 0);
      const md = (await Promise.all((await postFilesOf(corpus)).map(async (file) => (await readFile(join(corpus, file))).byteLength))).reduce((a, b) => a + b, 0);
      real = `; the archive's own posts (../shared corpus): ${fmt(kv / md)}`;
    }
    const big = scales.at(-1)!;
    const perPost = big.kvBytes / big.posts;
    const years = (1024 ** 3 / perPost - 17_000) / 110_000;
    row(
      "KV at rest / Markdown",
      scales.map((s) => `${s.posts} posts: ${mb(s.kvBytes)} / ${mb(s.markdownBytes)} = ${fmt(s.kvBytes / s.markdownBytes)}`).join("; ") + `; after the day: ${fmt(day.kvBytes / day.markdownBytes)}${real}`,
      `${fmt(perPost, 0)} bytes a post at ${big.posts}: 1 GB holds ${fmt(1024 ** 3 / perPost / 1e6, 2)} M posts, ${fmt(years, 1)} years at +110,000 a year`,
      "≤ 1.5",
    );
    row(`bundle ${big.posts} posts, memory`, `${fmt(big.first.peakMb, 0)} MB peak, ${fmt(big.first.seconds)} s`, "", "< 1 GB");
    results.cadence = { scales: scales.map(({ dir: _d, cache: _c, state: _s, sizes: _z, ...figures }) => figures), day };
  }

  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["what", "figure", "reference (same run)", "target"][i]!.length));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log([line(["what", "figure", "reference (same run)", "target"]), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
  const jsonFile = values.json ?? join(root, "dist/bench", `bench-${results.date as string}.json`.replace(/:/g, "-"));
  await mkdir(resolve(jsonFile, ".."), { recursive: true });
  await writeFile(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`results: ${jsonFile}`);
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
