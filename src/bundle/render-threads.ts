import { Worker } from "node:worker_threads";
import type { Site } from "../site.js";
import { buildPost, type BuildResult } from "./build-post.js";

/**
 * Builds posts on `threads` worker threads: the list is cut into one slice a thread, since posts
 * cost about the same to render and a work queue would only add messages. One thread, or few
 * posts, build in this thread.
 */
export async function buildInThreads(files: { file: string; text: string }[], site: Site, threads: number): Promise<BuildResult[]> {
  if (threads <= 1 || files.length < 200) return files.map(({ file, text }) => buildPost(file, text, site));
  const size = Math.ceil(files.length / threads);
  const slices = Array.from({ length: threads }, (_, i) => files.slice(i * size, (i + 1) * size)).filter((s) => s.length);
  const results = await Promise.all(
    slices.map(
      (slice) =>
        new Promise<BuildResult[]>((resolve, reject) => {
          const worker = new Worker(new URL("./render-worker-boot.mjs", import.meta.url), { workerData: { files: slice, site } });
          worker.once("message", (message: BuildResult[]) => {
            resolve(message);
            void worker.terminate();
          });
          worker.once("error", reject);
        }),
    ),
  );
  return results.flat();
}
