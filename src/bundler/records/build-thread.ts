// One build thread: builds each chunk of post files it is sent and sends the outcomes back, in order.
import { parentPort, workerData } from "node:worker_threads";
import type { Site } from "../../site.js";
import type { SiteConfig } from "../site/config.js";
import { postContext } from "./context.js";
import { buildPostFile } from "./post-file.js";
import type { PostJob } from "./build-threads.js";

const { root, config, site, now } = workerData as { root: string; config: SiteConfig; site: Site; now: number };
const context = postContext(root, config, site, now);
parentPort!.on("message", (jobs: PostJob[]) => {
  parentPort!.postMessage(jobs.map(({ postFile, lastKey }) => buildPostFile(root, postFile, context, lastKey)));
});
