// One render thread: builds the post files it is handed and sends the results back, in order.
import { parentPort, workerData } from "node:worker_threads";
import type { Site } from "../site.js";
import { buildPost } from "./build-post.js";

interface Job {
  files: { file: string; text: string }[];
  site: Site;
}

const { files, site } = workerData as Job;
parentPort!.postMessage(files.map(({ file, text }) => buildPost(file, text, site)));
