// The thread of tests/support/js-work.ts: precise coverage starts first, then tsx and the tasks load.
import { Session } from "node:inspector/promises";
import { parentPort, workerData } from "node:worker_threads";

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
const { register } = await import("tsx/esm/api");
register();
const tasks = await import("./js-work-tasks.ts");
const { prefixes } = workerData;

parentPort.on("message", async ({ task, args }) => {
  try {
    await session.post("Profiler.takePreciseCoverage"); // counts from here
    const result = await tasks[task](...args);
    const { result: scripts } = await session.post("Profiler.takePreciseCoverage");
    let work = 0;
    for (const script of scripts) {
      if (!prefixes.some((prefix) => script.url.startsWith(prefix))) continue;
      for (const fn of script.functions) for (const range of fn.ranges) work += range.count;
    }
    parentPort.postMessage({ work, result });
  } catch (error) {
    parentPort.postMessage({ error: String(error?.stack ?? error) });
  }
});
parentPort.postMessage("ready");
