import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface DevServer {
  url: string;
  stop(): Promise<void>;
}

/** Runs a command that ends in a server on `port` (loopback only), and waits until it answers. */
export async function startServer(command: string, args: string[], port: number, cwd: string): Promise<DevServer> {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(" ")} exited:\n${output}`);
    try {
      await fetch(`${url}/`);
      return { url, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  await stop();
  throw new Error(`no answer on ${url} within 120 s:\n${output}`);
}

/** `npm start` on a posts folder, with its own local KV, on a free loopback port. */
export async function startPublisher(root: string, posts: string): Promise<DevServer> {
  const port = await freePort();
  const state = await mkdtemp(join(tmpdir(), "wrangler-state-"));
  return startServer("npm", ["start", "--silent", "--", "--posts", posts, "--port", String(port), "--state", state], port, root);
}
