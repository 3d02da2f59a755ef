// One render thread: builds each batch of post files it is sent and sends the results back, in order.
import { parentPort, workerData } from "node:worker_threads";
import type { Site } from "../site.js";
import { buildPost } from "./build-post.js";

const { site } = workerData as { site: Site };
parentPort!.on("message", (files: { file: string; text: string }[]) => {
  parentPort!.postMessage(files.map(({ file, text }) => buildPost(file, text, site)));
});
