/**
 * The OPML pack: `/opml.xml` as the publish rendered it (src/opml.ts), uncompressed, with the byte
 * 0 where the request's origin goes. Named by its text, so it is written only when the list of
 * streams or a title changes, not on every post.
 */
import { encodePack, PackError, type Pack } from "./pack.js";

export const OPML_PACK = "opml" as const;
const CHUNK = "opml";

export function encodeOpmlPack(hash: string, text: string): Uint8Array {
  return encodePack({ hash, kind: OPML_PACK }, [[CHUNK, new TextEncoder().encode(text)]]);
}

/** The rendered document, UTF-8 (`opmlFor` puts the origin in). */
export function readOpmlPack(pack: Pack): Uint8Array {
  const bytes = pack.chunk(CHUNK);
  if (!bytes) throw new PackError("the OPML pack has no OPML");
  return bytes;
}
