/** Every KV key name the bundler writes and the Worker reads. */
export const kvKeys = {
  /** The manifest of the version being served (src/post.ts `Manifest`): the only key ever overwritten. */
  manifest: "manifest",
  /** Immutable, content-addressed packs of chunks (src/pack-format.ts). */
  packPrefix: "pack/",
  pack: (hash: string) => `pack/${hash}`,
} as const;
