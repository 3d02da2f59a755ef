import { postFilesOf } from "../support/shared.js";
// The archive's cadence, through the real command: +1 post onto a large archive, a day of pushes
// every 5 minutes, and what KV holds afterwards, against the posts' own Markdown.
import { mkdir, readFile, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { generateCorpus } from "../../tools/corpus.js";

export interface Timed {
  seconds: number;
  peakMb?: number;
  output: string;
}

interface Report {
  posts: number;
  kv: { reads: number; writes: number; deletes: number; lists: number; bytesSent: number };
  seconds: { build: number; layout: number; upload: number };
}

export interface ScaleFigures {
  posts: number;
  categories: number;
  markdownBytes: number;
  first: { seconds: number; peakMb?: number; writes: number; bytesSent: number };
  /** +1 post, run three times over the same state: the median, and each run. */
  plusOne: { seconds: number; runs: number[]; writes: number; bytesSent: number; reads: number; lists: number };
  /** KV at rest after the first deploy, and per post. */
  kvBytes: number;
}

export interface DayFigures {
  pushes: number;
  posts: number;
  writes: number;
  deletes: number;
  reads: number;
  lists: number;
  bytesSent: number;
  compactions: number;
  secondsMedian: number;
  secondsMax: number;
  /** KV at rest at the end of the day, against the Markdown of every post then published. */
  kvBytes: number;
  markdownBytes: number;
}

type Bundle = (args: string[]) => Promise<Timed>;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function markdownBytes(dir: string): Promise<number> {
  let bytes = 0;
  for (const file of await postFilesOf(dir)) bytes += (await readFile(join(dir, file))).byteLength;
  return bytes;
}

const readReport = async (out: string) => JSON.parse(await readFile(join(out, "report.json"), "utf8")) as Report;

/** KV as a deploy's outputs leave it: key → value size, puts then deletes applied. */
async function applySizes(sizes: Map<string, number>, out: string): Promise<void> {
  for (const { key, value } of JSON.parse(await readFile(join(out, "kv-put.json"), "utf8")) as { key: string; value: string }[]) {
    sizes.set(key, Buffer.byteLength(value, "base64"));
  }
  for (const key of JSON.parse(await readFile(join(out, "kv-delete.json"), "utf8")) as string[]) sizes.delete(key);
}

const sum = (sizes: Map<string, number>) => [...sizes].reduce((total, [key, size]) => total + key.length + size, 0);

/**
 * `posts` unique-body posts in `categories` media categories (posts that compress no better than
 * real news): a first deploy with an empty build cache, then one more post, deployed three times
 * over the first deploy's state, each as the scheduled job would (build cache kept).
 */
export async function measureScale(work: string, samples: string, posts: number, categories: number, bundle: Bundle): Promise<ScaleFigures & { dir: string; cache: string; state: string; sizes: Map<string, number> }> {
  const dir = join(work, `cadence-${posts}`);
  const cache = join(work, `cadence-${posts}-cache`);
  await generateCorpus({ count: posts, out: dir, samples, categories, unique: true, lastDay: "2024-06-30" });
  const md = await markdownBytes(dir);
  const firstOut = join(work, `cadence-${posts}-first`);
  // the clock of the archive's own days: posts are due, and retired packs go after their grace period, as then
  const first = await bundle(["--posts", dir, "--out", firstOut, "--cache", cache, "--now", "2024-07-01T12:00:00+08:00"]);
  const firstReport = await readReport(firstOut);
  const sizes = new Map<string, number>();
  await applySizes(sizes, firstOut);
  const kvBytes = sum(sizes);
  await generateCorpus({ count: 1, out: dir, samples, categories, unique: true, lastDay: "2024-07-01", seed: 2 });
  const runs: number[] = [];
  let report: Report | undefined;
  const plusOut = join(work, `cadence-${posts}-plus-one`);
  for (let run = 0; run < 3; run++) {
    runs.push((await bundle(["--posts", dir, "--out", plusOut, "--cache", cache, "--previous", firstOut, "--now", "2024-07-01T23:59:59+08:00"])).seconds);
    report ??= await readReport(plusOut);
  }
  await applySizes(sizes, plusOut);
  return {
    posts,
    categories,
    markdownBytes: md,
    first: { seconds: first.seconds, peakMb: first.peakMb, writes: firstReport.kv.writes, bytesSent: firstReport.kv.bytesSent },
    plusOne: { seconds: median(runs), runs, writes: report!.kv.writes, bytesSent: report!.kv.bytesSent, reads: report!.kv.reads, lists: report!.kv.lists },
    kvBytes,
    dir,
    cache,
    state: plusOut,
    sizes,
  };
}

/** The date line of a generated post, as epoch ms. */
async function postTime(file: string): Promise<number> {
  const line = /^date: (\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) \+0800$/m.exec(await readFile(file, "utf8"))!;
  return Date.parse(`${line[1]}T${line[2]}+08:00`);
}

/**
 * A day at the real cadence onto an archive already deployed (`state`): `perDay` posts dated that
 * day arrive with the push after their time, `pushes` pushes spread over the day (288: every 5
 * minutes), each one deployed with `--previous` the one before.
 */
export async function measureDay(
  work: string,
  samples: string,
  archive: { dir: string; cache: string; state: string; sizes: Map<string, number>; categories: number },
  pushes: number,
  perDay: number,
  bundle: Bundle,
): Promise<DayFigures> {
  const staging = join(work, "cadence-day");
  await generateCorpus({ count: perDay, out: staging, samples, categories: archive.categories, unique: true, lastDay: "2024-07-02", seed: 3, perDay });
  const waiting = await Promise.all((await readdir(join(staging, "_posts"))).map(async (name) => ({ name, at: await postTime(join(staging, "_posts", name)) })));
  // every 5 minutes for 288 pushes, the last at midnight so that it carries the day's last posts;
  // fewer pushes (the smoke run) still span the day
  const every = (24 * 60 * 60_000) / pushes;
  const start = Date.parse("2024-07-02T00:00:00+08:00") + every;
  const figures: DayFigures = { pushes, posts: 0, writes: 0, deletes: 0, reads: 0, lists: 0, bytesSent: 0, compactions: 0, secondsMedian: 0, secondsMax: 0, kvBytes: 0, markdownBytes: 0 };
  const seconds: number[] = [];
  let previous = archive.state;
  let cut: number | undefined;
  await mkdir(join(archive.dir, "_posts"), { recursive: true });
  for (let push = 0; push < pushes; push++) {
    const now = start + push * every;
    for (const post of waiting.filter((p) => p.at <= now)) {
      await rename(join(staging, "_posts", post.name), join(archive.dir, "_posts", post.name));
      waiting.splice(waiting.indexOf(post), 1);
      figures.posts++;
    }
    const out = join(work, `cadence-push-${push % 2}`);
    await rm(out, { recursive: true, force: true });
    const clock = new Date(now).toISOString();
    seconds.push((await bundle(["--posts", archive.dir, "--out", out, "--cache", archive.cache, "--previous", previous, "--now", clock])).seconds);
    const report = await readReport(out);
    figures.writes += report.kv.writes;
    figures.deletes += report.kv.deletes;
    figures.reads += report.kv.reads;
    figures.lists += report.kv.lists;
    figures.bytesSent += report.kv.bytesSent;
    await applySizes(archive.sizes, out);
    const state = JSON.parse(await readFile(join(out, "state.json"), "utf8")) as { manifest: string };
    const head = JSON.parse(Buffer.from(state.manifest, "base64").toString("utf8").split("\n")[0]!) as { meta: { cut: number } };
    if (cut !== undefined && head.meta.cut !== cut) figures.compactions++;
    cut = head.meta.cut;
    previous = out;
  }
  figures.secondsMedian = median(seconds);
  figures.secondsMax = Math.max(...seconds);
  figures.kvBytes = sum(archive.sizes);
  figures.markdownBytes = await markdownBytes(archive.dir);
  return figures;
}
