/** Percent-encodes one path segment the way Jekyll's URL escaping does (sub-delims stay). */
export function escapePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|3A|40)/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * The canonical form of a request path, as permalinks are stored: each segment decoded, then
 * encoded again, so `/央视/…` and `/%E5%A4%AE%E8%A7%86/…` find the same post.
 */
export function canonicalPath(pathname: string): string {
  return pathname
    .split("/")
    .map((segment) => {
      try {
        return escapePathSegment(decodeURIComponent(segment));
      } catch {
        return segment;
      }
    })
    .join("/");
}
