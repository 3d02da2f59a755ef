import { Worker } from "node:worker_threads";
import type { Site } from "../site.js";
import { buildPost, type BuildResult } from "./build-post.js";

interface Job {
  files: { file: string; text: string }[];
  resolve(results: BuildResult[]): void;
  reject(error: Error): void;
}

/**
 * Render threads, started once and kept for the whole bundle (each pays for loading the bundler
 * once). A batch is cut into one slice per thread, this one included: posts cost about the same
 * to render, so a work queue would only add messages. With one thread, or a small batch, posts
 * build in this thread alone.
 */
export class RenderPool {
  private workers: Worker[] = [];
  private pending = new Map<Worker, Job>();

  constructor(private readonly site: Site, private readonly threads: number) {}

  private start(): void {
    for (let i = 1; i < this.threads; i++) {
      const worker = new Worker(new URL("./render-worker-boot.mjs", import.meta.url), { workerData: { site: this.site } });
      worker.on("message", (results: BuildResult[]) => {
        const job = this.pending.get(worker);
        this.pending.delete(worker);
        job?.resolve(results);
      });
      worker.on("error", (error) => {
        this.pending.get(worker)?.reject(error);
        this.pending.delete(worker);
      });
      this.workers.push(worker);
    }
  }

  async build(files: { file: string; text: string }[]): Promise<BuildResult[]> {
    if (this.threads <= 1 || files.length < 200) return files.map(({ file, text }) => buildPost(file, text, this.site));
    if (!this.workers.length) this.start();
    const size = Math.ceil(files.length / (this.workers.length + 1));
    const others = this.workers.map(
      (worker, i) =>
        new Promise<BuildResult[]>((resolve, reject) => {
          const slice = files.slice((i + 1) * size, (i + 2) * size);
          if (!slice.length) return resolve([]);
          this.pending.set(worker, { files: slice, resolve, reject });
          worker.postMessage(slice);
        }),
    );
    const own = files.slice(0, size).map(({ file, text }) => buildPost(file, text, this.site));
    return [own, ...(await Promise.all(others))].flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.workers = [];
  }
}
