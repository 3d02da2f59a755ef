// One build thread: builds each chunk of post files it is sent and sends the outcomes back, in order.
import { parentPort, workerData } from "node:worker_threads";
import { postContext } from "./context.js";
import { buildPostFile } from "./post-file.js";
import type { BuildSettings, PostJob } from "./build-threads.js";

const { root, config, site, now } = workerData as BuildSettings;
const context = postContext(root, config, site, now);
parentPort!.on("message", (jobs: PostJob[]) => {
  parentPort!.postMessage(jobs.map(({ postFile, lastKey }) => buildPostFile(root, postFile, context, lastKey)));
});
