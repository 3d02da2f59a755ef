import {
  buildPostFile
} from "./chunk-APZ3DEWB.js";

// src/bundle/render-worker.ts
import { parentPort, workerData } from "node:worker_threads";
var { root, site } = workerData;
parentPort.on("message", (jobs) => {
  parentPort.postMessage(jobs.map(({ file, lastKey }) => buildPostFile(root, file, site, lastKey)));
});
//# sourceMappingURL=render-worker.js.map
