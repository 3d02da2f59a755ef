// The project's commands run for real, as a newcomer runs them, and posts that change between runs.
import { spawn, type ChildProcess } from "node:child_process";
import { cp, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPosts } from "../../src/bundler/records/build-posts.js";
import { root } from "./shared.js";

const env = { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" };

export function npm(args: string[]): ChildProcess {
  return spawn("npm", args, { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
}

export function finished(child: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, output })));
}

/** posts/ copied, then changed a little at each step: a new post, an older one edited, one removed, one renamed. */
export async function changingPosts(): Promise<{ dir: string; steps: (() => Promise<void>)[] }> {
  const dir = await mkdtemp(join(tmpdir(), "chain-posts-"));
  await cp(join(root, "posts"), dir, { recursive: true });
  const at = (name: string) => join(dir, "_posts", name);
  return {
    dir,
    steps: [
      async () => {},
      async () => {
        await writeFile(at("2024-03-16-202403160000000010.md"), '---\ntitle: "新的一篇"\ndate: 2024-03-16 09:30:00 +0800\ncategories: emnews\ntags: 东财滚动新闻\n---\n新的正文。\n');
        const older = at("2024-03-10-202403101000000006.md");
        await writeFile(older, (await readFile(older, "utf8")).replace(/^title: .*$/m, 'title: "示例：改过的标题"'));
      },
      async () => {
        await rm(at("2024-03-12-202403121000000005.md"));
        await rename(at("2024-03-13-202403131000000004.md"), at("2024-03-13-renamed.md"));
      },
    ],
  };
}

export async function pathsOf(dir: string): Promise<string[]> {
  return (await buildPosts(dir)).records.map((r) => r.path).sort();
}
