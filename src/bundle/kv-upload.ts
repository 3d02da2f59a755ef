import { execFile, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { KvEntry } from "./pack.js";

const run = promisify(execFile);
/** Remote KV, or the local KV that `wrangler dev` reads, kept in the given folder. */
export type KvTarget = { kind: "remote" } | { kind: "local"; state: string };

const BINDING = "POSTS";

function wrangler(args: string[]): Promise<{ stdout: string }> {
  return run("wrangler", args, {
    maxBuffer: 1 << 30,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
}

function targetFlags(target: KvTarget): string[] {
  return target.kind === "remote" ? ["--remote"] : ["--local", "--persist-to", target.state];
}

async function listKeys(target: KvTarget): Promise<string[]> {
  const { stdout } = await wrangler(["kv", "key", "list", "--binding", BINDING, ...targetFlags(target)]);
  return (JSON.parse(stdout) as { name: string }[]).map((k) => k.name);
}

/**
 * Makes the KV namespace hold exactly `entries`: puts them all, then deletes the keys that are
 * no longer part of the bundle. Local (`wrangler dev`) and remote go the same way.
 */
export async function uploadToKv(entries: KvEntry[], target: KvTarget): Promise<{ put: number; deleted: number }> {
  const wanted = new Set(entries.map((e) => e.key));
  const stale = (await listKeys(target)).filter((key) => !wanted.has(key));
  const dir = await mkdtemp(join(tmpdir(), "feed-publisher-"));
  try {
    const putFile = join(dir, "kv-put.json");
    await writeFile(putFile, JSON.stringify(entries));
    await wrangler(["kv", "bulk", "put", putFile, "--binding", BINDING, ...targetFlags(target)]);
    if (stale.length > 0) {
      const deleteFile = join(dir, "kv-delete.json");
      await writeFile(deleteFile, JSON.stringify(stale));
      await wrangler(["kv", "bulk", "delete", deleteFile, "--binding", BINDING, ...targetFlags(target), "--force"]);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { put: entries.length, deleted: stale.length };
}

/** Runs a wrangler command in the foreground, with its output on this terminal. */
export function runWrangler(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("wrangler", args, {
      stdio: "inherit",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}
