import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { root } from "./shared.js";
import type * as tasks from "./js-work-tasks.js";

type Tasks = typeof tasks;

/** Where the deploy's own code runs from (as file URLs, and as paths for CommonJS): src/ and the packages it depends on (package-lock.json's non-dev ones). */
function deployCode(): string[] {
  const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  const folders = ["src", ...Object.entries(lock.packages).filter(([path, entry]) => path && !entry.dev && !entry.devOptional).map(([path]) => path)];
  return folders.flatMap((folder) => [`${join(root, folder)}/`, `${pathToFileURL(join(root, folder)).href}/`]);
}

/**
 * JavaScript work, counted rather than timed: how many times each function and each block of the
 * deploy's own code (src/ and its libraries) ran, summed, from V8's precise coverage. The same
 * work gives the same count on any machine, busy or not (within about 1 %: what V8 counts
 * varies that little from run to run). The tasks (js-work-tasks.ts) run in a
 * thread of their own whose coverage starts before any of that code is compiled: code compiled
 * before would be counted by its calls only. Work done outside JavaScript (TextDecoder, the regular
 * expression engine, hashing) is not counted.
 */
export class JsWorkMeter {
  private constructor(private readonly thread: Worker) {}

  static async start(): Promise<JsWorkMeter> {
    const thread = new Worker(new URL("./js-work-thread.mjs", import.meta.url), { workerData: { prefixes: deployCode() } });
    await new Promise((resolve, reject) => thread.once("message", resolve).once("error", reject));
    return new JsWorkMeter(thread);
  }

  /** Runs `task` with `args` in the meter's thread: the work it did, and what it returned. */
  count<T extends keyof Tasks>(task: T, ...args: Parameters<Tasks[T]>): Promise<{ work: number; result: Awaited<ReturnType<Tasks[T]>> }> {
    return new Promise((resolve, reject) => {
      this.thread.once("message", (message: { work: number; result: Awaited<ReturnType<Tasks[T]>> } | { error: string }) => ("error" in message ? reject(new Error(message.error)) : resolve(message)));
      this.thread.postMessage({ task, args });
    });
  }

  async stop(): Promise<void> {
    await this.thread.terminate();
  }
}

/**
 * How much more work an input of `size * 2` takes than one of `size`, by `count`: about 2 when the
 * work is linear in the input, about 4 when it is quadratic.
 */
export async function workGrowth(count: (size: number) => Promise<number>, size: number): Promise<number> {
  await count(size / 4); // lazy parts made before either is measured
  return (await count(size * 2)) / (await count(size));
}
