// One build thread: builds each chunk of post files it is sent and sends the outcomes back, in order.
import { parentPort, workerData } from "node:worker_threads";
import type { Site } from "../../site.js";
import { buildPostFile } from "./post-file.js";
import type { PostJob } from "./build-threads.js";

const { root, site } = workerData as { root: string; site: Site };
parentPort!.on("message", (jobs: PostJob[]) => {
  parentPort!.postMessage(jobs.map(({ file, lastKey }) => buildPostFile(root, file, site, lastKey)));
});
