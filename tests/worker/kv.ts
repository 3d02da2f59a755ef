import { env } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { inject } from "vitest";

type BundleName = "samples" | "corpusSite" | "generated" | "blog";

/** Replaces the KV namespace's contents with one of the bundles made by the real bundler. */
export async function loadBundle(name: BundleName): Promise<void> {
  const entries = inject("bundles")[name];
  if (!entries) throw new Error(`bundle ${name} is not available`);
  await clearKv();
  await putEntries(entries);
}

/** Writes entries made in Node (values in base64) into the Worker's KV. */
export async function putEntries(entries: readonly { key: string; base64: string }[]): Promise<void> {
  await Promise.all(entries.map((entry) => env.POSTS.put(entry.key, Uint8Array.from(atob(entry.base64), (c) => c.charCodeAt(0)))));
}

export async function clearKv(): Promise<void> {
  const { keys } = await env.POSTS.list();
  await Promise.all(keys.map((key) => env.POSTS.delete(key.name)));
}

export function hasBundle(name: BundleName): boolean {
  return inject("bundles")[name] !== null;
}

/** A request to the Worker under test, as a feed reader or browser would send it. */
export function get(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`http://127.0.0.1:8787${path}`, init));
}
