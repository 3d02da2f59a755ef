import { kvKeys } from "../kv-keys.js";
import type { FeedIndex, PostRecord } from "../post.js";

/** The feed index, or undefined when nothing has been deployed yet. */
export async function readIndex(kv: KVNamespace): Promise<FeedIndex | undefined> {
  return (await kv.get<FeedIndex>(kvKeys.index, "json")) ?? undefined;
}

export async function readPost(kv: KVNamespace, path: string): Promise<PostRecord | undefined> {
  return (await kv.get<PostRecord>(kvKeys.post(path), "json")) ?? undefined;
}
