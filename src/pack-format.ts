/**
 * A pack is one KV value holding many JSON documents ("chunks"), so that a deploy writes a few
 * large keys instead of one key per post or feed page. Layout, as UTF-8 text:
 *
 *   {"<chunk name>":[offset,length],…}\n<chunk bytes><chunk bytes>…
 *
 * Offsets and lengths count bytes after the newline. A reader decodes only the header and the one
 * chunk it wants, so the CPU a request spends does not grow with the pack.
 */
const decoder = new TextDecoder();
const NEWLINE = 0x0a;

/** UTF-8 length without encoding: UTF-16 code units of 1, 2 or 3 bytes, a surrogate pair 4. */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

export function encodePack(chunks: Iterable<readonly [name: string, json: string]>): string {
  const header: Record<string, [number, number]> = {};
  const parts: string[] = [];
  let offset = 0;
  for (const [name, json] of chunks) {
    const length = byteLength(json);
    header[name] = [offset, length];
    parts.push(json);
    offset += length;
  }
  // JSON.stringify never writes a raw newline, so the first one ends the header.
  return `${JSON.stringify(header)}\n${parts.join("")}`;
}

export class CorruptPackError extends Error {}

function toBytes(pack: ArrayBuffer | Uint8Array): Uint8Array {
  return pack instanceof Uint8Array ? pack : new Uint8Array(pack);
}

function readHeader(bytes: Uint8Array): { header: Record<string, [number, number]>; bodyStart: number } {
  const end = bytes.indexOf(NEWLINE);
  if (end < 0) throw new CorruptPackError("pack has no header");
  try {
    return { header: JSON.parse(decoder.decode(bytes.subarray(0, end))), bodyStart: end + 1 };
  } catch {
    throw new CorruptPackError("pack header is not JSON");
  }
}

/** One chunk, parsed; undefined when the pack has no chunk of that name. */
export function readChunk<T>(pack: ArrayBuffer | Uint8Array, name: string): T | undefined {
  const bytes = toBytes(pack);
  const { header, bodyStart } = readHeader(bytes);
  const place = Object.hasOwn(header, name) ? header[name] : undefined;
  if (!place) return undefined;
  const [offset, length] = place;
  if (bodyStart + offset + length > bytes.byteLength) throw new CorruptPackError(`chunk ${name} runs past the end of the pack`);
  try {
    return JSON.parse(decoder.decode(bytes.subarray(bodyStart + offset, bodyStart + offset + length))) as T;
  } catch {
    throw new CorruptPackError(`chunk ${name} is not JSON`);
  }
}
