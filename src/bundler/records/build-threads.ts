import { Worker } from "node:worker_threads";
import type { Site } from "../../site.js";
import type { SiteConfig } from "../site/config.js";
import type { PostFile } from "../site/post-files.js";
import { postContext } from "./context.js";
import type { PostContext } from "./build-post.js";
import { buildPostFile, type FileOutcome } from "./post-file.js";

/** A post file to build; `lastKey` is the hash of the text of its last build, if there is one. */
export interface PostJob {
  postFile: PostFile;
  lastKey?: string;
}

/** What the threads build with: the site, read once by the publish. */
export interface BuildSettings {
  root: string;
  config: SiteConfig;
  site: Site;
  /** The publish's clock (Liquid's `site.time`). */
  now: number;
}

/** Fewer posts than this are built in this thread alone. */
const THREADED = 1_000;
/** Posts handed out at a time: small enough that threads finish together, large enough that messages cost little. */
const CHUNK = 100;

/**
 * Build threads, started for the first large batch and kept for the whole run. A batch is a
 * queue of chunks that the threads and this thread take from until it is empty, so a slower
 * thread simply takes fewer.
 */
export class BuildPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<Worker, { resolve(results: FileOutcome[]): void; reject(error: Error): void }>();

  private context?: PostContext;

  constructor(private readonly settings: BuildSettings, private readonly threads: number) {}

  /** Threads start only for a run worth their start-up (about 0.3 s each, loading the bundler). */
  private start(): void {
    // Compiled by bin/publisher.mjs, the build thread is plain JavaScript beside this code; from
    // the TypeScript sources (tests), a boot file registers tsx first.
    const script = import.meta.url.endsWith(".ts") ? new URL("./build-thread-boot.mjs", import.meta.url) : new URL("./build-thread.js", import.meta.url);
    for (let i = 1; i < this.threads; i++) {
      const worker = new Worker(script, { workerData: this.settings });
      worker.on("message", (results: FileOutcome[]) => {
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

  private send(worker: Worker, chunk: PostJob[]): Promise<FileOutcome[]> {
    return new Promise((resolve, reject) => {
      this.waiting.set(worker, { resolve, reject });
      worker.postMessage(chunk);
    });
  }

  /** Builds `files`, outcomes in the same order; `onDone` hears how many are done so far. */
  async build(files: PostJob[], onDone?: (done: number) => void): Promise<FileOutcome[]> {
    const results: FileOutcome[] = new Array(files.length);
    let done = 0;
    const finish = (start: number, outcomes: FileOutcome[]) => {
      outcomes.forEach((outcome, i) => (results[start + i] = outcome));
      onDone?.((done += outcomes.length));
    };
    const { root, config, site, now } = this.settings;
    const context = (this.context ??= postContext(root, config, site, now));
    const buildHere = (chunk: PostJob[]) => chunk.map(({ postFile, lastKey }) => buildPostFile(root, postFile, context, lastKey));
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
    const thread = async (worker: Worker) => {
      while (next < files.length) {
        const { start, chunk } = take();
        finish(start, await this.send(worker, chunk));
      }
    };
    const own = async () => {
      while (next < files.length) {
        const { start, chunk } = take();
        finish(start, buildHere(chunk));
        // let the threads' answers in, so they are given their next chunk
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    await Promise.all([...this.workers.map(thread), own()]);
    return results;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers.length = 0;
  }
}
