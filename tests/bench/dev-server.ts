import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A loopback port free now, below Linux's ephemeral range (32768–60999): the kernel never hands it
 * to an outgoing connection, so between choosing it and a server binding it only another server can take it.
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => server.once("error", () => resolve(false)).listen(port, "127.0.0.1", () => resolve(true)));
    if (bound) {
      await new Promise((resolve) => server.close(resolve));
      return port;
    }
  }
}

export interface DevServer {
  url: string;
  /** What the command printed so far. */
  output(): string;
  /** Stops the command and every process it started (wrangler, workerd), and waits until they are gone. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // no process left in the group
  }
}

/** Stops a process group started with `detached: true`: SIGTERM, then SIGKILL for what outlives it by 10 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", resolve));
  signalGroup(child.pid, "SIGTERM");
  await exited;
  // workerd and wrangler may outlive npm for a moment, holding the port
  for (let waited = 0; signalGroup(child.pid, 0); waited += 100) {
    if (waited === 10_000) signalGroup(child.pid, "SIGKILL");
    if (waited >= 20_000) return;
    await sleep(100);
  }
}

/** Runs a command that ends in a server on `port` (loopback only), and waits until it answers; throws, with its output, if it exits first. */
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
  const server = { url, output: () => output, stop: () => stopGroup(child) };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await server.stop();
      throw new Error(`${command} ${args.join(" ")} exited:\n${output}`);
    }
    try {
      await fetch(`${url}/`);
      return server;
    } catch {
      await sleep(300);
    }
  }
  await server.stop();
  throw new Error(`no answer on ${url} within 120 s:\n${output}`);
}

/**
 * `npm start` on a posts folder, on `port` or a free loopback port, with the local KV in `state` (a
 * new one by default). A free port another process takes between choosing and binding it is chosen again.
 */
export async function startPublisher(root: string, posts: string, options: { state?: string; port?: number; args?: string[] } = {}): Promise<DevServer> {
  const state = options.state ?? (await mkdtemp(join(tmpdir(), "wrangler-state-")));
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startServer("npm", ["start", "--silent", "--", "--posts", posts, "--port", String(port), "--state", state, ...(options.args ?? [])], port, root);
    } catch (error) {
      if (options.port !== undefined || attempt === 3 || !/EADDRINUSE|Address already in use/i.test((error as Error).message)) throw error;
    }
  }
}
