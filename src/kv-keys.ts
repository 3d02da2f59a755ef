/** Every KV key name the bundler writes and the Worker reads. */
export const kvKeys = {
  /** The feed index (newest posts, with content): home page and main feeds. */
  index: "index",
  /** One post record, by its canonical (percent-encoded) permalink path. */
  post: (path: string) => `post:${path}`,
  postPrefix: "post:",
} as const;
