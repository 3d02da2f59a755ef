// N live isolates of one Cloudflare location, each polling one feed for the first time after a deploy,
// with and without the location's cache (the Cache API): KV reads and CPU, all isolates together.
// Run by `npm run bench` in a process of its own, as:
//   tsx tests/bench/isolates.ts <worker bundle> <path> <isolates> <rounds> <kv-put.json>...
// Each isolate is a fresh copy of the deployed Worker bundle (its own module state: manifest,
// item lists, rendered bodies), as workerd gives each isolate. The location's cache is undici's
// Cache API, the WHATWG one workerd also implements; the Worker and undici then share undici's
// Request and Response classes, so they stand in for Node's in this process only.
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Headers, Request, Response, caches as cacheStorage } from "undici";
import { MemoryKv } from "../support/memory-kv.js";

export interface IsolateFigures {
  isolates: number;
  rounds: number;
  /** Per round, all isolates together: KV reads, and CPU ms (median of the rounds). */
  without: { kvReads: number; cpuMs: number };
  with: { kvReads: number; cpuMs: number };
}

type Handler = { fetch(request: Request, env: unknown, ctx: unknown): Promise<Response> | Response };

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const [bundle, path, isolatesArg, roundsArg, ...kvFiles] = process.argv.slice(2);
  const isolates = Number(isolatesArg);
  const rounds = Number(roundsArg);
  Object.assign(globalThis, { Request, Response, Headers });
  const kv = new MemoryKv();
  for (const file of kvFiles) await kv.putFile(file);
  let reads = 0;
  const namespace = kv.namespace();
  const env = { POSTS: { get: (...args: unknown[]) => ((reads += 1), (namespace.get as (...a: unknown[]) => unknown)(...args)) } };
  // a module is instantiated once per URL, and tsx drops a query string: one file per isolate
  const copies = await mkdtemp(join(tmpdir(), "isolates-"));
  let copy = 0;
  const freshWorker = async (): Promise<Handler> => {
    const file = join(copies, `worker-${copy++}.mjs`);
    await copyFile(bundle!, file);
    return ((await import(pathToFileURL(file).href)) as { default: Handler }).default;
  };

  /** One round: `isolates` fresh copies of the Worker each answer `path` once, one after another. */
  async function round(shared: boolean): Promise<{ kvReads: number; cpuMs: number }> {
    const workers: Handler[] = [];
    for (let i = 0; i < isolates; i++) workers.push(await freshWorker());
    const name = `location-${copy}`;
    Object.assign(globalThis, { caches: shared ? { default: await cacheStorage.open(name) } : undefined });
    // a live isolate has answered something before: the route table and the page shell are ready
    for (const worker of workers) await (await worker.fetch(new Request("https://finews.test/no-such-page"), env, { waitUntil() {}, passThroughOnException() {} })).arrayBuffer();
    reads = 0;
    let cpu = 0;
    for (const worker of workers) {
      const pending: Promise<unknown>[] = [];
      const ctx = { waitUntil: (work: Promise<unknown>) => pending.push(work), passThroughOnException() {} };
      const start = cpuMs();
      const res = await worker.fetch(new Request(`https://finews.test${path}`), env, ctx);
      await res.arrayBuffer();
      await Promise.all(pending);
      cpu += cpuMs() - start;
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    }
    await cacheStorage.delete(name);
    return { kvReads: reads, cpuMs: cpu };
  }

  await round(false); // compiles the code once for the process, as a live location has
  const without: { kvReads: number; cpuMs: number }[] = [];
  const withCache: { kvReads: number; cpuMs: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    without.push(await round(false));
    withCache.push(await round(true));
  }
  const figures: IsolateFigures = {
    isolates,
    rounds,
    without: { kvReads: median(without.map((f) => f.kvReads)), cpuMs: median(without.map((f) => f.cpuMs)) },
    with: { kvReads: median(withCache.map((f) => f.kvReads)), cpuMs: median(withCache.map((f) => f.cpuMs)) },
  };
  await rm(copies, { recursive: true });
  console.log(JSON.stringify(figures));
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
