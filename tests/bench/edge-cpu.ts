import { MANIFEST_KEY } from "../../src/kv/keys.js";
import { decodeManifest, eachSection, encodeManifest } from "../../src/kv/manifest.js";
import app from "../../src/worker/index.js";
import { MemoryKv } from "../support/memory-kv.js";

/** A request to the Worker: a path, and the host it is sent to (default 127.0.0.1:8787). */
export type Fetch = (path: string, host?: string) => Promise<Response>;

/**
 * The Worker's own handler, run in this process over the KV that applying these `kv-put.json`
 * files in order would leave: the CPU a request costs at the edge, without workerd's or the
 * network's share. KV reads cost nothing but a copy of the value, as KV hands the Worker a fresh
 * buffer, so only compute is timed. Same V8 as workerd; the figures are for comparing, not for the bill.
 */
export async function edgeApp(kvPutFiles: string[]): Promise<Fetch> {
  const kv = new MemoryKv();
  for (const file of kvPutFiles) await kv.putFile(file);
  const env = { POSTS: kv.namespace() };
  return (path, host = "127.0.0.1:8787") => Promise.resolve(app.fetch(new Request(`http://${host}${path}`), env));
}

export interface CpuFigures {
  route: string;
  coldP50: number;
  coldP99: number;
  warmP50: number;
  warmP99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Milliseconds of CPU per request, p50 and p99. "Cold" is a render this isolate has not done yet
 * (sent to a host it has not seen: links are built on the origin, so its cache of rendered bodies
 * keys on it), as after a deploy; "warm" is the same request again.
 */
export async function measureEdgeCpu(fetchPath: Fetch, routes: string[], runs: number): Promise<CpuFigures[]> {
  const request = async (path: string, host: string) => {
    const res = await fetchPath(path, host);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  };
  // the first requests of a process pay for compiling the code, which a live isolate has done
  for (const route of routes) for (let i = 0; i < 20; i++) await request(route, `warmup-${i}.test`);
  // Routes take turns, so that a slow minute of the shared machine falls on all of them alike.
  const times = new Map(routes.map((route) => [route, { cold: [] as number[], warm: [] as number[] }]));
  for (let i = 0; i < runs; i++) {
    for (const route of routes) {
      const host = `cold-${i}.test`;
      let start = cpuMs();
      await request(route, host);
      times.get(route)!.cold.push(cpuMs() - start);
      start = cpuMs();
      await request(route, host);
      times.get(route)!.warm.push(cpuMs() - start);
    }
  }
  const figures: CpuFigures[] = [];
  for (const [route, { cold, warm }] of times) {
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    figures.push({ route, coldP50: percentile(cold, 50), coldP99: percentile(cold, 99), warmP50: percentile(warm, 50), warmP99: percentile(warm, 99) });
  }
  return figures;
}

/**
 * Milliseconds of CPU of each route's first request after a deploy, p50 and p99: before each
 * round the manifest is written again under a new version, so nothing the isolate kept for a
 * version (rendered bodies, the directory) is used, as after each of the archive's 288 deploys a
 * day. Its sections are unchanged, so they are not parsed again (a real deploy changes the delta:
 * a little more). The code is warm, as in a live isolate.
 */
export async function measureAfterDeploy(kvPutFiles: string[], routes: string[], runs: number): Promise<{ route: string; p50: number; p99: number }[]> {
  const kv = new MemoryKv();
  for (const file of kvPutFiles) await kv.putFile(file);
  const env = { POSTS: kv.namespace(), MANIFEST_TTL_SECONDS: "0" };
  const manifest = decodeManifest((await kv.getBytes(MANIFEST_KEY))!);
  const sections = eachSection((name) => manifest.pack.chunk(name)!);
  const times = new Map(routes.map((route) => [route, [] as number[]]));
  for (let round = -10; round < runs; round++) {
    const version = `after-deploy-${round}`;
    await kv.putMany([{ key: MANIFEST_KEY, value: encodeManifest({ ...manifest.head, version }, sections) }]);
    for (const route of routes) {
      const start = cpuMs();
      const res = await app.fetch(new Request(`http://127.0.0.1:8787${route}`), env);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${route} answered ${res.status}`);
      if (round >= 0) times.get(route)!.push(cpuMs() - start);
    }
  }
  return [...times].map(([route, list]) => {
    list.sort((a, b) => a - b);
    return { route, p50: percentile(list, 50), p99: percentile(list, 99) };
  });
}

/**
 * The CPU and KV reads of the first `?q=` request of each of `paths` (each a feed whose window
 * this process has not read yet: what a filtered request costs cold), and of the same request again.
 */
export async function measureFiltered(kvPutFiles: string[], paths: string[]): Promise<{ coldP50: number; coldMax: number; warmP50: number; reads: number }> {
  const kv = new MemoryKv();
  for (const file of kvPutFiles) await kv.putFile(file);
  let reads = 0;
  const namespace = kv.namespace();
  const counting = { get: (key: string, options?: unknown) => (reads++, (namespace.get as (k: string, o?: unknown) => Promise<unknown>)(key, options)) } as unknown as KVNamespace;
  const env = { POSTS: counting, MANIFEST_TTL_SECONDS: "0" };
  const cold: number[] = [];
  const warm: number[] = [];
  let mostReads = 0;
  for (const path of paths) {
    for (const times of [cold, warm]) {
      reads = 0;
      const start = cpuMs();
      const res = await app.fetch(new Request(`http://127.0.0.1:8787${path}`), env);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
      times.push(cpuMs() - start);
      if (times === cold) mostReads = Math.max(mostReads, reads);
    }
  }
  cold.sort((a, b) => a - b);
  warm.sort((a, b) => a - b);
  return { coldP50: percentile(cold, 50), coldMax: cold.at(-1)!, warmP50: percentile(warm, 50), reads: mostReads };
}

